"""No file of the project repeats a run of eight words from the seed articles (facts carry
over, sentences do not)."""
from __future__ import annotations

import re
import subprocess

from tests.conftest import ROOT, shared


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _title_grams() -> set[tuple[str, ...]]:
    import yaml

    titles = []
    for f in (ROOT / "data").rglob("*.yaml"):
        for rec in yaml.safe_load(f.read_text(encoding="utf-8")) or []:
            titles += [rec.get("title"), (rec.get("values") or {}).get("title"), " ".join(rec.get("authors") or [])]
    out = set()
    for t in filter(None, titles):
        w = _words(str(t))
        out |= {tuple(w[i:i + 8]) for i in range(len(w) - 7)}
    return out


def test_no_eight_word_run_from_the_seeds_in_the_repository():
    grams = set()
    for name in ("atezolizumab-stage-iv-evidence-page.txt", "alexandra-impassion030-news.txt"):
        w = _words(shared("seeds", name).read_text(encoding="utf-8"))
        grams |= {tuple(w[i:i + 8]) for i in range(len(w) - 7)}
    grams -= _title_grams()  # titles and author lists are bibliographic data, kept as published
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()
    copied = {}
    for rel in listed:
        path = ROOT / rel
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        w = _words(text)
        runs = [" ".join(w[i:i + 8]) for i in range(len(w) - 7) if tuple(w[i:i + 8]) in grams]
        if runs:
            copied[rel] = runs[:3]
    assert not copied
