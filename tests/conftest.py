"""Shared fixtures: the project's curated data, a store built from it once per session,
a tiny valid dataset to break in bad-input tests, and a CLI runner."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MINI = Path(__file__).parent / "fixtures" / "mini"
#: ../shared beside the checkout; $KG_SHARED names it elsewhere (e.g. for a git worktree)
SHARED = Path(os.environ.get("KG_SHARED") or ROOT.parent / "shared")


#: KG_ settings that steer the test run itself (CI's); every other KG_ variable is the user's.
TEST_CONTROLS = ("KG_REQUIRE_VIRTUOSO", "KG_REQUIRE_TOOLS", "KG_SHARED")


@pytest.fixture(scope="session", autouse=True)
def isolated_from_user(tmp_path_factory):
    """Every test runs as a new user would: no $KG_STORE (or other KG_ setting) from the shell
    that started pytest, and a home folder of its own, so nothing a test does can write into
    the user's store or home."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        for name in [n for n in os.environ if n.startswith("KG_") and n not in TEST_CONTROLS]:
            mp.delenv(name)
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_CONFIG_HOME", str(home / ".config"))
        mp.setenv("XDG_CACHE_HOME", str(home / ".cache"))
        mp.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
        yield home


@pytest.fixture(scope="session")
def dataset():
    from kg.sources.curated import load_dataset

    return load_dataset(DATA)


@pytest.fixture(scope="session")
def graph(dataset):
    from kg.graph.networkx_graph import build_graph

    return build_graph(dataset)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """A store and exports folder built from data/ (once for the whole session)."""
    from kg.build import build

    base = tmp_path_factory.mktemp("kg")
    stats = build(DATA, base / "store", base / "exports")
    return {"store": base / "store", "exports": base / "exports", "stats": stats}


@pytest.fixture(scope="session")
def store(built):
    from kg.store.local import open_store

    return open_store(built["store"])


@pytest.fixture(scope="session")
def layered(tmp_path_factory):
    """A store of data/ plus one layer (a drug, its mechanism and a trial, tied to curated
    records), so that the data is in two partitions (once for the whole session)."""
    from kg.build import build, save_layer
    from tests.test_build import drug_layer

    base = tmp_path_factory.mktemp("layered")
    build(DATA, base / "store")
    save_layer(base / "store", "drugs-x", drug_layer(), {"release": "1"})
    return base / "store"


@pytest.fixture
def mini(tmp_path):
    """A copy of the tiny valid dataset that a test may edit."""
    dst = tmp_path / "data"
    shutil.copytree(MINI, dst)
    return dst


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


def refresh_manifest(data_dir: Path) -> dict:
    """Write ``data_dir/MANIFEST`` for the files as they are (what ``kg manifest --update`` does),
    for tests that add or remove curated files on purpose."""
    from kg.sources.curated import load_dataset
    from kg.sources.manifest import update

    read: dict = {}
    load_dataset(data_dir, manifest=False, read=read)
    return update(data_dir, read)


def shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared material is read from ../shared)")
    return path


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A private Virtuoso Open Source server on loopback (see tests/virtuoso.py), or a skip with
    the reason; with $KG_REQUIRE_VIRTUOSO set (CI) a missing Virtuoso fails instead."""
    import os

    from tests.virtuoso import Virtuoso, available

    reason = available()
    if reason:
        if os.environ.get("KG_REQUIRE_VIRTUOSO"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    yield server
    server.stop()
