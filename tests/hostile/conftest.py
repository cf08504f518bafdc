"""A world per case (copies of the data and of the session's store) and a garbage server."""
from __future__ import annotations

import pytest

from tests.hostile.world import Garbage, make_world


@pytest.fixture(scope="session")
def garbage():
    with Garbage() as server:
        yield server


@pytest.fixture
def world(built, tmp_path, garbage):
    return make_world(tmp_path, built["store"], garbage.url)
