"""The library's error tree. Only the CLI turns these into messages and exit codes.

>>> try:
...     raise DataError("missing source", file="data/drugs.yaml", line=3, field="sources")
... except KGError as exc:
...     print(exc)
data/drugs.yaml:3: sources: missing source
"""
from __future__ import annotations


class KGError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = 1


class DataError(KGError):
    """One problem in one input record, located by file, line and field."""

    exit_code = 2

    def __init__(self, message: str, *, file: str = "", line: int | None = None, field: str = ""):
        self.message, self.file, self.line, self.field = message, file, line, field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [p for p in (where, self.field) if p]
        return ": ".join(parts + [self.message])


class SourceFormatError(DataError):
    """An input file of ``kg import`` is not what its importer reads (wrong header, empty or
    truncated as a whole, not text, not JSON); nothing was imported.

    >>> str(SourceFormatError("missing columns: evidence_id", file="x.tsv", line=1))
    'x.tsv:1: missing columns: evidence_id'
    """


class DataErrors(KGError):
    """Several :class:`DataError` found in one pass; nothing was written.

    >>> str(DataErrors([DataError("bad", file="a.yaml", line=1, field="id")]))
    '1 problem in the input:\\na.yaml:1: id: bad'
    """

    exit_code = 2

    def __init__(self, errors: list[DataError]):
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.errors)
        head = f"{n} problem{'s' if n != 1 else ''} in the input:"
        return "\n".join([head] + [str(e) for e in self.errors])


class DocumentError(DataError):
    """A document given to ``kg ingest`` / ``kg audit`` cannot be read as text (missing, empty,
    binary, not UTF-8, too large); names the file. Nothing is written.

    >>> str(DocumentError("not UTF-8 text", file="a.txt"))
    'a.txt: not UTF-8 text'
    """


class StoreError(KGError):
    """The store is missing, locked, or not a store this version can read."""


class StoreDamagedError(StoreError):
    """A file of the store is damaged or unreadable (the engine reports corruption): build it again."""


class StoreBusyError(StoreError):
    """Another writer (build, import, ingest, layer removal) holds the store's lock; try again
    later (exit code 75, the conventional "temporary failure")."""

    exit_code = 75


class NotFoundError(KGError):
    """A lookup found nothing; ``suggestions`` holds close names."""

    def __init__(self, term: str, suggestions: list[str] | None = None):
        self.term, self.suggestions = term, list(suggestions or [])
        msg = f"not found: {term!r}"
        if self.suggestions:
            msg += "; did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(msg)


class QueryError(KGError):
    """A query was refused or failed (bad SPARQL, forbidden operation, time limit)."""

    exit_code = 2


class RefusedError(QueryError):
    """A query asks for something a read-only endpoint never does: an update, SERVICE or LOAD."""


class BusyError(QueryError):
    """Every query worker stayed busy for the whole time limit; try again later."""


class RemoteError(KGError):
    """A remote SPARQL endpoint or graph store failed, refused, answered something that is not an
    answer to the request, or disagreed (e.g. triple counts); ``status`` is the HTTP status of
    the final answer, when there was one.

    >>> RemoteError("GET x answered 404 Not Found", status=404).status
    404
    """

    def __init__(self, message: str, *, status: int | None = None):
        self.status = status
        super().__init__(message)


class ValidationError(KGError):
    """The graph does not conform to the SHACL shapes; ``report`` is readable text."""

    def __init__(self, report: str):
        self.report = report
        super().__init__(report)


__all__ = ["KGError", "DataError", "SourceFormatError", "DataErrors", "DocumentError", "StoreError",
           "StoreBusyError", "NotFoundError", "QueryError", "RefusedError", "BusyError", "RemoteError",
           "ValidationError"]
