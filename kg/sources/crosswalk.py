"""Identifier crosswalks of the indications: NCIt, DOID and EFO codes (Mondo's ``skos:exactMatch``
mapping sets) and OncoTree codes (Mondo's weaker ``oboInOwl:hasDbXref`` set, with the names of
an OncoTree release), read from SSSOM files.

The curated build does not read the big public files: :func:`derive` keeps only the rows of the
MONDO ids the data uses and :func:`table_text` writes them, with their provenance, as a small
SSSOM table in the data folder (``data/crosswalk/indications.sssom.tsv``, made by
``kg crosswalk``); :func:`attach` reads that table when the curated data is loaded and gives
each indication its :class:`~kg.schema.model.Mapping` records. A test regenerates the table from
../shared and compares.

>>> text = ("# curie_map:\\n#   MONDO: http://purl.obolibrary.org/obo/MONDO_\\n"
...         "#   NCIT: http://purl.obolibrary.org/obo/NCIT_\\n# license: https://x.org/cc0\\n"
...         "# mapping_set_id: https://x.org/set.tsv\\n"
...         "subject_id\\tpredicate_id\\tobject_id\\tmapping_justification\\n"
...         "MONDO:0005233\\tskos:exactMatch\\tNCIT:C2926\\tsemapv:ManualMappingCuration\\n")
>>> s = parse_sssom(text, "set.tsv")
>>> s.meta["mapping_set_id"], s.rows[0]["object_id"], s.rows[0]["line"]
('https://x.org/set.tsv', 'NCIT:C2926', 7)
"""
from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from kg.errors import DataError, DataErrors
from kg.schema import model
from kg.schema.ids import IdError, PREFIXES, check_curie

#: The table the curated build reads, relative to the data folder.
TABLE = Path("crosswalk") / "indications.sssom.tsv"
#: The shared files it is made from (relative to ../shared/data).
MONDO_SETS = ("mondo/mondo_exactmatch_ncit.sssom.tsv", "mondo/mondo_exactmatch_doid.sssom.tsv",
              "mondo/mondo_exactmatch_efo.sssom.tsv", "mondo/mondo_hasdbxref_oncotree.sssom.tsv")
ONCOTREE_GLOB = "oncotree/oncotree_*.json"
REQUIRED = ("subject_id", "predicate_id", "object_id", "mapping_justification")
#: Prefixes SSSOM and its vocabularies bring (a file need not declare them in its curie_map).
BUILTIN = {"skos": "http://www.w3.org/2004/02/skos/core#", "semapv": "https://w3id.org/semapv/vocab/",
           "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#", "owl": "http://www.w3.org/2002/07/owl#",
           "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
           "sssom": "https://w3id.org/sssom/", "infores": "https://w3id.org/information-resource-registry/"}
_CURIE = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*):(\S+)$")
#: The vocabularies an indication may be mapped to, and the predicate each mapping set uses.
TARGETS = {"NCIT": "skos:exactMatch", "DOID": "skos:exactMatch", "EFO": "skos:exactMatch",
           "ONCOTREE": "oboInOwl:hasDbXref"}


@dataclass
class MappingSet:
    """One SSSOM file: its metadata block and its rows (dicts by column, with ``line``)."""

    file: str
    meta: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
    rejected: list[DataError] = dataclasses.field(default_factory=list)  #: bad rows left out (``skip_bad``)
    raw: dict[int, str] = dataclasses.field(default_factory=dict)  #: the text of the rejected rows by line


