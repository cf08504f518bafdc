"""The ontology declares everything the graph uses, maps classes to Biolink, and orders levels."""
from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace

from kg.schema.model import DIRECTIONS, LEVELS
from kg.schema.vocab import NODE_TYPES, slug
from tests.conftest import ROOT, shared

KG = Namespace("https://w3id.org/oncokg/ontology#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


@pytest.fixture(scope="module")
def ont():
    return Graph().parse(ROOT / "ontology" / "kg.ttl")


def test_every_property_and_class_used_is_declared(ont, built):
    data = Graph().parse(built["exports"] / "kg.ttl")
    declared = {p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
                for p in ont.subjects(RDF.type, kind)}
    used = {p for p in data.predicates() if str(p).startswith(str(KG))}
    assert used <= declared, sorted(used - declared)
    classes = set(ont.subjects(RDF.type, OWL.Class))
    assert {o for o in data.objects(None, RDF.type) if str(o).startswith(str(KG))} <= classes


def test_object_properties_have_domain_and_range_where_used_between_entities(ont):
    for p in ont.subjects(RDF.type, OWL.ObjectProperty):
        if p in (KG.source, KG.see):
            continue
        assert ont.value(p, RDFS.domain) is not None, p


def test_classes_are_the_user_facing_names_mapped_to_biolink(ont):
    for name in NODE_TYPES:
        cls = KG[name]
        assert (cls, RDF.type, OWL.Class) in ont
        parents = {str(o) for o in ont.objects(cls, RDFS.subClassOf)}
        assert any(p.startswith("https://w3id.org/biolink/vocab/") for p in parents), name


def test_biolink_classes_exist_in_the_shared_release(ont):
    import yaml

    model = yaml.safe_load(shared("data", "biolink-model", "biolink-model.yaml").read_text())
    names = {"".join(w[:1].upper() + w[1:] for w in c.split()) for c in model["classes"]}
    for name in NODE_TYPES + ("Assertion",):
        for parent in ont.objects(KG[name], RDFS.subClassOf):
            assert str(parent).rsplit("/", 1)[-1] in names, parent


def test_evidence_levels_are_an_ordered_scheme(ont):
    ranks = [int(ont.value(KG[f"level-{slug(level)}"], KG.rank)) for level in LEVELS]
    assert ranks == sorted(ranks) == list(range(1, len(LEVELS) + 1))
    for level in LEVELS:
        c = KG[f"level-{slug(level)}"]
        assert (c, SKOS.inScheme, KG.EvidenceLevelScheme) in ont and str(ont.value(c, SKOS.prefLabel)) == level
    for d in DIRECTIONS:
        assert (KG[f"direction-{slug(d)}"], SKOS.inScheme, KG.DirectionScheme) in ont


def test_clinical_levels_map_to_eco_clinical_study_evidence(ont):
    eco = shared("data", "eco", "eco-basic.obo").read_text()
    assert "id: ECO:0000180\nname: clinical study evidence" in eco
    for level in ("phase 1", "phase 2", "phase 3", "regulatory approval"):
        assert str(ont.value(KG[f"level-{slug(level)}"], SKOS.broadMatch)).endswith("ECO_0000180")


# ---------------------------------------------------------------- OWL 2 DL, and consistency under HermiT
OWL2 = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#: The OWL 2 datatype map (OWL 2 Structural Specification, section 4), plus rdfs:Literal.
OWL2_DATATYPES = {OWL2 + "real", OWL2 + "rational", RDF_NS + "PlainLiteral", RDF_NS + "XMLLiteral",
                  "http://www.w3.org/2000/01/rdf-schema#Literal"} | {XSD + t for t in (
    "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int short byte "
    "unsignedLong unsignedInt unsignedShort unsignedByte double float string normalizedString token language "
    "Name NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp").split()}
_INTEGERS = {XSD + t for t in ("integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int "
                               "short byte unsignedLong unsignedInt unsignedShort unsignedByte").split()}
#: range -> literal datatypes whose values lie in its value space (those the graph writes)
_FITS = {XSD + "decimal": _INTEGERS | {XSD + "decimal"}, XSD + "integer": _INTEGERS, XSD + "string": {XSD + "string"},
         XSD + "boolean": {XSD + "boolean"}, XSD + "double": {XSD + "double"}}
_PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
_BUILTIN = (RDF_NS, "http://www.w3.org/2000/01/rdf-schema#", OWL2)


@pytest.fixture(scope="module")
def data(built):
    return Graph().parse(built["exports"] / "kg.ttl")


def _kinds(g) -> dict:
    out: dict = {}
    for kind in _PROPERTY_KINDS:
        for p in g.subjects(RDF.type, kind):
            out.setdefault(p, []).append(kind)
    return out


def _class_set(g, node) -> set:
    """A class expression as the set of named classes it covers (a union's members, or itself)."""
    from rdflib.collection import Collection

    union = g.value(node, OWL.unionOf)
    return set(Collection(g, union)) if union is not None else {node}


def test_every_property_is_declared_once_as_one_kind(ont, data):
    """OWL 2 DL: an IRI is at most one kind of property, every property used is declared, and
    no property is a sub-property of another kind (kg:name of rdfs:label was one)."""
    kinds = _kinds(ont)
    assert not {p: k for p, k in kinds.items() if len(k) > 1}
    used = set(ont.predicates()) | set(data.predicates())
    undeclared = {p for p in used if not str(p).startswith(_BUILTIN) and p not in kinds}
    assert not undeclared, sorted(undeclared)
    for p, parent in ont.subject_objects(RDFS.subPropertyOf):
        assert kinds.get(parent) == kinds.get(p), (p, parent)
    blocks = ont.serialize(format="nt").splitlines()
    assert len([b for b in blocks if b.endswith(f"<{OWL2}DatatypeProperty> .")]) == \
        len(set(ont.subjects(RDF.type, OWL.DatatypeProperty)))


def test_every_class_used_is_declared(ont, data):
    classes = set(ont.subjects(RDF.type, OWL.Class))
    used = set(data.objects(None, RDF.type)) | set(ont.objects(None, RDFS.subClassOf))
    used |= {c for p in (RDFS.domain, RDFS.range) for x in ont.objects(None, p) for c in _class_set(ont, x)
             if ont.value(x, OWL.unionOf) is not None or (x, RDF.type, OWL.Class) in ont}
    for p in ont.subjects(RDF.type, OWL.ObjectProperty):
        for x in ont.objects(p, RDFS.range):
            used |= _class_set(ont, x)
    used -= {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Ontology,
             OWL.AllDisjointClasses, RDFS.Datatype}
    assert used <= classes, sorted(used - classes)


def test_every_property_has_a_label_and_one_definition(ont):
    skos_def = SKOS.definition
    for p in _kinds(ont):
        if not str(p).startswith(str(KG)):
            continue
        defs = list(ont.objects(p, RDFS.comment)) + list(ont.objects(p, skos_def))
        assert len(defs) == 1 and len(str(defs[0]).split()) >= 4, (p, defs)
        assert len(list(ont.objects(p, RDFS.label))) == 1, p


def test_datatypes_are_in_the_owl2_datatype_map(ont):
    for p in ont.subjects(RDF.type, OWL.DatatypeProperty):
        for r in ont.objects(p, RDFS.range):
            assert str(r) in OWL2_DATATYPES, (p, r)


def test_dates_are_annotation_properties():
    """xsd:date and xsd:gYearMonth are outside the OWL 2 datatype map: a reasoner refuses them as
    ranges and as literals of data properties. The graph keeps them (SPARQL compares dates), so
    every date attribute is an annotation property (reasoners leave its values alone)."""
    from kg.schema.vocab import DATE_ATTRS, prop_local

    ont = Graph().parse(ROOT / "ontology" / "kg.ttl")
    for attr in DATE_ATTRS:
        assert (KG[prop_local(attr)], RDF.type, OWL.AnnotationProperty) in ont, attr


def test_literals_fit_their_ranges_and_subjects_their_domains(ont, data):
    """What HermiT would call inconsistent, with the offending statement named."""
    from rdflib import Literal

    kinds = _kinds(ont)
    types: dict = {}
    for g in (ont, data):
        for s, c in g.subject_objects(RDF.type):
            types.setdefault(s, set()).update(ont.transitive_objects(c, RDFS.subClassOf))
    bad = []
    for s, p, o in data:
        kind = kinds.get(p, [None])[0]
        if kind is None or kind == OWL.AnnotationProperty:
            continue
        for dom in ont.objects(p, RDFS.domain):
            if not types.get(s, set()) & _class_set(ont, dom):
                bad.append(("domain", s, p, sorted(types.get(s, set()))))
        for rng in ont.objects(p, RDFS.range):
            if kind == OWL.DatatypeProperty:
                dt = str(o.datatype or XSD + "string") if isinstance(o, Literal) else None
                if not isinstance(o, Literal) or dt not in _FITS.get(str(rng), {str(rng)}):
                    bad.append(("range", s, p, o))
            elif kind == OWL.ObjectProperty and isinstance(o, Literal):
                bad.append(("object property with a literal", s, p, o))
            elif types.get(o) and not types[o] & _class_set(ont, rng):
                bad.append(("range", s, p, sorted(types[o])))
    assert not bad, bad[:20]


def _hermit_unavailable() -> str | None:
    import shutil

    try:
        import owlready2  # noqa: F401
    except ImportError:
        return "owlready2 is not installed (it comes with the test extras)"
    if shutil.which("java") is None:
        return "no Java runtime for HermiT (CI installs Debian's default-jre-headless)"
    return None


def test_hermit_finds_the_ontology_and_the_exported_graph_consistent(built, tmp_path):
    """The OWL 2 reasoner HermiT (shipped with owlready2) loads ontology/kg.ttl with the graph
    `kg build` exports and finds them consistent; a contradiction fails."""
    import os

    reason = _hermit_unavailable()
    if reason:
        if os.environ.get("KG_REQUIRE_TOOLS"):
            pytest.fail(reason)
        pytest.skip(reason)
    import owlready2

    def consistent(*ttl) -> bool:
        g = Graph()
        for t in ttl:
            g.parse(t)
        path = tmp_path / f"all-{len(list(tmp_path.iterdir()))}.nt"
        g.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False
        return True

    assert consistent(ROOT / "ontology" / "kg.ttl", built["exports"] / "kg.ttl")
    # the reasoner does judge: a drug that is also a trial breaks the classes' disjointness
    clash = tmp_path / "clash.ttl"
    clash.write_text("<https://w3id.org/oncokg/id/x> a <https://w3id.org/oncokg/ontology#Drug>, "
                     "<https://w3id.org/oncokg/ontology#Trial> .\n", encoding="utf-8")
    assert not consistent(ROOT / "ontology" / "kg.ttl", clash)


# ---------------------------------------------------------------- one Biolink predicate per edge property, everywhere
_MATCHES = [SKOS[m] for m in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")]
BIOLINK_NS = "https://w3id.org/biolink/vocab/"


def _biolink_matches(ont, p) -> set[str]:
    return {"biolink:" + str(o)[len(BIOLINK_NS):] for m in _MATCHES for o in ont.objects(p, m)
            if str(o).startswith(BIOLINK_NS)}


def test_every_edge_property_has_one_biolink_predicate_in_ontology_vocab_and_kgx(ont):
    """Each predicate of vocab.PREDICATES (new ones too) has exactly one Biolink predicate: the
    same in kg.ttl (a SKOS match), vocab.BIOLINK_PREDICATES (RDF) and the KGX export."""
    from kg.export import kgx
    from kg.schema.vocab import BIOLINK_PREDICATES, PREDICATES

    for curie in sorted(set(PREDICATES.values())):
        p = KG[curie.split(":", 1)[1]]
        assert (p, RDF.type, OWL.ObjectProperty) in ont, curie
        assert curie in BIOLINK_PREDICATES, f"{curie} has no Biolink predicate in vocab.BIOLINK_PREDICATES"
        assert _biolink_matches(ont, p) == {BIOLINK_PREDICATES[curie]}, curie
        assert kgx.PREDICATES[curie] == BIOLINK_PREDICATES[curie]
    assert set(BIOLINK_PREDICATES) == set(PREDICATES.values())


def test_every_biolink_predicate_admits_the_property_domain_and_range(ont):
    """Schema-level check (so it holds for properties added later): the Biolink predicate is a
    real, non-abstract predicate whose domain admits the Biolink category of every class in the
    property's rdfs:domain, and whose range admits those of its rdfs:range."""
    from tests import biolink as bl
    from kg.schema.vocab import BIOLINK_PREDICATES

    slots = bl.model()["slots"]
    category = {c: bl.element("biolink:" + str(b)[len(BIOLINK_NS):]) for c, b in ont.subject_objects(RDFS.subClassOf)
                if str(b).startswith(BIOLINK_NS)}
    for curie, pred in BIOLINK_PREDICATES.items():
        name = bl.element(pred)
        assert name in slots and "related to" in bl.is_a_chain(slots, name), pred
        assert not slots[name].get("abstract") and slots[name].get("deprecated") is None, pred
        dom, rng = bl.domain_range(name)
        p = KG[curie.split(":", 1)[1]]
        for end, constraint in ((RDFS.domain, dom), (RDFS.range, rng)):
            for expr in ont.objects(p, end):
                for cls in _class_set(ont, expr):
                    assert bl.fits(category[cls], constraint), (curie, pred, str(cls), constraint)


def test_assertions_carry_biolink_predicates_and_ours_as_original(data):
    from kg.schema.vocab import BIOLINK_PREDICATES

    BL = Namespace(BIOLINK_NS)
    pairs = list(data.subject_objects(BL.predicate))
    assert pairs
    for a, pred in pairs:
        ours = data.value(a, BL.original_predicate)
        assert ours is not None and str(ours).startswith(str(KG)), a
        assert str(pred) == BIOLINK_NS + BIOLINK_PREDICATES["kg:" + str(ours)[len(str(KG)):]].split(":", 1)[1]
