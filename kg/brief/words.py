"""Our own wording for the facts of a page: settings, effects, trials, approvals, dates.

The page says what the records say, in fixed phrases; it never judges or advises.

>>> setting_text({"context": "advanced", "line": "first", "biomarker": "PD-L1 IC >= 1%"})
'advanced disease, first line, PD-L1 IC >= 1%'
>>> effect_text({"measure": "HR", "value": 0.62, "ci_low": 0.49, "ci_high": 0.78, "ci_level": 95})
'HR 0.62 (95% CI 0.49-0.78)'
>>> agency_short("US Food and Drug Administration")
'FDA'
"""
from __future__ import annotations

from typing import Any

AGENCY_SHORT = {"US Food and Drug Administration": "FDA", "European Commission": "European Commission",
                "European Medicines Agency": "EMA"}
_CONTEXT = {"advanced": "advanced disease", "adjuvant": "adjuvant treatment (after surgery)",
            "neoadjuvant": "neoadjuvant treatment (before surgery)",
            "perioperative": "perioperative treatment (before and after surgery)"}
_LINE = {"first": "first line", "second": "second line", "later": "later line"}
#: endpoints that measure how long patients live
SURVIVAL = ("overall survival",)


def agency_short(name: str) -> str:
    return AGENCY_SHORT.get(name, name)


def setting_text(s: dict[str, Any], *, full: bool = False) -> str:
    """A setting in words: context, line, and (with ``full``, or always for the biomarker) the rest."""
    parts = [_CONTEXT.get(s.get("context"), s.get("context")) if s.get("context") else None,
             _LINE.get(s.get("line"), s.get("line")) if s.get("line") else None]
    keys = ("stage", "histology", "population", "biomarker", "companion_test") if full else ("biomarker",)
    parts += [str(s[k]) for k in keys if s.get(k)]
    return ", ".join(p for p in parts if p)


def setting_key(s: dict[str, Any]) -> tuple[str, str]:
    """What groups evidence: the context and the line of treatment."""
    return (s.get("context") or "", s.get("line") or "")


def effect_text(r: dict[str, Any]) -> str | None:
    """Measure, value and confidence interval of a result (``ci_level`` as the record gives it)."""
    if r.get("measure") is None or r.get("value") is None:
        return None
    pct = "%" if r.get("unit") == "%" or r.get("measure") in ("ORR", "pCR", "difference", "rate") and r.get(
        "unit") == "%" else ""
    text = f"{r['measure']} {r['value']:g}{pct}"
    if r.get("ci_low") is not None and r.get("ci_high") is not None:
        level = r.get("ci_level") or 95
        text += f" ({level:g}% CI {r['ci_low']:g}-{r['ci_high']:g})"
    return text


def arms_text(r: dict[str, Any]) -> str | None:
    """The experimental and control arms' values ("54.3% vs 44.1%")."""
    arms = r.get("arms") or {}
    if arms.get("experimental") is None or arms.get("control") is None:
        return None
    unit = "%" if r.get("unit") == "%" else (" " + r["unit"] if r.get("unit") else "")
    return f"{arms['experimental']:g}{unit} vs {arms['control']:g}{unit}"


def trial_label(t: dict[str, Any], nct: str | None) -> str:
    """``IMpassion130 (NCT02425891, phase 3)``."""
    bits = [b for b in (nct, t.get("phase")) if b]
    return f"{t.get('acronym') or nct}" + (f" ({', '.join(bits)})" if bits else "")


def nct_of(curie: str | None) -> str | None:
    return curie.split(":", 1)[1] if curie and curie.startswith("CLINICALTRIALS:") else curie


def indications_text(a: dict[str, Any]) -> str:
    return " and ".join(i["name"] for i in a["indications"])


def population_text(r: dict[str, Any]) -> str:
    """The population a result is about: its own, and the setting's biomarker when it has one."""
    pop, marker = r.get("population"), r.get("setting_biomarker")
    if pop and marker and (marker.startswith(pop) or pop.startswith(marker)):
        pop = None  # "PD-L1 IC >= 1%" is said by "PD-L1 IC >= 1% (SP142)"
    bits = [b for b in (pop, marker) if b]
    return f" ({'; '.join(bits)})" if bits else ""


def is_overall(population: str | None) -> bool:
    """Whether a result's population is the whole randomised population."""
    return not population or population.upper().startswith(("ITT", "INTENTION", "ALL "))
