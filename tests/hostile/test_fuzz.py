"""Property-based tests (Hypothesis) of the loaders: whatever a curated file or an import file
holds, the only exceptions are :class:`kg.errors.KGError` ones; every record an importer keeps
passes the loader's checks; and a bad file changes nothing in the store."""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from kg.errors import KGError  # noqa: E402
from tests.conftest import MINI  # noqa: E402
from tests.hostile.world import state  # noqa: E402

def fuzz(examples: int) -> settings:
    """Hypothesis settings: ``examples`` examples, no time limit per example (the machine is
    shared), no example database written into the project folder, the failing blob printed."""
    return settings(max_examples=examples, deadline=None, database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])

#: Text as hostile inputs write it: control characters, odd spaces, quotes and brackets,
#: non-characters, right-to-left marks, now and then very long (lone surrogates cannot be
#: written as UTF-8, so they come in through JSON escapes below).
_CHARS = st.characters(codec="utf-8") | st.sampled_from(list("\x00\x01\x1b\x7f\x85\u2028\u202e\ufeff\ufffe<>\"'{}[]|\\`^%:#\t\n\r"))
TEXT = st.text(_CHARS, max_size=40) | st.builds(lambda c, n: c * n, st.sampled_from("x\x00 ["), st.integers(60_000, 70_000))
SCALAR = (st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True, allow_infinity=True)
          | TEXT)
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                     max_leaves=12)


def _mini_records() -> dict[str, list]:
    return {p.name: yaml.safe_load(p.read_text()) for p in sorted(MINI.glob("*.yaml"))}


MINI_RECORDS = _mini_records()


def _load(data_dir: Path):
    from kg.sources.curated import load_dataset

    try:
        return load_dataset(data_dir)
    except KGError as exc:
        return exc


def _assert_clean(dataset) -> None:
    """No text of any record holds a control character (but tab and line break)."""
    from kg.sources.layers import to_data

    def texts(v):
        if isinstance(v, str):
            yield v
        elif isinstance(v, dict):
            for k, x in v.items():
                yield from texts(k)
                yield from texts(x)
        elif isinstance(v, list):
            for x in v:
                yield from texts(x)

    for r in dataset.all():
        bad = [t for t in texts(to_data(r)) if re.search("[\x00-\x08\x0b-\x1f\x7f]", t)]
        assert not bad, (r.id, bad)


def _copy_mini() -> Path:
    d = Path(tempfile.mkdtemp()) / "data"
    shutil.copytree(MINI, d)
    return d


@fuzz(100)
@given(name=st.sampled_from(sorted(MINI_RECORDS)), raw=st.binary(max_size=300) | TEXT.map(lambda t: t.encode()))
def test_any_bytes_as_a_curated_file(name, raw):
    d = _copy_mini()
    (d / name).write_bytes(raw)
    _load(d)  # a dataset, or a KGError: nothing else
    shutil.rmtree(d.parent)


