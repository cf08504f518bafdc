"""An evidence page as a model both writers (Markdown, HTML) render: sections of blocks, each
factual sentence with the numbers of its references, the reference list, and the timeline.

Blocks: ``{"type": "p" | "ul", "sentences": [...]}``, ``{"type": "h3", "text"}``,
``{"type": "table", "columns", "rows": [{"cells", "refs"}]}``, ``{"type": "timeline"}`` (where the
HTML page draws the timeline). A sentence is ``{"text", "refs"}``; fixed wording has no refs and
stands only in the "About this page" section.

>>> s = Sentences(__import__("kg.brief.references", fromlist=["References"]).References())
>>> s.say("Atezolizumab binds PD-L1", ["PMID:1"])
{'text': 'Atezolizumab binds PD-L1', 'refs': [1]}
"""
from __future__ import annotations

from typing import Any

from kg.brief.references import References
from kg.brief.words import agency_short, indications_text, setting_text

AUDIENCES = ("general", "clinician")
_ACTION = {"binds": "binds {t}", "blocks interaction with": "blocks the interaction with {t}",
           "spares interaction with": "leaves the interaction with {t} in place", "inhibits": "inhibits {t}",
           "agonist of": "activates {t}"}


class Sentences:
    """Makes sentences, numbering their sources in the page's reference list."""

    def __init__(self, refs: References):
        self.refs = refs

    def say(self, text: str, sources) -> dict[str, Any]:
        return {"text": text, "refs": self.refs.cite(sources)}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def overview(f: dict[str, Any], s: Sentences) -> list[dict[str, Any]]:
    d, attrs = f["drug"], f["drug"]["attributes"]
    name = _cap(d["name"])
    brands = f" ({', '.join(attrs['brands'])})" if attrs.get("brands") else ""
    kind = attrs.get("drug_kind")
    out = [s.say(f"{name}{brands} is a {kind}" if kind else f"{name}{brands} is a drug in the graph", d["sources"])]
    return [{"type": "p", "sentences": out}]


def mechanism(f: dict[str, Any], s: Sentences) -> list[dict[str, Any]]:
    name = _cap(f["drug"]["name"])
    names = {m["node"]["id"]: m["node"]["name"] for m in f["mechanisms"]}
    out = []
    for m in sorted(f["mechanisms"], key=lambda m: (m["predicate"] != "binds", m["node"]["name"])):
        action = _ACTION.get(m["predicate"], m["predicate"] + " {t}").format(t=m["node"]["name"])
        via = m["qualifiers"].get("via")
        if via:
            action += f" (through {names.get(via, via)})"
        level = f" (evidence level: {m['level']})" if m.get("level") else ""
        out.append(s.say(f"{name} {action}{level}", m["sources"]))
    if not out:
        return [{"type": "p", "sentences": [s.say(f"The graph holds no mechanism record of {f['drug']['name']}", [])]}]
    return [{"type": "ul", "sentences": out}]


def _trials(a: dict[str, Any], role: str) -> str:
    # acronyms only: a name followed closely by another trial's NCT number would read as that trial's
    return ", ".join(t["acronym"] for t in a["trials"] if t["role"] == role) or "-"


def _later(a: dict[str, Any]) -> str:
    """What became of an approval, for the table (each step its own clause)."""
    bits = []
    if a.get("conversion"):
        bits.append(f"converted to regular {a['conversion']['date']}")
    w = a.get("withdrawal") or {}
    if w.get("effective"):
        bits.append(f"ended {w['effective']}" + (f" (end announced {w['announced']})" if w.get("announced") else ""))
    elif w.get("announced"):
        bits.append(f"end announced {w['announced']}, not yet in effect")
    for e in a["events"]:
        if e["event"] in ("narrowed", "superseded"):
            bits.append(f"{e['event']} {e['date']}")
    return "; ".join(bits) or ("in force" if a["in_force"] else "-")


def regulatory_table(f: dict[str, Any], s: Sentences) -> dict[str, Any]:
    rows = []
    for a in f["approvals"]:
        srcs = a["sources"] + [x for e in a["events"] for x in e["sources"]]
        rows.append({"cells": [a["date"], agency_short(a["agency"]), indications_text(a),
                               setting_text(a["setting"]) or "-", a["type"], _trials(a, "pivotal"),
                               _trials(a, "confirmatory"), _later(a)],
                     "refs": s.refs.cite(srcs)})
    return {"type": "table", "columns": ["Date", "Agency", "Indication", "Setting", "Type", "Pivotal trials",
                                         "Confirmatory trials", "Since then"], "rows": rows}


