"""Hostile articles: a megabyte of what makes patterns backtrack (issue 14: 100 kB of "[" took
68 s in kg audit, 1 MB never finished) is read, matched and searched for claims in seconds.
The bound below only catches a hang or a quadratic path (those take minutes at 1 MB; a linear
reader takes a few seconds); speed itself is measured by benchmarks/bench_extract.py --big."""
from __future__ import annotations

import time

import pytest

from kg.sources.text.claims import extract
from kg.sources.text.entities import Matcher
from kg.sources.text.facts import Facts
from kg.sources.text.read import from_bytes

MB = 1_000_000
LIMIT_S = 30.0
MATCHER = Matcher([("DRUGBANK:DB11595", "Drug", "atezolizumab"), ("HGNC:17635", "Target", "PD-L1"),
                   ("MONDO:0005233", "Indication", "non-small cell lung cancer"), ("KG:org-fda", "Organization", "FDA")])

#: per format, what repeats: a document is a run of each in turn, a megabyte in all (a quadratic
#: path on one run of 40-100 kB alone takes minutes: 100 kB of "[" took 68 s before)
FAMILIES = {
    ".md": ["[", "![", "[a](", "**a ", "*a", "_a", "# #", "<b>", "<", "`a", "](", "[x]: "],
    ".html": ["<a ", "<", "</", "<!--", "<![", "&#", "<p>a", "<a x='", "<?", "<script>", "<b>"],
    ".txt": [".", "A-", "1", "1,", "(", "Dr. A ", "\u2022 ", "xmab ", "KEYNOTE-", "10.1234/", "HR 0.", "a ",
             "non-small cell lung ", "atezolizumab was approved for non-small cell lung cancer. ", "A. ", "\n",
             "95% CI 1-", "p=0.", "0.5% vs ", "median ", "Drug: xmab\n", "Action: Approved\nDate: 2020-05-08\n",
             "| FDA approval | 1 May 2020 |\n", "A: ", "KEYNOTE-189, ABCD and EFGH, ",
             "the study a a a a a a a a a ", "ABCD (x). 5 ", "ABCD's interim ", "in ExteNET ", "innovaTV 3",
             "Nivolumab was approved in 2017; BMS withdrew the sBLA application ", "withdrew the approval on 1 "],
}
CASES = [(units, suffix) for suffix, units in FAMILIES.items()] + [(["["], ".md"), (["<a "], ".html")]


def _document(units: list[str]) -> bytes:
    run = MB // len(units)
    return "".join(u * (run // len(u)) + "\n\n" for u in units).encode()


@pytest.mark.parametrize("units,suffix", CASES, ids=[s + ("" if len(u) > 1 else f"-{u[0]!r}") for u, s in CASES])
def test_a_megabyte_of_hostile_text_is_read_in_seconds(units, suffix):
    data = _document(units)
    t0 = time.perf_counter()
    try:
        text = from_bytes(data, "hostile" + suffix).text
    except Exception as exc:  # only the typed error, for a document with no text left
        assert type(exc).__name__ == "DocumentError" and "empty" in str(exc)
        text = None
    if text is not None:
        mentions = MATCHER.find(text)
        claims = extract(text, mentions, Facts())
        assert all(text[c.start:c.end] == c.sentence for c in claims)
    elapsed = time.perf_counter() - t0
    assert elapsed < LIMIT_S, f"{elapsed:.1f} s for 1 MB of {units!r} ({suffix})"


def test_a_long_word_after_a_list_of_references_is_read_at_once():
    # (twelfth round: the pattern of the heading that ends a list of references backtracked on a long word with a full
    # stop after it: 40 letters took 5 s, each letter more about twice as long; 40 here, so that the old pattern fails
    # this test in seconds rather than hanging it)
    text = "Results.\n\nReferences\n\n" + "x" * 40 + ".\n\nNext heading\n"
    t0 = time.perf_counter()
    claims = extract(text, MATCHER.find(text), Facts())
    assert time.perf_counter() - t0 < 2.0 and claims == []
