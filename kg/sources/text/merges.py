"""A sentence's claims taken together once its clauses are read (:mod:`kg.sources.text.regulatory`): one
withdrawal of a drug's indication however many clauses tell it, and a regular approval dated after
an accelerated approval of the same use that the sentence also tells is that one's conversion.

>>> from types import SimpleNamespace as NS
>>> from kg.sources.text.claims import ExtractedClaim
>>> c = lambda t, d: ExtractedClaim("approval", "X", "approved for", "Y", {"approval_type": t, "date": d}, None, None, "", 0, 9)
>>> r = NS(out=[c("accelerated", "2021-04-22"), c("regular", "2023-02-09")])
>>> later_regular_converts(r, NS(start=0), 0); r.out[1].values["approval_type"]
'conversion'
"""
from __future__ import annotations

import re
from dataclasses import replace

#: the type of the approval just told, said in a clause of its own ("..., and that approval was an
#: 'accelerated approval'")
_TYPE_AFTER = re.compile(r"\b(?:that|this|the|its) approval (?:was|is|had been|has been) (?:also )?(?:an? )?[\"'\u201c\u2018]?"
                         r"(accelerated|regular|full|traditional)\b", re.I)


def type_told_after(reader, s, n0: int) -> None:
    """The sentence's approvals without a type take the one a later clause gives the approval just told.

    >>> from types import SimpleNamespace as NS
    >>> from kg.sources.text.claims import ExtractedClaim
    >>> t = 'X was approved in 2021 for Y, and that approval was an "accelerated approval."'
    >>> r = NS(out=[ExtractedClaim("approval", "X", "approved for", "Y", {}, None, None, t, 0, len(t))])
    >>> type_told_after(r, NS(start=0, text=t), 0); r.out[0].values
    {'approval_type': 'accelerated'}
    """
    told = _TYPE_AFTER.search(s.text)
    if not told:
        return
    kind = "accelerated" if told.group(1).lower() == "accelerated" else "regular"
    for k in range(n0, len(reader.out)):
        c = reader.out[k]
        if c.kind == "approval" and c.start == s.start and not c.values.get("approval_type"):
            reader.out[k] = replace(c, values={**c.values, "approval_type": kind})


_NEW_USE = re.compile(r"\b(?:regular|full|traditional|standard) approval for\b", re.I)


def later_regular_converts(reader, s, n0: int) -> None:
    """A regular approval the sentence dates after an accelerated approval of the same drug and
    indication it also tells is that one's conversion ("accelerated approval 04/22/2021; regular
    approval 02/09/2023"); the module's example shows it."""
    mine = [k for k in range(n0, len(reader.out)) if reader.out[k].kind == "approval" and reader.out[k].start == s.start]
    first = {(c.subject, c.object): c.values["date"] for c in map(reader.out.__getitem__, mine)
             if c.values.get("approval_type") == "accelerated" and c.values.get("date")}
    for k in mine:
        c = reader.out[k]
        since = first.get((c.subject, c.object))
        if c.values.get("approval_type") == "regular" and since and (c.values.get("date") or "") > since \
                and not _NEW_USE.search(c.sentence):  # (not "a regular approval for first-line maintenance on ...")
            reader.out[k] = replace(c, values={**c.values, "approval_type": "conversion"})


def one_withdrawal_each(reader, s, n0: int) -> None:
    """A sentence tells one withdrawal of a drug's indication, whatever the clauses it takes ("X used
    to be approved for Y, but that use ended in 2021: announced on A, official on B"): its claims
    of the same drug and indication are one, with the dates of all (but two that each give their own
    date of one kind are two withdrawals).

    >>> from types import SimpleNamespace as NS
    >>> from kg.sources.text.claims import ExtractedClaim
    >>> w = lambda v: ExtractedClaim("withdrawal", "X", "approved for", "Y", v, None, None, "", 0, 9)
    >>> r = NS(out=[w({"announced": "2021-03-01"}), w({"effective": "2021-03-30"})])
    >>> one_withdrawal_each(r, NS(start=0), 0); [c.values for c in r.out]
    [{'effective': '2021-03-30', 'announced': '2021-03-01'}]
    >>> r = NS(out=[w({"effective": "2021-04"}), w({"effective": "2022-12"})])
    >>> one_withdrawal_each(r, NS(start=0), 0); [c.values for c in r.out]
    [{'effective': '2021-04'}, {'effective': '2022-12'}]
    """
    mine = [k for k in range(n0, len(reader.out)) if reader.out[k].kind == "withdrawal" and reader.out[k].start == s.start]
    first: dict[tuple[str, str | None], int] = {}
    gone = []
    for k in mine:
        c = reader.out[k]
        if (c.subject, c.object) not in first:
            first[c.subject, c.object] = k
            continue
        keep = reader.out[first[c.subject, c.object]]
        if any(keep.values.get(d) and c.values.get(d) and keep.values[d] != c.values[d] for d in ("announced", "effective")):
            continue  # two withdrawals, each with its own date ("X ... in April 2021, and its first-line use ... in December 2022")
        reader.out[first[c.subject, c.object]] = replace(keep, values={**c.values, **keep.values})
        gone.append(k)
    for k in reversed(gone):
        del reader.out[k]
