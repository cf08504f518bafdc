"""``kg audit``: each claim an article makes, checked against what the graph's curated
records say, with the facts and sources that decided it.

Verdicts: ``consistent`` (the graph's sourced facts agree; the record that matches best is
cited first), ``outdated`` (true once, no longer: an approval that was withdrawn),
``contradicted`` (a record states the opposite: another hazard ratio, another date for the
same approval -- a figure the article gives for a subgroup is compared with the records but never
contradicted by them, since the record of another population does not state the opposite, phase 3 trials behind approvals where the article says none confirmed
efficacy), ``not in graph`` (nothing in the graph to compare with). Approvals and withdrawals
are judged by :mod:`kg.query.audit_approvals`. Verdicts come from the named
questions and stored queries over curated records; what documents claim (the seed articles'
curated claims, and earlier ingests) is never used as evidence.

>>> VERDICTS
('consistent', 'outdated', 'contradicted', 'not in graph')
"""
from __future__ import annotations

import re
from typing import Any, Callable

from kg.query import audit_approvals
from kg.query.approvals import curated
from kg.query.audit_approvals import because, same_disease  # because: one reason for a verdict; re-exported
from kg.query.audit_results import PERCENT_TOLERANCE, arms_agree, medians_agree, other_analysis
from kg.sources.text.claims import ExtractedClaim

VERDICTS = ("consistent", "outdated", "contradicted", "not in graph")
_KG = "https://w3id.org/oncokg/ontology#"
_RATIO_TOLERANCE = 0.005 + 1e-9   # a reported ratio is the graph's one rounded to two decimals (0.595 and 0.59)
_FINISHED = re.compile(r"complet|terminat|finish|withdrawn|closed|stopped|reported", re.I)


#: a record's enrolment that counts an analysis's patients, not all enrolled ("efficacy populations", "contributing to the approval")
_ANALYSED = re.compile(r"\befficacy\b|\banaly[sz]|\bevaluable\b|\bcontribut|\bapproval analysis\b", re.I)


