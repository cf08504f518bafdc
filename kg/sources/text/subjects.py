"""The subject drug of a clause or a table row: the first drug named that is not another's partner
("with bevacizumab"), a prior treatment ("after sorafenib"), a drug taken ("receive ...") or a
drug's name made an adjective ("cisplatin-ineligible"); and the drug "the combination" is told by.

>>> t = "Cisplatin-ineligible patients may get atezolizumab with bevacizumab"
>>> subject_drug(t, [(0, "cisplatin"), (t.index("atezolizumab"), "atezolizumab"), (t.index("bevacizumab"), "bevacizumab")])
'atezolizumab'
"""
from __future__ import annotations

import re

from kg.sources.text.regulatory_cues import AND_VERB, COMPARED, PARTNER, TAKEN

_RECEIVES = re.compile(r"[\w-]+(?:\s+\([^()]{1,30}\))?\s+(?:received|won|got|gained|secured)\b")
#: a drug's name made an adjective ("cisplatin-ineligible", "platinum-based")
_ADJECTIVE = re.compile(r"[\w]+-(?:in)?eligible\b|[\w]+-(?:based|containing|free|naive|refractory|resistant|pretreated|"
                        r"treated|exposed|unfit)\b", re.I)
#: a name and the separator of a list that goes on ("bevacizumab, ", "paclitaxel and ")
_LISTED = re.compile(r"[\w-]+(?:\s\([^()]{1,30}\))?(?:,\s+(?:and\s+)?|\s+and\s+)$")
_OPENING_CONJUNCTION = re.compile(r"\W*(?:and|but|or|yet)\s+", re.I)


def subject_drug(text: str, drugs: list[tuple[int, str]]) -> str | None:
    """The first drug (offset in ``text``, id) not named as another's partner; a drug listed after a
    partner ("the regimen with bevacizumab, paclitaxel and carboplatin") is a partner too.

    >>> t = "The agency cleared the regimen with bevacizumab, paclitaxel and carboplatin"
    >>> subject_drug(t, [(t.index(w), w) for w in ("bevacizumab", "paclitaxel", "carboplatin")]) is None
    True
    """
    partner_before = None
    for start, ident in drugs:
        listed = partner_before is not None and _LISTED.match(text, partner_before, start)
        if _ADJECTIVE.match(text, start) or start > 0 and text[start - 1] in "-/":
            # "cisplatin-ineligible patients", "post-sorafenib", "platinum-etoposide", "with carboplatin/etoposide":
            # no drug of the sentence
            continue
        if TAKEN.search(text[max(0, start - 40):start]) and not _RECEIVES.match(text, start):
            continue  # a treatment taken before ("progressed after sorafenib, pembrolizumab ..."): no partner either
        receives = _RECEIVES.match(text, start)  # "after toripalimab received the green light": its subject
        # (a sentence that opens with "And", "But" or "Or" before its drug: no partner)
        before = text[max(0, start - 30):start]
        if not listed and (receives or not PARTNER.search(before) or _OPENING_CONJUNCTION.fullmatch(text[:start])) \
                and (receives or not TAKEN.search(text[max(0, start - 40):start])):
            return ident
        partner_before = start
    return None


#: the words that join a partner drug to a regimen ("in combination with", "plus", "and")
REGIMEN = re.compile(r"(?:\bin combination with|\bcombined with|\bplus|\btogether with|\bwith|\band" + AND_VERB
                     + r"|\+|/)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)


def regimen_partners(text: str, drugs: list[tuple[int, str]], drug: str, approved_there) -> list[str]:
    """The partners of ``drug`` in a regimen ``text`` names ("Imjudo in combination with Imfinzi",
    "Imjudo + Imfinzi"), of the ``drugs`` (offset, id), that ``approved_there(id)`` holds (the graph
    knows it approved for the disease); not a drug it is compared with ("versus sorafenib").

    >>> t = "Imjudo + Imfinzi versus sorafenib"
    >>> regimen_partners(t, [(0, "treme"), (9, "durva"), (t.index("sorafenib"), "sora")], "treme", lambda d: True)
    ['durva']
    >>> t = "nivolumab for HCC previously treated with sorafenib"
    >>> regimen_partners(t, [(0, "nivo"), (t.index("sorafenib"), "sora")], "nivo", lambda d: True)
    []
    """
    return list(dict.fromkeys(d for at, d in drugs if d != drug and approved_there(d)
                              and REGIMEN.search(text[max(0, at - 30):at]) and not COMPARED.search(text[max(0, at - 30):at])
                              and not TAKEN.search(text[max(0, at - 40):at])))


#: an INN that says its drug is no chemotherapy: an antibody, a targeted inhibitor, a conjugate, a cell therapy
_TARGETED = re.compile(r"(?:mab|nib|lisib|ciclib|parib|rasib|sertib|clax|zomib|degib|leucel|vedotin|deruxtecan|govitecan|"
                       r"mafodotin|emtansine|ozogamicin|soravtansine|tesirine|"
                       # (and the androgen-receptor and androgen-synthesis inhibitors given with a PARP inhibitor; an
                       # endocrine backbone given with a CDK4/6 inhibitor, "with fulvestrant", is told as chemotherapy is)
                       r"lutamide|raterone)$")


def new_targeted(ident: str, written: str = "", approved=frozenset()) -> bool:
    """Whether a regimen's partner is a drug the graph records no approval of (new to it, or known
    without any: ``approved`` holds the drugs it records approvals of) whose INN says it is no
    chemotherapy (the slug of a new id, or the name ``written``, a brand read as its INN): GOLD.md
    gives each drug of a regimen its approval, chemotherapy partners aside ("approved lazertinib
    with amivantamab", "Padcev plus Keytruda": both).

    >>> new_targeted("KG:drug-amivantamab"), new_targeted("KG:drug-carboplatin"), new_targeted("DRUGBANK:DB00112")
    (True, False, False)
    >>> new_targeted("KG:drug-enzalutamide"), new_targeted("KG:drug-abiraterone"), new_targeted("KG:drug-paclitaxel")
    (True, True, False)
    >>> new_targeted("DRUGBANK:DB13007", "Padcev"), new_targeted("DRUGBANK:DB00112", "bevacizumab", {"DRUGBANK:DB00112"})
    (True, False)
    """
    if ident in approved:
        return False
    from kg.sources.text.lexicon import BRANDS_FOLDED

    written = BRANDS_FOLDED.get(written.strip().casefold(), written)
    names = (ident.removeprefix("KG:drug-").replace("-", " ") if ident.startswith("KG:drug-") else "",
             re.sub(r"-[a-z]{4}$", "", written.lower().strip()))
    return any(n and _TARGETED.search(n) for n in names)


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+or|/)\s*")


