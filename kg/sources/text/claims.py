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
the article's main indication; an "Editorial:" line's publication comments on the "Paper:" one.

>>> from kg.sources.text.entities import Mention
>>> text = "In ORION-7, zelvomab improved overall survival (HR 0.71, 95% CI 0.58-0.86; p<0.001)."
>>> ms = [Mention("Trial", "KG:trial-orion-7", "ORION-7", 3, 10, True),
...       Mention("Drug", "KG:drug-zelvomab", "zelvomab", 12, 20, True)]
>>> c = extract(text, ms, Facts(phases={"KG:trial-orion-7": "phase 3"}))[0]
>>> c.kind, c.subject, c.values["measure"], c.values["value"], c.values["ci_high"], c.direction, c.evidence_level
('trial result', 'KG:trial-orion-7', 'HR', 0.71, 0.86, 'supports', 'phase 3')
"""
from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from kg.sources.text.cues import (
    _AE, _AE_STOP, _ANAPHOR, _COMMENT_LINE, _DESIGN, _FAMILY, _MOSTLY_PRECLINICAL, _NEG,
    _NO_RCT, _NUM, _ONGOING, _ORGAN, _ORGAN_LIST, _ORGAN_QUALIFIED, _PAPER_LINE, _PHASE, _POS, _PRIMARY,
    _REFERS_TO_TRIAL, _REGULATORY, _RESULT_CUE, _TESTED, _line, _num, _phase_name,
)
from kg.sources.text import (context, dates, design, enrolment, figures, label_sections, mechanisms, records, regulatory,
                             results, subjects, table_figures)
from kg.sources.text.entities import Mention
from kg.sources.text.facts import Facts
from kg.sources.text.sentences import Sentence, in_sentences, split
from kg.schema.vocab import level_of_phase


#: sentences longer than this are not read for claims (no sentence of prose is; the cue patterns
#: then run on bounded pieces, so reading stays linear in the length of any text)
MAX_SENTENCE = 2000
#: a sentence that explains what a figure means ("A hazard ratio of 0.72 means ...")
_EXPLAINS = re.compile(r"\bmeans\b|\bfavours the new\b", re.I)
_WORD = re.compile(r"[A-Za-z]{2}")  # (a line of figures with its endpoint's letters, "OS HR 0.49 (0.38-0.64)", is read)
#: a trial introduced without a name ("in a separate study of 172 people", "another trial")
_NEW_TRIAL = re.compile(r"\b(?:an?|one) (?:separate|second|different|other|further|smaller|larger|later|earlier|new|"
                        r"single-arm|randomi[sz]ed|phase \w+) (?:[\w-]+ )?(?:study|trial)\b|\banother (?:[\w-]+ )?(?:study|trial)\b", re.I)
#: a table row of several trials' pooled figures ("| Pooled | - | PFS | 0.58 (0.49-0.69) |"): no one trial's
_POOLED_ROW = re.compile(r"\W*(?:pooled|combined|meta-?analys[ie]s|all (?:trials|studies))\b", re.I)
#: a question's line in an interview or FAQ ("Q: I remember X being approved and then withdrawn.")
_ASKED = re.compile(r"\W*Q\s*[:.]\s|\W*(?:Question\s*\d*\s*[:.]\s*)?(?:Name|List|Describe|Explain|Identify)\s+(?:the|two|three|all|one|which)\b")
#: a quotation: '"...," said X', 'X commented: "..."'
_QUOTE = re.compile(r"^\W*[\"\u201c][^\"\u201d]{12,}[\"\u201d],?\s+(?:\w+\s+){0,6}?(?:said|says|added|commented|noted|"
                    r"told|explained|stated)\b|\b(?:said|says|added|commented|noted|told \w+|explained|stated)\s*[:,]\s*"
                    r"[\"\u201c]|^\W*(?:published|original|incorrect|erroneous|printed|old)(?: \w+)?\W*:\W*[\"\u201c]", re.I)
#: an approval told as in force now
_IN_FORCE = re.compile(r"\b(?:remains?|still|continues? to be|is (?:now )?approved)\b", re.I)
#: trials in general, and one trial
_TRIALS_AT_LARGE = re.compile(r"\b(?:studies|trials)\b", re.I)
_SEVERAL_TRIALS = re.compile(r"\b(?:two|three|four|five|several|multiple|many|different|\d+) (?:[\w-]+ )?(?:studies|trials)\b", re.I)
_ONE_TRIAL = re.compile(r"\b(?:the|this|that|its|their) (?:\w+ )?(?:study|trial)\b(?!s)", re.I)
#: an endpoint told met or missed ("the pathologic complete response comparison did not reach statistical significance"):
#: of the trial named just before, as a figure is
_SAID_OF_ENDPOINT = re.compile(r"\b(?:did not|failed to|fell short|missed|was not|were not)\b[^.;]{0,40}\b(?:significan\w*|end ?points?)\b|"
                               r"\bwas (?:statistically )?significant\b|\bmet (?:its|the|both|all) (?:[\w-]+ ){0,3}end ?points?\b", re.I)
#: trials told together with one outcome ("A and B both missed overall survival")
_BOTH = re.compile(r"\b(?:both|each|all|neither)\s+(?:of them\s+)?(?:missed|failed|met|did not|fell short|showed|improved|"
                   r"reached|prolonged)\b|"  # (or "A and B did not ...": the second a trial's name, with its number)
                   r"\band\s+[A-Z][\w-]*\d[\w-]*,?\s+(?:did not|failed|missed|fell short|met|showed|improved)\b", re.I)
#: a heading of a list of references
_REFERENCES = re.compile(r"\W*(?:references|sources|bibliography|further reading|citations|works cited|"
                         r"notes and references|literature cited)(?:\s*\([^()]*\))?\W*$", re.I)
#: a heading after a list of references: a few words, no end mark, no year, link or identifier
_NEXT_HEADING = re.compile(r"(?!.*(?:\d{4}|https?:|doi|pmid))\W*+(?:[\w'&-]++\W{0,3}+){1,8}+(?<![.!?:;)\]\"'\u201d\u2019])", re.I)
#: what a trial is named after when it is set against another ("the counterweight to", "in contrast to", "unlike")
_SET_AGAINST = re.compile(r"(?:\b(?:counterweight|contrast|counterpart|compared|comparison|alternative|answer|rival)\s+(?:to|with)"
                          r"|\bunlike|\bthan|\bversus|\bvs\.?)\s+(?:the\s+)?$", re.I)
#: a quiz's numbered question heading ("### Question 4"), and an option it offers ("A. It binds PD-1", "(b) ...", "C) ...")
_NUMBERED_QUESTION = re.compile(r"\W*(?:Question|Q)\s*\d+\W*$", re.I)
_OPTION = re.compile(r"^\s*(?:\(?[A-Ea-e]\)|[A-E]\.)\s+\S")
_CONFIRMATORY = re.compile(r"\bthe confirmatory (?:\w+ )?(?:study|trial)\b", re.I)
#: "the (phase 3) study that led to that approval": a trial told by what it did, when none was named in the last sentences
_DEFINED_TRIAL = re.compile(r"\bthe (?:[\w-]+ ){0,4}?(?:study|trial) (?:that|which|behind|supporting|leading)\b", re.I)


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


# ----------------------------------------------------------------------------- reading


class Reader:
    """Reads one article: ``run()`` gives its claims; ``phases`` holds the trial phases known to
    the graph plus those the article gives for its new trials (see :func:`extract`)."""

    def __init__(self, text: str, mentions: list[Mention], facts: Facts):
        self.text, self.facts = text, facts
        self.sentences = split(text)
        self.headers = table_figures.headers(self.sentences)  # each table row's header row
        self.by_sentence = in_sentences(self.sentences, mentions)
        self.drug_counts = counts = Counter(m.id for m in mentions if m.type == "Drug")
        self.main_drug = counts.most_common(1)[0][0] if counts else None
        self.long_names = {m.id: m.text for m in sorted(mentions, key=lambda m: len(m.text)) if m.type == "Drug"}  # ("EV": "enfortumab vedotin")
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
        pubs = sorted((m.start, m.id) for m in mentions if m.type == "Publication")
        line_start = 0
        for line_end in [m.start() for m in re.finditer("\n", text)] + [len(text)]:
            head = text[line_start:min(line_end, line_start + 60)]  # the label opens the line
            if _PAPER_LINE.search(head):
                k = bisect.bisect_left(pubs, (line_start, ""))
                while k < len(pubs) and pubs[k][0] < line_end:
                    if pubs[k][1] not in self.papers:
                        self.papers.append(pubs[k][1])
                    k += 1
            elif _COMMENT_LINE.search(head):
                self.comment_lines.append((line_start, line_end))
            line_start = line_end + 1
        self.trial: str | None = None
        self.trial_at = -1  # the sentence that named it
        self.unnamed = 0  # trials the article introduces without a name
        self.last_endpoint: tuple[str, int, str] | None = None  # (trial, sentence index, endpoint) of the last figure
        self.out: list[ExtractedClaim] = []
        self._seen: set[str] = set()
        self.indication_names: dict[str, str] = {}
        for m in mentions:
            if m.type == "Indication":
                self.indication_names.setdefault(m.id, m.text)
        today = dates.document_date(text)
        self.context = context.Context(year=today[:4] if today else None, today=today, order=dates.numeric_order(text))

    def claim(self, s: Sentence, kind: str, subject: str | None, predicate: str, obj: str | None = None,
              values: dict | None = None, level: str | None = None, direction: str | None = None) -> None:
        if subject is None:
            return
        c = ExtractedClaim(kind, subject, predicate, obj, {k: v for k, v in (values or {}).items() if v is not None},
                           level, direction, s.text, s.start, s.end)
        key = json.dumps([kind, subject, predicate, obj, c.values, level, direction, s.start], sort_keys=True, default=str)
        if key not in self._seen:
            self._seen.add(key)
            self.out.append(c)

    def level(self, trial: str | None) -> str | None:
        phase = self.phases.get(trial or "")
        return level_of_phase(phase) if phase else None

    def run(self) -> list[ExtractedClaim]:
        asked, refs, label = -99, False, ""  # the last question's sentence; in a list of references; of indications
        for i, (s, ms) in enumerate(zip(self.sentences, self.by_sentence)):
            if len(s.text) > MAX_SENTENCE or not _WORD.search(s.text):  # not prose, or no word to read
                context.note_year(self.context, s.text)  # (but a timeline's heading "2018" dates its section)
                continue
            if context.is_question(s.text) or _QUOTE.search(s.text) or _ASKED.match(s.text):
                self._note_trial(ms, i)
                context.note_topic(self.context, s, ms)  # a question names what its answer speaks of
                asked = i if context.is_question(s.text) else asked
                continue  # a question, or someone's words quoted: no claim of the article's
            cited = _REFERENCES.match(s.text)
            if cited or refs and _NEXT_HEADING.fullmatch(s.text):
                refs = bool(cited)  # a list of references, until the next heading
            if refs:
                continue  # "FDA grants accelerated approval for avelumab in Merkel cell carcinoma (2017).": a title cited
            uses = label_sections.HEADING.match(s.text)
            if uses or label and label_sections.OTHER_SECTION.match(s.text):
                label = s.text if uses else ""  # a label's list of uses, until another section
            if _NUMBERED_QUESTION.match(s.text):
                asked = i  # "### Question 3" (its question may end with a colon: "X's first indication was:")
            if _OPTION.match(s.text) and i - asked <= 8:
                continue  # "A. It binds PD-1 ...": an option a quiz offers after its question, true or not
            before = len(self.out)
            self._sentence(i, s, ms)
            if label and not any(c.kind == "approval" for c in self.out[before:]):
                label_sections.read_item(self, s, ms, label)
            results.note_endpoint(self, i, s, ms)
            self._note_trial(ms, i)
        records.read(self, lambda k: self.by_sentence[k])  # ("Drug: X" / "Indication: Y" / "Date: D" lines)
        # an approval the article says was withdrawn is told as history; not one it says is still in force, nor a partner's
        # in a regimen ("Yervoy + Opdivo | First-line HCC"), nor one dated after it ("approved this approach on 28 March 2025")
        withdrawn: dict[tuple[str, str | None], str] = {}
        for c in self.out:
            if c.kind == "withdrawal":
                when = max([c.values.get(k) or "" for k in ("announced", "effective")] + [withdrawn.get((c.subject, c.object), "")])
                withdrawn[c.subject, c.object] = when or "9999"
        self.out = regulatory.without_repeats(self.out)
        return [replace(c, values={**c.values, "status": "withdrawn"}) if c.kind == "approval" and (c.subject, c.object)
                in withdrawn and not _IN_FORCE.search(c.sentence) and not c.values.get("partner_of")
                and (c.values.get("date") or "")[:7] <= withdrawn[c.subject, c.object][:7] else c for c in self.out]

    def _note_trial(self, ms: list[Mention], i: int) -> None:
        # (not a trial named as what the one just spoken of is set against: "The counterweight to KEYNOTE-522.")
        trials = [m.id for m in ms if m.type == "Trial" and not (self.trial_at >= i - 2 and _SET_AGAINST.search(
            self.text, max(0, m.start - 30), m.start))]
        if trials:
            self.trial, self.trial_at = trials[0], i

    def _trial_for(self, i: int, s: Sentence, ms: list[Mention]) -> str | None:
        """The trial a sentence is about: its own; a new, unnamed one for "a separate study" (or
        "the study that led to ..." when none was named before); else the one named last (or
        next) for "the trial"."""
        own = [m.id for m in ms if m.type == "Trial"]
        if own:
            return own[0]
        if _NEW_TRIAL.search(s.text) or _POOLED_ROW.match(s.text) or (not self.trial or self.trial_at < i - 2) and _DEFINED_TRIAL.search(s.text):
            return f"KG:trial-unnamed-{self.unnamed + 1}"
        if not any(rx.search(s.text) for rx in _REFERS_TO_TRIAL) or _TRIALS_AT_LARGE.search(s.text) and not _ONE_TRIAL.search(s.text):
            return None  # no trial spoken of, or trials in general ("the randomized studies did not deliver it")
        if _CONFIRMATORY.search(s.text) and self.trial_at < i - 1:
            return None  # "the confirmatory trial" of an approval just told: not the trial named sentences before
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
        # the sentence's drug: the first not named as a partner or a prior treatment ("after sorafenib")
        drug = (subjects.subject_drug(s.text, [(m.start - s.start, m.id) for m in types["Drug"]]) or self.main_drug
                or (types["Drug"][0].id if types["Drug"] else None))
        regulatory.read(self, i, s, ms, self._organs)
        mechanisms.read(self, s, types)
        self._evidence_level(s, types, drug)
        if self._evidence_statement:
            return  # a statement about the evidence as a whole, not about one trial
        t = s.text
        found = [] if _EXPLAINS.search(t) and not types["Trial"] else table_figures.figures(self.sentences, i, self.headers) or figures.effects(t)
        enrolled = enrolment.enrolment(t)
        trial = self._trial_for(i, s, ms) or (self.trial if (found or enrolled or self.trial_at >= i - 3 and _SAID_OF_ENDPOINT.search(
            t) and figures.endpoint(t)) and not _SEVERAL_TRIALS.search(t) else None)  # (not "three trials report an HR of 0.73")
        if trial:
            before = len(self.out)
            if _AE.search(t) and not found:
                self._adverse_events(s, trial, drug)
            elif found or (_RESULT_CUE.search(t) or figures.endpoint(t)) and (
                    not _DESIGN.search(t) or _NEG.search(t) or _POS.search(t)):
                for each, figs in self._by_trial(s, trial, types["Trial"], found):
                    results.read(self, i, s, each, types, drug, figs)
                for other in dict.fromkeys(m.id for m in types["Trial"] if m.id != trial) if not found and _BOTH.search(t) else ():
                    results.read(self, i, s, other, types, drug, found)  # "CheckMate-451 and CheckMate-331 both missed OS"
            explicit = types["Trial"] or any(rx.search(t) for rx in (_ANAPHOR, _TESTED, _PRIMARY))
            if enrolled or explicit and (_DESIGN.search(t) or _PHASE.search(t) or _TESTED.search(t)
                                         or types["Trial"] and _ONGOING.search(t)):
                design.read(self, s, trial, types)
            if trial.startswith("KG:trial-unnamed-") and len(self.out) > before and trial != self.trial:
                self.unnamed += 1  # a trial the article introduces without a name: "the study" from here on
                self.trial = trial

    @staticmethod
    def _by_trial(s: Sentence, trial: str, named: list[Mention], found: list[dict[str, Any]]):
        """The sentence's figures by the trial each follows, when it names two trials ("GeparDouze did not
        show ... (HR 0.80 ...), and ALEXANDRA ... HR of 1.11", "the approval on IMpassion130 ... after
        IMpassion131 missed its endpoint (HR 0.82 ...)"); else all of them the sentence's trial's."""
        at = sorted({m.start - s.start: m.id for m in named}.items())
        if len({t for _, t in at}) < 2 or not found:
            return [(trial, found)]
        groups: dict[str, list[dict[str, Any]]] = {}
        for f in found:
            before = [t for start, t in at if start <= (f.get("start") or 0)]
            own = [t for start, t in at if start == f.get("trial_at")]  # ("0.58 in KEYNOTE-671": the trial after it)
            groups.setdefault(own[0] if own else before[-1] if before else trial, []).append(f)
        return list(groups.items())

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

    def _organs(self, text: str, drug: str | None, named: list[str]) -> dict[str, str]:
        """Indications read from organ words ("approvals across lung, liver, and breast
        cancers"): each organ's indications that the drug holds approvals for in the graph,
        with the organ word as read (called for a clause that names no indication itself)."""
        out: dict[str, str] = {}
        for m in _ORGAN_LIST.finditer(text):
            if _ORGAN_QUALIFIED.search(text[:m.start()]):
                continue  # qualified ("non-small cell lung cancer")
            for word in re.findall(_ORGAN, m.group(1) or m.group(2), re.I):
                for ind in self.facts.organ_indications(drug, word):
                    if ind not in named:
                        out.setdefault(ind, word.lower())
        return out

    def _evidence_level(self, s, types, drug) -> None:
        inds = list(dict.fromkeys(m.id for m in types["Indication"]))
        low = s.text.lower()
        self._evidence_statement = False
        if "regulatory" not in low and "randomi" not in low and "of the" not in low and "trials" not in low:
            return  # none of the statements below can be made without one of these words
        self._evidence_statement = any(rx.search(s.text) for rx in (_NO_RCT, _REGULATORY, _MOSTLY_PRECLINICAL))
        if _REGULATORY.search(s.text):
            self.claim(s, "evidence level", drug, "describes", None,
                       {"statement": "regulatory-approved with clinical trial data"}, "regulatory approval")
        if _NO_RCT.search(s.text):
            self.claim(s, "evidence level", drug, "describes", None,
                       {"statement": "no randomised trial has confirmed efficacy"}, None, "inconclusive")
        if _MOSTLY_PRECLINICAL.search(s.text):
            self.claim(s, "evidence level", drug, "describes", None,
                       {"statement": "most of the evidence is preclinical"}, "preclinical")
        fam = _FAMILY.search(s.text) if "trials" in s.text else None
        if fam and inds:
            members = [t for t, a in self.facts.acronyms.items() if a.lower().startswith(fam.group(1).lower())]
            if members:
                levels = sorted({self.level(t) for t in members} - {None})
                direction = "does not support" if _NEG.search(s.text) else "supports" if _POS.search(s.text) else None
                for ind in inds:
                    self.claim(s, "evidence level", drug, "has evidence level", ind,
                               {"trials": fam.group(1), "line": _line(s.text)}, levels[-1] if levels else None,
                               direction)

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


def extract(text: str, mentions: list[Mention], facts: Facts | None = None) -> list[ExtractedClaim]:
    """Every claim in ``text`` (whose entity mentions are ``mentions``), in document order.

    >>> from kg.sources.text.entities import Mention
    >>> t = "FDA-approved for melanoma. Xa is an antibody."
    >>> ms = [Mention("Organization", "KG:org-fda", "FDA", 0, 3), Mention("Indication", "MONDO:0005105", "melanoma", 17, 25),
    ...       Mention("Drug", "DRUGBANK:DB11595", "Xa", 27, 29)]
    >>> [(c.kind, c.subject, c.object, c.values["agency"]) for c in extract(t, ms)]
    [('approval', 'DRUGBANK:DB11595', 'MONDO:0005105', 'KG:org-fda')]
    """
    return Reader(text, mentions, facts or Facts()).run()
