"""What an approval claim says beside its drug and indication: the approval type
(accelerated, regular, a conversion), the line and context of treatment, and the name of an
indication the graph does not hold (a tissue-agnostic one by its biomarker).

>>> approval_type("granted accelerated approval"), setting("for previously untreated disease after surgery")
('accelerated', {'setting_line': 'first', 'setting_context': 'adjuvant'})
"""
from __future__ import annotations

import functools
import re


def approval_type(text: str) -> str | None:
    """accelerated, conversion or regular, as the clause says.

    >>> approval_type("was converted to a full approval"), approval_type("under the accelerated pathway")
    ('conversion', 'accelerated')
    >>> approval_type("Its 2016 accelerated approval in head and neck cancer became a full approval on June 10, 2019")
    'conversion'
    >>> approval_type("FDA approved atezo + carbo/etop 1L ES-SCLC 3/18/19 (regular, not AA)"), approval_type("The agency converted the approval")
    ('regular', 'conversion')

    """
    if re.search(r"\b(?:conver|chang|turn|upgrad|mov|switch)\w*\b[^.;]{0,200}?\b(?:to|into) (?:a )?(?:regular|full|traditional|standard)\b|"
                 r"\bconver\w*\b[^.;]{0,200}?\b(?:regular|full|traditional|standard)\s+approval|"
                 # "won regular approval ... on Sept. 21, 2021, converting its 2020 accelerated approval"
                 r"\b(?:regular|full|traditional|standard)\s+approval\b[^;]{0,120}?\bconverting\b|"
                 # "its 2016 accelerated approval ... became a full approval on June 10, 2019"
                 r"\baccelerated (?:[\w-]+ )?approval\b[^.;]{0,120}?\b(?:became|was made|turned|graduated to) (?:a )?"
                 r"(?:regular|full|traditional|standard)\b|\bbec(?:ame|omes) (?:an? )?(?:regular|full|traditional|standard) "
                 r"(?:full )?approval\b|"
                 # "X's accelerated approval (November 2018) was converted on January 25, 2024"
                 r"\bapprov\w*[^.;]{0,60}?\b(?:was|were|has been|had been) (?:\w+ )?converted\b|"
                 # "Amgen got its conversion anyway: the agency granted sotorasib regular approval ..."
                 r"\b(?:got|won|received|secured|earned|gained) (?:its|the|a|their) conversion\b|"
                 # "The agency converted the approval in October 2020"
                 r"\bconverted (?:the|its|that|this) (?:[\w-]+ ){0,2}approval\b", text, re.I):
        return "conversion"
    bracket = re.search(r"\bapprov\w*\b[^.;()]{0,60}\((accelerated|regular|full|traditional)\b(?:,\s*not\s+[\w ]{2,20})?\)",
                        text, re.I)
    if bracket:  # "FDA approval: 20 Aug 2018 (regular)", "FDA approved ... 3/18/19 (regular, not AA)"
        return "accelerated" if bracket.group(1).lower() == "accelerated" else "regular"
    if re.search(r"\baccelerated[\"'\u201d\u2019]? (?:[\w-]+ )?(?:approvals?|pathway|route|programme|program|basis|indications?|clearance|nod)\b|"
                 r"\b(?:19|20)\d\d\s*,\s*accelerated\s*[,;]|\(\s*AA\s*[;,)]|"
                 r"(?-i:\bAA\b(?=\s*(?:on\s+|in\s+|:\s*|granted\s+|dated\s+(?:from\s+)?)?(?:\d|[A-Z][a-z]{2})))|(?-i:\b[Tt]hat AA\b)|"
                 r"(?-i:\b(?:FDA|US|U\.S\.) AA for\b)",  # notes: "FDA 18 May 2016, accelerated, 2L urothelial ca"
                 text, re.I):
        return "accelerated"
    if re.search(r"\b(?:regular|full|traditional|standard) (?:(?:FDA|US|U\.S\.|EU) )?(?:approval|marketing authori[sz]ation)\b|"
                 r"\bbec(?:ame|omes) (?:an? )?regular (?:[\w-]+ ){0,2}option\b",
                 text, re.I):
        return "regular"
    return None


def other_type(text: str, kind: str | None) -> str | None:
    """The second type of a clause that tells two approvals at once ("winning regular approval for
    locally advanced disease and accelerated approval for metastatic disease"), or None.

    >>> other_type("regular approval for A and accelerated approval for B", "accelerated")
    'regular'
    >>> other_type("a regular approval", "regular") is None
    True
    """
    if kind == "accelerated" and re.search(r"\b(?:regular|traditional|full) approval\b", text, re.I):
        return "regular"
    if kind == "regular" and re.search(r"\baccelerated approval\b|(?-i:\bAA for\b)", text, re.I):
        return "accelerated"
    return None


_TYPE_WORD = re.compile(r"\b(accelerated|regular|full|traditional|standard)\s+approval\b|(?-i:\b(AA)\b)", re.I)


