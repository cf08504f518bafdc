"""Entity mentions in plain text: a dictionary matcher over the graph's own names, plus
patterns for what a dictionary cannot know in advance.

The dictionary (names, synonyms, brands, development codes, trial acronyms and aliases, gene
symbols, DOIs and PMCIDs of every Drug, Target, Trial, Indication, Publication and
Organization) is compiled once into one regular expression, longest form first, matched at
word boundaries. Forms written in capitals without digits ("OAK", "TNBC", "FDA") match only
in capitals; every other form ignores case, and a hyphen, a dash or a space count as one.
The patterns find NCT numbers, PMIDs, DOIs, trial names ("KEYNOTE-522", "IMpower150", "the
PACIFIC trial") and drug-like names (-mab, -nib, -lisib, -ciclib, ...). A mention the graph
does not know gets a new, stable id (``KG:drug-<slug>``, ``KG:trial-<slug>``, or its own NCT
number, PMID or DOI) and ``new=True``.

>>> m = Matcher([("DRUGBANK:DB11595", "Drug", "atezolizumab"), ("HGNC:17635", "Target", "PD-L1"),
...              ("CLINICALTRIALS:NCT02008227", "Trial", "OAK")])
>>> [(x.type, x.id, x.text, x.new) for x in m.find("Atezolizumab (anti-PD-L1) beat docetaxel in OAK; "
...                                               "zelvomab met in the ORION-7 trial (NCT09999999).")]
... # doctest: +NORMALIZE_WHITESPACE
[('Drug', 'DRUGBANK:DB11595', 'Atezolizumab', False), ('Target', 'HGNC:17635', 'PD-L1', False),
 ('Drug', 'KG:drug-docetaxel', 'docetaxel', True), ('Trial', 'CLINICALTRIALS:NCT02008227', 'OAK', False), ('Drug', 'KG:drug-zelvomab', 'zelvomab', True),
 ('Trial', 'CLINICALTRIALS:NCT09999999', 'ORION-7', True), ('Trial', 'CLINICALTRIALS:NCT09999999', 'NCT09999999', True)]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable

from kg.query.lookup import normalize
from kg.sources.text.dictionary import DASHES, Dictionary
from kg.sources.text import trial_names
from kg.sources.text.lexicon import BRANDS, DISEASES, SHORT_FORMS, TARGETS

TYPES = ("Drug", "Target", "Trial", "Indication", "Publication", "Organization")
_DASH = re.escape(DASHES)
_SEP = f"[{_DASH}\\s]"


@dataclass(frozen=True)
class Mention:
    """One mention: ``text == document[start:end]``; ``new`` when the graph does not know it."""

    type: str
    id: str
    text: str
    start: int
    end: int
    new: bool = False


def slug(text: str) -> str:
    """Stable id slug of a name.

    >>> slug("ORION–7 "), slug("Zelvomab")
    ('orion-7', 'zelvomab')
    """
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-")


def _key(text: str) -> str:
    """Matching key: case-folded, dashes and spaces unified."""
    return re.sub(_SEP + "+", " ", normalize(text))


# ----------------------------------------------------------------------------- patterns

_NCT = re.compile(r"\bNCT\d{8}\b")
_PMID = re.compile(r"\bPMID:?\s*+([1-9]\d{0,8})\b")
#: a DOI starts where no DOI-like run is under way (so "10.1/10.1/..." is read once, not once per "10.")
def name_parts(name: str) -> list[str]:
    """The names a trial of two names goes by alone ("EV-302/KEYNOTE-A39"), each a name by its form:
    a capital and a digit, or a word in capitals.

    >>> name_parts("EV-302/KEYNOTE-A39"), name_parts("GeparDouze/NSABP B-59"), name_parts("1/2")
    (['EV-302', 'KEYNOTE-A39'], ['GeparDouze', 'NSABP B-59'], [])
    """
    parts = [p.strip() for p in str(name).split("/")] if "/" in str(name) else []
    return [p for p in parts if len(p) >= 3 and re.search(r"[A-Z]", p)
            and (re.search(r"\d", p) or sum(c.isupper() for c in p) >= 2)]


def _doi_end(found: str) -> str | None:
    """The DOI at the start of ``found``: up to a character no DOI identifier holds (a Markdown
    link's ``](`` say), without trailing punctuation or an unbalanced closing bracket; None if
    what is left is no DOI.

    >>> _doi_end("10.1016/S0140-6736(16)32517-X](https://doi.org/x)."), _doi_end("10.1000/ab).")
    ('10.1016/S0140-6736(16)32517-X', '10.1000/ab')
    """
    from kg.schema.ids import IdError, check_curie

    doi = re.split(r"[\[\]{}|\\^`]", found, maxsplit=1)[0]
    while doi and (doi[-1] in ".,;:" or doi[-1] == ")" and doi.count("(") < doi.count(")")):
        doi = doi[:-1]
    try:
        check_curie("DOI:" + doi)
    except IdError:
        return None
    return doi


_DOI = re.compile(r"(?:\bdoi:\s*+|\bhttps?://(?:dx\.)?doi\.org/|(?<![\w./]))(10\.\d{4,9}/[^\s\"<>]++)", re.I)
_DRUG_SUFFIX = ("mab", "nib", "lisib", "ciclib", "parib", "zomib", "degib", "tecan", "platin", "taxel", "rasib", "sertib",
                "clax", "lutamide", "citabine", "trexed", "leucel",
                "rubicin", "mustine", "lukast",
                # (HDAC and EZH2 inhibitors, SERDs, aromatase inhibitors, IMiDs, mTOR inhibitors, GnRH antagonists, older
                # cytotoxics: "belinostat", "romidepsin", "elacestrant", "pomalidomide", "degarelix", "cladribine")
                "depsin", "estrant", "rozole", "mestane", "lidomide", "olimus", "poside",
                "fosfamide", "rabine", "ribine", "mycin", "relix", "golix", "trexate", "desleukin")
#: the second word of a conjugate's INN (its payload or linker: "tisotumab vedotin", "loncastuximab tesirine")
_PAYLOADS = ("vedotin", "mafodotin", "deruxtecan", "govitecan", "emtansine", "soravtansine", "ravtansine", "ozogamicin",
             "tesirine", "pasudotox", "tiuxetan", "duocarmazine", "tirumotecan")
#: a drug-like name, with its payload; or a gene or cell therapy's two words ("idecabtagene vicleucel",
#: "ciltacabtagene autoleucel", "nadofaragene firadenovec"), each without a US suffix
_DRUGLIKE = re.compile(r"\b(?:[A-Za-z][a-z]{3,}(?:%s)|[A-Za-z][a-z]{1,}(?:inostat|metostat|desleukin))(?:-[a-z]{4})?"
                       r"(?:\s(?:%s)(?:-[a-z]{4})?)?\b|\b[A-Za-z][a-z]{2,}gene\s[a-z]{3,}(?:cel|vec)(?:-[a-z]{4})?\b"
                       % ("|".join(_DRUG_SUFFIX), "|".join(_PAYLOADS)))
#: a name: a capital, then letters and digits, dashes or slashes between them; possessive, and
#: (as a trial name before "trial") started only where no such name is under way: linear time
#: (or a name that opens in lower case with a capital inside: "monarchE")
_TOKEN = r"(?:[A-Z][A-Za-z0-9]*+|[a-z]{3,}+[A-Z][A-Za-z0-9]*+)(?:[%s/][A-Za-z0-9]++)*+" % _DASH
#: trial families whose numbered members need no "trial" word after them
_FAMILY = re.compile(r"\b(?:IM[a-z]{3,}+|KEYNOTE|CheckMate|JAVELIN|EMPOWER|DESTINY|TROPION|CASPIAN|POSEIDON)"
                     r"(?:[%s ]?[A-Z][A-Za-z]*+|-[a-z]++)?[%s ]?\d{1,4}(?:[a-z]|[A-Z]{1,3})?\b" % (_DASH, _DASH))
_TRIAL_BEFORE = re.compile(r"(?<![A-Za-z0-9%s/])(%s(?:\s(?!Phase\b)[A-Z][a-z]+){0,2})(?:\s++\([^)]{0,40}\))?\s++"
                           r"(?:(?i:phase)\s++[0-9IV/b]++\s++)?(?:trial|study)\b(?!s)" % (_DASH, _TOKEN))
_TRIAL_AFTER = re.compile(r"\b(?:trial|study)(?:,\s*+(?:(?:called|named|known as)\s++)?|\s++\(|"
                          r"\s++(?:called|named|known as|was|is)\s++)(%s)\b" % _TOKEN)
#: a coded trial name: an acronym or a drug code, a dash and a two- or three-digit number
#: ("RATIONALE-306", "AK105-304", "CK-301-101"; a drug code has more digits: "MK-3475"), or "Study 1108"
_CODED = re.compile(r"(?<![\w%s/.])(?:[A-Z][A-Z0-9]{2,}+|[A-Z]{2,}-\d{3})[%s]\d{2,3}[a-z]?(?![\w%s])|\b(?:Study|Trial) (?:[A-Z]{1,2}-)?\d{2,5}\b"
                    % (_DASH, _DASH, _DASH))
#: a name right before an NCT number in parentheses is a trial's, whatever its form ("C-POST (NCT03969004)")
_BEFORE_NCT = re.compile(r"(?<![\w%s/])([A-Z][A-Za-z0-9]*+(?:[%s][A-Za-z0-9]++)*+)\s*+\(NCT\d{8}\)" % (_DASH, _DASH))
#: an abbreviation defined in parentheses after a name: "squamous cell carcinoma of the anal canal (SCAC)"
_DEFINED = re.compile(r"\s*\(([A-Za-z][A-Za-z0-9%s]{1,9})\)" % _DASH)
_NOT_TRIALS = {"fda", "ema", "jama", "nejm", "pd-l1", "pd-1", "her2", "dna", "rna", "covid-19", "ctla-4", "hr",
               "ci", "os", "pfs", "orr", "efs", "dfs", "pcr", "us", "uk", "eu", "the", "this", "that", "our", "a",
               "an", "one", "each", "its", "their", "phase", "nct", "pmid", "doi", "asco", "esmo", "sabcs",
               "clinicaltrials", "covid-19", "sars-cov-2", "i", "ii", "iii", "iv", "ib", "ii/iii", "i/ii"}  # (phase numerals)
_NOT_TRIALS = {_key(x) for x in _NOT_TRIALS}


_LEXICON = ([(form, ("Indication", name, "KG:indication-" + slug(name))) for form, name in DISEASES.items()]
            + [(brand, ("Drug", inn, "KG:drug-" + slug(inn))) for brand, inn in BRANDS.items()]
            + [(short, ("Drug", inn, "KG:drug-" + slug(inn))) for short, inn in SHORT_FORMS.items()]
            + [(form, ("Target", name, ident)) for form, (ident, name) in TARGETS.items()])
_NON = re.compile(r"\bnon[%s ]$" % _DASH, re.I)


_JOIN = re.compile(r"\s+(?:and|plus|with|\+)\s+|\s*[+/]\s*")


def _with_combination_forms(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The entries, and for a combination product named "A and B" (or "A + B", "A/B") the other ways
    articles join its two drugs: "B plus A", "A with B", "A + B", "A-B", "A–B" (a US suffix such as "-rmbw" left out).

    >>> sorted(f for _, _, f in _with_combination_forms([("X", "Drug", "nivolumab and relatlimab-rmbw")]))[:3]
    ['nivolumab + relatlimab', 'nivolumab and relatlimab', 'nivolumab and relatlimab-rmbw']
    """
    out = list(entries)
    for ident, typ, form in list(out):
        parts = _JOIN.split(str(form).strip()) if typ == "Drug" else []
        if len(parts) != 2 or not all(re.fullmatch(r"[a-z]+(?:-[a-z]{4})?", p) for p in parts):
            continue
        a, b = (p.split("-")[0] for p in parts)
        out += [(ident, typ, f"{x}{j}{y}") for x, y in ((a, b), (b, a)) for j in (" and ", " plus ", " with ", " + ", "/", "-", "\u2013")]
    return out


class Matcher:
    """The dictionary (:class:`~kg.sources.text.dictionary.Dictionary`) and the patterns,
    built once from ``(id, type, form)`` entries.

    >>> Matcher([("MONDO:0005494", "Indication", "TNBC")]).find("tnbc and TNBC")[0].start
    9
    """

    def __init__(self, entries: Iterable[tuple[str, str, str]], own: Iterable[tuple[str, str]] = ()):
        self.own = {(typ, _key(form)) for typ, form in own}  # (type, name) of the graph's own names, not synonyms
        self.names = Dictionary()
        self.both = Dictionary()  # the graph's names and the lexicon's, found in one pass (the graph's first)
        self.ids: dict[str, str] = {}  # known id -> type
        self.forms: dict[str, set[str]] = {}  # known id -> its names
        for ident, typ, form in _with_combination_forms(entries):
            form = str(form).strip()
            self.ids[ident] = typ
            self.forms.setdefault(ident, set()).add(form)
            if len(form) >= 2:
                self.names.add(form, (ident, typ))
                self.both.add(form, ("graph", ident, typ))
        for form, value in _LEXICON:
            self.both.add(form, ("lexicon", *value))

    @classmethod
    def from_store(cls, store) -> "Matcher":
        """Build the matcher from every name the store holds (one query)."""
        from kg.query.stored import run

        entries, own = [], []
        for r in run(store, "mention_names"):
            typ = r["t"].rsplit("#", 1)[-1]
            prop = r["p"].rsplit("#", 1)[-1]
            if typ == "Publication" and prop == "name":
                continue
            entries.append((r["n"], typ, r["v"]))
            entries.append((r["n"], typ, r["n"]))
            if typ == "Trial":  # a trial of two names ("EV-302/KEYNOTE-A39") is named by either
                entries += [(r["n"], typ, part) for part in name_parts(r["v"])]
            if prop == "name":
                own.append((typ, r["v"]))
        return cls(entries, own)

    def _known(self, text: str) -> list[tuple[str, str]]:
        return self.names.get(text)

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, in order, without overlaps (dictionary hits win)."""
        found: list[tuple[int, Mention]] = []  # (priority, mention); lower priority wins a tie
        graph_ids: dict[tuple[str, str], str | None] = {}
        for m in self.both.find(text):
            if _NON.search(text, max(0, m.start - 4), m.start):
                continue
            lex = next((v for v in m.values if v[0] == "lexicon"), None)
            if m.values[0][0] == "graph" and not (lex and self._synonym_of_known(lex, text[m.start:m.end])):
                _, ident, typ = m.values[0]
                found.append((0, Mention(typ, ident, text[m.start:m.end], m.start, m.end)))
            else:  # the lexicon's, or a synonym the lexicon gives of a disease the graph knows by its own name
                found.append((1, self._lexicon(text, m, graph_ids)))
        found += [(2, x) for x in self._patterns(text)]
        out = _listed_trials(_link_trials_to_nct(_no_overlaps(found), text), text, self.ids)
        return _again(out, text)

    def _lexicon(self, text: str, hit, graph_ids: dict[tuple[str, str], str | None]) -> Mention:
        """A disease, brand or target the graph may not hold yet (:mod:`~kg.sources.text.lexicon`),
        under the graph's id where it knows it by any of its names."""
        _, typ, name, ident = next(v for v in hit.values if v[0] == "lexicon")
        if (typ, name) not in graph_ids:  # looked up once per name (its own name first), not once per mention
            forms = [name] + sorted(f for f, n in DISEASES.items() if n == name and f != name) if typ == "Indication" else [name]
            graph_ids[typ, name] = next((i for f in forms for i, t in self.names.get(f) if t == typ), None)
        ident = graph_ids[typ, name] or ident
        return Mention(typ, ident, text[hit.start:hit.end], hit.start, hit.end, ident not in self.ids)

    def _synonym_of_known(self, lex: tuple, written: str) -> bool:
        """Whether the lexicon reads ``written`` as another disease's synonym ("bladder cancer": urothelial
        carcinoma, the disease of the checkpoint inhibitors' approvals) that the graph knows by that
        disease's own name: then that disease, not a broader one the graph may also call so. A form
        that is a disease's own name in the graph ("endometrial cancer", "gastroesophageal junction
        adenocarcinoma") is that disease, whatever the lexicon reads it as."""
        _, typ, name, _ = lex
        return (typ == "Indication" and _key(name) != _key(written) and (typ, _key(written)) not in self.own
                and any(t == typ for _, t in self.names.get(name)))

    def _patterns(self, text: str) -> Iterable[Mention]:
        for m in _NCT.finditer(text):
            ident = "CLINICALTRIALS:" + m.group()
            yield Mention("Trial", ident, m.group(), m.start(), m.end(), ident not in self.ids)
        for m in _PMID.finditer(text):
            ident = "PMID:" + m.group(1)
            yield Mention("Publication", ident, m.group(), m.start(), m.end(), ident not in self.ids)
        for m in _DOI.finditer(text):
            doi = _doi_end(m.group(1))
            if doi is None:
                continue
            end = m.start(1) + len(doi)
            hits = self._known(doi)
            ident = hits[0][0] if hits else "DOI:" + doi
            yield Mention("Publication", ident, text[m.start():end], m.start(), end, not hits and ident not in self.ids)
        for m in _DRUGLIKE.finditer(text):
            bare = re.sub(r"-[a-z]{4}\b", "", m.group())
            hits = self._known(m.group()) or self._known(bare)
            # "cosibelimab-ipdl": the four letters a US name adds make no other drug
            ident = hits[0][0] if hits else "KG:drug-" + slug(bare)
            yield Mention("Drug", ident, m.group(), m.start(), m.end(), not hits and ident not in self.ids)
        yield from self._trial_names(text)

    def _trial_names(self, text: str) -> Iterable[Mention]:
        spans = [(m.start(), m.end()) for rx in (_FAMILY, _CODED) for m in rx.finditer(text)]
        for rx in (_TRIAL_BEFORE, _TRIAL_AFTER, _BEFORE_NCT):
            spans += [(m.start(1), m.end(1)) for m in rx.finditer(text)]
        spans += trial_names.spans(text)  # ("DREAMM-3", "CodeBreaK 200", "In FLAURA, ...")
        for start, end in spans:
            name = text[start:end]
            if (_key(name) in _NOT_TRIALS or sum(c.isupper() for c in name) < 2 and not name[:5] in ("Study", "Trial")
                    and not re.match(r"[a-z]{3,}[A-Z]", name)
                    or len(name) < 3 or text[end:end + 1] == "." and text[end + 1:end + 2].isalpha()):
                continue  # not a name, or a web address ("ClinicalTrials.gov")
            hits = self._known(name) or self._known(trial_names.full_name(name))  # ("CM-451": CheckMate-451)
            if hits and hits[0][1] != "Trial":
                continue
            ident = hits[0][0] if hits else "KG:trial-" + slug(trial_names.full_name(name))
            yield Mention("Trial", ident, name, start, end, not hits and ident not in self.ids)


def _no_overlaps(found: list[tuple[int, Mention]]) -> list[Mention]:
    found.sort(key=lambda pm: (pm[1].start, -(pm[1].end - pm[1].start), pm[0]))
    out: list[Mention] = []
    for _, x in found:
        if not out or x.start >= out[-1].end:
            out.append(x)
    return out


def _again(mentions: list[Mention], text: str) -> list[Mention]:
    """A new name found once by a pattern (with "trial" after it, say) is found everywhere else
    in the document too, with the same id (a title that names the trial without the word), and
    so is an abbreviation defined in parentheses after a name ("... anal canal (SCAC)"), from its
    definition on. Drug names match in any case, trial names and abbreviations as written."""
    names = Dictionary()
    seen: set[tuple[str, str]] = set()
    starts = {m.start for m in mentions}
    defined: set[Mention] = set()
    for m in mentions:  # one mention of each name as written (a name read again a thousand times is added once)
        if m.new and m.type in ("Drug", "Trial") and not m.text.upper().startswith("NCT") and (m.type, m.text) not in seen:
            seen.add((m.type, m.text))
            names.add(m.text, m)
        d = _DEFINED.match(text, m.end)
        if d and m.type != "Publication" and sum(c.isupper() for c in d.group(1)) >= 2 and ("=", d.group(1)) not in seen \
                and not any(k in starts for k in range(d.start(1), d.end(1))):  # "... of the anal canal (SCAC)": SCAC names it from here on
            seen.add(("=", d.group(1)))
            abbreviation = Mention(m.type, m.id, d.group(1), d.start(1), d.end(1), m.new)
            defined.add(abbreviation)
            names.add(d.group(1), abbreviation)
    if not names.index:
        return mentions
    found = [(0, m) for m in mentions]
    for hit in names.find(text):
        written = text[hit.start:hit.end]
        m = next((x for x in hit.values if x.type == "Drug" or x.text == written), None)
        if m is not None and not (m in defined and hit.start < m.start):  # an abbreviation names it from its definition on
            found.append((1, Mention(m.type, m.id, written, hit.start, hit.end, m.new or m not in defined)))
    return _no_overlaps(found)


#: a list of names joined by commas, "and", "or" ("MURANO, CLL14 and VIALE-A")
_NAME = r"[A-Z][A-Za-z0-9]*+(?:[%s][A-Za-z0-9]++)*+" % _DASH
_NAME_LIST = re.compile(r"(?<![\w%s/])%s(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)%s)++(?![\w%s])"
                        % (_DASH, _NAME, _NAME, _DASH))


def _listed_trials(mentions: list[Mention], text: str, known: set[str]) -> list[Mention]:
    """A name listed with a trial ("MURANO, CLL14 and VIALE-A") is a trial too, when it is written as
    trials' names are (two capitals or more, or a number) and nothing else is read there.

    >>> t = "Quote MURANO, CLL14 and VIALE-A fairly; the FDA and EMA agreed."
    >>> ms = [Mention("Trial", "KG:trial-murano", "MURANO", 6, 12), Mention("Trial", "KG:trial-cll14", "CLL14", 14, 19)]
    >>> [(m.id, m.text) for m in _listed_trials(ms, t, set())][2:]
    [('KG:trial-viale-a', 'VIALE-A')]
    """
    trials = sorted(m.start for m in mentions if m.type == "Trial")
    if not trials:
        return mentions
    starts = sorted(m.start for m in mentions)  # (mentions do not overlap: one starting inside an item overlaps it,
    ends = sorted(m.end for m in mentions)      # or one ending inside it)
    added = []
    for lst in _NAME_LIST.finditer(text):
        k = bisect.bisect_left(trials, lst.start())
        if k == len(trials) or trials[k] >= lst.end():
            continue  # (a list with no trial in it)
        for item in re.finditer(_NAME, lst.group()):
            a, b, name = lst.start() + item.start(), lst.start() + item.end(), item.group()
            if bisect.bisect_left(starts, b) > bisect.bisect_right(ends, a) or not trial_names.is_name(name):
                continue
            ident = "KG:trial-" + slug(trial_names.full_name(name))
            added.append(Mention("Trial", ident, name, a, b, ident not in known))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _link_trials_to_nct(mentions: list[Mention], text: str) -> list[Mention]:
    """A new trial name followed closely by an NCT number takes that number as its id (a trial
    the graph knows keeps its own, and another trial's name is not an NCT number: in "KEYNOTE-001,
    KEYNOTE-010" the first is not the second)."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.type != "Trial" or not m.id.startswith("KG:trial-") or not m.new:
            continue
        for n in out[i + 1:i + 3]:
            gap = text[m.end:n.start]
            if n.type == "Trial" and n.id.startswith("CLINICALTRIALS:") and n.text.upper().startswith("NCT") \
                    and len(gap) <= 30 and "." not in gap:
                out[i] = Mention("Trial", n.id, m.text, m.start, m.end, n.new)
            if n.type == "Trial":
                break  # the number after another trial's name is that trial's
    ids = {m.text: m.id for m in out if m.type == "Trial" and m.id.startswith("CLINICALTRIALS:")}
    return [Mention(m.type, ids[m.text], m.text, m.start, m.end, m.new) if m.id.startswith("KG:trial-")
            and m.text in ids else m for m in out]
