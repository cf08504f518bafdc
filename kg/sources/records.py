"""One record mapping (a curated YAML item or an imported row) -> a typed model record, with
every problem located by file, line and field.

The schema is the dataclasses in :mod:`kg.schema.model`: a field without a default is required,
``ref`` fields must point at existing records (collected here, checked by the loader),
``choices``, id patterns and value checks are enforced.

>>> from kg.sources.yamlfile import load_yaml_text
>>> [e.message for e in check_mapping("organizations", load_yaml_text("- id: KG:org-x\\n  name: X\\n", "f")[0], "f")]
['missing required field']
"""
from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from typing import Any

from kg.schema import model
from kg.errors import DataError
from kg.schema.approval import event_problems
from kg.schema.ids import IdError, check_curie, check_source, check_url
from kg.schema.values import number_problem, text_problem
from kg.sources.yamlfile import LineDict, iso_date



_SCALARS = (str, int, float, bool)


class RecordContext:
    """Where we are: file, the line of the current mapping, and the errors so far."""

    def __init__(self, file: str, curated: bool = True):
        self.file = file
        self.curated = curated  # curated files must fill the fields marked "curated" in the model
        self.errors: list[DataError] = []
        self.refs: list[tuple[tuple[str, ...], str, int, str]] = []

    def error(self, message: str, line: int | None, field: str) -> None:
        self.errors.append(DataError(message, file=self.file, line=line, field=field))


@functools.lru_cache(maxsize=None)
def _unwrap_optional(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0], True
    return hint, False


_origin = functools.lru_cache(maxsize=None)(typing.get_origin)  # asked for every value: worked out once per type


#: what :func:`decode_record` returns for a record it could not decode (the errors are in its context)
FAILED = object()


def _convert(value: Any, hint: Any, meta: dict, ctx: RecordContext, line: int, field: str) -> Any:
    """Convert one YAML value to the field's type; report and return FAILED on error."""
    hint, _ = _unwrap_optional(hint)
    origin = _origin(hint)
    if value is None:
        ctx.error("empty value (leave optional fields out instead of writing null)", line, field)
        return FAILED
    if origin is tuple:
        (item_hint, _ellipsis) = typing.get_args(hint)
        if isinstance(value, (str, LineDict)) and "ref" in meta:
            value = [value]
        if not isinstance(value, list):
            ctx.error(f"expected a list, got {type(value).__name__}", line, field)
            return FAILED
        items = [_convert(v, item_hint, meta, ctx, getattr(v, "line", line), f"{field}[{i}]")
                 for i, v in enumerate(value)]
        return FAILED if FAILED in items else tuple(items)
    if origin is dict:
        if not isinstance(value, dict):
            ctx.error("expected a mapping", line, field)
            return FAILED
        out = {}
        _, val_hint = typing.get_args(hint)
        for k, v in value.items():
            if isinstance(v, bool) or not isinstance(v, (_SCALARS if val_hint is Any else (int, float))):
                if hasattr(v, "isoformat"):
                    v = v.isoformat()
                else:
                    ctx.error(f"value of {k!r} must be a {'scalar' if val_hint is Any else 'number'}", line, f"{field}.{k}")
                    return FAILED
            problem = text_problem(str(k)) or (text_problem(v) if isinstance(v, str) else number_problem(v, float))
            if problem:
                ctx.error(problem, line, f"{field}.{k}")
                return FAILED
            out[str(k)] = v
        return out
    if hint is model.Source:
        return _source(value, ctx, line, field)
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, LineDict):
            ctx.error(f"expected a mapping for {hint.__name__}", line, field)
            return FAILED
        return _build(hint, value, ctx, field + ".")
    if meta.get("date"):
        try:
            return iso_date(value)
        except ValueError as exc:
            ctx.error(f"bad date: {exc}", line, field)
            return FAILED
    if hint is bool:
        if not isinstance(value, bool):
            ctx.error(f"expected true or false, got {value!r}", line, field)
            return FAILED
        return value
    if hint in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (hint is int and not isinstance(value, int)):
            ctx.error(f"expected {'a whole number' if hint is int else 'a number'}, got {value!r}", line, field)
            return FAILED
        problem = number_problem(value, hint)
        if problem:
            ctx.error(problem, line, field)
            return FAILED
        return hint(value)
    if hint is str:
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            ctx.error(f"expected text, got {type(value).__name__}", line, field)
            return FAILED
        value = str(value).strip()
        if not value:
            ctx.error("empty text", line, field)
            return FAILED
        problem = text_problem(value)
        if not problem and field.rsplit(".", 1)[-1] == "url":
            try:
                check_url(value)
            except IdError as exc:
                problem = str(exc)
        if problem:
            ctx.error(problem, line, field)
            return FAILED
        if "choices" in meta and value not in meta["choices"]:
            ctx.error(f"{value!r} is not one of: {', '.join(meta['choices'])}", line, field)
            return FAILED
        if "ref" in meta:
            try:
                value = check_curie(value)
            except IdError as exc:
                ctx.error(f"malformed identifier: {exc}", line, field)
                return FAILED
            ctx.refs.append((meta["ref"], value, line, field))
        elif field.split("[")[0].endswith("xrefs"):
            try:
                value = check_curie(value)
            except IdError as exc:
                ctx.error(f"malformed identifier: {exc}", line, field)
                return FAILED
        return value
    raise TypeError(f"unsupported type {hint!r} for {field}")  # a schema bug, not a data error


