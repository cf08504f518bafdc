"""Property-based tests of the article reader (Hypothesis): whatever the bytes, reading ends in
text or a DocumentError (the project's typed error for a bad document), and every offset the
reader gives points into the text it read: mentions, sentences and claims are exact
substrings."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import DocumentError
from kg.sources.text.claims import extract
from kg.sources.text.entities import Matcher
from kg.sources.text.facts import Facts
from kg.sources.text.read import from_bytes
from kg.sources.text.sentences import split

MATCHER = Matcher([("DRUGBANK:DB11595", "Drug", "atezolizumab"), ("HGNC:17635", "Target", "PD-L1"),
                   ("CLINICALTRIALS:NCT02008227", "Trial", "OAK"), ("MONDO:0005233", "Indication",
                                                                 "non-small cell lung cancer"),
                   ("KG:org-fda", "Organization", "FDA"), ("DOI:10.1056/x1", "Publication", "10.1056/x1")])
FACTS = Facts(phases={"CLINICALTRIALS:NCT02008227": "phase 3"})
#: the characters markup and claim cues are made of, and words the reader looks for
PIECES = list("[]()<>!*_`#-&;:/\\\"'=%.,?\n\t •–") + [
    "<a ", "</p>", "<script>", "<!--", "-->", "](", "**", "atezolizumab", "PD-L1", "OAK", "FDA", "NCT01234567",
    "HR 0.73", "95% CI 0.62-0.87", "p=0.001", "approved", "withdrew", "hazard ratio", "trial", "phase 3",
    "enrolled 1,202 patients", "median", "months", "on May 18, 2016", "non-small cell lung cancer", "10.1056/x1",
    "Dr.", "vs.", "A", "b", "1", "0.5", "&amp;", "&#", "KEYNOTE-", "IMpower150", "not", "did not"]
ARTICLE = st.lists(st.sampled_from(PIECES), max_size=120).map("".join) | st.text(max_size=400)
SUFFIX = st.sampled_from([".txt", ".md", ".html", ".xhtml", ""])
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(data: bytes, name: str):
    try:
        return from_bytes(data, name)
    except DocumentError as exc:
        assert name in str(exc)
        return None


@FUZZ
@given(st.binary(max_size=300), SUFFIX)
def test_any_bytes_give_text_or_a_document_error(data, suffix):
    t = _read(data, "doc" + suffix)
    assert t is None or (t.text.strip() and isinstance(t.title, str))


@FUZZ
@given(ARTICLE, SUFFIX)
def test_offsets_stay_inside_the_text_and_sentences_are_substrings(article, suffix):
    t = _read(article.encode("utf-8", "surrogatepass"), "doc" + suffix) if "\x00" not in article else None
    if t is None:
        return
    text = t.text
    for s in split(text):
        assert 0 <= s.start < s.end <= len(text) and text[s.start:s.end] == s.text and s.text.strip() == s.text
    mentions = MATCHER.find(text)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))  # in order, no overlaps
    for c in extract(text, mentions, FACTS):
        assert 0 <= c.start < c.end <= len(text) and text[c.start:c.end] == c.sentence
        assert c.kind and c.subject


@FUZZ
@given(st.text(max_size=300))
def test_plain_text_is_kept_character_for_character(article):
    t = _read(article.encode("utf-8", "surrogatepass"), "doc.txt") if "\x00" not in article else None
    if t is not None:
        assert t.text == article.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