def _header(lines: list[str], file: str) -> tuple[dict[str, Any], int]:
    """The YAML metadata block (the leading ``#`` lines) and the number of its lines."""
    import yaml

    n = 0
    while n < len(lines) and lines[n].startswith("#"):
        n += 1
    block = "\n".join(line[1:] for line in lines[:n])
    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataErrors([DataError(f"the metadata block is not YAML: {getattr(exc, 'problem', exc)}", file=file,
                                    line=(mark.line + 1) if mark else 1, field="metadata")]) from None
    if not isinstance(meta, dict):
        raise DataErrors([DataError("the metadata block is not a mapping", file=file, line=1, field="metadata")])
    errors = []
    cmap = meta.get("curie_map", {})
    if not isinstance(cmap, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in cmap.items()):
        errors.append(DataError("curie_map must map prefixes to IRIs", file=file, line=1, field="curie_map"))
    for key in ("mapping_set_id", "license"):
        if not isinstance(meta.get(key), str) or not meta[key].startswith(("http://", "https://")):
            errors.append(DataError("missing or not an IRI", file=file, line=1, field=key))
    if errors:
        raise DataErrors(errors)
    return meta, n


def _curie(value: str, prefixes: dict[str, str], ours: bool) -> str:
    """``value`` if it is a CURIE with a declared prefix (and, for the entity prefixes the graph
    knows, a well-formed local part); else :class:`IdError`."""
    m = _CURIE.match(value)
    if not m:
        raise IdError(f"{value!r} is not a CURIE (PREFIX:local)")
    if m.group(1) not in prefixes:
        raise IdError(f"{value!r}: prefix {m.group(1)!r} is not in the curie_map")
    if ours and m.group(1) in PREFIXES:
        check_curie(value)
    return value


def parse_sssom(text: str, file: str, skip_bad: bool = False) -> MappingSet:
    """Read SSSOM/TSV text: metadata block, column row, one mapping a row. Every problem (missing
    required column, wrong number of cells, a CURIE that is malformed or whose prefix is not
    declared) is reported with ``file:line`` in one :class:`DataErrors`; with ``skip_bad`` bad
    rows are left out and listed in ``rejected`` instead (an upstream file with one broken row
    among thousands; a broken metadata block or column row is always an error)."""
    lines = text.splitlines()
    meta, n = _header(lines, file)
    if n >= len(lines) or not lines[n].strip():
        raise DataErrors([DataError("no column row after the metadata block", file=file, line=n + 1)])
    columns = lines[n].split("\t")
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise DataErrors([DataError(f"missing columns: {', '.join(missing)}", file=file, line=n + 1,
                                    field="columns")])
    prefixes = {**BUILTIN, **(meta.get("curie_map") or {})}
    rows, errors = [], []
    for i, line in enumerate(lines[n + 1:], start=n + 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            errors.append(DataError(f"{len(cells)} cells, the column row has {len(columns)}", file=file, line=i))
            continue
        row: dict[str, Any] = {c: v for c, v in zip(columns, cells) if v != ""}
        bad = False
        for col in REQUIRED:
            try:
                row[col] = _curie(row.get(col, ""), prefixes, col in ("subject_id", "object_id"))
            except IdError as exc:
                errors.append(DataError(f"bad CURIE: {exc}", file=file, line=i, field=col))
                bad = True
        if not bad:
            row["line"] = i
            rows.append(row)
    if errors and not skip_bad:
        raise DataErrors(errors)
    return MappingSet(file, meta, columns, rows, errors, {e.line: lines[e.line - 1] for e in errors if e.line})


def read_sssom(path: str | Path, skip_bad: bool = False) -> MappingSet:
    """:func:`parse_sssom` of a file (a file that is not UTF-8 text is a :class:`DataError`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataErrors([DataError(f"cannot read: {exc}", file=str(path))]) from None
    return parse_sssom(text, str(path), skip_bad)


def lines_about(s: MappingSet, line: int | None) -> set[str]:
    """The subject cell of line ``line`` of a mapping set's file (as text; empty if none)."""
    raw = s.raw.get(line or 0, "")
    return {raw.split("\t", 1)[0]} if raw else set()


def read_oncotree(path: str | Path) -> tuple[str, dict[str, dict[str, Any]]]:
    """(release, code -> tumour type) of an OncoTree tree JSON (``oncotree_YYYY_MM_DD.json``).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "oncotree_2025_10_03.json")
    >>> _ = open(p, "w").write('{"TISSUE": {"code": "TISSUE", "name": "Tissue", "children": '
    ...                        '{"MCC": {"code": "MCC", "name": "Merkel Cell Carcinoma", "children": {}}}}}')
    >>> rel, codes = read_oncotree(p); rel, codes["MCC"]["name"]
    ('oncotree_2025_10_03', 'Merkel Cell Carcinoma')
    """
    path = Path(path)
    try:
        tree = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DataErrors([DataError(f"cannot read OncoTree JSON: {exc}", file=str(path))]) from None
    codes: dict[str, dict[str, Any]] = {}
    stack = list(tree.values()) if isinstance(tree, dict) else []
    while stack:
        node = stack.pop()
        if not isinstance(node, dict) or not isinstance(node.get("code"), str):
            raise DataErrors([DataError("a tumour type without a code", file=str(path), field="code")])
        codes[node["code"]] = node
        stack.extend((node.get("children") or {}).values())
    if not codes:
        raise DataErrors([DataError("no tumour types", file=str(path))])
    return path.stem, codes


def oncotree_release_iri(release: str) -> str:
    """The API address of an OncoTree release (where its names come from).

    >>> oncotree_release_iri("oncotree_2025_10_03")
    'https://oncotree.mskcc.org/api/tumorTypes/tree?version=oncotree_2025_10_03'
    """
    return f"https://oncotree.mskcc.org/api/tumorTypes/tree?version={release}"


COLUMNS = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification",
           "mapping_source", "object_source_version", "comment"]


