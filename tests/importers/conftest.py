"""Importer tests: a fresh copy of the store built from the curated data, and the fixture files."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def copy_store(built, dst: Path) -> Path:
    """A copy of the session's curated store (tests must not change the shared one)."""
    store = dst / "store"
    shutil.copytree(built["store"], store)
    return store


@pytest.fixture
def store_copy(built, tmp_path):
    return copy_store(built, tmp_path)


def sparql(store, query: str) -> list:
    """Rows of a SELECT over the store (fresh read-only handle), values as strings."""
    from kg.store.local import open_store

    head = ("PREFIX kg: <https://w3id.org/oncokg/ontology#>\nPREFIX biolink: <https://w3id.org/biolink/vocab/>\n"
            "PREFIX id: <https://w3id.org/oncokg/id/>\n")
    res = open_store(store).query(head + query)
    return [tuple(row[v].value if row[v] is not None else None for v in range(len(res.variables))) for row in res]
