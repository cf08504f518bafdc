"""Options and output helpers shared by the CLI modules."""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Callable

import click

FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                      help="text for people (tables), json for scripts.")
TABLE_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "tsv"]), default="text",
                            show_default=True, help="text table, JSON, CSV or TSV.")
STORE = click.option("--store", "store", type=click.Path(file_okay=False, path_type=Path), envvar="KG_STORE",
                     default=None, help="Store directory [env KG_STORE; default exports/store].")


AUTH = click.option("--auth", type=click.Choice(["auto", "basic", "digest"]), default="auto", show_default=True,
                    help="HTTP authentication scheme (auto follows the server's challenge).")
USER = click.option("--user", default=None, help="User name on the remote server; the password is read from "
                    "$KG_PASSWORD or asked for.")


class FiniteFloatRange(click.FloatRange):
    """A float range that also refuses ``nan`` (every comparison with it is false, so a plain
    range lets it through).

    >>> FiniteFloatRange(0.1, 10).convert("nan", None, None)
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 'nan' is not a finite number.
    """

    def convert(self, value, param, ctx):
        import math

        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


def password(user: str | None) -> str | None:
    """The remote password: ``$KG_PASSWORD``, else asked for (never a command-line argument)."""
    if not user:
        return None
    return os.environ.get("KG_PASSWORD") or click.prompt(f"password for {user}", hide_input=True)


def SOURCE(f: Callable) -> Callable:  # noqa: N802 - a decorator used like the constants above
    """``--store``, or ``--endpoint URL`` (with ``--graph``, ``--user``, ``--auth``) to ask a remote
    SPARQL store that ``kg push`` loaded; the command receives either as ``store``."""

    @functools.wraps(f)
    def wrapper(*args, endpoint: str | None = None, graph: str | None = None, user: str | None = None,
                auth: str = "auto", **kw):
        if not endpoint:
            return f(*args, **kw)
        from kg.errors import RemoteError
        from kg.store.remote import RemoteStore

        kw["store"] = RemoteStore(endpoint, graph=graph, user=user, password=password(user), auth=auth)
        try:
            return f(*args, **kw)
        except (AttributeError, KeyError, IndexError, TypeError, ValueError, SyntaxError) as exc:
            # The endpoint's answers are untrusted input: solutions with the right variables but
            # not the values kg push wrote (unbound, not JSON, not IRIs) are its fault, not a bug.
            if os.environ.get("KG_DEBUG"):
                raise
            raise RemoteError(f"{endpoint} answered with data that is not the graph kg push writes "
                              f"({type(exc).__name__}: {exc}); check --endpoint and --graph") from None

    for opt in (STORE, AUTH, USER,
                click.option("--graph", default=None, help="With --endpoint: the graph kg push wrote [default: "
                             "the endpoint's default graph]."),
                click.option("--endpoint", default=None, help="Ask this remote SPARQL endpoint instead of the store.")):
        wrapper = opt(wrapper)
    return wrapper


def store_path(store: Path | None) -> Path:
    from kg.store.local import store_path as resolve

    return resolve(store)


def open_ro(store):
    """Open the store read-only (or pass through a remote store given with ``--endpoint``)."""
    from kg.store.local import open_store

    if hasattr(store, "query"):
        return store
    return open_store(store_path(store))


def resolve_one(st, term: str, types: tuple[str, ...]) -> str:
    """The CURIE a user's term names (first match of the given types), or NotFoundError."""
    from kg.query.lookup import resolve_one as resolve

    return resolve(st, term, types)


def echo_json(data: Any) -> None:
    from kg.cli.render import to_json

    click.echo(to_json(data))


def emit(items: list[dict[str, Any]], fmt: str, rows: Callable[[list], list[dict]], columns: list[str],
         text: Callable[[list], str] | None = None) -> None:
    """Print results: JSON as they are; CSV/TSV of the flat rows; text as ``text(items)`` or a table."""
    if fmt == "json":
        echo_json(items)
        return
    flat = rows(items)
    if fmt in ("csv", "tsv"):
        import csv
        import io

        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, delimiter="," if fmt == "csv" else "\t", extrasaction="ignore",
                           lineterminator="\n")
        w.writeheader()
        for r in flat:
            w.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                        for k, v in r.items()})
        click.echo(buf.getvalue(), nl=False)
        return
    from kg.cli.render import table

    click.echo(text(items) if text else table(flat, columns, max_width=40))
    click.echo(f"\n{len(items)} result{'s' if len(items) != 1 else ''}")