def derive(mondo_ids: Iterable[str], shared_data: str | Path) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """The rows of the shared mapping sets whose subject is one of ``mondo_ids`` (exact matches
    to NCIt, DOID and EFO; OncoTree cross-references with the release's name of each code), and
    a summary (counts, mapping sets read, codes absent from the OncoTree release)."""
    shared_data = Path(shared_data)
    if not shared_data.is_dir():
        raise DataErrors([DataError("folder of the shared data not found", file=str(shared_data))])
    wanted = set(mondo_ids)
    releases = sorted(shared_data.glob(ONCOTREE_GLOB))
    if not releases:
        raise DataErrors([DataError("no OncoTree release", file=str(shared_data / ONCOTREE_GLOB))])
    release, codes = read_oncotree(releases[-1])
    out, sets, absent, rejected = [], [], [], []
    for rel in MONDO_SETS:
        s = read_sssom(shared_data / rel, skip_bad=True)
        # an upstream row that does not pass is left out; it matters only if it is about our indications
        rejected += [f"{rel}:{e.line}: {e.field}: {e.message}" for e in s.rejected
                     if lines_about(s, e.line) & wanted or e.field == "subject_id"]
        version = s.meta.get("mapping_set_version") or s.meta["mapping_set_id"]
        sets.append({"file": rel, "mapping_set_version": version, "license": s.meta["license"]})
        for r in s.rows:
            prefix = r["object_id"].split(":", 1)[0]
            if r["subject_id"] not in wanted or TARGETS.get(prefix) != r["predicate_id"]:
                continue  # another disease, or a mapping weaker than the set's kind for that vocabulary
            row = {"subject_id": r["subject_id"], "subject_label": r.get("subject_label", ""),
                   "predicate_id": r["predicate_id"], "object_id": r["object_id"],
                   "object_label": r.get("object_label", ""), "mapping_justification": r["mapping_justification"],
                   "mapping_source": version, "object_source_version": "", "comment": ""}
            if prefix == "ONCOTREE":
                code = r["object_id"].split(":", 1)[1]
                if code in codes:
                    row["object_label"] = codes[code]["name"]
                    row["object_source_version"] = oncotree_release_iri(release)
                else:
                    row["comment"] = f"not a code of {release}"
                    absent.append(r["object_id"])
            out.append(row)
    out.sort(key=lambda r: (r["subject_id"], r["predicate_id"], r["object_id"]))
    return out, {"mapping_sets": sets, "oncotree_release": release, "absent_from_oncotree": sorted(absent),
                 "rejected": rejected, "rows": len(out)}


