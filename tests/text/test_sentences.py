"""Sentence splitting keeps offsets into the text."""
from __future__ import annotations

from kg.sources.text.sentences import split
from tests.conftest import shared


def test_offsets_point_at_the_sentence_text():
    text = "HR 0.73 (95% CI 0.62-0.87). Dr. Lee et al. agreed vs. others.\n\n\u2022 A bullet. Next?"
    ss = split(text)
    assert [s.text for s in ss] == ["HR 0.73 (95% CI 0.62-0.87).", "Dr. Lee et al. agreed vs. others.", "A bullet.",
                                    "Next?"]
    assert all(text[s.start:s.end] == s.text for s in ss)


def test_citation_lines_stay_whole_and_no_is_a_word():
    ss = split("Paper: Smith J. A title. JAMA. 2025. doi: 10.1/x. PMID: 1.\nNo. The answer is no.")
    assert ss[0].text.startswith("Paper:") and ss[0].text.endswith("PMID: 1.")
    assert [s.text for s in ss[1:]] == ["No.", "The answer is no."]


def test_seed_sentences_are_exact_slices():
    for name in ("atezolizumab-stage-iv-evidence-page.txt", "alexandra-impassion030-news.txt"):
        text = shared("seeds", name).read_text(encoding="utf-8")
        ss = split(text)
        assert len(ss) > 30 and all(text[s.start:s.end] == s.text for s in ss)
