"""Typed model: the records every stage passes on. Frozen dataclasses, no behaviour.

Field metadata drives the loader: ``ref`` names the kind a field points at, ``choices``
the allowed values, ``date`` marks ISO dates. The schema lives here and only here.

>>> s = Source("PMID:39883436", "abstract")
>>> Drug(id="DRUGBANK:DB11595", name="atezolizumab", sources=(s,)).kind_name
'Drug'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.schema.fields import (AGENTS, Record, Setting, Source, choice, curated, date_field,  # noqa: F401 (re-exported)
                              ref)

from kg.schema.approval import Approval, Event  # noqa: F401 (re-exported)
from kg.schema.vocab import CONTEXTS, DIRECTIONS, LEVELS, LINES, PHASES  # noqa: F401 (re-exported)

MECHANISM_ACTIONS = ("binds", "blocks interaction with", "spares interaction with", "inhibits", "agonist of")
CLAIM_PREDICATES = (
    "approved for", "tested in", "studied in", "result", "binds", "blocks interaction with",
    "spares interaction with", "has adverse events", "reported in", "has evidence level",
    "describes", "comments on",
)
CLAIM_KINDS = ("mechanism", "approval", "trial design", "trial result", "adverse events",
               "evidence level", "background", "publication")
ACCURACY = ("as reference", "outdated", "wrong", "unverified")

DRUG_IDS = ("DRUGBANK", "NCIT", "CHEMBL.COMPOUND", "KG")
DRUG_KINDS = ("monoclonal antibody", "small molecule", "antibody-drug conjugate", "enzyme",
              "fixed-dose combination", "other")
ENTITY = ("Drug", "Target", "Indication", "Trial", "Publication", "Organization", "Document", "Approval")


@dataclass(frozen=True, kw_only=True)
class Organization(Record):
    id: str
    name: str
    sources: tuple[Source, ...]
    synonyms: tuple[str, ...] = ()
    kind: str | None = choice(("regulator", "company", "cooperative group", "academic", "publisher", "other"), default=None)
    url: str | None = None
    ID_PREFIXES = ("KG",)


@dataclass(frozen=True, kw_only=True)
class Fact:
    property: str
    value: str
    sources: tuple[Source, ...]
    scheme: str | None = None


@dataclass(frozen=True, kw_only=True)
class Drug(Record):
    id: str
    name: str
    sources: tuple[Source, ...]
    synonyms: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    kind: str | None = choice(DRUG_KINDS, default=None)
    description: str | None = None
    facts: tuple[Fact, ...] = ()
    components: tuple[str, ...] = ref("Drug", default=())  # the drugs of a fixed-dose combination product
    ID_PREFIXES = DRUG_IDS
    CURATED_PREFIXES = ("DRUGBANK", "NCIT", "KG")


@dataclass(frozen=True, kw_only=True)
class Target(Record):
    id: str
    name: str
    symbol: str
    sources: tuple[Source, ...]
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    ID_PREFIXES = ("HGNC", "NCBIGene", "KG")  # imported genes without an HGNC id keep their NCBI Gene id
    CURATED_PREFIXES = ("HGNC",)  # what data/*.yaml may use (ID_PREFIXES is what layers may use)


MAPPING_PREDICATES = ("skos:exactMatch", "oboInOwl:hasDbXref")


@dataclass(frozen=True, kw_only=True)
class Mapping:
    """A code of another vocabulary for an indication, as a mapping set states it (SSSOM):
    ``skos:exactMatch`` (the same disease) or the weaker ``oboInOwl:hasDbXref`` (Mondo's
    cross-reference, e.g. to OncoTree); ``source`` is the mapping set's version IRI, ``label``
    the code's name and ``label_source`` where that name comes from (see kg/sources/crosswalk.py).
    """

    object: str
    predicate: str = choice(MAPPING_PREDICATES)
    justification: str
    source: str
    label: str | None = None
    label_source: str | None = None


@dataclass(frozen=True, kw_only=True)
class Indication(Record):
    id: str
    name: str
    sources: tuple[Source, ...]
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    no_mondo_reason: str | None = None  # a curated indication without a MONDO id (KG:) says why
    mappings: tuple[Mapping, ...] = ()  # from the crosswalk table data/crosswalk/ (kg.sources.crosswalk)
    ID_PREFIXES = ("MONDO", "DOID", "NCIT")  # imported diseases not mapped to MONDO keep their source id
    CURATED_PREFIXES = ("MONDO", "KG")


@dataclass(frozen=True, kw_only=True)
class Mechanism(Record):
    id: str
    drug: str = ref("Drug")
    target: str = ref("Target")
    action: str = choice(MECHANISM_ACTIONS)
    sources: tuple[Source, ...]
    via: str | None = ref("Target", default=None)
    note: str | None = None
    level: str | None = choice(LEVELS, default=None)
    ID_PREFIXES = ("KG",)


@dataclass(frozen=True, kw_only=True)
class Publication(Record):
    id: str
    sources: tuple[Source, ...]
    title: str | None = None
    authors: tuple[str, ...] = ()
    journal: str | None = None
    year: int | None = None
    date: str | None = date_field(default=None)
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    kind: str | None = choice(("article", "editorial", "label", "abstract", "approval summary"), default=None)
    trials: tuple[str, ...] = ref("Trial", default=())
    citation: str | None = None  # a short citation as an imported source gives it ("Fehrenbacher et al., 2016")
    ID_PREFIXES = ("PMID", "DOI")


@dataclass(frozen=True, kw_only=True)
class Arm:
    name: str
    role: str = choice(("experimental", "control", "single"))
    drugs: tuple[str, ...] = ref("Drug", default=())
    n: int | None = None


@dataclass(frozen=True, kw_only=True)
class Trial(Record):
    id: str
    acronym: str
    sources: tuple[Source, ...]
    # required in curated data (metadata "curated"); imported or extracted trials may lack them
    phase: str | None = choice(PHASES, default=None, curated=True)
    design: str | None = curated(default=None)
    setting: Setting | None = curated(default=None)
    conditions: tuple[str, ...] = ref("Indication", default=(), curated=True)
    interventions: tuple[str, ...] = ref("Drug", default=(), curated=True)
    arms: tuple[Arm, ...] = curated(default=())
    enrollment: int | None = curated(default=None)
    primary_endpoints: tuple[str, ...] = curated(default=())
    aliases: tuple[str, ...] = ()
    title: str | None = None
    randomised: bool | None = None
    blinding: str | None = choice(("open-label", "double-blind", "partly blinded", "none"), default=None)
    enrollment_note: str | None = None
    #: parts of the enrolment counted on their own, from the trial's sources (the global population
    #: of a trial with a regional extension, say): name -> whole number of participants
    population_counts: dict[str, int] = field(default_factory=dict)
    sponsor: str | None = ref("Organization", default=None)
    collaborators: tuple[str, ...] = ref("Organization", default=())
    countries: int | None = None
    sites: str | None = None
    start_date: str | None = date_field(default=None)
    completion_date: str | None = date_field(default=None)
    status: str | None = None
    publications: tuple[str, ...] = ref("Publication", default=())
    xrefs: tuple[str, ...] = ()
    notes: str | None = None
    not_in_sources: tuple[str, ...] = ()  # curated fields the sources read do not give (see OPTIONAL_WHEN_UNSOURCED)
    ID_PREFIXES = ("CLINICALTRIALS", "KG")
    #: Fields a curated trial must fill unless it lists them in ``not_in_sources``.
    OPTIONAL_WHEN_UNSOURCED = ("phase", "design", "arms", "enrollment", "primary_endpoints")


@dataclass(frozen=True, kw_only=True)
class Result(Record):
    id: str
    trial: str = ref("Trial")
    drug: str = ref("Drug")
    indication: str = ref("Indication")
    setting: Setting
    kind: str = choice(("efficacy", "safety", "pharmacokinetics"))
    endpoint: str
    level: str = choice(LEVELS)
    direction: str = choice(DIRECTIONS)
    sources: tuple[Source, ...]
    population: str | None = None
    comparison: str | None = None
    measure: str | None = choice(("HR", "OR", "ORR", "rate", "median", "GMR", "pCR", "difference", "events"), default=None)
    value: float | None = None
    ci: tuple[float, ...] = ()
    ci_level: float | None = None
    p: float | None = None
    p_text: str | None = None
    arm_values: dict[str, float] = field(default_factory=dict)
    unit: str | None = None
    met: bool | None = None
    analysis: str | None = None
    date: str | None = date_field(default=None)
    note: str | None = None
    ID_PREFIXES = ("KG",)


@dataclass(frozen=True, kw_only=True)
class Document(Record):
    id: str
    title: str
    kind: str = choice(("patient evidence page", "news report", "press release", "label", "article", "other"))
    sources: tuple[Source, ...]
    publisher: str | None = ref("Organization", default=None)
    authors: tuple[str, ...] = ()
    date: str | None = date_field(default=None)
    topic: str | None = None
    path: str | None = None
    sha256: str | None = None
    url: str | None = None
    ID_PREFIXES = ("KG",)


@dataclass(frozen=True, kw_only=True)
class Claim(Record):
    id: str
    document: str = ref("Document")
    where: str
    kind: str = choice(CLAIM_KINDS)
    subject: str = ref(*ENTITY)
    predicate: str = choice(CLAIM_PREDICATES)
    statement: str
    object: str | None = ref(*ENTITY, default=None)
    values: dict[str, Any] = field(default_factory=dict)
    setting: Setting | None = None
    level: str | None = choice(LEVELS, default=None)
    direction: str | None = choice(DIRECTIONS, default=None)
    accuracy: str | None = choice(ACCURACY, default=None)
    accuracy_note: str | None = None
    see: tuple[str, ...] = ref(*ENTITY, "Result", "Claim", "Mechanism", default=())
    sources: tuple[Source, ...] = ()
    start: int | None = None  # character offsets of the sentence in the document, where known
    end: int | None = None
    ID_PREFIXES = ("KG",)


@dataclass(frozen=True, kw_only=True)
class Evidence(Record):
    """One evidence statement of an imported knowledge source (a CIViC evidence item, a
    PharmacotherapyDB drug-disease pair): what it is about, our level and direction, and the
    source's own values beside them.

    >>> Evidence(id="KG:civic-eid-1", name="CIViC EID 1", direction="supports", sources=()).level is None
    True
    """

    id: str
    name: str
    direction: str = choice(DIRECTIONS)
    sources: tuple[Source, ...]
    level: str | None = choice(LEVELS, default=None)  # None where the source grades no evidence
    drugs: tuple[str, ...] = ref("Drug", default=())
    indication: str | None = ref("Indication", default=None)
    targets: tuple[str, ...] = ref("Target", default=())  # the genes of the biomarker
    biomarker: str | None = None  # the source's text: "CD274 Expression", "BRAF V600"
    disease: str | None = None  # the source's disease name, kept where no indication id is given
    source_level: str | None = None  # the source's own values, as it gives them
    source_direction: str | None = None
    significance: str | None = None
    evidence_type: str | None = None
    therapy_interaction: str | None = None
    statement: str | None = None
    citation: str | None = None
    publications: tuple[str, ...] = ref("Publication", default=())
    trials: tuple[str, ...] = ref("Trial", default=())
    ID_PREFIXES = ("KG",)


#: File name (without .yaml) -> record class, in loading order.
KINDS: dict[str, type] = {
    "organizations": Organization, "drugs": Drug, "targets": Target, "indications": Indication,
    "mechanisms": Mechanism, "publications": Publication, "trials": Trial, "results": Result,
    "approvals": Approval, "documents": Document, "claims": Claim, "evidence": Evidence,
}

@dataclass(frozen=True)
class Dataset:
    """Every curated record, by kind; what the loader hands to the graph builder."""

    records: dict[str, tuple[Record, ...]]

    def all(self) -> list[Record]:
        """Every record, in loading order.

        >>> Dataset({"drugs": ()}).all()
        []
        """
        return [r for kind in self.records.values() for r in kind]
