"""What `pip install .` (not editable) ships: every file the package reads at run time."""
from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_under_kg_is_declared_package_data():
    """A data file left out of [tool.setuptools.package-data] is missing from an installed copy,
    where the module that reads it fails on import (the drug-name table once was)."""
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = conf["tool"]["setuptools"]["package-data"]["kg"]
    data = [p.relative_to(ROOT / "kg").as_posix() for p in (ROOT / "kg").rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert data, "no data files found: the test would pass on nothing"
    missing = [f for f in data if not any(fnmatch(f, g) for g in globs)]
    assert missing == []


def test_the_licence_is_an_spdx_expression():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert conf["project"]["license"] == "MIT"
