"""Claims in an article, sentence by sentence, from the entity mentions and cue patterns.

Kinds: ``trial result`` (endpoint, measure and value, CI, p, N, met or not -> direction, and
the evidence level from the trial's phase), ``adverse events`` (rates by arm), ``approval``
(agency, date, indication; withdrawals), ``mechanism`` (binds / blocks interaction with /
spares interaction with a target), ``evidence level`` (statements that put the
evidence in the "regulatory-approved with clinical trial data" class, that deny that any
randomised trial confirmed efficacy, or that credit "the X trials" with a drug's place in Y), ``trial design`` (phase, design,
size, primary endpoint, the drugs tested) and ``publication``. A claim links the entities it
is about; a sentence without its own drug or trial refers to the document's main drug and to
the trial last named. Organ words in an approval sentence ("lung, liver and breast cancers")
are read as the drug's approved indications of those organs in the graph (values give the
organ word); a trial other than the article's own named without an indication is studied in
the article's main indication; an "Editorial:" line's publication comments on the "Paper:"
line's one.

>>> from kg.text.entities import Mention
>>> text = "In ORION-7, zelvomab improved overall survival (HR 0.71, 95% CI 0.58-0.86; p<0.001)."
>>> ms = [Mention("Trial", "KG:trial-orion-7", "ORION-7", 3, 10, True),
...       Mention("Drug", "KG:drug-zelvomab", "zelvomab", 12, 20, True)]
>>> c = extract(text, ms, Facts(phases={"KG:trial-orion-7": "phase 3"}))[0]
>>> c.kind, c.subject, c.values["measure"], c.values["value"], c.values["ci_high"], c.direction, c.evidence_level
('trial result', 'KG:trial-orion-7', 'HR', 0.71, 0.86, 'supports', 'phase 3')
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kg.text.entities import Mention
from kg.text.sentences import Sentence, split
from kg.vocab import level_of_phase


@dataclass(frozen=True)
class ExtractedClaim:
    """One claim: what it is about, the figures it gives, and the sentence it stands in."""

    kind: str
    subject: str
    predicate: str
    object: str | None
    values: dict[str, Any]
    evidence_level: str | None
    direction: str | None
    sentence: str
    start: int
    end: int

    def as_json(self) -> dict[str, Any]:
        """The claim as ``kg ingest --format json`` shows it."""
        return {"kind": self.kind, "subject": self.subject, "object": self.object, "values": self.values,
                "evidence_level": self.evidence_level, "direction": self.direction, "sentence": self.sentence,
                "start": self.start, "end": self.end}


@dataclass
class Facts:
    """What the graph knows that reading needs: trial phases, acronyms, studied indications."""

    phases: dict[str, str] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)
    conditions: dict[str, list[str]] = field(default_factory=dict)
    #: drug -> {indication it holds approvals for (any status): the indication's names and synonyms}
    approved: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store) -> "Facts":
        """Read the trials' acronyms, phases and indications, and the drugs' approved
        indications with their names, from the store."""
        from kg.query import run

        f = cls()
        for r in run(store, "trial_facts"):
            f.acronyms[r["trial"]] = r["acronym"]
            if r["phase"]:
                f.phases[r["trial"]] = r["phase"]
            if r["cond"] and r["cond"] not in f.conditions.setdefault(r["trial"], []):
                f.conditions[r["trial"]].append(r["cond"])
        for r in run(store, "approved_indications"):
            f.approved.setdefault(r["drug"], {}).setdefault(r["ind"], []).append(r["name"])
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
    (("colorectal", "colon", "bowel"), ("colorectal", "colon", "rectal")),
    (("oesophageal", "esophageal"), ("oesophag", "esophag")),
    (("prostate",), ("prostate",)),
    (("ovarian",), ("ovarian", "ovary")),
    (("pancreatic",), ("pancrea",)),
    (("cervical",), ("cervical", "cervix")),
    (("thyroid",), ("thyroid",)),
    (("brain",), ("glioma", "glioblastoma", "brain")),
]:
    for _w in _words:
        ORGANS[_w] = _stems


# ------------------------------------------------------------------------------- cues

_NUM = r"(\d+(?:\.\d+)?)"
_ENDPOINTS = [
    (r"invasive disease[- ]free survival|invasive DFS|iDFS", "invasive disease-free survival"),
    (r"disease[- ]free survival|\bDFS\b", "disease-free survival"),
    (r"event[- ]free survival|\bEFS\b", "event-free survival"),
    (r"progression[- ]free survival|\bPFS\b", "progression-free survival"),
    (r"overall survival|\bOS\b", "overall survival"),
    (r"patholog\w* complete response|\bpCR\b", "pathological complete response"),
    (r"objective response rate|overall response rate|\bORR\b|response rate", "objective response rate"),
    (r"duration of response", "duration of response"),
]
_HR = re.compile(r"(?:hazard ratio|\bHR)\b[^0-9;.]{0,40}?(\d?\.\d+|\d+\.\d+)", re.I)
_OR = re.compile(r"(?:odds ratio|\bOR)\b[^0-9;.]{0,30}?(\d?\.\d+|\d+\.\d+)")
_RATE = re.compile(r"(?:response rate|\bORR|\bpCR|complete response)[^%;]{0,50}?" + _NUM + r"\s*%", re.I)
_MEDIAN = re.compile(r"median[^.;]{0,80}?" + _NUM + r"\s*(?:months|mo)\b", re.I)
_PAIR = re.compile(_NUM + r"\s*%[^%;]{0,80}?(?:compared (?:to|with)|versus|vs\.?|against)\s*" + _NUM + r"\s*%", re.I)
_CI = re.compile(r"(?:CI|confidence interval)[,:\s]*(\d*\.?\d+)\s*(?:-|\u2013|\u2014|to)\s*(\d*\.?\d+)", re.I)
_P = re.compile(r"\bp\s*(=|<|>|\u2264)\s*(0?\.\d+)", re.I)
_N = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s+(?:patients|participants|people|women|men|adults)\b", re.I)
_COUNTRIES = re.compile(r"(\d+)\s+countries", re.I)
_PHASE = re.compile(r"\bphase\s*(1b/3|2/3|1b|III|II|I|[123])\b", re.I)
_NEG = re.compile(r"\b(?:did not|does not|didn't|failed to|no (?:significant |added |statistically significant )?"
                  r"(?:benefit|improvement|difference|gain)|not (?:statistically )?significant|missed|"
                  r"no improvement|without (?:a )?(?:significant )?benefit)\b", re.I)
_POS = re.compile(r"\b(?:significant(?:ly)? (?:improv|prolong|reduc|longer|better|benefit)\w*|improved|prolonged|"
                  r"showed (?:a )?(?:clear |significant )?benefit|met its (?:primary )?end ?point|superior|"
                  r"reduced the risk|demonstrated (?:significant )?improvements?|established)\b", re.I)
_RESULT_CUE = re.compile(r"hazard ratio|\bHR\b|odds ratio|response rate|\bORR\b|median|\bpCR\b|end ?point|"
                         r"events occurred|benefit|improv|prolong|superior|outcomes?|survival", re.I)
_AE = re.compile(r"adverse (?:event|reaction)s?|side[- ]effects?|toxicit(?:y|ies)|\bAEs?\b", re.I)
_APPROVAL = re.compile(r"\b(?:approv\w*|authori[sz]\w*|licen[sc]ed|granted)\b", re.I)
_WITHDRAW = re.compile(r"\bwithdr[ae]w\w*|\brevok\w*|\brescind\w*", re.I)
_NOT_APPROVED = re.compile(r"\bnot (?:yet )?approved\b|\bno approval\b", re.I)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(r"\b(?:(%s) (\d{1,2}), (\d{4})|(\d{1,2}) (%s) (\d{4})|(\d{4})-(\d{2})-(\d{2})|in (%s) (\d{4}))\b"
                   % (_MONTHS, _MONTHS, _MONTHS))
_ORGAN = "|".join(sorted(ORGANS, key=lambda w: (-len(w), w)))
#: "lung cancer", "lung, liver, and breast cancers": organ words in a list ending in a cancer word
_ORGAN_LIST = re.compile(r"\b((?:%s)(?:\s*,\s*(?:%s))*(?:,?\s+(?:and|or)\s+(?:%s))?)\s+"
                         r"(?:cancers?|carcinomas?|tumou?rs?|malignanc(?:y|ies))\b" % (_ORGAN, _ORGAN, _ORGAN), re.I)
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
_MECH_CUE = re.compile(r"target|inhibit|block|bind|anti-|antagonist|agonist|against|prevent|"
                       r"spar|preserv|checkpoint", re.I)
_TARGET_NOT = re.compile(r"(?:unlike|vs\.?|versus|rather than|instead of|not|\(vs\.?)\s*$", re.I)
_TARGET_BLOCKS = re.compile(r"(?:engagement|interaction|binding|engaging|interacting)\s+(?:with|to)\s*$", re.I)
_TARGET_SPARES = re.compile(r"(?:preserv\w*|spar\w*|leav\w* intact|does not (?:affect|block))\s*$", re.I)
_TARGET_BINDS_BEFORE = re.compile(r"(?:anti-|target\w*|bind\w*|block\w*|inhibit\w*|against|directed at|to)\s*$", re.I)
_TARGET_BINDS_AFTER = re.compile(r"^\+?\s*(?:-?\s*(?:directed|targeted|targeting))?\s*(?:immune\s+)?(?:checkpoint\s+)?"
                                 r"(?:inhibitor|antibody|blocker|blockade|antagonist)", re.I)


def _endpoint(text: str) -> str | None:
    for rx, name in _ENDPOINTS:
        if re.search(rx, text, re.I):
            return name
    return None


def _num(s: str) -> float:
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


# ----------------------------------------------------------------------------- reading


class _Reader:
    def __init__(self, text: str, mentions: list[Mention], facts: Facts):
        self.text, self.facts = text, facts
        self.sentences = [s for s in split(text)]
        self.by_sentence = [[m for m in mentions if s.start <= m.start < s.end] for s in self.sentences]
        counts = Counter(m.id for m in mentions if m.type == "Drug")
        self.main_drug = counts.most_common(1)[0][0] if counts else None
        inds = Counter(m.id for m in mentions if m.type == "Indication")
        trials = Counter(m.id for m in mentions if m.type == "Trial")
        self.main_trial = trials.most_common(1)[0][0] if trials else None
        self.main_indication = inds.most_common(1)[0][0] if inds else None
        self.phases = dict(facts.phases)
        for s, ms in zip(self.sentences, self.by_sentence):  # phases the article gives for new trials
            ph = _PHASE.search(s.text)
            for m in ms:
                if m.type == "Trial" and ph and m.id not in self.phases:
                    self.phases[m.id] = _phase_name(ph.group(1))
        self.papers: list[str] = []  # the article's own paper: publications on a "Paper:" line
        self.comment_lines: list[tuple[int, int]] = []  # "Editorial:" / "Commentary:" lines
        for line in re.finditer(r"[^\n]+", text):
            if _PAPER_LINE.search(line.group()):
                self.papers += [m.id for m in mentions if m.type == "Publication"
                                and line.start() <= m.start < line.end() and m.id not in self.papers]
            elif _COMMENT_LINE.search(line.group()):
                self.comment_lines.append((line.start(), line.end()))
        self.trial: str | None = None
        self.out: list[ExtractedClaim] = []

    def claim(self, s: Sentence, kind: str, subject: str | None, predicate: str, obj: str | None = None,
              values: dict | None = None, level: str | None = None, direction: str | None = None) -> None:
        if subject is None:
            return
        c = ExtractedClaim(kind, subject, predicate, obj, {k: v for k, v in (values or {}).items() if v is not None},
                           level, direction, s.text, s.start, s.end)
        if c not in self.out:
            self.out.append(c)

    def level(self, trial: str | None) -> str | None:
        phase = self.phases.get(trial or "")
        return level_of_phase(phase) if phase else None

    def run(self) -> list[ExtractedClaim]:
        for i, (s, ms) in enumerate(zip(self.sentences, self.by_sentence)):
            if s.text.rstrip().endswith("?"):
                self._note_trial(ms)
                continue
            self._sentence(i, s, ms)
            self._note_trial(ms)
        return self.out

    def _note_trial(self, ms: list[Mention]) -> None:
        trials = [m.id for m in ms if m.type == "Trial"]
        if trials:
            self.trial = trials[0]

    def _trial_for(self, i: int, s: Sentence, ms: list[Mention]) -> str | None:
        """The trial a sentence is about: its own, or the one named last (or next) for "the trial"."""
        own = [m.id for m in ms if m.type == "Trial"]
        if own:
            return own[0]
        if not any(rx.search(s.text) for rx in _REFERS_TO_TRIAL):
            return None
        if self.trial:
            return self.trial
        for later in self.by_sentence[i + 1:i + 3]:
            ids = [m.id for m in later if m.type == "Trial"]
            if ids:
                return ids[0]
        return None

    def _sentence(self, i: int, s: Sentence, ms: list[Mention]) -> None:
        types = {t: [m for m in ms if m.type == t] for t in ("Drug", "Target", "Trial", "Indication",
                                                          "Publication", "Organization")}
        if types["Publication"]:
            self._publication(i, s, ms, types)
            return
        drug = types["Drug"][0].id if types["Drug"] else self.main_drug
        self._approval(s, types, drug)
        self._mechanism(s, ms, types, drug)
        self._evidence_level(s, types, drug)
        if any(rx.search(s.text) for rx in (_NO_RCT, _REGULATORY, _MOSTLY_PRECLINICAL)):
            return  # a statement about the evidence as a whole, not about one trial
        trial = self._trial_for(i, s, ms)
        if trial:
            if _AE.search(s.text):
                self._adverse_events(s, trial, drug)
            elif _RESULT_CUE.search(s.text) and not _DESIGN.search(s.text):
                self._result(s, trial, types, drug)
            explicit = types["Trial"] or any(rx.search(s.text) for rx in (_ANAPHOR, _TESTED, _PRIMARY))
            if explicit and (_DESIGN.search(s.text) or _PHASE.search(s.text) or _TESTED.search(s.text)
                             or types["Trial"] and _ONGOING.search(s.text)):
                self._design(s, trial, types, drug)

    # ---------------------------------------------------------------- one kind each

    def _publication(self, i, s, ms, types) -> None:
        trial = types["Trial"][0].id if types["Trial"] else None
        comments = any(a <= s.start < b for a, b in self.comment_lines)
        seen = []
        for m in types["Publication"]:
            if m.id in seen:
                continue
            seen.append(m.id)
            ids = {}
            for x in types["Publication"]:
                if x.id == m.id:
                    bare = re.sub(r"^(?:doi|pmid)\s*:?\s*|^https?://(?:dx\.)?doi\.org/", "", x.text, flags=re.I)
                    ids["doi" if bare.startswith("10.") else "pmid"] = bare
            papers = [p for p in self.papers if p != m.id] if comments else []
            if trial:
                self.claim(s, "publication", trial, "reported in", m.id, ids)
            elif papers:  # an editorial or commentary line: it comments on the article's paper
                for paper in papers:
                    self.claim(s, "publication", m.id, "comments on", paper, ids)
            else:
                self.claim(s, "publication", m.id, "describes", None, ids)

    def _approval(self, s, types, drug) -> None:
        inds = [m.id for m in types["Indication"]]
        if not inds and self.main_indication and re.search(r"\bfor this (?:use|indication|setting)\b", s.text, re.I):
            inds = [self.main_indication]
        if not _APPROVAL.search(s.text) or _NOT_APPROVED.search(s.text):
            return
        organs = self._organs(s, types, drug, inds)
        if not inds and not organs:
            return
        withdrawn = bool(_WITHDRAW.search(s.text))
        agency = next((m.id for m in types["Organization"] if m.id in _AGENCIES), None)
        date = _date(s.text)
        values = {"agency": agency, "date": date, "status": "withdrawn" if withdrawn else "approved"}
        for ind in dict.fromkeys(inds):
            self.claim(s, "approval", drug, "approved for", ind, values,
                       "regulatory approval", "supports")  # as the graph's approval edges: status says withdrawn
        for ind, organ in organs.items():
            self.claim(s, "approval", drug, "approved for", ind, {**values, "organ": organ},
                       "regulatory approval", "supports")

    def _organs(self, s, types, drug, named) -> dict[str, str]:
        """Indications read from organ words ("approvals across lung, liver, and breast
        cancers"): each organ's indications that the drug holds approvals for in the graph,
        with the organ word as read; indications the sentence names itself are left to it."""
        out: dict[str, str] = {}
        spans = [(m.start, m.end) for m in types["Indication"]]
        for m in _ORGAN_LIST.finditer(s.text):
            a, b = s.start + m.start(), s.start + m.end()
            if any(x < b and a < y for x, y in spans) or _ORGAN_QUALIFIED.search(s.text[:m.start()]):
                continue  # part of a named indication ("non-small cell lung cancer"), or qualified
            for word in re.findall(_ORGAN, m.group(1), re.I):
                for ind in self.facts.organ_indications(drug, word):
                    if ind not in named:
                        out.setdefault(ind, word.lower())
        return out

    def _mechanism(self, s, ms, types, drug) -> None:
        if not types["Target"] or not _MECH_CUE.search(s.text):
            return
        own = [m for m in types["Drug"] if not _TARGET_NOT.search(self.text[max(s.start, m.start - 12):m.start])]
        subject = own[0].id if own else self.main_drug
        for m in types["Target"]:
            before = self.text[max(s.start, m.start - 60):m.start]
            after = self.text[m.end:min(s.end, m.end + 40)]
            if _TARGET_NOT.search(before[-14:]):
                continue
            if _TARGET_SPARES.search(before):
                action = "spares interaction with"
            elif _TARGET_BLOCKS.search(before) and re.search(r"prevent|block|stop|inhibit", before, re.I):
                action = "blocks interaction with"
            elif _TARGET_BINDS_BEFORE.search(before[-14:]) or _TARGET_BINDS_AFTER.search(after):
                action = "binds"
            else:
                continue
            self.claim(s, "mechanism", subject, action, m.id, {"action": action})

    def _evidence_level(self, s, types, drug) -> None:
        inds = list(dict.fromkeys(m.id for m in types["Indication"]))
        if _REGULATORY.search(s.text):
            self.claim(s, "evidence level", drug, "describes", None,
                       {"statement": "regulatory-approved with clinical trial data"}, "regulatory approval")
        if _NO_RCT.search(s.text):
            self.claim(s, "evidence level", drug, "describes", None,
                       {"statement": "no randomised trial has confirmed efficacy"}, None, "inconclusive")
        if _MOSTLY_PRECLINICAL.search(s.text):
            self.claim(s, "evidence level", drug, "describes", None,
                       {"statement": "most of the evidence is preclinical"}, "preclinical")
        fam = _FAMILY.search(s.text)
        if fam and inds:
            members = [t for t, a in self.facts.acronyms.items() if a.lower().startswith(fam.group(1).lower())]
            if members:
                levels = sorted({self.level(t) for t in members} - {None})
                direction = "does not support" if _NEG.search(s.text) else "supports" if _POS.search(s.text) else None
                for ind in inds:
                    self.claim(s, "evidence level", drug, "has evidence level", ind,
                               {"trials": fam.group(1), "line": _line(s.text)}, levels[-1] if levels else None,
                               direction)

    def _result(self, s, trial, types, drug) -> None:
        t = s.text
        values: dict[str, Any] = {"endpoint": _endpoint(t)}
        m = _HR.search(t)
        if m:
            values.update(measure="HR", value=float(m.group(1)))
        elif _OR.search(t):
            values.update(measure="OR", value=float(_OR.search(t).group(1)))
        elif _PAIR.search(t):
            pm = _PAIR.search(t)
            values.update(measure="rate", experimental_pct=_num(pm.group(1)), control_pct=_num(pm.group(2)))
        elif _RATE.search(t):
            values.update(measure="rate", value=_num(_RATE.search(t).group(1)))
        elif _MEDIAN.search(t):
            values.update(measure="median", value=_num(_MEDIAN.search(t).group(1)), unit="months")
        ci = _CI.search(t)
        if ci:
            values.update(ci_low=float(ci.group(1)), ci_high=float(ci.group(2)))
        p = _P.search(t)
        if p:
            values["p"] = p.group(1).replace("=", "") + p.group(2) if p.group(1) != "=" else p.group(2)
        n = _N.search(t)
        if n:
            values["n"] = int(n.group(1).replace(",", ""))
        met = _met(t, values)
        if met is None and values.get("measure") is None and not _POS.search(t) and not _NEG.search(t):
            return
        values["met"] = met
        if drug and drug != self.main_drug or types["Drug"]:
            values["drug"] = drug
        ind = types["Indication"][0].id if types["Indication"] else (
            (self.facts.conditions.get(trial) or [None])[0] or self.main_indication)
        direction = {True: "supports", False: "does not support"}.get(met, "inconclusive")
        self.claim(s, "trial result", trial, "result", ind, values, self.level(trial), direction)

    def _adverse_events(self, s, trial, drug) -> None:
        pairs = list(re.finditer(r"([A-Za-z][A-Za-z\- ]{2,60}?)\s*\(" + _NUM + r"\s*%\s*(?:vs\.?|versus|and|compared (?:to|with))\s*"
                                 + _NUM + r"\s*%\)", s.text))
        pairs += list(re.finditer(r"([A-Za-z][A-Za-z\- ]{2,60}?)\s+(?:in|of)\s+" + _NUM
                                  + r"\s*%[^%;]{0,60}?(?:vs\.?|versus|compared (?:to|with))\s*" + _NUM + r"\s*%",
                                  s.text)) if not pairs else []
        for m in pairs:
            words = m.group(1).split()[-4:]
            while words and words[0].lower() in _AE_STOP:
                words.pop(0)
            category = " ".join(words)
            self.claim(s, "adverse events", trial, "has adverse events", drug,
                       {"category": category, "experimental_pct": _num(m.group(2)), "control_pct": _num(m.group(3))},
                       self.level(trial))
        if not pairs and re.search(r"\bincluded?\b|\bsuch as\b|\bmost common\b", s.text, re.I):
            listed = re.search(r"(?:included?|such as|most common\w* (?:were|was))\s+([^.;]+?)(?:,\s*with\b|[.;]|$)", s.text)
            self.claim(s, "adverse events", trial, "has adverse events", drug,
                       {"events": listed.group(1) if listed else None}, self.level(trial))

    def _design(self, s, trial, types, drug) -> None:
        t = s.text
        if _TESTED.search(t) and types["Drug"]:
            for d in dict.fromkeys(m.id for m in types["Drug"]):
                self.claim(s, "trial design", d, "tested in", trial, {}, self.level(trial))
        ph = _PHASE.search(t)
        values: dict[str, Any] = {"phase": _phase_name(ph.group(1)) if ph else None}
        if re.search(r"\brandomi[sz]ed\b", t, re.I) and not _TESTED.search(t):
            values["randomised"] = True
        for word in ("open-label", "double-blind"):
            if re.search(word.replace("-", "[- ]"), t, re.I):
                values["blinding"] = word
        n = _N.search(t)
        if n and re.search(r"enrol|includ|recruit|randomi", t, re.I):
            values["n_patients"] = int(n.group(1).replace(",", ""))
        c = _COUNTRIES.search(t)
        if c:
            values["countries"] = int(c.group(1))
        if _PRIMARY.search(t) and _endpoint(t):
            values["primary_endpoint"] = _endpoint(t)
        if _ONGOING.search(t) and types["Trial"]:
            values["status"] = "ongoing"
        for ind in dict.fromkeys(m.id for m in types["Indication"]):
            self.claim(s, "trial design", trial, "studied in", ind, {}, self.level(trial))
        if not types["Indication"] and types["Trial"] and trial != self.main_trial and self.main_indication:
            # another trial than the article's own, named without an indication ("ongoing trials,
            # such as X"): it is cited in the indication the article is about
            self.claim(s, "trial design", trial, "studied in", self.main_indication,
                       {"indication": "main indication of the document"}, self.level(trial))
        if any(v is not None for v in values.values()):
            self.claim(s, "trial design", trial, "describes", None, values, self.level(trial))


_AE_STOP = {"higher", "lower", "more", "fewer", "rate", "rates", "of", "and", "the", "with", "had", "experienced"}
_AGENCIES = {"KG:org-fda", "KG:org-ema", "KG:org-european-commission"}


def _line(text: str) -> str | None:
    m = re.search(r"\b(first|second|later)[- ]line\b", text, re.I)
    return m.group(1).lower() if m else None


def _phase_name(text: str) -> str:
    t = text.lower()
    return "phase " + {"i": "1", "ii": "2", "iii": "3"}.get(t, t)


def _date(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None
    months = {name: i + 1 for i, name in enumerate(_MONTHS.split("|"))}
    g = m.groups()
    if g[0]:
        return f"{g[2]}-{months[g[0]]:02d}-{int(g[1]):02d}"
    if g[3]:
        return f"{g[5]}-{months[g[4]]:02d}-{int(g[3]):02d}"
    if g[6]:
        return f"{g[6]}-{g[7]}-{g[8]}"
    return f"{g[10]}-{months[g[9]]:02d}"


def _met(text: str, values: dict[str, Any]) -> bool | None:
    """Met or not: the words first, then the CI of a ratio, then p."""
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


def extract(text: str, mentions: list[Mention], facts: Facts | None = None) -> list[ExtractedClaim]:
    """Every claim in ``text`` (whose entity mentions are ``mentions``), in document order.

    >>> from kg.text.entities import Mention
    >>> t = "FDA-approved for melanoma."
    >>> ms = [Mention("Organization", "KG:org-fda", "FDA", 0, 3), Mention("Indication", "MONDO:0005105", "melanoma", 17, 25),
    ...       Mention("Drug", "DRUGBANK:DB11595", "x", 100, 101)]
    >>> [(c.kind, c.subject, c.object, c.values["agency"]) for c in extract(t + " " * 80 + "x", ms)]
    [('approval', 'DRUGBANK:DB11595', 'MONDO:0005105', 'KG:org-fda')]
    """
    return _Reader(text, mentions, facts or Facts()).run()