def type_before(text: str, at: int) -> str | None:
    """The approval type whose word comes last before position ``at`` (a disease's), for a clause that gives
    each disease its own type ("regular approval for relapsed CLL and accelerated approval for relapsed FL").

    >>> t = "regular approval for relapsed CLL and accelerated approval for relapsed FL + AA for SLL"
    >>> type_before(t, t.index("CLL")), type_before(t, t.index("FL")), type_before(t, t.index("SLL")), type_before(t, 0)
    ('regular', 'accelerated', 'accelerated', None)
    """
    words = [m for m in _TYPE_WORD.finditer(text, 0, at)]
    if not words:
        return None
    word = (words[-1].group(1) or words[-1].group(2)).lower()
    return "accelerated" if word in ("accelerated", "aa") else "regular"


_LINES = [(re.compile(r"\bfirst[- ]line\b|\bfirst treatment\b|\binitial (?:therapy|treatment)\b|\bpreviously untreated\b|"
                      r"\btreatment-naive\b|\buntreated\b|\bnot (?:been )?treated with other\b|"
                      # "who have not received prior systemic therapy", "no prior therapy"
                      r"\b(?:not|never) (?:yet )?(?:received|had|been given) (?:any )?(?:prior|previous|earlier) "
                      r"(?:systemic )?(?:therapy|treatment)\b|\bno (?:prior|previous) (?:systemic )?(?:therapy|treatment)\b", re.I), "first"),
          (re.compile(r"\bsecond[- ]line\b|\bpreviously treated\b|\bpretreated\b|\bprogressed (?:on|during|after)\b|"
                      r"\bafter (?:platinum|prior|earlier|sorafenib|chemotherapy)\b|\bprior\b|\bgrown (?:during |after )|"
                      r"\bgrew again\b|\bgrows after\b|\bhad grown after\b", re.I), "second"),
          (re.compile(r"\bthird[- ]line\b|\blate[- ]line\b|\bat least (?:one|two) other lines?\b|"
                      r"\btwo or more (?:earlier |prior )?lines\b", re.I), "later")]
_CONTEXTS = [(re.compile(r"\bperioperative\b|\bbefore and after\b|\bboth before\b|\bbefore-and-after\b|"
                         # "neoadjuvant X ..., then adjuvant X", "before surgery, then ... after surgery"
                         r"\bneoadjuvant\b[^.;]{0,120}\bthen\b[^.;]{0,40}\badjuvant\b|"
                         r"\bbefore surgery\b[^.;]{0,120}\bafter surgery\b", re.I), "perioperative"),
             (re.compile(r"\bneoadjuvant\b|\bbefore surgery\b", re.I), "neoadjuvant"),
             (re.compile(r"\badjuvant\b|\bafter surgery\b|\bcoming back after surgery\b", re.I), "adjuvant")]


#: a line of treatment that describes a trial, not the approval
_OF_A_TRIAL = re.compile(r"\b(?:first|second|third|later)[- ]line\s+(?:[\w-]+\s+){0,3}?(?:trial|study)\b", re.I)


def setting(text: str) -> dict[str, str]:
    """The line and context of treatment a clause gives ("first-line", "before surgery"...).

    >>> setting("approved as first-line treatment given before and after surgery")
    {'setting_line': 'first', 'setting_context': 'perioperative'}
    >>> setting("withdrew it after the first-line CheckMate-459 trial failed")
    {}
    >>> setting("adults with HCC who have not received prior systemic therapy")
    {'setting_line': 'first'}
    >>> setting("neoadjuvant nivolumab plus chemotherapy, then adjuvant nivolumab alone after surgery")
    {'setting_context': 'perioperative'}
    """
    out = {}
    text = _OF_A_TRIAL.sub(" ", text)  # "after the first-line CheckMate-459 trial failed": the trial's line
    line = next((name for rx, name in _LINES if rx.search(text)), None)
    context = next((name for rx, name in _CONTEXTS if rx.search(text)), None)
    if line:
        out["setting_line"] = line
    if context:
        out["setting_context"] = context
    return out


_SOLID = "KG:indication-solid-tumours"


def tissue_agnostic(text: str, ident: str, name: str | None) -> tuple[str, str | None]:
    """"solid tumours" with the biomarker the clause gives ("dMMR ... solid tumours") is the
    indication of that biomarker: tissue-agnostic approvals are defined by it.

    >>> tissue_agnostic("for dMMR recurrent or advanced solid tumours", _SOLID, "solid tumours")
    ('KG:indication-mismatch-repair-deficient-solid-tumours', 'mismatch repair deficient solid tumours')
    """
    if ident != _SOLID:
        return ident, name
    from kg.sources.text.lexicon import BIOMARKERS

    found = [(m.start(), words) for form, words in BIOMARKERS.items()
             for m in re.finditer(r"(?<![\w-])%s(?![\w-])" % re.escape(form), text)]
    if not found:
        return ident, name
    words = min(found)[1] + " solid tumours"
    return "KG:indication-" + re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-"), words