class Auditor:
    """Checks claims against one store; answers of the named questions are cached per run."""

    def __init__(self, store):
        self.store = store
        self._cache: dict[tuple, Any] = {}

    def _memo(self, key: tuple, fn: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = fn()
        return self._cache[key]

    # ------------------------------------------------------------------ graph facts

    def approvals(self, drug: str) -> list[dict[str, Any]]:
        """The curated approval records of a drug: an imported one (a MOAlmanac label indication, dated
        by its label's wording) is another source's record, never evidence for or against a claim."""
        from kg.query.approvals import approvals

        return self._memo(("approvals", drug), lambda: [a for a in approvals(self.store, drug) if curated(a)])

    def all_approvals(self) -> list[dict[str, Any]]:
        """Every curated approval record of every drug (once per audit)."""
        from kg.query.approvals import approvals

        return self._memo(("approvals", None), lambda: [a for a in approvals(self.store) if curated(a)])

    def results(self, **bind: str) -> list[dict[str, Any]]:
        """Curated trial results of a trial or a drug, with indication, acronym and arm values."""
        from kg.query.stored import records, run

        def load():
            out = {node: {**r, "arm_values": {}} for node, r in records(self.store, "result_facts", **bind).items()}
            for trial in {r["_trial"] for r in out.values()}:
                for row in run(self.store, "result_arms", trial=trial):
                    if row["a"] in out:
                        out[row["a"]]["arm_values"][row["k"]] = row["v"]
            return list(out.values())
        return self._memo(("results", tuple(sorted(bind.items()))), load)

    def trial(self, trial: str) -> dict[str, Any] | None:
        """The trial's curated record, or None when the graph does not know it (or only from an article)."""
        from kg.query.stored import records

        rec = self._memo(("trial", trial), lambda: records(self.store, "trial_record", key="t", t=trial).get(trial))
        if rec is None or rec.get("agent_type") == "text_mining_agent":
            return None
        return rec

    def _populations(self, trial: str) -> dict[str, int]:  # the parts of its enrolment a trial's sources count
        from kg.query.stored import run

        rows = self._memo(("parts", trial), lambda: list(run(self.store, "trial_populations", t=trial)))
        return {r["k"]: int(r["v"]) for r in rows}

    def edges(self, subject: str) -> list[dict[str, Any]]:
        from kg.query.stored import run

        return self._memo(("edges", subject), lambda: list(run(self.store, "edges_from", s=subject)))

    def name(self, node: str | None) -> str:
        from kg.query.stored import records

        if node is None:
            return ""
        rec = self._memo(("name", node), lambda: records(self.store, "entity_name", key="n", n=node).get(node, {}))
        return rec.get("name", node)

    # ------------------------------------------------------------------ verdicts

    def check(self, c: ExtractedClaim) -> tuple[str, list[dict[str, Any]]]:
        """(verdict, because) for one claim."""
        fn = {"approval": lambda c: audit_approvals.approval(self, c),
              "withdrawal": lambda c: audit_approvals.withdrawal(self, c),
              "mechanism": self._mechanism, "trial result": self._result,
              "adverse events": self._adverse_events, "evidence level": self._evidence_level,
              "trial design": self._design, "publication": self._publication}.get(c.kind)
        return fn(c) if fn else ("not in graph", [])

    def approval_fact(self, a: dict[str, Any]) -> dict[str, Any]:
        """One approval record as a reason: agency, type, date, indications, status."""
        inds = ", ".join(i["name"] for i in a["indications"])
        text = f"{a['agency']} {a['type']} approval of {a['date']} ({inds}): {a['status']}"
        w = a.get("withdrawal")
        if w:
            text += f" on {w.get('effective') or w.get('announced') or w.get('date')}"
            if w.get("effective") and w.get("announced"):
                text += f" (announced {w['announced']})"
            if w.get("failed_trials"):
                text += " after " + " and ".join(self.name(t["id"]) for t in w["failed_trials"])
                text += " failed to confirm benefit"
        return because(text, a["id"], a["sources"])

    def _mechanism(self, c: ExtractedClaim):
        from kg.query.targets import drugs_for_target

        rows = self._memo(("target", c.object), lambda: drugs_for_target(self.store, c.object, include_spared=True))
        row = next((r for r in rows if r["drug"]["id"] == c.subject), None)
        if row is None:
            return "not in graph", [because(f"the graph holds no mechanism of {self.name(c.subject)} on {self.name(c.object)}")]
        facts = [because(f"{row['drug']['name']} {a} {self.name(c.object)}", None, row["sources"]) for a in row["actions"]]
        claimed = c.values.get("action", c.predicate)
        agrees = [f for f, a in zip(facts, row["actions"]) if a.startswith(claimed)]
        return ("consistent", agrees) if agrees else ("contradicted", facts)

    def _result_fact(self, r: dict[str, Any]) -> dict[str, Any]:
        from kg.query.common import effect

        eff = effect({"measure": r.get("measure"), "value": r.get("value"), "unit": r.get("unit"),
                      "low": r.get("ci_low"), "high": r.get("ci_high")})
        arms = r.get("arm_values") or {}
        text = f"{r['_acronym']} ({r.get('level')}): {r.get('endpoint')}"
        text += f" ({r['population']})" if r.get("population") else ""
        text += f" {eff}" if eff else ""
        if arms.get("experimental") is not None and arms.get("control") is not None:
            text += f" [{arms['experimental']:g} vs {arms['control']:g}{'%' if r.get('unit') == '%' else ''}]"
        if r.get("met") is not None:
            text += ", met" if r["met"] else ", not met"
        text += f" -> {r.get('direction')}"
        return because(text, r.get("id"), r.get("sources"))

    def _trial_results(self, c: ExtractedClaim, kind: str) -> list[dict[str, Any]]:
        if self.trial(c.subject) is None:
            return []
        rs = [r for r in self.results(trial=c.subject) if r.get("result_kind") == kind]
        in_ind = [r for r in rs if r["_ind"] == c.object]
        return in_ind or rs

    def _of_drug(self, c: ExtractedClaim, rs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The records that speak of the drug a result claim names ("a separate CASPIAN arm that added
        tremelimumab": not the durvalumab arm's): its own, or those whose comparison names it."""
        drug = c.values.get("drug")
        if not drug:
            return rs
        name = self.name(drug).lower()
        return [r for r in rs if r.get("_drug") == drug or name and name in (r.get("comparison") or "").lower()]

    def _result(self, c: ExtractedClaim):
        rs = self._trial_results(c, "efficacy")
        if not rs:
            return "not in graph", [because(f"the graph holds no result of {self.name(c.subject)}")]
        v = c.values
        endpoint = v.get("endpoint")
        same_end = [r for r in rs if endpoint and (r.get("endpoint") or "").startswith(endpoint)] or (
            rs if not endpoint else [])
        if v.get("measure") in ("HR", "OR") and v.get("value") is not None:
            cands = [r for r in same_end if r.get("measure") == v["measure"] and r.get("value") is not None]
            agree = [r for r in cands if abs(r["value"] - v["value"]) <= _RATIO_TOLERANCE]
            if agree:
                return "consistent", [self._result_fact(r) for r in agree]
            mine = self._of_drug(c, cands)
            if mine and not v.get("subgroup") and not other_analysis(c.sentence, cands):
                return "contradicted", [self._result_fact(r) for r in mine]
        if v.get("experimental_pct") is not None:
            agree = [r for r in same_end if arms_agree(r.get("arm_values") or {}, v)]
            if agree:
                return "consistent", [self._result_fact(r) for r in agree]
        # a median or a single rate agrees with a record that gives it; another figure is of another
        # analysis or population as often as it is wrong, so it contradicts nothing
        if v.get("measure") == "median" and isinstance(v.get("value"), (int, float)):
            agree = [r for r in same_end if medians_agree(r.get("arm_values") or {}, r.get("unit"), v)]
            if agree:
                return "consistent", [self._result_fact(r) for r in agree]
        if v.get("measure") == "rate" and v.get("control_value") is None and v.get("value") is not None:
            agree = [r for r in same_end if r.get("measure") in _RATES and r.get("value") is not None
                     and abs(r["value"] - v["value"]) <= PERCENT_TOLERANCE]
            if agree:
                return "consistent", [self._result_fact(r) for r in agree]
        if c.direction in ("supports", "does not support") and not v.get("subgroup"):
            # a claim naming its endpoint is judged by records of that endpoint only (an overall
            # survival figure says nothing of a progression-free survival record)
            tested = [r for r in (same_end if endpoint else rs) if r.get("met") is not None]
            agree = [r for r in tested if r.get("direction") == c.direction]
            if agree:
                return "consistent", [self._result_fact(r) for r in agree]
            mine = self._of_drug(c, tested)
            if mine and not other_analysis(c.sentence, tested):
                return "contradicted", [self._result_fact(r) for r in mine]
        return "not in graph", [self._result_fact(r) for r in same_end]

    def _adverse_events(self, c: ExtractedClaim):
        rs = self._trial_results(c, "safety")
        agree = [r for r in rs if arms_agree(r.get("arm_values") or {}, c.values)]
        if agree:
            return "consistent", [self._result_fact(r) for r in agree]
        return "not in graph", [self._result_fact(r) for r in rs] or [
            because(f"the graph holds no safety result of {self.name(c.subject)}")]

    def _approval_trials(self, drug: str) -> list[dict[str, Any]]:
        """Phase 3 trials that supported approvals in force, with the approval."""
        out = []
        for a in self.approvals(drug):
            if a["status"] == "withdrawn":
                continue
            for t in a["trials"]:
                if t["evidence_level"] == "phase 3" and t["direction"] == "supports":
                    inds = ", ".join(i["name"] for i in a["indications"])
                    out.append(because(f"{t['acronym']} ({t['nct']}, {t['phase']}, {t['role']}) behind the "
                                       f"{a['agency']} approval of {a['date']} in {inds} ({a['status']})",
                                       a["id"], a["sources"] + [s for r in t["results"] for s in r["sources"]]))
        return out

    def _evidence_level(self, c: ExtractedClaim):
        statement = c.values.get("statement")
        if statement == "regulatory-approved with clinical trial data":
            active = [a for a in self.approvals(c.subject) if a["status"] != "withdrawn" and a["trials"]]
            if active:
                return "consistent", [self.approval_fact(a) for a in active]
            return "not in graph", [because(f"the graph holds no approval of {self.name(c.subject)} in force")]
        if statement in ("no randomised trial has confirmed efficacy", "most of the evidence is preclinical"):
            behind = self._approval_trials(c.subject)
            return ("contradicted", behind) if behind else ("not in graph", [])
        family = c.values.get("trials")
        if family and c.object:
            rs = [r for r in self.results(drug=c.subject) if r["_ind"] == c.object and r.get("met") is not None
                  and r.get("result_kind") == "efficacy"]
            level = c.evidence_level or "phase 3"
            named = [r for r in rs if r["_acronym"].lower().startswith(family.lower())
                     and r.get("direction") == (c.direction or "supports") and r.get("level") == level]
            if named:
                line = c.values.get("line")
                named.sort(key=lambda r: (r.get("setting_line") != line, r["_acronym"], r.get("id") or ""))
                return "consistent", [self._result_fact(r) for r in named]
            others = [r for r in rs if r.get("direction") == "supports" and r.get("level") == level]
            if others:  # the level holds, but the trials that give it are not the ones named
                return "contradicted", [self._result_fact(r) for r in others]
        return "not in graph", []

    def _design(self, c: ExtractedClaim):
        from kg.schema.vocab import level_of_phase

        if c.predicate == "tested in":
            trial, drug = c.object, c.subject
        else:
            trial, drug = c.subject, None
        rec = self.trial(trial)
        if rec is None:
            return "not in graph", [because(f"the graph does not hold the trial {self.name(trial)}")]
        src = rec.get("sources", [])
        edges = self.edges(trial)
        if c.predicate in ("tested in", "studied in"):
            pred, want = ("testsIntervention", drug) if drug else ("studies", c.object)
            # a disease the trial studies under a name that differs only in "cancer"/"carcinoma" is the same
            hits = [e for e in edges if e["pred"] == _KG + pred and (e["o"] == want or not drug and same_disease(
                self.name(e["o"]), self.name(want)))]
            word = "tests" if drug else "studies"
            if hits:
                return "consistent", [because(f"{rec['acronym']} {word} {self.name(want)}", trial,
                                              [e["src"] for e in hits if e["src"]])]
            studied = [because(f"{rec['acronym']} {word} " + ", ".join(sorted(
                {self.name(e["o"]) for e in edges if e["pred"] == _KG + pred})), trial, src)]
            if c.values.get("indication") == "main indication of the document":
                # the article named no disease for the trial: the reader's guess (the article's main one) contradicts nothing
                return "not in graph", [because(f"the article names no disease for {rec['acronym']}")] + studied
            return "contradicted", studied
        checks = []
        v = c.values
        if v.get("phase"):
            checks.append(("phase", level_of_phase(v["phase"]) == rec.get("level"), rec.get("phase")))
        if v.get("n_patients") is not None and rec.get("enrollment") is not None:
            # a part the sources count on its own: the main one (the global population) or one the article names
            parts = self._populations(trial)
            part = next((k for k, n in parts.items() if n == v["n_patients"] != rec["enrollment"]
                         and (2 * n > rec["enrollment"] or v.get("part"))), None)
            if part:
                checks.append((part, True, parts[part]))
            elif v.get("enrolment") == "evaluated":
                pass  # the patients a figure is of ("14.3% of 154 ... responded"): an analysis's, no enrolment to compare
            elif not ((v.get("enrolment") in ("randomised", "treated") or v.get("part"))
                      and v["n_patients"] < rec["enrollment"]
                      # (nor does a count above a record that is an analysis's patients, not the whole enrolment:
                      # "enrolled 132" against Study 1620's 112 in its two efficacy populations)
                      or v["n_patients"] > rec["enrollment"] and _ANALYSED.search(rec.get("enrollment_note") or "")):
                # a randomised or treated count below the number enrolled, or a cohort's, is another figure
                checks.append(("enrollment", v["n_patients"] == rec["enrollment"], rec["enrollment"]))
        if v.get("countries") is not None and rec.get("countries") is not None:
            checks.append(("countries", v["countries"] == rec["countries"], rec["countries"]))
        if v.get("blinding") and rec.get("blinding"):
            checks.append(("blinding", v["blinding"] == rec["blinding"], rec["blinding"]))
        if v.get("randomised") is not None and rec.get("randomised") is not None:
            checks.append(("randomised", v["randomised"] == rec["randomised"], rec["randomised"]))
        if v.get("primary_endpoint") and rec.get("primary_endpoints"):
            ok = any(p.startswith(v["primary_endpoint"]) for p in rec["primary_endpoints"])
            checks.append(("primary endpoints", ok, "; ".join(rec["primary_endpoints"])))
        status = rec.get("status")
        if v.get("status") == "ongoing" and status:
            checks.append(("status", not _FINISHED.search(status), status))
        if not checks:
            return "not in graph", []
        facts = [because(f"{rec['acronym']} {what}: {value}", trial, src) for what, ok, value in checks]
        if all(ok for _, ok, _ in checks):
            return "consistent", facts
        if [what for what, ok, _ in checks if not ok] == ["status"]:
            return "outdated", facts  # under way when written, finished since
        return "contradicted", facts

    def _publication(self, c: ExtractedClaim):
        if c.predicate == "reported in":
            if self.trial(c.subject) is None:
                return "not in graph", []
            hits = [e for e in self.edges(c.subject) if e["pred"] == _KG + "reportedIn" and e["o"] == c.object]
            if hits:
                return "consistent", [because(f"{self.name(c.subject)} is reported in {self.name(c.object)}",
                                              c.object, [e["src"] for e in hits if e["src"]])]
            return "not in graph", []
        if c.predicate == "comments on":
            hits = [e for e in self.edges(c.subject) if e["pred"] == _KG + "commentsOn" and e["o"] == c.object]
            if hits:
                return "consistent", [because(f"{self.name(c.subject)} comments on {self.name(c.object)}",
                                              c.subject, [e["src"] for e in hits if e["src"]])]
            # the graph may hold both publications, but what links them is only what documents claim
            return "not in graph", [because(f"the graph holds no curated link from {self.name(c.subject)} "
                                           f"to {self.name(c.object)}")]
        known = self.name(c.subject) != c.subject
        return ("consistent", [because(f"the graph holds {self.name(c.subject)}", c.subject)]) if known else (
            "not in graph", [])


_RATES = ("ORR", "pCR", "rate", "CR")


def audit_claims(store, claims: list[ExtractedClaim]) -> list[dict[str, Any]]:
    """``[{"claim", "sentence", "verdict", "because"}]`` for each claim, in order."""
    auditor = Auditor(store)
    out = []
    for c in claims:
        verdict, reasons = auditor.check(c)
        claim = {k: v for k, v in c.as_json().items() if k != "sentence"}
        out.append({"claim": claim, "sentence": c.sentence, "verdict": verdict, "because": reasons})
    return out


def audit_file(path, store) -> tuple[Any, list[dict[str, Any]]]:
    """Read ``path``, extract its claims and check each against ``store``: (extraction, verdicts)."""
    from kg.sources.ingest import extract_file

    ex = extract_file(path, store)
    return ex, audit_claims(store, ex.claims)
