"""What the graph knows that reading an article needs: trial acronyms, phases and studied
indications, and each drug's approved indications (to read organ words such as "lung
cancers"). Read once from the store per document.

>>> Facts(phases={"NCT1": "phase 3"}).phases["NCT1"]
'phase 3'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.sources.text.cues import ORGANS


#: the regulators (an event they decided names no company's drug)
AGENCIES = {"KG:org-fda", "KG:org-ema", "KG:org-european-commission"}


@dataclass
class Facts:
    """What the graph knows that reading needs: trial phases, acronyms, studied indications."""

    phases: dict[str, str] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)
    conditions: dict[str, list[str]] = field(default_factory=dict)
    #: drug -> {indication it holds approvals for (any status): the indication's names and synonyms}
    approved: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: (drug, indication) pairs where one of the drug's approvals was withdrawn
    withdrawn: set[tuple[str, str]] = field(default_factory=set)
    #: company -> the drugs whose approvals it announced an event of ("Merck" -> pembrolizumab)
    company_drugs: dict[str, list[str]] = field(default_factory=dict)
    #: trial -> the drugs whose approvals it supports as the pivotal trial (IMpower133 -> atezolizumab)
    trial_drugs: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store) -> "Facts":
        """Read the trials' acronyms, phases and indications, and the drugs' approved
        indications with their names, from the store."""
        from kg.query.stored import run

        f = cls()
        for r in run(store, "trial_facts"):
            f.acronyms[r["trial"]] = r["acronym"]
            if r["phase"]:
                f.phases[r["trial"]] = r["phase"]
            if r["cond"] and r["cond"] not in f.conditions.setdefault(r["trial"], []):
                f.conditions[r["trial"]].append(r["cond"])
        for r in run(store, "approved_indications"):
            f.approved.setdefault(r["drug"], {}).setdefault(r["ind"], []).append(r["name"])
            if r["withdrawn"]:
                f.withdrawn.add((r["drug"], r["ind"]))
        for r in run(store, "trial_drugs"):
            f.trial_drugs.setdefault(r["trial"], []).append(r["drug"])
        for r in run(store, "organization_drugs"):
            if r["org"] not in AGENCIES:
                f.company_drugs.setdefault(r["org"], []).append(r["drug"])
        return f

    def organ_indications(self, drug: str | None, organ: str) -> list[str]:
        """The indications of ``organ`` (an organ word as an article writes it: "lung",
        "liver", "breast"...) that ``drug`` holds approvals for in the graph: those whose name
        or a synonym contains one of the organ's words (:data:`ORGANS`).

        >>> f = Facts(approved={"D": {"MONDO:1": ["non-small cell lung carcinoma"],
        ...                          "MONDO:2": ["hepatocellular carcinoma", "HCC"], "MONDO:3": ["melanoma"]}})
        >>> f.organ_indications("D", "lung"), f.organ_indications("D", "Liver"), f.organ_indications("D", "brain")
        (['MONDO:1'], ['MONDO:2'], [])
        """
        words = ORGANS.get(organ.lower(), ())
        if not words or drug is None:
            return []
        rx = re.compile(r"\b(?:%s)" % "|".join(map(re.escape, words)), re.I)
        return [ind for ind, names in self.approved.get(drug, {}).items() if any(rx.search(n) for n in names)]
