"""The test suite never touches the user's environment: with $KG_STORE pointing at a user's
store, running the CLI tests (which build stores) leaves that store exactly as it was."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_user_settings_inside_tests(isolated_from_user):
    from tests.conftest import TEST_CONTROLS

    assert not [n for n in os.environ if n.startswith("KG_") and n not in TEST_CONTROLS]
    assert Path(os.environ["HOME"]) == isolated_from_user


def test_cli_tests_leave_a_users_store_alone(tmp_path):
    user_store = tmp_path / "user-store"
    user_store.mkdir()
    (user_store / "marker").write_text("the user's own store")
    env = {**os.environ, "KG_STORE": str(user_store), "HOME": str(tmp_path / "home")}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_cli.py::test_build_lookup_query_export_stats",
                           "tests/test_cli.py::test_bad_data_exits_2_and_writes_nothing"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(p.name for p in user_store.iterdir()) == ["marker"]
    assert (user_store / "marker").read_text() == "the user's own store"
