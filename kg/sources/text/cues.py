"""The cues of claim extraction: the words and patterns that signal each kind of claim, and the
small readers of the figures in it (numbers, dates, endpoints, met or not). Used by
:mod:`kg.sources.text.claims`.

>>> _met("It did not improve survival (HR 0.8, 95% CI 0.6-0.9).", {"measure": "HR", "ci_low": 0.6, "ci_high": 0.9})
False
>>> _phase_name("III"), _line("as second-line therapy")
('phase 3', 'second')
"""
from __future__ import annotations

import re
from typing import Any

#: organ words in articles -> word starts that name the organ's cancers in indication names
ORGANS: dict[str, tuple[str, ...]] = {}
for _words, _stems in [
    (("lung", "pulmonary"), ("lung",)),
    (("liver", "hepatic"), ("hepatocellular", "hepatic", "liver", "hepatoma")),
    (("breast",), ("breast",)),
    (("bladder", "urothelial"), ("urothelial", "bladder")),
    (("skin", "cutaneous"), ("melanoma", "skin", "cutaneous", "merkel")),
    (("kidney", "renal"), ("renal", "kidney")),
    (("stomach", "gastric"), ("gastric", "stomach", "gastroesophageal")),
    (("GEJ",), ("gastroesophageal", "gastro-oesophageal", "gastric")),
    (("colorectal", "colon", "bowel"), ("colorectal", "colon", "rectal")),
    (("oesophageal", "esophageal"), ("oesophag", "esophag")),
    (("prostate",), ("prostate",)),
    (("ovarian",), ("ovarian", "ovary")),
    (("pancreatic",), ("pancrea",)),
    (("cervical",), ("cervical", "cervix")),
    (("endometrial", "uterine"), ("endometri", "uter")),
    (("thyroid",), ("thyroid",)),
    (("brain",), ("glioma", "glioblastoma", "brain")),
]:
    for _w in _words:
        ORGANS[_w.lower()] = _stems


# ------------------------------------------------------------------------------- cues

_NUM = r"(\d+(?:\.\d+)?)"
_HR = re.compile(r"(?:hazard ratio|\bHR)\b[^0-9;.]{0,40}?(\d?\.\d+|\d+\.\d+)", re.I)
_PAIR = re.compile(_NUM + r"\s*%[^%;]{0,80}?(?:compared (?:to|with)|versus|vs\.?|against)\s*" + _NUM + r"\s*%", re.I)
_N = re.compile(r"(?<![\d,.])(?<!every )(\d{1,3}(?:,\d{3})+|\d+)\s+(?:patients|participants|people|women|men|adults)\b", re.I)
_COUNTRIES = re.compile(r"(\d+)\s+countries", re.I)
_PHASE = re.compile(r"\bphase\s*(1b/3|2/3|1b|III|II|I|[123])\b", re.I)
_NEG = re.compile(r"^\W*(?:but )?not\b|\bneither\b[^.;]{0,80}\b(?:nor|beat|improved|prolonged|extended|showed|met)\b|\b(?:did not|does not|didn't|failed to|no (?:significant |added |statistically significant )?"
                  r"(?:benefit|improvement|difference|gain)|not (?:(?:judged|deemed|considered|found|shown) (?:to be )?)?(?:statistically )?significant(?:ly)?|missed|(?:was|were|is|are|been) not (?:improved|prolonged|extended|better|longer)|no better|(?:has|had|have) not (?:shown|improved|prolonged|extended|met|reached)|fell short|falls short|"
                  r"no improvement|without (?:a )?(?:significant )?benefit|"
                  # a boundary of a hierarchical or interim test not reached ("the significance boundary was not crossed")
                  r"(?:boundary|threshold) (?:was |were )?(?:not|never) (?:crossed|reached|met)|did not cross|"
                  # notes: "-> NEG", "did not hit OS", "n.s.", "not sig"
                  r"(?-i:NEG)|did not hit|not sig|n\.s)\b", re.I)
