"""Lookups and store-backed questions import only what they need: no rdflib, networkx or pyvis."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("rdflib", "networkx", "pyvis", "pyshacl")


@pytest.mark.parametrize("args", [
    ["lookup", "atezolizumab"], ["query", "approvals"], ["query", "withdrawn"],
    ["query", "evidence", "atezolizumab", "TNBC"], ["query", "trials", "atezolizumab", "--phase", "3"],
    ["query", "drugs-for-target", "PD-L1"], ["query", "as-of", "2020-01-01"], ["query", "contradictions"],
])
def test_no_heavy_imports(built, args):
    code = ("import sys, json\nfrom kg.cli import main\ntry:\n    main(%r)\nexcept SystemExit as e:\n"
            "    assert e.code == 0, e.code\nprint(json.dumps(sorted(m for m in sys.modules)))" % (args + ["--store", str(built["store"]), "--format", "json"]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    modules = set(json.loads(out.strip().splitlines()[-1]))
    assert not {m for m in modules if m.split(".")[0] in HEAVY}
