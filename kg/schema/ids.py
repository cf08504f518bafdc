"""Identifiers: the one prefix map, CURIE <-> IRI, and the patterns ids must match.

>>> curie_to_iri("MONDO:0005494")
'http://purl.obolibrary.org/obo/MONDO_0005494'
>>> iri_to_curie("http://purl.obolibrary.org/obo/MONDO_0005494")
'MONDO:0005494'
>>> normalize_ref("nct03498716")
'CLINICALTRIALS:NCT03498716'
"""
from __future__ import annotations

import re

#: Prefix -> IRI base. Biolink-aligned where Biolink names the prefix.
PREFIXES: dict[str, str] = {
    "DRUGBANK": "http://identifiers.org/drugbank/",
    "CHEMBL.COMPOUND": "http://identifiers.org/chembl.compound/",
    "UNII": "http://identifiers.org/unii/",
    "CAS": "http://identifiers.org/cas/",
    "GTOPDB": "https://www.guidetopharmacology.org/GRAC/LigandDisplayForward?ligandId=",
    "RXCUI": "http://identifiers.org/rxnorm/",
    "HGNC": "http://identifiers.org/hgnc/",
    "UniProtKB": "http://purl.uniprot.org/uniprot/",
    "NCBIGene": "http://identifiers.org/ncbigene/",
    "ENSEMBL": "http://identifiers.org/ensembl/",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_",
    "NCIT": "http://purl.obolibrary.org/obo/NCIT_",
    "DOID": "http://purl.obolibrary.org/obo/DOID_",
    "EFO": "http://www.ebi.ac.uk/efo/EFO_",
    "MESH": "http://id.nlm.nih.gov/mesh/",
    "ONCOTREE": "https://oncotree.mskcc.org/api/tumorTypes/search/code/",  # OncoTree tumour type codes
    "CLINICALTRIALS": "https://clinicaltrials.gov/study/",
    "EUDRACT": "https://www.clinicaltrialsregister.eu/ctr-search/search?query=",
    "PMID": "http://www.ncbi.nlm.nih.gov/pubmed/",
    "PMC": "http://europepmc.org/articles/",
    "DOI": "https://doi.org/",
    "KG": "https://w3id.org/oncokg/id/",
    "infores": "https://w3id.org/biolink/infores/",  # a knowledge source (CIViC, ...), as a source of facts
}

#: Namespaces of the vocabulary (not identifiers of entities).
KG_ONTOLOGY = "https://w3id.org/oncokg/ontology#"
BIOLINK = "https://w3id.org/biolink/vocab/"
INFORES = "https://w3id.org/biolink/infores/"

VOCAB_PREFIXES: dict[str, str] = {
    "kg": KG_ONTOLOGY,
    "biolink": BIOLINK,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": "http://www.w3.org/ns/shacl#",
    "ECO": "http://purl.obolibrary.org/obo/ECO_",
    "infores": INFORES,
}

#: Local-part patterns per prefix; an id that does not match is malformed.
PATTERNS: dict[str, re.Pattern[str]] = {
    p: re.compile(rx, re.ASCII)  # \\d is 0-9 only: '١٢٣' (Arabic-Indic digits) is no PMID
    for p, rx in {
        "DRUGBANK": r"DB\d{5}",
        "CHEMBL.COMPOUND": r"CHEMBL\d+",
        "UNII": r"[A-Z0-9]{10}",
        "CAS": r"\d{2,7}-\d{2}-\d",
        "GTOPDB": r"\d+",
        "RXCUI": r"\d+",
        "HGNC": r"\d+",
        "UniProtKB": r"[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2}",
        "NCBIGene": r"\d+",
        "ENSEMBL": r"ENS[A-Z]*[GTP]\d{11}",
        "MONDO": r"\d{7}",
        "NCIT": r"C\d+",
        "DOID": r"\d+",
        "EFO": r"\d{7}",
        "MESH": r"[CD]\d+",
        "ONCOTREE": r"[A-Z0-9][A-Z0-9_/-]*",  # NSCLC, HCL-V, MDS/MPN
        "CLINICALTRIALS": r"NCT\d{8}",
        "EUDRACT": r"\d{4}-\d{6}-\d{2}",
        "PMID": r"[1-9]\d{0,8}",
        "PMC": r"PMC\d+",
        # a DOI's suffix may hold any printable character, but only those an IRI can carry unencoded
        # (https://doi.org/<suffix> must be an IRI): no space, control, quote, <>[]\\^`{|} or bare %
        "DOI": r"10\.\d{4,9}/(?:[^\s\x00-\x1f\x7f-\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
               r"\ufffe\uffff\"<>\[\]\\^`{|}%]|%[0-9A-Fa-f]{2})+",
        "KG": r"[a-z0-9][a-z0-9-]*",
        "infores": r"[a-z0-9][a-z0-9_.-]*",
    }.items()
}

NCT_RE = re.compile(r"^NCT\d{8}$", re.IGNORECASE)
URL_RE = re.compile(r"^https?://[^\s\x00-\x1f\x7f<>\"{}|\\^`]+$")
_CURIE_RE = re.compile(r"^([A-Za-z][A-Za-z0-9._]*):(.+)$")
#: Other spellings of a prefix: ``oncokg`` is how the KGX export writes our own ``KG:`` ids
#: (the same https://w3id.org/oncokg/id/ expansion; see kg/export/kgx.py).
ALIASES = {"oncokg": "KG"}
_CANON = {p.lower(): p for p in PREFIXES} | ALIASES


_KGX_ESCAPES = re.compile(r"%(2[Ff]|3[Aa]|25)")