#: a comment on a result, after it ("..., which suggests that X contributes what Y alone does not")
_COMMENT = re.compile(r",\s+which\s+(?:suggests|indicates|implies|means|argues|points|hints|supports the idea)\b.*$", re.I | re.S)
_POS = re.compile(r"\b(?:significant(?:ly)? (?:improv|prolong|reduc|longer|better|benefit)\w*|improved|prolonged|"
                  r"statistically significant|non-?inferior(?:ity)? (?:was )?(?:shown|demonstrated|met)|was non-?inferior|"
                  r"showed (?:an? )?(?:clear |significant |statistically significant )?(?:(?:overall|progression-free|disease-free|event-free) "
                  r"survival |OS |PFS |DFS |EFS )?benefit|met (?:its|their|both|the|all) (?:[\w-]+ ){0,4}end ?points?|superior|"
                  r"end ?points? (?:was |were )?met|"
                  r"(?:reduced|cut|lowered) (?:the|their|its) risk|demonstrated (?:significant )?improvements?|established|"
                  r"(?:did |does )?beat|"
                  r"(?:did|does) (?:significantly )?(?:improve|prolong|extend|lengthen|shrink|reduce|lower|cut)|"
                  # notes: "small but sig", "-> OS win", "hit its primary endpoint"
                  r"sig|(?:OS|PFS|EFS|DFS) win|hit (?:its|the|both) (?:[\w-]+ ){0,2}end ?points?)\b", re.I)
_RESULT_CUE = re.compile(r"hazard ratio|\bHR\b|odds ratio|response rate|\bORR\b|median|\bpCR\b|end ?point|"
                         r"events occurred|benefit|improv|prolong|superior|outcomes?|survival", re.I)
_AE = re.compile(r"adverse (?:event|reaction)s?|side[- ]effects?|toxicit(?:y|ies)|\bAEs?\b", re.I)
_ORGAN = "|".join(sorted(ORGANS, key=lambda w: (-len(w), w)))
#: "lung cancer", "lung, liver, and breast cancers", "the bladder indication": organ words in a list ending in a
#: cancer word or "indication"
_ORGAN_LIST = re.compile(r"\b((?:%s)(?:\s*[,/]\s*(?:%s))*(?:,?\s+(?:and|or)\s+(?:%s))?)[\s-]+(?:cancer\s+(?=indication))?"
                         r"(?:cancers?|carcinomas?|tumou?rs?|malignanc(?:y|ies)|indications?)\b"
                         # (or a label's last word: "RETIRE \"Atezolizumab monotherapy, 1L cisplatin-ineligible urothelial\"")
                         r"|\b((?:%s))(?=[\"\u201d])" % (_ORGAN, _ORGAN, _ORGAN, _ORGAN), re.I)
_ORGAN_QUALIFIED = re.compile(r"(?:cell|negative|positive|cellular|squamous|non|metastatic to the)[\s-]*$", re.I)
_ONGOING = re.compile(r"\bongoing\b|\bunder ?way\b|\bcurrently (?:enrolling|recruiting)\b|"
                      r"\b(?:is|are) (?:still )?(?:recruiting|enrolling)\b|"
                      r"\bwill (?:further )?(?:explore|investigate|evaluate|examine|assess|test|study)\b", re.I)
#: a line that gives the article's own source paper, and one that gives a comment on it
_PAPER_LINE = re.compile(r"^\s*(?:paper|original (?:paper|article|study)|study|source|reference|citation)\s*:", re.I)
_COMMENT_LINE = re.compile(r"^\s*(?:accompanying |related |linked )?(?:editorial|commentary|comment)\s*:", re.I)
_REGULATORY = re.compile(r"regulatory[- ]approved with clinical trial data", re.I)
_NO_RCT = re.compile(r"\bno (?:large[- ]scale |large )?randomi[sz]ed (?:controlled )?trials? (?:have|has)? ?"
                     r"(?:confirmed|demonstrated|shown)|randomi[sz]ed (?:controlled )?trials? demonstrating "
                     r"[\w\s]{0,40}have not (?:yet )?been completed", re.I)
_MOSTLY_PRECLINICAL = re.compile(r"\b(?:much|most|the majority) of the (?:available )?(?:data|evidence)[\w\s]{0,20}"
                                 r"(?:comes?|derives?|is) (?:from )?(?:preclinical|laboratory|animal)", re.I)
_DESIGN = re.compile(r"\brandomi[sz]ed\b|open[- ]label|double[- ]blind|placebo[- ]controlled|\benrolled\b|"
                     r"\bincluded\b|\brecruited\b|primary (?:end ?point|goal|outcome|objective)", re.I)
_TESTED = re.compile(r"randomi[sz]ed (?:\([^)]*\) )?to (?:receive|either)|assigned to|(?:was|were) given|"
                     r"received either|(?:was|were) tested in|\bcompared\b", re.I)
_PRIMARY = re.compile(r"primary (?:end ?point|goal|outcome|objective)", re.I)
_ANAPHOR = re.compile(r"\b(?:the|this|that) (?:trial|study|final analysis|analysis)\b|\bthe study\W?s\b|"
                      r"\bhazard ratio\b|\bparticipants\b|\bpatients receiving\b|"
                      r"\bit was (?:randomi[sz]ed|double|open|placebo)", re.I)