def _edited(name: str, data, field_of, value) -> None:
    """Put ``value`` (a strategy) in a field (``field_of(record)``: a strategy, or None to skip)
    of one record of curated file ``name``, load the data, and check what passes is clean."""
    records = json.loads(json.dumps(MINI_RECORDS[name], default=str))
    rec = data.draw(st.sampled_from(records))
    fields = field_of(rec)
    if fields is None:
        return
    rec[data.draw(fields)] = data.draw(value)
    try:
        text = yaml.safe_dump(records, allow_unicode=True)
    except yaml.YAMLError:
        return
    d = _copy_mini()
    (d / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    result = _load(d)
    if not isinstance(result, KGError):  # what passed is clean: no control character in any text
        _assert_clean(result)
    shutil.rmtree(d.parent)


@fuzz(200)
@given(name=st.sampled_from(sorted(MINI_RECORDS)), data=st.data())
def test_any_value_in_any_field_of_a_curated_record(name, data):
    _edited(name, data, lambda rec: st.sampled_from(sorted(rec)) | TEXT, VALUE)


@fuzz(150)
@given(name=st.sampled_from(sorted(MINI_RECORDS)), data=st.data())
def test_any_text_in_a_text_field(name, data):
    """What passes holds no control character, however the text was written."""
    def text_fields(rec):
        fields = sorted(k for k, v in rec.items() if isinstance(v, str) and k != "id")
        return st.sampled_from(fields) if fields else None

    _edited(name, data, text_fields, TEXT)


def _civic_header() -> list[str]:
    from tests.importers.conftest import FIXTURES

    return (FIXTURES / "civic" / "ClinicalEvidenceSummaries.tsv").read_text().splitlines()[0].split("\t")


CIVIC_HEADER = _civic_header()
CIVIC_CELL = (st.sampled_from(["", "1", "12", "A", "B", "E", "Supports", "Does Not Support", "accepted", "PubMed",
                               "NCT01234567", "NCT0123", "2024-01-01", "BRAF V600E", "Atezolizumab", "3908", "x,,y"])
              | TEXT)


def _check_kept(ctx, kept) -> None:
    for rec in [*ctx.new.values(), *kept]:
        ctx.check(rec)  # raises Rejected if an importer kept a record the loader would refuse
    assert len({r.id for r in kept}) == len(kept)


def _context():
    from kg.sources.curated import load_dataset
    from kg.sources.importers.base import Context
    from kg.sources.importers.resolve import Resolver

    return Context("infores:test", Resolver(load_dataset(MINI).all()))


@fuzz(150)
@given(rows=st.lists(st.dictionaries(st.sampled_from(CIVIC_HEADER), CIVIC_CELL), min_size=1, max_size=6),
       tail=st.sampled_from(["\n", "", "\r\n"]))
def test_civic_rows_of_anything(rows, tail):
    from kg.sources.importers import civic

    path = Path(tempfile.mkdtemp()) / "ClinicalEvidenceSummaries.tsv"
    lines = ["\t".join(CIVIC_HEADER)] + ["\t".join(r.get(c, "") for c in CIVIC_HEADER) for r in rows]
    path.write_text("\n".join(lines) + tail, encoding="utf-8", errors="surrogatepass")
    ctx = _context()
    try:
        kept = list(civic.read([path], ctx))
    except KGError:
        return
    _check_kept(ctx, kept)
    assert ctx.imported == len(kept) and ctx.read >= len(kept) + len(ctx.rejections)


STUDY = json.loads((Path(__file__).resolve().parent.parent / "fixtures" / "import" / "ctgov" / "study1.json")
                   .read_text())
PLACES = ["protocolSection", "protocolSection.identificationModule", "protocolSection.identificationModule.acronym",
          "protocolSection.identificationModule.briefTitle", "protocolSection.statusModule",
          "protocolSection.statusModule.overallStatus", "protocolSection.designModule",
          "protocolSection.designModule.phases", "protocolSection.designModule.enrollmentInfo",
          "protocolSection.designModule.enrollmentInfo.count", "protocolSection.designModule.designInfo",
          "protocolSection.conditionsModule.conditions", "protocolSection.armsInterventionsModule.interventions",
          "protocolSection.sponsorCollaboratorsModule", "protocolSection.sponsorCollaboratorsModule.leadSponsor",
          "protocolSection.sponsorCollaboratorsModule.leadSponsor.name", "protocolSection.outcomesModule",
          "protocolSection.outcomesModule.primaryOutcomes", "resultsSection", "derivedSection"]


def _put(study: dict, place: str, value) -> None:
    node = study
    *parents, last = place.split(".")
    for p in parents:
        if not isinstance(node.get(p), dict):
            node[p] = {}
        node = node[p]
    node[last] = value


@fuzz(150)
@given(changes=st.lists(st.tuples(st.sampled_from(PLACES), VALUE), min_size=1, max_size=3),
       escape=st.booleans())
def test_ctgov_studies_of_any_shape(changes, escape):
    from kg.sources.importers import ctgov

    study = json.loads(json.dumps(STUDY))
    for place, value in changes:
        _put(study, place, value)
    line = json.dumps(study, ensure_ascii=escape)  # escaped: lone surrogates come through as \\udxxx
    path = Path(tempfile.mkdtemp()) / "dump.jsonl"
    path.write_text(line + "\n" + json.dumps(STUDY) + "\n", encoding="utf-8", errors="surrogatepass")
    ctx = _context()
    try:
        kept = list(ctgov.read([path], ctx))
    except KGError:
        return
    _check_kept(ctx, kept)
    assert [r["line"] for r in ctx.rejections] in ([], [1], [2])  # the good study is rejected only as a repeat


@pytest.fixture(scope="module")
def mini_store(tmp_path_factory):
    from kg.build import build

    base = tmp_path_factory.mktemp("fuzz")
    data = base / "data"
    shutil.copytree(MINI, data)
    build(data, base / "store", None)
    return base


@fuzz(8)
@given(source=st.sampled_from(["civic", "ctgov"]), body=st.binary(max_size=200) | VALUE.map(
    lambda v: json.dumps(v, default=str).encode()))
def test_a_bad_import_file_changes_nothing(mini_store, source, body):
    from kg.sources.importers import run_import

    store = mini_store / "store"
    path = Path(tempfile.mkdtemp()) / ("ClinicalEvidenceSummaries.tsv" if source == "civic" else "x.json")
    path.write_bytes(body)
    before = _store_state(store)
    try:
        run_import(store, source, [path], data_dir=mini_store / "data")
    except KGError:
        assert _store_state(store) == before
    else:  # (a file of garbage that happens to be a good record) put the store back for the next example
        from kg.build import remove_layer

        remove_layer(store, "civic" if source == "civic" else "ctgov", mini_store / "data")


def _store_state(store: Path) -> dict:
    from tests.hostile.world import World

    return state(World(store.parent, store.parent / "data", store, store.parent / "exports"))


@fuzz(8)
@given(name=st.sampled_from(sorted(MINI_RECORDS)), raw=st.binary(max_size=100) | TEXT.map(lambda t: t.encode()))
def test_a_bad_curated_file_changes_nothing(mini_store, name, raw):
    from kg.build import build

    data = mini_store / "data"
    old = (data / name).read_bytes()
    (data / name).write_bytes(raw)
    store = mini_store / "store"
    before = _store_state(store)
    try:
        build(data, store, None)
    except KGError:
        assert _store_state(store) == before
    finally:
        (data / name).write_bytes(old)
