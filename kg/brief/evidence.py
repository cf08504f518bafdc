"""The evidence sections of a page: trial results by indication and setting, graded; adverse
events; limitations computed from the records; what is still open.

A trial is *for* the drug when its tested endpoints (met or not met) all support it,
*against* when none does and one does not support it, *mixed* when both, and *not graded* when
no endpoint was tested.

>>> verdict([{"met": True, "direction": "supports", "result_kind": "efficacy"}])
'for'
>>> verdict([{"met": False, "direction": "does not support", "result_kind": "efficacy"}])
'against'
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from kg.brief.words import SURVIVAL, arms_text, effect_text, is_overall, nct_of, population_text, setting_key, \
    setting_text
from kg.query.common import context_rank, level_rank

_ONGOING = re.compile(r"\bactive\b|recruiting|ongoing|not yet|enrolling", re.I)
_WORD = {"for": "supports", "against": "does not support", "mixed": "points both ways for",
         "not graded": "has no tested endpoint in the graph for"}


def verdict(results: list[dict[str, Any]]) -> str:
    """for, against, mixed or not graded, from a trial's tested efficacy endpoints."""
    dirs = {r["direction"] for r in results if r.get("met") is not None and r.get("result_kind") == "efficacy"}
    if "supports" in dirs and "does not support" in dirs:
        return "mixed"
    if "supports" in dirs:
        return "for"
    if "does not support" in dirs:
        return "against"
    return "not graded"


def _nct(curie: str) -> str | None:
    """The NCT number of a trial (our own ids are not shown)."""
    return curie.split(":", 1)[1] if curie.startswith("CLINICALTRIALS:") else None


def _result_text(r: dict[str, Any], clinician: bool) -> str:
    text = f"{r['endpoint']}{population_text(r)}"
    eff = effect_text(r)
    if eff:
        text += f": {eff}"
    arms = arms_text(r)
    if arms and (clinician or not eff):
        text += f" [{arms}]" if eff else f": {arms}"
    if clinician and (r.get("p_text") or r.get("p") is not None):
        text += f", p={r.get('p_text') or format(r['p'], 'g')}"
    if r.get("met") is not None:
        text += ", endpoint met" if r["met"] else ", endpoint not met"
    return text