def listed_drugs(text: str, drugs: list[tuple[int, int, str]]) -> list[str]:
    """The drugs of ``text`` (start, end, id) when they are a plain list, two or more joined by commas, "and"
    or "or" (a brand and its INN in brackets count once): each the subject of the event ("removed the
    late-line indications for Lynparza, Rubraca and Zejula"); else none.

    >>> t = "indications for Lynparza (olaparib), Rubraca and Zejula capsules"
    >>> listed_drugs(t, [(t.index(w), t.index(w) + len(w), i) for w, i in [("Lynparza", "O"), ("olaparib", "O"),
    ...              ("Rubraca", "R"), ("Zejula", "Z")]])
    ['O', 'R', 'Z']
    >>> listed_drugs("olaparib with bevacizumab", [(0, 8, "O"), (14, 25, "B")])
    []
    >>> listed_drugs("after sorafenib, pembrolizumab", [(6, 15, "S"), (17, 30, "P")])
    []
    """
    out: list[str] = []
    last = None
    if drugs and (TAKEN.search(text[max(0, drugs[0][0] - 40):drugs[0][0]]) or PARTNER.search(text[max(0, drugs[0][0] - 30):drugs[0][0]])):
        return []  # ("progressed after sorafenib, pembrolizumab received ...", "with bevacizumab, paclitaxel and ...")
    for start, end, ident in drugs:
        if out and ident == out[-1]:
            last = end + (1 if text[end:end + 1] == ")" else 0)
            continue
        if last is not None and not _LIST_GAP.fullmatch(text[last:start]):
            return []
        out.append(ident)
        last = end
    return out if len(out) >= 2 else []


#: a regimen referred back to ("the combination", "this regimen", "the pairing")
REGIMEN_BACK = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:combination|regimen|pairing|pair|doublet|combo|approach)\b", re.I)


def regimen_drug(reader, i: int) -> list[str]:
    """The drugs "the combination" of sentence ``i`` is told by: of the drugs the last of the six
    sentences before it that names two or more gives, the one the graph records approvals of and the
    article names most first ("Lurbinectedin + atezolizumab vs atezolizumab alone ... FDA approved the
    combination": atezolizumab, then lurbinectedin), or none.

    >>> from collections import Counter
    >>> from types import SimpleNamespace as NS
    >>> t = "Lurbinectedin + atezolizumab. FDA approved the combination."
    >>> ms = [NS(type="Drug", id="lurbinectedin", start=0, end=13), NS(type="Drug", id="atezolizumab", start=16, end=28)]
    >>> facts = NS(approved={"atezolizumab": {}})
    >>> regimen_drug(NS(text=t, by_sentence=[ms, []], drug_counts=Counter(lurbinectedin=4, atezolizumab=1), facts=facts), 1)
    ['atezolizumab', 'lurbinectedin']
    """
    text = reader.text
    for k in range(i - 1, max(-1, i - 7), -1):
        drugs = [m for m in reader.by_sentence[k] if m.type == "Drug"]
        if len({m.id for m in drugs}) < 2:
            continue
        # (not a chemotherapy doublet's drug, "cisplatin-gemcitabine", nor one made an adjective, "cisplatin-ineligible")
        named = [m.id for m in drugs if text[m.start - 1:m.start] != "-" and text[m.end:m.end + 1] != "-"]
        # (of those, one the graph records approvals of before a chemotherapy or an ADC beside it)
        return sorted(dict.fromkeys(named), key=lambda d: (d not in reader.facts.approved, -reader.drug_counts[d]))
    return []


#: a participle after a drug and its comma ("avelumab, approved in 2017,"; "nivolumab, first cleared in 2014")
_APPOSITIVE = re.compile(r",\s+(?:(?:first|also|later|since|originally)\s+)?", re.I)


def appositive(text: str, drugs: list[tuple[int, int, str]], event: int) -> str | None:
    """The drug a participle follows ("ZYNYZ competes with avelumab, approved in 2017"): named alone, not a
    partner, a treatment before or part of a doublet, unless set beside by comparison.

    >>> t = "Zynyz competes with avelumab, approved in 2017."
    >>> appositive(t, [(0, 5, "zynyz"), (20, 28, "avelumab")], t.index("approved"))
    'avelumab'
    """
    for start, end, ident in reversed(drugs):
        if _APPOSITIVE.fullmatch(text, end, event) and (subject_drug(text, [(start, ident)]) or start > 0 and (
                text[start - 1] == " " and COMPARED.search(text[max(0, start - 30):start]))):
            return ident
    return None
