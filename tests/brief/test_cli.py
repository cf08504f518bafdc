"""``kg brief`` on the command line: Markdown to standard output, HTML to a file, --as-of,
--audience, names resolved as lookup resolves them, bad input refused with exit code 2 and
nothing written, and no heavy import."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kg.cli import cli


def _run(runner, built, *args):
    return runner.invoke(cli, ["brief", *args, "--store", str(built["store"])], catch_exceptions=False)


def test_markdown_to_stdout(runner, built):
    r = _run(runner, built, "Tecentriq")
    assert r.exit_code == 0, r.output
    assert r.output.startswith("# Atezolizumab: what the evidence graph holds")
    for heading in ("## Mechanism", "## Regulatory history", "## Evidence by indication and setting",
                    "## Limitations", "## Still open", "## About this page", "## References"):
        assert heading in r.output
    assert "not medical advice" in r.output.split("## About this page")[1]


def test_html_for_an_indication_to_a_file(runner, built, tmp_path):
    out = tmp_path / "tnbc.html"
    r = _run(runner, built, "atezolizumab", "triple-negative breast cancer", "--format", "html", "--output", str(out))
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text and "<script" not in text
    assert "Atezolizumab in triple-negative breast carcinoma" in text
    assert "IMpassion131" in text and "ALEXANDRA" in text and "GeparDouze" in text


def test_as_of_and_audience(runner, built, tmp_path):
    out = tmp_path / "keytruda-2020.html"
    r = _run(runner, built, "pembrolizumab", "--as-of", "2020-06-30", "--format", "html", "--output", str(out))
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    body = text.split("<h2>References")[0]
    assert "As of 2020-06-30" in text and "KEYNOTE-522 results" in body  # NEJM, 2020-02-27
    assert "2021-07-26" not in body  # its approval in early TNBC came later
    dense = _run(runner, built, "atezolizumab", "--audience", "clinician").output
    plain = _run(runner, built, "atezolizumab").output
    assert len(dense) > len(plain) and "p=" in dense


@pytest.mark.parametrize("args,word", [
    (["nosuchdrug"], "not found"), (["atezolizumab", "no such disease"], "not found"),
    (["atezolizumab", "--as-of", "2020-13-01"], "bad date"), (["atezolizumab", "--as-of", "2020-06"], "full date"),
    (["atezolizumab", "--as-of", "'; DROP"], "bad date"), (["atezolizumab", "--audience", "patient"], "patient"),
])
def test_bad_input_is_refused_and_nothing_written(built, tmp_path, args, word):
    out = tmp_path / "page.md"
    p = subprocess.run([sys.executable, "-m", "kg", "brief", *args, "--output", str(out), "--store",
                        str(built["store"])], capture_output=True, text=True)
    assert p.returncode in (1, 2) and word in p.stderr + p.stdout
    assert "internal error" not in p.stderr
    assert p.returncode == (1 if word == "not found" else 2)
    assert not out.exists()


def test_no_heavy_imports(built):
    code = ("import sys, json\nfrom kg.cli import main\ntry:\n    main(%r)\nexcept SystemExit as e:\n"
            "    assert e.code == 0, e.code\nprint(json.dumps(sorted(m for m in sys.modules)))"
            % ["brief", "atezolizumab", "--format", "html", "--store", str(built["store"])])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    modules = set(json.loads(out.strip().splitlines()[-1]))
    assert not {m for m in modules if m.split(".")[0] in ("rdflib", "networkx", "pyvis", "pyshacl")}