class IdError(ValueError):
    """An identifier is malformed or has an unknown prefix (the loader adds file and line)."""


def split_curie(curie: str) -> tuple[str, str]:
    """Split ``PREFIX:local`` with the prefix in its canonical case.

    A DOI's percent-encoded ``/``, ``:`` and ``%`` (as the KGX export writes them) are decoded;
    other escapes are part of the DOI.

    >>> split_curie("doi:10.1001/jama.2024.26886"), split_curie("oncokg:org-fda")
    (('DOI', '10.1001/jama.2024.26886'), ('KG', 'org-fda'))
    >>> split_curie("doi:10.1001%2Fjama.2024.26886")
    ('DOI', '10.1001/jama.2024.26886')
    """
    m = _CURIE_RE.match(curie.strip())
    if not m:
        raise IdError(f"{curie!r} is not a CURIE (PREFIX:local)")
    prefix = _CANON.get(m.group(1).lower())
    if prefix is None:
        raise IdError(f"{curie!r} has an unknown prefix {m.group(1)!r}")
    if prefix == "DOI" and "%" in m.group(2):  # only what the KGX export encodes: / : and % itself
        return prefix, _KGX_ESCAPES.sub(lambda e: chr(int(e.group(1), 16)), m.group(2))
    return prefix, m.group(2)


def check_curie(curie: str, allowed: tuple[str, ...] | None = None) -> str:
    """Return the canonical CURIE, or raise :class:`IdError` naming what is wrong.

    >>> check_curie("hgnc:17635", ("HGNC",))
    'HGNC:17635'
    """
    if NCT_RE.match(curie.strip()):
        curie = "CLINICALTRIALS:" + curie.strip()
    prefix, local = split_curie(curie)
    if prefix == "CLINICALTRIALS":
        local = local.upper()
    if allowed is not None and prefix not in allowed:
        raise IdError(f"{curie!r}: expected one of the prefixes {', '.join(allowed)}")
    if not PATTERNS[prefix].fullmatch(local):
        raise IdError(f"{curie!r} is not a well-formed {prefix} identifier")
    return f"{prefix}:{local}"


def normalize_ref(ref: str) -> str:
    """Canonical form of an id someone typed: bare NCT numbers become CURIEs.

    >>> normalize_ref("PMID:39883436")
    'PMID:39883436'
    """
    ref = ref.strip()
    if NCT_RE.match(ref):
        return "CLINICALTRIALS:" + ref.upper()
    try:
        return check_curie(ref)
    except IdError:
        return ref


def check_source(ref: str) -> str:
    """Validate a source reference: PMID, DOI, NCT, an http(s) URL, a ``KG:doc-`` id or an
    ``infores:`` knowledge source.

    >>> check_source("NCT02425891")
    'CLINICALTRIALS:NCT02425891'
    >>> check_source("infores:civic")
    'infores:civic'
    >>> check_source("https://www.fda.gov/drugs")
    'https://www.fda.gov/drugs'
    """
    ref = ref.strip()
    if URL_RE.match(ref):
        check_url(ref)
        curie = iri_to_curie(ref)  # a URL under a source prefix is stored as its CURIE
        return curie if curie.split(":", 1)[0] in ("PMID", "DOI", "CLINICALTRIALS") else ref
    curie = check_curie(ref)
    prefix, local = split_curie(curie)
    if prefix in ("PMID", "DOI", "CLINICALTRIALS", "infores") or (prefix == "KG" and local.startswith("doc-")):
        return curie
    raise IdError(f"{ref!r} is not a source: use a PMID, DOI, NCT number, URL, a KG:doc- id or infores:")


def check_url(url: str) -> str:
    """``url`` if it is an absolute ``http(s)`` URL that an IRI can hold as it is (no
    ``javascript:``, ``file:`` or ``data:`` link, no space, control character or bad escape),
    else :class:`IdError`.

    >>> check_url("https://www.fda.gov/drugs")
    'https://www.fda.gov/drugs'
    >>> check_url("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    kg.schema.ids.IdError: 'javascript:alert(1)' is not an http(s) URL
    """
    import pyoxigraph as ox

    if not isinstance(url, str) or not URL_RE.match(url):
        raise IdError(f"{url!r} is not an http(s) URL")
    try:
        ox.NamedNode(url)
    except ValueError as exc:
        raise IdError(f"{url!r} is not a valid URL ({exc})") from None
    return url


def curie_to_iri(curie: str) -> str:
    """Expand a CURIE (or pass a URL through).

    >>> curie_to_iri("CLINICALTRIALS:NCT03498716")
    'https://clinicaltrials.gov/study/NCT03498716'
    """
    if URL_RE.match(curie):
        return curie
    prefix, local = split_curie(curie)
    return PREFIXES[prefix] + local


# Longest base first, so that e.g. ".../obo/MONDO_" wins over any shorter shared base.
_BASES = sorted(((base, p) for p, base in PREFIXES.items()), key=lambda x: -len(x[0]))


def iri_to_curie(iri: str) -> str:
    """Contract an IRI to a CURIE where a prefix covers it; otherwise return it unchanged.

    >>> iri_to_curie("http://purl.obolibrary.org/obo/MONDO_0007254"), iri_to_curie("https://example.org/x")
    ('MONDO:0007254', 'https://example.org/x')
    """
    for base, prefix in _BASES:
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def bare_id(curie: str) -> str:
    """The local part a user may type without its prefix.

    >>> bare_id("DRUGBANK:DB11595")
    'DB11595'
    """
    return curie.split(":", 1)[1] if _CURIE_RE.match(curie) and not URL_RE.match(curie) else curie