def _source(value: Any, ctx: RecordContext, line: int, field: str) -> Any:
    extra: dict[str, str] = {}
    if isinstance(value, LineDict):
        keys = ("where", "agent", "release", "record")
        if set(value) - {"id", *keys} or "id" not in value:
            ctx.error(f"a source mapping has 'id' and optional {', '.join(map(repr, keys))}", value.line, field)
            return FAILED
        for k in keys:
            if value.get(k) is not None:
                if hasattr(value[k], "isoformat"):
                    value[k] = value[k].isoformat()
                if not isinstance(value[k], str) or text_problem(value[k]):
                    ctx.error(text_problem(value[k]) if isinstance(value[k], str) else f"'{k}' must be text",
                              value.lines.get(k, line), f"{field}.{k}")
                    return FAILED
                extra[k] = value[k]
        if extra.get("agent", "manual_agent") not in model.AGENTS:
            ctx.error(f"agent {extra['agent']!r} is not one of: {', '.join(model.AGENTS)}", value.line, f"{field}.agent")
            return FAILED
        value = value["id"]
    if not isinstance(value, str):
        ctx.error(f"a source is text, got {value!r}", line, field)
        return FAILED
    try:
        ident = check_source(value)
    except IdError as exc:
        ctx.error(f"bad source: {exc}", line, field)
        return FAILED
    if ident.startswith("KG:doc-"):
        ctx.refs.append((("Document",), ident, line, field))
    return model.Source(ident, **extra)


@functools.lru_cache(maxsize=None)
def _schema(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field]]:
    """The type hints and fields of a record class (evaluating the hints costs more than
    checking a record: worked out once per class)."""
    return typing.get_type_hints(cls), {f.name: f for f in dataclasses.fields(cls)}


def _build(cls: type, data: LineDict, ctx: RecordContext, prefix: str = "") -> Any:
    hints, fields = _schema(cls)
    unsourced = data.get("not_in_sources") if "not_in_sources" in fields else None
    unsourced = set(unsourced) if isinstance(unsourced, list) and all(isinstance(x, str) for x in unsourced) else set()
    ok = True
    for key in data:
        if key not in fields:
            ctx.error(f"unknown field {key!r} for {cls.__name__} (allowed: {', '.join(fields)})",
                      data.lines.get(key, data.line), prefix + str(key))
            ok = False
    kwargs = {}
    for name, f in fields.items():
        line = data.lines.get(name, data.line)
        if name not in data:
            required = (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING) or (
                ctx.curated and f.metadata.get("curated", False) and name not in unsourced)
            if required:
                ctx.error("missing required field", data.line, prefix + name)
                ok = False
            continue
        value = _convert(data[name], hints[name], dict(f.metadata), ctx, line, prefix + name)
        if value is FAILED:
            ok = False
        elif name == "sources" and not value:
            ctx.error("at least one source is required", line, prefix + name)
            ok = False
        else:
            kwargs[name] = value
    return cls(**kwargs) if ok else FAILED