def table_text(rows: list[dict[str, str]], summary: dict[str, Any]) -> str:
    """The derived rows as SSSOM/TSV, with a metadata block naming every input and licence."""
    used = sorted({r["object_id"].split(":")[0] for r in rows} | {"MONDO"})
    cmap = {**{p: PREFIXES[p] for p in used}, **{k: BUILTIN[k] for k in ("oboInOwl", "semapv", "skos")}}
    licences = sorted({s["license"] for s in summary["mapping_sets"]})
    # the rows are CC0 (Mondo's mapping sets), the OncoTree names CC BY 4.0: the table as a whole is CC BY 4.0
    head = ["# curie_map:"] + [f"#   {p}: {iri}" for p, iri in sorted(cmap.items())] + [
        "# license: https://creativecommons.org/licenses/by/4.0/",
        "# mapping_set_id: https://w3id.org/oncokg/crosswalk/indications.sssom.tsv",
        "# mapping_set_description: The rows of the Mondo mapping sets below whose subject is an indication"
        " of the curated data, made by 'kg crosswalk'; OncoTree names from the release below. Do not edit,"
        " regenerate.",
        "# see_also:"] + [f"#   - {s['mapping_set_version']}" for s in summary["mapping_sets"]] + [
        f"#   - {oncotree_release_iri(summary['oncotree_release'])}",
        f"# comment: Mondo mapping sets {', '.join(licences)} (Mondo itself CC BY 4.0); OncoTree"
        f" {summary['oncotree_release']} CC BY 4.0 (github.com/cBioPortal/oncotree)."]
    body = ["\t".join(COLUMNS)] + ["\t".join(r.get(c, "") for c in COLUMNS) for r in rows]
    return "\n".join(head + body) + "\n"


def regenerate(mondo_ids: Iterable[str], shared_data: str | Path) -> tuple[str, dict[str, Any]]:
    """(text of the crosswalk table, summary) for ``mondo_ids`` (those of the curated
    indications: ``load_dataset(data_dir, crosswalk=False)``), from the shared files under
    ``shared_data``."""
    ids = sorted(set(mondo_ids))
    rows, summary = derive(ids, shared_data)
    summary["indications"] = ids
    return table_text(rows, summary), summary


def mappings_by_subject(table: MappingSet) -> dict[str, tuple[model.Mapping, ...]]:
    """MONDO id -> its mappings, from the derived table."""
    out: dict[str, list[model.Mapping]] = {}
    errors = []
    for r in table.rows:
        if r["predicate_id"] not in model.MAPPING_PREDICATES or not r.get("mapping_source"):
            errors.append(DataError(f"predicate must be one of {', '.join(model.MAPPING_PREDICATES)} and "
                                    "mapping_source given", file=table.file, line=r["line"], field="predicate_id"))
            continue
        out.setdefault(r["subject_id"], []).append(model.Mapping(
            object=r["object_id"], predicate=r["predicate_id"], justification=r["mapping_justification"],
            source=r["mapping_source"], label=r.get("object_label"), label_source=r.get("object_source_version")))
    if errors:
        raise DataErrors(errors)
    return {k: tuple(v) for k, v in out.items()}


def attach(dataset: model.Dataset, data_dir: str | Path) -> model.Dataset:
    """The dataset with each indication's mappings from ``data_dir``'s crosswalk table (the
    dataset unchanged when there is no table). Mapped codes join the indication's ``xrefs``."""
    path = Path(data_dir) / TABLE
    if not path.is_file():
        return dataset
    by_subject = mappings_by_subject(read_sssom(path))
    inds = []
    for ind in dataset.records.get("indications", ()):
        found = by_subject.get(ind.id, ())
        if found:
            xrefs = tuple(dict.fromkeys(ind.xrefs + tuple(m.object for m in found)))
            ind = dataclasses.replace(ind, mappings=ind.mappings + found, xrefs=xrefs)
        inds.append(ind)
    return model.Dataset({**dataset.records, "indications": tuple(inds)})


__all__ = ["MappingSet", "parse_sssom", "read_sssom", "read_oncotree", "derive", "table_text", "regenerate", "attach",
           "mappings_by_subject", "TABLE", "MONDO_SETS"]
