"""Identifiers: a pattern that accepts an id promises that the id makes a valid IRI."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from kg.schema.ids import IdError, check_curie, check_source, check_url, curie_to_iri


@pytest.mark.parametrize("doi", ['DOI:10.1000/a>"<{}|', "DOI:10.1000/a b", "DOI:10.1000/a\x00", "DOI:10.1000/a%zz",
                                 "DOI:10.1000/[x]", "DOI:10.1000/a\\b", "DOI:10.1000/a^b", "DOI:10.1000/a`b"])
def test_dois_an_iri_cannot_hold_are_refused(doi):
    with pytest.raises(IdError):
        check_curie(doi)


@pytest.mark.parametrize("doi", ["DOI:10.1001/jama.2024.26886", "DOI:10.1016/S0140-6736(16)32517-X",
                                 "DOI:10.1002/%3Csici%3E", "DOI:10.1000/a;b:c#d"])
def test_accepted_dois_are_valid_iris_for_both_engines(doi):
    iri = curie_to_iri(check_curie(doi))
    ox.NamedNode(iri)
    assert URIRef(iri).n3() == f"<{iri}>"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>",
                                 "http://a b", "http://a\x00b", "https://x/%zz", "ftp://x/y", " "])
def test_only_http_urls_pass(url):
    with pytest.raises(IdError):
        check_url(url)
    with pytest.raises(IdError):
        check_source(url)