def indication_name(ident: str, name: str | None) -> str | None:
    """An indication's name for a claim's values: only for one the graph does not hold.

    >>> indication_name("KG:indication-follicular-lymphoma", "FL"), indication_name("MONDO:0005105", "melanoma")
    ('follicular lymphoma', None)
    """
    if ident.startswith("KG:indication-"):
        from kg.sources.text.lexicon import DISEASES

        # an abbreviation the article defined: the disease's name
        return DISEASES.get(name or "", _diseases_by_id().get(ident, name))
    return None


@functools.lru_cache(maxsize=1)
def _diseases_by_id() -> dict[str, str]:
    """The lexicon's diseases by the id the reader makes of each (made once: it was made per claim, a third
    of the reading time of a text of many approvals)."""
    from kg.sources.text.lexicon import DISEASES

    return {"KG:indication-" + re.sub(r"[^a-z0-9]+", "-", d.lower()).strip("-"): d for d in DISEASES.values()}


#: a region, or its agency, that names the agency of a decision: the European Union's (the Commission
#: decides), the United States' (the FDA)
EU_WORDS = re.compile(r"\bEU\b|\bEuropean Union\b|\bin Europe\b|\bEurope's\b|\bEuropean (?:marketing|regulators?|"
                      r"authorities|approval|decision|Commission)\b|\bEMA\b|\bEC\b")
US_WORDS = re.compile(r"\bUS\b|\bU\.S\.(?!\w)|\bUnited States\b|\bAmerican (?:patients|market)\b|\bFDA\b")


#: other regulators, by their names or their countries' (ids of the reader's own: the graph holds only the FDA's
#: and the European decisions, so an approval by one of these is "not in graph", never set against the FDA's date)
OTHER_AGENCIES = [(re.compile(rx), ident) for rx, ident in [
    (r"\bHealth Canada\b|\bin Canada\b|\bCanad(?:a's|ian (?:approval|authori[sz]ation|regulators?|market))\b", "KG:org-health-canada"),
    (r"\bPMDA\b|\bMHLW\b|\bin Japan\b|\bJapan's\b|\bJapanese (?:approval|regulators?|authorities|[Mm]inistry|market)\b",
     "KG:org-mhlw"),
    (r"\bTGA\b|\bin Australia\b|\bAustralia's\b|\bAustralian (?:approval|regulators?|market)\b", "KG:org-tga"),
    (r"\bMHRA\b|\bin the UK\b|\bin Britain\b|\b(?:the )?UK's\b|\bBritish (?:approval|regulators?|market)\b", "KG:org-mhra"),
    (r"\bNMPA\b|\bin (?:mainland )?China\b|\bChina's\b|\bChinese (?:approval|regulators?|authorities|market)\b", "KG:org-nmpa"),
    (r"\bSwissmedic\b|\bin Switzerland\b", "KG:org-swissmedic"),
    (r"\bCDSCO\b|\bin India\b|\bIndia's\b|\bIndian (?:approval|regulators?|authorities|market)\b", "KG:org-cdsco")]]


def region_agency(text: str) -> str | None:
    """The agency a clause (or a table's header) names by its region or its own name alone ("an EU
    marketing authorisation", "approved in the United States", "FDA decision"), when it names no
    agency otherwise.

    >>> region_agency("its first EU marketing authorisation"), region_agency("approved in the U.S. in 2018")
    ('KG:org-european-commission', 'KG:org-fda')
    >>> region_agency("Health Canada approved it in July 2018"), region_agency("approved in Japan and the US")
    ('KG:org-health-canada', None)
    """
    other = [ident for rx, ident in OTHER_AGENCIES if rx.search(text)]
    if other:  # "Health Canada approved ...", "in Japan": not the FDA's decision (and none if the clause names both)
        return other[0] if len(other) == 1 and not US_WORDS.search(text) and not EU_WORDS.search(text) else None
    if EU_WORDS.search(text):
        return None if US_WORDS.search(text) else "KG:org-european-commission"
    return "KG:org-fda" if US_WORDS.search(text) else None


def organ_disease(named: dict[str, str], organ: str) -> list[tuple[str, str]]:
    """The disease an organ word names for a drug the graph records no approval of ("ovarian indications":
    ovarian cancer), under the id of the article's own mention of it (``named``: id -> words), else the lexicon's.

    >>> organ_disease({}, "ovarian"), organ_disease({"MONDO:0008170": "ovarian carcinoma"}, "Ovarian"), organ_disease({}, "lung")
    ([('KG:indication-ovarian-cancer', 'ovarian cancer')], [('MONDO:0008170', 'ovarian cancer')], [])
    """
    from kg.sources.text.lexicon import DISEASES

    name = DISEASES.get(f"{organ.lower()} cancer")
    if name is None:
        return []
    same = next((i for i, words in named.items() if DISEASES.get(words) == name or words.lower() == name), None)
    return [(same or "KG:indication-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"), name)]
