"""Doctest set-up for the Python API's examples (kg/api): ``kg`` imported and ``store``, a store
built from data/ (once per session, and only when such an example runs)."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def example_store(tmp_path_factory) -> Path:
    """A store ``kg build`` wrote from the curated files in data/."""
    from kg.build import build

    path = tmp_path_factory.mktemp("example") / "store"
    build(Path(__file__).parent / "data", path)
    return path


@pytest.fixture(autouse=True)
def _api_examples(request, doctest_namespace):
    if type(request.node).__name__ == "DoctestItem" and request.node.name.startswith("kg.api."):
        import kg

        doctest_namespace.update(kg=kg, store=request.getfixturevalue("example_store"))