_REFERS_TO_TRIAL = (_ANAPHOR, re.compile(r"\btrial\b|\bstudy\b|\brandomi[sz]ed\b|\barms?\b|\bgroup\b", re.I),
                    _HR, _PAIR, _PRIMARY, _AE)
_FAMILY = re.compile(r"\b([A-Z][A-Za-z]{2,})(?:[- ]\w+)? trials\b")
_MECH_CUE = re.compile(r"target|inhibit|block|bind|anti[-\u2010-\u2015]|antagonist|agonist|against|prevent|attach|stick|aimed|recogni|"
                       r"spar|preserv|checkpoint|antibod|latch|works? on|goes after|went after", re.I)
_TARGET_NOT = re.compile(r"(?:unlike|vs\.?|versus|rather than|instead of|not|\(vs\.?|compared (?:with|to)|than|over)\s*$", re.I)
_TARGET_BLOCKS = re.compile(r"(?:engagement|interaction|binding|engaging|interacting)\s+(?:with|to)\s*$", re.I)
_TARGET_SPARES = re.compile(r"(?:preserv\w*|spar\w*|leav\w* intact|does not (?:affect|block))\s*$", re.I)
_TARGET_BINDS_BEFORE = re.compile(r"(?:anti[-\u2010-\u2015]|(?:inhibitor|blocker|antagonist|degrader)s?\s+of|target(?:s|ed|ing)?|bind\w*|block\w*|inhibit\w*|against|directed at|aimed at|"
                                  r"recogni[sz]\w*|"
                                  r"(?<!from engaging )to|attach\w* to|stick\w* to|latch\w* on ?to|works? on|go(?:es|ing)? after|went after)\s*"
                                  r"(?:(?:the\s+)?(?:immune checkpoint\s+)?(?:receptor\s+|protein\s+|molecule\s+)?|"
                                  # "works on a brake called CTLA-4", "blocks a third brake on T cells called LAG-3"
                                  r"(?:an?|the|another)\s+(?:\w+\s+){0,2}?(?:brake|protein|receptor|molecule|checkpoint|switch)s?"
                                  r"\s+(?:(?:(?:on|of|in)\s+(?:\w+\s+){1,2}?)?(?:called|named|known as)\s+)?)$", re.I)
_TARGET_BINDS_AFTER = re.compile(r"^\)?\+?(?:/[\w-]+)*\s*(?:[-\u2010-\u2015]?\s*(?:directed|targeted|targeting|blocking|binding))?\s*"
                                 r"(?:immune\s+)?(?:checkpoint\s+)?(?:monoclonal\s+)?"
                                 # "an EGFR tyrosine kinase inhibitor", "a BCMA-directed antibody-drug conjugate"
                                 r"(?:(?:tyrosine\s+)?kinase\s+|TKI\b|antibody[-\u2010-\u2015]drug conjugate\b|ADC\b|"
                                 r"bispecific\s+(?:T[-\u2010-\u2015]cell engager|antibody)\b)?"
                                 r"(?:(?<=\bTKI)|(?<=conjugate)|(?<=ADC)|(?<=engager)|(?<=bispecific antibody)|"
                                 r"inhibitor|antibody|blocker|blockade|antagonist|degrader)", re.I)


def _num(s: str) -> float:
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v



_AE_STOP = {"higher", "lower", "more", "fewer", "rate", "rates", "of", "and", "the", "with", "had", "experienced"}


def _line(text: str) -> str | None:
    m = re.search(r"\b(first|second|later)[- ]line\b", text, re.I)
    return m.group(1).lower() if m else None


def _phase_name(text: str) -> str:
    t = text.lower()
    return "phase " + {"i": "1", "ii": "2", "iii": "3"}.get(t, t)


def _met(text: str, values: dict[str, Any]) -> bool | None:
    """Met or not: the words first (not those of a comment after the result: ", which suggests that ... alone
    does not supply"), then the CI of a ratio, then p.

    >>> _met("mPFS 5.2 v 4.3, HR 0.77 -- small but sig", {}), _met("mOS 8.6 v 7.6, HR 0.97 -> NEG, did not hit OS", {})
    (True, False)
    """
    text = _COMMENT.sub("", text)
    if _NEG.search(text):
        return False
    if _POS.search(text):
        return True
    if values.get("measure") in ("HR", "OR") and values.get("ci_high") is not None:
        return values["ci_high"] < 1 or values["ci_low"] > 1
    p = values.get("p")
    if isinstance(p, str) and p.startswith("<"):
        return float(p[1:]) <= 0.05
    if p is not None:
        return float(str(p).lstrip("<>=")) < 0.05
    return None
