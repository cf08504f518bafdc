"""Every gold corpus in the repository is well formed (benchmarks/validate_corpus.py): each article has
its gold file, and every gold sentence is found in its article."""
from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("validate_corpus", ROOT / "benchmarks" / "validate_corpus.py")
validate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(validate)

FOLDERS = sorted({p.parent for base in (ROOT / "tests" / "fixtures" / "corpus", ROOT / "benchmarks" / "corpus")
                  if base.exists() for p in base.rglob("*.gold.json")})


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_corpus_is_well_formed(folder, capsys):
    assert validate.main(folder) == 0, capsys.readouterr().out


def test_a_gold_sentence_missing_from_its_article_is_reported(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("The FDA approved X on 1 May 2020.", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text('{"claims": [{"kind": "approval", "drug": "X", "sentence": "Not in the text.", '
                                          '"verdict": "not in graph"}]}', encoding="utf-8")
    assert validate.main(tmp_path) == 1
    assert "sentence not found" in capsys.readouterr().out


def test_there_are_corpora_to_check():
    assert {"dev", "dev2", "dev8", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16"} <= {f.name for f in FOLDERS}
