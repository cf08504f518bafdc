"""Read YAML keeping the line of every mapping and of every key in it.

>>> data = load_yaml_text("- id: x\\n  name: y\\n", "f.yaml")
>>> data[0].line, data[0].lines["name"]
(1, 2)
"""
from __future__ import annotations

import datetime as _dt

import yaml

from kg.errors import DataError


class LineDict(dict):
    """A dict that remembers where it and each of its keys stood in the file."""

    line: int = 0
    lines: dict


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when installed: 5-10x faster
    def construct_mapping(self, node, deep=False):  # noqa: D401 - yaml hook
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool, type(None))):  # a list as a key: unhashable
                raise DataError(f"a key must be text, not {type(key).__name__}", line=key_node.start_mark.line + 1)
            if key in seen:
                raise DataError(f"duplicate key {key!r}", line=key_node.start_mark.line + 1, field=str(key))
            seen[key] = key_node.start_mark.line + 1
        out = LineDict(super().construct_mapping(node, deep=True))
        out.line, out.lines = node.start_mark.line + 1, seen
        return out


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)


def with_line(value, line: int):
    """Plain data (JSON, say) as the loader reads YAML: every mapping a :class:`LineDict` whose
    keys all stand on ``line``. Data nested too deeply is a :class:`DataError`.

    >>> with_line([{"id": "x"}], 7)[0].lines
    {'id': 7}
    """
    def located(v, depth: int):
        if depth > 64:
            raise DataError("nested too deeply (a record is a few levels deep)", line=line)
        if isinstance(v, dict):
            out = LineDict({k: located(x, depth + 1) for k, x in v.items()})
            out.line, out.lines = line, {k: line for k in v}
            return out
        if isinstance(v, list):
            return [located(x, depth + 1) for x in v]
        return v

    return located(value, 0)
# Dates stay text here; the loader checks them and reports an impossible date with its line.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


def load_yaml_text(text: str, filename: str):
    """Parse YAML text; syntax errors become :class:`DataError` with file and line."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except DataError as exc:
        raise DataError(exc.message, file=filename, line=exc.line, field=exc.field) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DataError(f"YAML syntax: {exc.problem}", file=filename, line=line) from None
    except yaml.YAMLError as exc:
        raise DataError(f"YAML: {exc}", file=filename) from None
    except RecursionError:
        raise DataError("YAML nested too deeply (a record is a few levels deep)", file=filename) from None


def iso_date(value) -> str:
    """Normalise a YAML date (parsed or quoted) to an ISO string; raise ValueError if bad.

    >>> iso_date(_dt.date(2016, 5, 18)), iso_date("2019-08")
    ('2016-05-18', '2019-08')
    """
    if isinstance(value, _dt.datetime):
        raise ValueError("a date, not a timestamp, is expected")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 7:
            _dt.date.fromisoformat(text + "-01")
            return text
        if len(text) == 10:
            return _dt.date.fromisoformat(text).isoformat()
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD or YYYY-MM)")