def _groups(results: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Results of one endpoint in one population, from one or more sources."""
    by: dict[tuple, list] = defaultdict(list)
    for r in results:
        by[(r["endpoint"], r.get("population"), r.get("setting_biomarker"))].append(r)
    return list(by.values())


def _trial_sentences(acr: str, rs: list[dict[str, Any]], f, s, clinician: bool) -> list[dict[str, Any]]:
    t = f["trials"].get(rs[0]["_trial"], {})
    ind = f["indications"].get(rs[0]["_ind"]) or rs[0]["_ind"]
    drug = f["drug"]["name"]
    v = verdict(rs)
    level = max((r.get("level") for r in rs), key=level_rank)
    bits = [b for b in (_nct(rs[0]["_trial"]), f"evidence level {level}" if level else None) if b]
    if clinician:
        bits += [{True: "randomised", False: "without randomisation"}.get(t.get("randomised"), ""),
                 t.get("blinding") or "", f"{t['enrollment']} patients" if t.get("enrollment") else ""]
        bits = [b for b in bits if b]
    head = f"In {ind}, {acr} ({', '.join(bits)}) {_WORD[v]} {drug}"
    if clinician and rs[0].get("comparison"):
        head += f"; comparison: {rs[0]['comparison']}"
    out = [s.say(head, t.get("sources", []) + [x for r in rs for x in r["sources"]])]
    shown = [r for r in rs if r.get("result_kind") == "efficacy" and (clinician or r.get("met") is not None)]
    for group in _groups(shown):
        values = {effect_text(r) for r in group}
        if len(values) > 1:
            parts = [f"{effect_text(r) or 'no figure'} {''.join(f'[{n}]' for n in s.refs.cite(r['sources']))}"
                     for r in group]
            out.append(s.say(f"For {group[0]['endpoint']}{population_text(group[0])} in {acr} ({ind}) the sources differ: "
                             + "; ".join(parts), []))
            continue
        out.append(s.say(f"In {acr} ({ind}), {_result_text(group[0], clinician)}",
                         [x for r in group for x in r["sources"]]))
    return out


def by_indication(f: dict[str, Any], s, clinician: bool) -> list[dict[str, Any]]:
    """Per indication (most evidence first), per setting: each trial named for, against or mixed."""
    blocks: list[dict[str, Any]] = []
    per_ind: dict[str, list] = defaultdict(list)
    for r in f["results"]:
        if r.get("result_kind") == "efficacy":
            per_ind[r["_ind"]].append(r)
    order = sorted(per_ind, key=lambda i: (-max(level_rank(r.get("level")) for r in per_ind[i]),
                                           f["indications"].get(i) or i))
    for ind in order:
        blocks.append({"type": "h3", "text": f["indications"].get(ind) or ind})
        settings: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for r in per_ind[ind]:
            sk = setting_key({k[8:]: v for k, v in r.items() if k.startswith("setting_")})
            settings[sk][r["_acronym"]].append(r)
        for sk in sorted(settings, key=lambda k: (context_rank(k[0] or None), k[1])):
            trials = settings[sk]
            label = setting_text({"context": sk[0], "line": sk[1]}) or "setting not recorded"
            sentences = []
            verdicts = {}
            for acr in sorted(trials, key=lambda a: (-max(level_rank(r.get("level")) for r in trials[a]), a)):
                rs = sorted(trials[acr], key=lambda r: (r.get("met") is None, r["endpoint"], r.get("id") or ""))
                verdicts[acr] = (verdict(rs), max((r.get("level") for r in rs), key=level_rank))
                sentences += _trial_sentences(acr, rs, f, s, clinician)
            pro = [a for a, (v, _) in verdicts.items() if v == "for"]
            con = [a for a, (v, _) in verdicts.items() if v == "against"]
            name = f["indications"].get(ind) or ind

            def graded(names):
                return ", ".join(f"{a} ({verdicts[a][1]})" for a in names) or "none"
            grade = f"In {name} in this setting, trials for {f['drug']['name']}: {graded(pro)}; trials against: " \
                    f"{graded(con)}"
            srcs = [x for a in (pro + con or list(trials)) for r in trials[a] for x in r["sources"]]
            intro = [s.say(grade, srcs)]
            if pro and con:
                intro.append(s.say(f"In {name} in this setting the trials point both ways: the sources of "
                                   f"{', '.join(pro)} and of {', '.join(con)} disagree on benefit", srcs))
            blocks += [{"type": "h4", "text": _cap(label)}, {"type": "p", "sentences": intro},
                       {"type": "ul", "sentences": sentences}]
    if not blocks:
        blocks.append({"type": "p", "sentences": [s.say("The graph holds no trial result for this page", [])]})
    return blocks


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def adverse_events(f: dict[str, Any], s) -> list[dict[str, Any]]:
    out = []
    for r in sorted(f["results"], key=lambda r: (r["_acronym"], r["endpoint"])):
        if r.get("result_kind") != "safety":
            continue
        arms = arms_text(r)
        if not arms:
            continue
        out.append(s.say(f"In {r['_acronym']}, {r['endpoint']}{population_text(r)}: {arms} "
                         f"(experimental vs control arm)", r["sources"]))
    return out


def limitations(f: dict[str, Any], s) -> list[dict[str, Any]]:
    """Limitations the records show: what approvals rested on, failed or pending confirmatory
    trials, benefit in a subgroup only, adverse-event figures."""
    drug, out = f["drug"]["name"], []
    for a in f["approvals"]:
        if a["type"] != "accelerated":
            continue
        inds = " and ".join(i["name"] for i in a["indications"])
        piv = [t for t in a["trials"] if t["role"] == "pivotal"]
        for t in piv:
            rec = f["trials"].get(t["id"], {})
            design = "a single-arm trial" if rec.get("randomised") is False else "a randomised trial" if rec.get(
                "randomised") else "a trial"
            ends = sorted({r["summary"].split(" (")[0].split(":")[0] for r in t["results"] if r["met"]})
            on = f" on {', '.join(ends)}" if ends else ""
            if ends and all(e not in SURVIVAL for e in ends):
                on += ", not on overall survival"
            out.append(s.say(f"The accelerated approval of {a['date']} in {inds} rested on {t['acronym']}, "
                             f"{design}{on}", a["sources"] + rec.get("sources", [])
                             + [x for r in t["results"] for x in r["sources"]]))
        w = a.get("withdrawal") or {}
        # a confirmatory trial failed only once a result of it is on the page (as of its date)
        failed = [t for t in a["trials"] if t["role"] == "confirmatory" and t["direction"] == "does not support"
                  and (t["results"] or w.get("failed_trials"))]
        if failed:
            names = " and ".join(t["acronym"] for t in failed)
            out.append(s.say(f"The confirmatory trial {names} of the accelerated approval in {inds} "
                             f"did not confirm the benefit", [x for t in failed for r in t["results"]
                                                             for x in r["sources"]] + w.get("effective_sources", [])))
        elif a["in_force"] and not a.get("conversion"):
            conf = [t["acronym"] for t in a["trials"] if t["role"] == "confirmatory"]
            tail = f"; its confirmatory trials in the graph: {', '.join(conf)}" if conf else ""
            out.append(s.say(f"No conversion to regular approval is recorded for the accelerated approval of "
                             f"{a['date']} in {inds}{tail}", a["sources"]))
    by_trial: dict[str, list] = defaultdict(list)
    for r in f["results"]:
        if r.get("result_kind") == "efficacy" and r.get("met") is not None:
            by_trial[r["_acronym"]].append(r)
    for acr, rs in sorted(by_trial.items()):
        pro = [r for r in rs if r["direction"] == "supports"]
        whole = [r for r in rs if is_overall(r.get("population")) and not r.get("setting_biomarker")]
        if pro and all(not is_overall(r.get("population")) or r.get("setting_biomarker") for r in pro) and whole \
                and all(r["direction"] != "supports" for r in whole):
            sub = "; ".join(sorted({population_text(r).strip(" ()") for r in pro}))
            out.append(s.say(f"In {acr} the tested endpoints were met only in a subgroup ({sub}), not in the "
                             f"whole trial population", [x for r in pro + whole for x in r["sources"]]))
    out += adverse_events(f, s)
    if not out:
        out.append(s.say(f"The records hold no limitation of these kinds for {drug}", []))
    return [{"type": "ul", "sentences": out}]


def still_open(f: dict[str, Any], s) -> list[dict[str, Any]]:
    """Trials under way, and trials of the drug with no result in the graph (by the page's date)."""
    with_results = {r["_trial"] for r in f["results"]}
    out = []
    for tid, t in sorted(f["trials"].items(), key=lambda kv: kv[1].get("acronym") or kv[0]):
        if not t:
            continue
        studies = t.get("studies") or []
        studies = [studies] if isinstance(studies, str) else studies
        where = " and ".join(f["indications"].get(i) or i for i in studies)
        bits = ", ".join(b for b in (_nct(tid), f"evidence level {t['level']}" if t.get("level") else None) if b)
        label = (f"In {where}, " if where else "") + f"{t.get('acronym') or tid}" + (f" ({bits})" if bits else "")
        if not f["as_of"] and t.get("status") and _ONGOING.search(t["status"]):
            out.append(s.say(f"{label}: recorded as {t['status']}", t.get("sources", [])))
        elif tid not in with_results and (not f["indication"] or f["indication"] in studies):
            out.append(s.say(f"{label}: the graph holds no result of it{' by ' + f['as_of'] if f['as_of'] else ''}",
                             t.get("sources", [])))
    if not out:
        out.append(s.say("The graph records no trial under way and none without results for this page", []))
    return [{"type": "ul", "sentences": out}]


def timeline_events(f: dict[str, Any]) -> list[dict[str, Any]]:
    """``{"date", "kind", "label"}`` for each approval, conversion, withdrawal and trial readout."""
    ev = []
    for a in f["approvals"]:
        where = ", ".join(i["name"] for i in a["indications"])
        ev.append({"date": a["date"], "kind": "approval", "label": f"{a['type']} approval: {where}"})
        if a.get("conversion"):
            ev.append({"date": a["conversion"]["date"], "kind": "conversion", "label": f"converted: {where}"})
        w = a.get("withdrawal") or {}
        if w.get("announced"):
            ev.append({"date": w["announced"], "kind": "withdrawal announced", "label": f"withdrawal announced: {where}"})
        if w.get("effective"):
            ev.append({"date": w["effective"], "kind": "withdrawn", "label": f"withdrawn: {where}"})
    first: dict[str, str] = {}
    for r in f["results"]:
        if r.get("date") and r.get("met") is not None:
            first[r["_acronym"]] = min(first.get(r["_acronym"], r["date"]), r["date"])
    ev += [{"date": d, "kind": "readout", "label": f"{acr} results"} for acr, d in first.items()]
    return sorted(ev, key=lambda e: e["date"])