def decode_record(cls: type, data: Any, ctx: RecordContext, index: int) -> Any:
    """The ``cls`` record that mapping ``data`` (item ``index`` of its file) describes, or
    :data:`FAILED` with every problem added to ``ctx.errors`` (file, line, field).

    >>> from kg.schema import model
    >>> from kg.sources.yamlfile import load_yaml_text
    >>> ctx = RecordContext("orgs.yaml")
    >>> item = load_yaml_text("- id: KG:org-x\\n  name: X\\n  kind: nonsense\\n", "orgs.yaml")[0]
    >>> decode_record(model.Organization, item, ctx, 0) is FAILED, [e.field for e in ctx.errors]
    (True, ['sources', 'kind'])
    """
    if not isinstance(data, LineDict):
        ctx.error(f"record {index + 1} is not a mapping", None, "")
        return FAILED
    if "id" in data and isinstance(data["id"], str):
        try:
            allowed = getattr(cls, "CURATED_PREFIXES", cls.ID_PREFIXES) if ctx.curated else cls.ID_PREFIXES
            data["id"] = check_curie(data["id"], allowed)
        except IdError as exc:
            ctx.error(f"malformed identifier: {exc}", data.lines["id"], "id")
            return FAILED
    rec = _build(cls, data, ctx)
    if rec is not FAILED:
        for problem, field in _semantic_problems(rec, ctx.curated):
            ctx.error(problem, _line_of(data, field), field)
            rec = FAILED
    return rec


def _line_of(data: LineDict, field: str) -> int:
    """Line of a (possibly nested) field such as ``events[1].date``: the deepest mapping found."""
    line, node = data.line, data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", field):
        if part.startswith("["):
            idx = int(part[1:-1])
            if not isinstance(node, list) or idx >= len(node):
                break
            node = node[idx]
            line = getattr(node, "line", line)
        elif isinstance(node, LineDict) and part in node:
            line = node.lines.get(part, line)
            node = node[part]
        else:
            break
    return line


def _semantic_problems(rec: Any, curated: bool = True) -> list[tuple[str, str]]:
    """Rules that span fields of one record."""
    out = []
    if isinstance(rec, model.Approval):
        out.extend(event_problems(rec))
    if isinstance(rec, model.Indication) and curated:
        if rec.id.startswith("KG:") and not rec.no_mondo_reason:
            out.append(("an indication without a MONDO id says why (no_mondo_reason)", "no_mondo_reason"))
        if rec.id.startswith("MONDO:") and rec.no_mondo_reason:
            out.append(("no_mondo_reason is only for indications without a MONDO id", "no_mondo_reason"))
    if isinstance(rec, model.Trial):
        for i, name in enumerate(rec.not_in_sources):
            if name not in model.Trial.OPTIONAL_WHEN_UNSOURCED:
                out.append((f"{name!r} cannot be marked as not in the sources (only: "
                            f"{', '.join(model.Trial.OPTIONAL_WHEN_UNSOURCED)})", f"not_in_sources[{i}]"))
            elif getattr(rec, name) not in (None, ()):
                out.append((f"{name!r} is given, so it is not missing from the sources", f"not_in_sources[{i}]"))
        for name, n in rec.population_counts.items():
            if n != int(n) or n < 1 or rec.enrollment is not None and n > rec.enrollment:
                out.append((f"a population count is a whole number from 1 to the enrollment ({rec.enrollment}), "
                            f"not {n}", f"population_counts.{name}"))
    if isinstance(rec, model.Drug) and bool(rec.components) != (rec.kind == "fixed-dose combination"):
        out.append(("components are given for, and only for, a fixed-dose combination", "components"))
    if isinstance(rec, model.Result) and rec.ci:
        if len(rec.ci) != 2 or rec.ci[0] > rec.ci[1]:
            out.append(("ci must be [low, high] with low <= high", "ci"))
        elif rec.value is not None and not rec.ci[0] <= rec.value <= rec.ci[1]:
            out.append((f"value {rec.value} lies outside its ci {list(rec.ci)}", "value"))
    if isinstance(rec, model.Claim) and rec.predicate not in ("describes",) and rec.object is None:
        out.append((f"predicate {rec.predicate!r} needs an object", "object"))
    return out


def check_mapping(kind: str, data: LineDict, file: str) -> list[DataError]:
    """The problems the loader finds in one record of ``kind`` (a file name such as
    ``"trials"``) on its own, its references left unchecked: what an importer checks each
    record with before keeping it (:meth:`kg.sources.importers.base.Context.check`).

    >>> from kg.sources.yamlfile import with_line
    >>> [e.field for e in check_mapping("drugs", with_line({"id": "KG:drug-x", "name": ["a"]}, 3), "f")]
    ['name', 'sources']
    """
    ctx = RecordContext(file, curated=False)
    decode_record(model.KINDS[kind], data, ctx, 0)
    return ctx.errors
