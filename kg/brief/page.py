"""``kg brief``: an evidence page on a drug (optionally in one indication), generated from the
graph, every factual sentence with its numbered sources; as the graph stands or as of a date.

>>> SECTIONS[0], SECTIONS[-1]
('Overview', 'About this page')
"""
from __future__ import annotations

from typing import Any

SECTIONS = ("Overview", "Mechanism", "Regulatory history", "Evidence by indication and setting", "Limitations",
            "Still open", "About this page")


def build_page(store, drug: str, indication: str | None = None, *, as_of: str | None = None,
               audience: str = "general", built_at: str | None = None) -> dict[str, Any]:
    """The page model (see :mod:`kg.brief.compose`): title, sections, references, timeline.

    ``drug`` and ``indication`` are CURIEs; ``as_of`` an ISO day; ``audience`` general or clinician.
    """
    from kg.brief import compose, evidence
    from kg.brief.gather import gather
    from kg.brief.references import References
    from kg.errors import QueryError

    if audience not in compose.AUDIENCES:
        raise QueryError(f"unknown audience {audience!r}: use one of {', '.join(compose.AUDIENCES)}")
    f = gather(store, drug, indication, as_of=as_of, built_at=built_at)
    refs = References(f["publications"], as_of)
    s = compose.Sentences(refs)
    clinician = audience == "clinician"
    bodies = [compose.overview(f, s), compose.mechanism(f, s), compose.regulatory(f, s),
              evidence.by_indication(f, s, clinician), evidence.limitations(f, s), evidence.still_open(f, s),
              compose.about(f, audience)]
    name = f["drug"]["name"]
    title = f"{name[:1].upper()}{name[1:]}"
    if indication:
        title += f" in {f['indications'].get(indication) or indication}"
    title += ": what the evidence graph holds"
    return {"title": title, "drug": f["drug"]["id"], "indication": indication, "as_of": as_of,
            "built_at": built_at, "audience": audience,
            "sections": [{"title": t, "blocks": b} for t, b in zip(SECTIONS, bodies)],
            "references": refs.entries(), "timeline": evidence.timeline_events(f)}
