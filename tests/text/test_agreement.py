"""benchmarks/agreement.py: a second annotation scored against the first as the reader is scored.
A claim agrees when what the first gives agrees (date, type, figures, trial), whichever piece of
the same sentence each annotator quoted; a claim outside the article matches nothing."""
from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from agreement import compare, enclosing  # noqa: E402

TEXT = ("On 18 April 2018 the FDA approved osimertinib for first-line EGFR-mutated NSCLC. "
        "FLAURA randomised 556 patients. Median PFS was 18.9 months (HR 0.46, 95% CI 0.37-0.57; P<0.001).")
SENTENCES = ["On 18 April 2018 the FDA approved osimertinib for first-line EGFR-mutated NSCLC.",
             "FLAURA randomised 556 patients.",
             "Median PFS was 18.9 months (HR 0.46, 95% CI 0.37-0.57; P<0.001)."]
FIRST = {"claims": [
    {"kind": "approval", "drug": "osimertinib", "indication": "first-line EGFR-mutated NSCLC", "date": "2018-04-18",
     "sentence": "the FDA approved osimertinib", "verdict": "consistent"},
    {"kind": "enrolment", "trial": "FLAURA", "n": 556, "sentence": "FLAURA randomised 556 patients",
     "verdict": "consistent"},
    {"kind": "result", "drug": "osimertinib", "trial": "FLAURA", "endpoint": "progression-free survival",
     "measure": "HR", "value": 0.46, "ci": [0.37, 0.57], "p": "<0.001", "met": True,
     "sentence": "HR 0.46, 95% CI 0.37-0.57", "verdict": "consistent"},
    {"kind": "mechanism", "drug": "osimertinib", "target": "EGFR", "action": "blocks interaction with",
     "sentence": "osimertinib", "verdict": "consistent"}]}


def _diseases(text: str) -> set[str]:
    return {"NSCLC"} if "NSCLC" in text else set()


def _kinds(second: dict) -> dict:
    return compare(FIRST, second, TEXT, SENTENCES, _diseases)["kinds"]


def test_the_same_annotation_agrees_on_every_scored_claim():
    k = _kinds(FIRST)
    assert (k["approval"]["tp"], k["enrolment"]["tp"], k["result"]["tp"]) == (1, 1, 1)
    # (a partner's mechanism, "blocks interaction with", is not scored on either side)
    assert k["mechanism"] == {"tp": 0, "found": 0, "expected": 0}


def test_another_piece_of_the_same_sentence_agrees():
    second = copy.deepcopy(FIRST)
    second["claims"][0]["sentence"] = "On 18 April 2018"
    second["claims"][2]["sentence"] = "Median PFS was 18.9 months"
    k = _kinds(second)
    assert k["approval"]["tp"] == 1 and k["result"]["tp"] == 1


def test_a_different_date_figure_or_count_disagrees():
    second = copy.deepcopy(FIRST)
    second["claims"][0]["date"] = "2018-04"
    second["claims"][1]["n"] = 555
    second["claims"][2]["ci"] = [0.37, 0.58]
    k = _kinds(second)
    assert (k["approval"]["tp"], k["enrolment"]["tp"], k["result"]["tp"]) == (0, 0, 0)
    assert (k["approval"]["found"], k["enrolment"]["found"], k["result"]["found"]) == (1, 1, 1)


def test_an_approval_type_the_first_gives_must_be_given():
    first = copy.deepcopy(FIRST)
    first["claims"][0]["approval_type"] = "regular"
    assert compare(first, FIRST, TEXT, SENTENCES, _diseases)["kinds"]["approval"]["tp"] == 0
    # (and one the first leaves out is not asked for)
    assert compare(FIRST, first, TEXT, SENTENCES, _diseases)["kinds"]["approval"]["tp"] == 1


def test_hostile_a_sentence_not_in_the_article_matches_nothing():
    second = copy.deepcopy(FIRST)
    for c in second["claims"]:
        c["sentence"] = "<script>nowhere</script>"
    k = _kinds(second)
    assert sum(v["tp"] for v in k.values()) == 0 and k["approval"]["found"] == 1
    assert enclosing("", SENTENCES) == "" and enclosing("x" * 10_000, SENTENCES) == "x" * 10_000


def test_the_scripts_examples_run():
    import doctest

    import agreement

    assert doctest.testmod(agreement).failed == 0


CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"


@pytest.mark.parametrize("folder,least", [("agreement", 63), ("adjudicated", 28), ("third", 28)])
def test_every_second_and_adjudicated_annotation_quotes_its_article(folder, least):
    import json

    from validate_corpus import plain

    golds = sorted((CORPUS / folder).glob("*/*.gold.json"))
    assert len(golds) >= least  # every article of the sets annotated a second time / adjudicated
    for gold_path in golds:
        stem = gold_path.name[: -len(".gold.json")]
        article = next(p for p in (CORPUS / gold_path.parent.name).glob(stem + ".*") if not p.name.endswith(".json"))
        text = article.read_text(encoding="utf-8")
        for c in json.loads(gold_path.read_text(encoding="utf-8"))["claims"]:
            assert c["sentence"] in text or plain(c["sentence"]) in plain(text), (gold_path.name, c["sentence"][:60])


def test_bench_extract_scores_against_another_gold_of_the_same_articles(store, tmp_path, capsys):
    import json

    import bench_extract

    (tmp_path / "corpus").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("FLAURA randomised 556 patients.\n", encoding="utf-8")
    claim = {"kind": "enrolment", "trial": "FLAURA", "n": 556, "sentence": "FLAURA randomised 556 patients",
             "verdict": "not in graph"}
    (tmp_path / "corpus" / "a.gold.json").write_text(json.dumps({"claims": []}), encoding="utf-8")
    (tmp_path / "other" / "a.gold.json").write_text(json.dumps({"claims": [claim]}), encoding="utf-8")
    assert bench_extract.corpus(store, tmp_path / "corpus", False)["kinds"]["enrolment"]["expected"] == 0
    assert bench_extract.corpus(store, tmp_path / "corpus", False, tmp_path / "other")["kinds"]["enrolment"]["expected"] == 1
    # (an article the other folder has no gold for is left out)
    (tmp_path / "corpus" / "b.txt").write_text("KEYNOTE-604 enrolled 453 patients.\n", encoding="utf-8")
    (tmp_path / "corpus" / "b.gold.json").write_text(json.dumps({"claims": [claim | {"trial": "KEYNOTE-604", "n": 453,
        "sentence": "KEYNOTE-604 enrolled 453 patients"}]}), encoding="utf-8")
    assert bench_extract.corpus(store, tmp_path / "corpus", False, tmp_path / "other")["kinds"]["enrolment"]["expected"] == 1