#: approval types that change the product (its form or dose), not what it is approved for
PRODUCT_CHANGES = ("new formulation", "new dosing")


def approval_sentences(a: dict[str, Any], drug: str, s: Sentences) -> list[tuple[str, dict[str, Any]]]:
    """(date, sentence) for the grant and each later step of approval ``a``.

    A grant whose approval was withdrawn later is told without the word "approved" (its
    withdrawal has sentences of its own), so that no sentence reads as a current approval.
    """
    who, inds = agency_short(a["agency"]), indications_text(a)
    setting = setting_text(a["setting"])
    where = f"{inds} ({setting})" if setting else inds
    kind = {"accelerated": "accelerated approval", "regular": "regular approval"}.get(a["type"], f"{a['type']} approval")
    out = []
    if a["type"] in PRODUCT_CHANGES:  # a change of the product, not of what it treats: no indication named
        product = f" ({a['product']})" if a.get("product") else ""
        text = f"A {a['type']} of {drug}{product} is in the {who}'s records from {a['date']}; the table lists the uses it covers"
    elif a.get("withdrawal"):
        text = f"On {a['date']} the {who} issued an {kind} of {drug} in {where}"
    else:
        text = f"On {a['date']} the {who} granted {kind} to {drug} for {where}"
    out.append((a["date"], s.say(text, a["sources"])))
    if a.get("conversion"):
        c = a["conversion"]
        trials = " and ".join(t.get("acronym") or t["id"] for t in c["trials"])
        on = f", on the results of {trials}" if trials else ""
        out.append((c["date"], s.say(f"On {c['date']} the {who} converted to regular approval the {a['type']} "
                                     f"approval of {drug} in {inds}{on}", c["sources"])))
    for e in a["events"]:
        if e["event"] in ("narrowed", "label changed"):
            what = "narrowed the indication" if e["event"] == "narrowed" else "changed the label"
            out.append((e["date"], s.say(f"On {e['date']} the {who} {what} of {drug} in {inds}", e["sources"])))
    w = a.get("withdrawal") or {}
    if w.get("announced"):
        by = w.get("announced_by") or "the sponsor"
        out.append((w["announced"], s.say(f"On {w['announced']} {by} announced the withdrawal of the {who} "
                                           f"indication of {drug} in {inds}", w["announced_sources"])))
    if w.get("effective"):
        failed = " and ".join(t.get("acronym") or t["id"] for t in w.get("failed_trials", []))
        why = f" ({failed} did not confirm the benefit)" if failed else ""
        out.append((w["effective"], s.say(f"The {who} withdrawal of the indication of {drug} in {inds} took "
                                           f"effect on {w['effective']}{why}", w["effective_sources"])))
    return out


def regulatory(f: dict[str, Any], s: Sentences) -> list[dict[str, Any]]:
    if not f["approvals"]:
        return [{"type": "p", "sentences": [s.say(f"The graph holds no approval of {f['drug']['name']}"
                                                  f"{' by ' + f['as_of'] if f['as_of'] else ''}", [])]}]
    table = regulatory_table(f, s)
    steps = sorted((x for a in f["approvals"] for x in approval_sentences(a, f["drug"]["name"], s)),
                   key=lambda x: x[0])
    return [table, {"type": "h3", "text": "Timeline"}, {"type": "timeline"},
            {"type": "ul", "sentences": [x[1] for x in steps]}]


def about(f: dict[str, Any], audience: str) -> list[dict[str, Any]]:
    """Fixed wording: what the page is, when the graph was built, what it is not."""
    built = f.get("built_at") or "an unknown date"
    when = (f"It shows the records as they would have read on {f['as_of']}: approvals, events and results "
            f"dated after that day are left out, and results the graph cannot date are left out too."
            if f["as_of"] else "It shows the graph's records as they stand.")
    texts = [
        f"This page was generated by kg brief from the oncology evidence knowledge graph built on {built}. " + when,
        "Every factual sentence ends with the numbers of its sources, listed under References.",
        "Evidence levels follow the graph's scale (preclinical, case report, phase 1, phase 2, phase 3, "
        "regulatory approval); a direction says whether a result supports the drug, does not support it, "
        "or is inconclusive.",
        "The page reports what the sources say. It is not medical advice and makes no recommendation; "
        "questions about treatment belong with a doctor.",
        f"Written for: {'clinicians (effect sizes, confidence intervals and settings in full)' if audience == 'clinician' else 'general readers'}.",
    ]
    return [{"type": "p", "sentences": [{"text": t, "refs": []} for t in texts]}]
