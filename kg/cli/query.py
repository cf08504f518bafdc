"""``kg query ...``: the named questions, each a thin wrapper over a ``kg.query`` function."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import SOURCE, TABLE_FORMAT, emit, open_ro, resolve_one
from kg.schema.approval import STATUSES


@click.group()
def query() -> None:
    """Named questions over the graph (text, json, csv or tsv)."""


def _drug(st, drug: str | None) -> str | None:
    return None if drug is None else resolve_one(st, drug, ("Drug",))


def _approvals_out(items, fmt, text=None):
    from kg.cli import render, render_rows

    emit(items, fmt, render_rows.approval_rows, render_rows.APPROVAL_COLUMNS, text or render.approvals_text)


@query.command("approvals")
@click.option("--drug", help="Only approvals of this drug (any name, brand, code or id).")
@click.option("--status", type=click.Choice(STATUSES),
              help="Only approvals with this status (it follows from their events).")
@click.option("--converted", is_flag=True,
              help="Only accelerated approvals converted to regular approval: when, and on which trial.")
@SOURCE
@TABLE_FORMAT
def approvals_cmd(drug: str | None, status: str | None, converted: bool, store: Path | None, fmt: str) -> None:
    """Every approval with the trials that support it and what became of it (converted, narrowed,
    withdrawn...), each event with its date and sources."""
    from kg.cli import render
    from kg.errors import QueryError
    from kg.query.approvals import approvals

    if converted and status not in (None, "converted"):
        raise QueryError(f"--converted lists converted approvals; it cannot be combined with --status {status}")
    st = open_ro(store)
    items = approvals(st, drug=_drug(st, drug), status="converted" if converted else status)
    _approvals_out(items, fmt, render.converted_text if converted else None)


@query.command("withdrawn")
@click.option("--drug", help="Only withdrawals of this drug.")
@SOURCE
@TABLE_FORMAT
def withdrawn_cmd(drug: str | None, store: Path | None, fmt: str) -> None:
    """Withdrawn approvals: the sponsor's announcement and the agency's effective date, each with its
    sources, and the confirmatory trial that failed."""
    from kg.cli import render
    from kg.query.approvals import withdrawn

    st = open_ro(store)
    _approvals_out(withdrawn(st, drug=_drug(st, drug)), fmt, render.withdrawn_text)


@query.command("as-of")
@click.argument("date")
@click.option("--drug", help="Only approvals of this drug.")
@SOURCE
@TABLE_FORMAT
def as_of_cmd(date: str, drug: str | None, store: Path | None, fmt: str) -> None:
    """Approvals in force on DATE (YYYY-MM-DD): granted by then, not yet withdrawn (the agency's
    effective date counts, not the sponsor's announcement) and not yet replaced."""
    from kg.query.approvals import as_of

    st = open_ro(store)
    _approvals_out(as_of(st, date, drug=_drug(st, drug)), fmt)


@query.command("evidence")
@click.argument("drug")
@click.argument("indication")
@click.option("--no-claims", is_flag=True, help="Leave out what documents claim; curated evidence only.")
@SOURCE
@TABLE_FORMAT
def evidence_cmd(drug: str, indication: str, no_claims: bool, store: Path | None, fmt: str) -> None:
    """Every trial result and approval for DRUG in INDICATION, graded, by setting."""
    from kg.cli import render_rows as render
    from kg.query.evidence import evidence

    st = open_ro(store)
    items = evidence(st, _drug(st, drug), resolve_one(st, indication, ("Indication",)), claims=not no_claims)
    emit(items, fmt, render.evidence_rows, render.EVIDENCE_COLUMNS)


@query.command("drugs-for-target")
@click.argument("target")
@SOURCE
@TABLE_FORMAT
def drugs_for_target_cmd(target: str, store: Path | None, fmt: str) -> None:
    """Drugs that bind, block, inhibit or activate TARGET."""
    from kg.cli import render_rows as render
    from kg.query.targets import drugs_for_target

    st = open_ro(store)
    items = drugs_for_target(st, resolve_one(st, target, ("Target",)))
    emit(items, fmt, render.target_rows, ["drug", "id", "actions", "level", "sources"])


def _phase(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from kg.errors import QueryError
    from kg.query.trials import check_phase

    try:
        return None if value is None else check_phase(value)
    except QueryError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


@query.command("trials")
@click.argument("drug")
@click.option("--phase", callback=_phase, help="Only trials of this phase (1, 2, 3; a phase 1b/3 trial counts as 3).")
@click.option("--negative", is_flag=True, help="Only trials with a result that does not support the drug.")
@SOURCE
@TABLE_FORMAT
def trials_cmd(drug: str, phase: str | None, negative: bool, store: Path | None, fmt: str) -> None:
    """The trials of DRUG with their results."""
    from kg.cli import render_rows as render
    from kg.query.trials import trials

    st = open_ro(store)
    items = trials(st, _drug(st, drug), phase=phase, negative=negative)
    emit(items, fmt, render.trial_rows, render.TRIAL_COLUMNS)


@query.command("contradictions")
@SOURCE
@TABLE_FORMAT
def contradictions_cmd(store: Path | None, fmt: str) -> None:
    """Drug-indication pairs whose evidence points both ways, by setting."""
    from kg.cli import render_rows as render
    from kg.query.evidence import contradictions

    emit(contradictions(open_ro(store)), fmt, render.contradiction_rows, render.CONTRADICTION_COLUMNS)


@query.command("path")
@click.argument("source")
@click.argument("target")
@click.option("--max-paths", type=click.IntRange(1, 100), default=5, show_default=True,
              help="How many shortest paths to show.")
@SOURCE
@TABLE_FORMAT
def path_cmd(source: str, target: str, max_paths: int, store: Path | None, fmt: str) -> None:
    """How SOURCE and TARGET connect: the shortest paths, each hop explained with its evidence."""
    from kg.cli import render_rows as render
    from kg.errors import NotFoundError
    from kg.query.path import path

    st = open_ro(store)
    a, b = resolve_one(st, source, ()), resolve_one(st, target, ())
    items = path(st, a, b, max_paths=max_paths)
    if not items:
        raise NotFoundError(f"a path from {source} to {target}")
    emit(items, fmt, render.path_rows, ["path", "step", "from", "relation", "to", "level", "direction",
                                        "detail", "sources"], render.path_text)
