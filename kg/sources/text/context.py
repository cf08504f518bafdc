"""What earlier sentences of an article said that a later one refers to (:mod:`kg.sources.text.regulatory`):
the section's disease and drug from a heading or a bold lead-in, the drug a sentence opens with (what
"it" is next), an organ's indication told without an event, a question's topic, the lead sentence
of an answer, and the drug of a company that the graph knows.

>>> Context(year="2021").year
'2021'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.sources.text.cues import ORGANS
from kg.sources.text.facts import AGENCIES
from kg.sources.text.regulatory_cues import EVENT_WORDS, HEADING, PARTNER, TAKEN


@dataclass
class Context:
    """What earlier sentences said that a later one refers to."""

    year: str | None = None               # the article's year (of its own date)
    today: str | None = None              # the article's date
    indication: str | None = None         # the indication spoken of last in an approval context
    indication_name: str | None = None
    indications: tuple = ()               # (drug, its indications) the last event named: a drug pulled is pulled in each
    group: tuple = ()                     # (sentence, drugs, indications) of the last withdrawal of several drugs at once
    drug: str | None = None
    date: str | None = None
    kind: str | None = None               # the approval type of the last dated approval (``date``'s)
    last: tuple[int, str | None, str | None] | None = None  # (sentence index, drug, indication) of the last dated approval
    withdrawal: tuple[str, str, str | None] | None = None   # (drug, indication, name) of the last withdrawal
    withdrawal_at: int = -99                # the sentence index of the last withdrawal
    combination: str | None = None        # the combination product named last ("relatlimab plus nivolumab")
    recent: str | None = None             # the year the text spoke of last (for "Thursday, April 11" in a timeline)
    story: str | None = None              # the date the text told last (for "that July", "the following year")
    noted: int | None = None              # the sentence that set ``indication`` by an organ word alone
    organ: str | None = None              # the organ a heading names alone ("Liver."): the section's
    order: str | None = None              # how the article writes numeric dates ("mdy", "dmy"), when it shows
    section_year: str | None = None       # the year a heading gives alone ("2018"): the section's days are of it
    headed: str | None = None             # the disease a heading, lead-in or question named last (the section's)
    disease_of: dict = field(default_factory=dict)  # drug -> (indication, name) of its event told last
    regimen: tuple = ()                   # the drugs of the regimen a heading names ("Zanubrutinib + obinutuzumab")

    def dating(self) -> tuple[str | None, str | None]:
        """(year, today) that a day without a year is read by: the section's year under a year's heading
        (a timeline's "2018" ... "September 28: ..."), else the article's year and date.

        >>> Context(year="2025", today="2025-10-30", section_year="2018").dating(), Context(year="2025").dating()
        (('2018', None), ('2025', None))
        """
        return (self.section_year, None) if self.section_year else (self.year, self.today)


#: the words a sentence may open with before its subject drug ("In 2014, nivolumab ...", "The antibody nivolumab",
#: a numbered post or item: "3/ Keytruda ...", "2) Opdivo ...")
_OPENS = re.compile(r"^\W*(?:\d{1,3}\s*[/.)]\s+)?(?:[A-Z][\w.' -]{0,30}:\s+)?(?:(?:[\w-]+\s+){0,2}|(?:In|By|On|Since|From) [^,]{1,25},\s*)$")
#: a bold lead-in of a paragraph ("**Nivolumab in liver cancer.** Only the single-agent indication went."):
#: a heading of a few words that ends with a full stop
_LEAD_IN_WORDS = re.compile(r"^[^\s.]+(?:\s+[^\s.]+){0,6}[.:]$")
_ORGAN_WORD = re.compile(r"\b(?:%s)\b" % "|".join(sorted(ORGANS, key=len, reverse=True)), re.I)
#: a drug named as what the sentence's subject is ("The first combination ... was atezolizumab with ...")
_NAMED_AS = re.compile(r"\b(?:was|is|were|are|became|remains?)\s+(?:the\s+)?$", re.I)
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|can|may|did|does|went|came)\b|\b\w+ed\b", re.I)


_YEAR_HEADING = re.compile(r"^\W*((?:19|20)\d\d)\W*$")
#: a heading of three or more words and no number
_TITLE_WORDS = re.compile(r"^\W*[A-Za-z][^\d]*\s[^\d]*\s[^\d]*$")


def note_year(ctx: Context, text: str) -> bool:
    """A heading that is a year alone ("2018", "## 2019") sets the section's year (True if it is one).

    >>> ctx = Context(year="2025"); note_year(ctx, "2018"), ctx.dating()
    (True, ('2018', None))
    """
    y = _YEAR_HEADING.match(text)
    if y:
        ctx.section_year = y.group(1)
    return y is not None


def _lead_in(text: str, s) -> bool:
    """Whether sentence ``s`` of ``text`` is a paragraph's lead-in heading: first on its line, a few
    words and no verb.

    >>> t = "Intro.\\nNivolumab in liver cancer. Only the single-agent indication went."
    >>> from kg.sources.text.sentences import split
    >>> [_lead_in(t, s) for s in split(t)]
    [True, True, False]
    """
    before = text[max(0, s.start - 40):s.start].rstrip(" \t\u2022")  # (a window, not the whole text before it)
    line_start = s.start == 0 or before.endswith("\n") or not before and s.start <= 40
    return line_start and bool(_LEAD_IN_WORDS.match(s.text.strip())) and not _VERB.search(s.text)


#: two drugs joined as a regimen in a heading ("Zanubrutinib + obinutuzumab", "A plus B", "A with B")
_REGIMEN_HEAD = re.compile(r"\w\s*(?:\+|\bplus\b|\bwith\b)\s*\w", re.I)


def _bracketed_head(text: str, s) -> bool:
    """Whether sentence ``s`` of ``text`` is a heading that ends with a bracket: a line of its own, short,
    with no verb ("SLIDE 8 - Copanlisib (Aliqopa)", "Duvelisib: DUO (NCT02004522)").

    >>> from kg.sources.text.sentences import split
    >>> t = "Intro.\\nSLIDE 8 - Copanlisib (Aliqopa)\\nIt was approved in 2017 (AA)."
    >>> [_bracketed_head(t, s) for s in split(t)]
    [False, True, False]
    """
    line_start = s.start == 0 or text[s.start - 1] == "\n"
    line_end = s.end == len(text) or text[s.end:s.end + 1] == "\n"
    return (line_start and line_end and s.text.rstrip().endswith(")") and len(s.text) < 100
            and not _VERB.search(re.sub(r"\([^()]*\)", "", s.text)))


def note_heading(reader, s, mentions) -> None:
    """A heading (or a bold lead-in) sets the section's disease (or, naming an organ alone, its organ:
    "Liver."; naming one trial alone, the one disease the graph knows it studies) and, naming one drug,
    its drug (naming one trial and no drug, the drug the graph knows approved on that trial)."""
    if not ((HEADING.search(s.text) is None or _lead_in(reader.text, s) or _bracketed_head(reader.text, s))
            and len(s.text) < 150):
        return
    if note_year(reader.context, s.text):
        return
    if _TITLE_WORDS.match(s.text):  # "Looking ahead": a section of its own, not the year's
        reader.context.section_year = None
    named = [m for m in mentions if m.type == "Indication"]
    # (not a treatment taken before: "Hepatocellular carcinoma after sorafenib (monotherapy)" names no drug of its section;
    # nor a partner: "- Approved 5/14/2019 with axitinib for ..." under an avelumab heading)
    heads = list(dict.fromkeys(m.id for m in mentions if m.type == "Drug" and not TAKEN.search(
        reader.text[max(0, m.start - 40):m.start]) and not PARTNER.search(reader.text[max(0, m.start - 30):m.start])))
    trials = {m.id for m in mentions if m.type == "Trial"}
    organ = _ORGAN_WORD.search(s.text) if not named and len(s.text) < 60 else None
    reader.context.organ = organ.group().lower() if organ else None
    if named:  # "## 2. Limited-stage small cell lung cancer: ADRIATIC": the section's disease
        reader.context.indication, reader.context.indication_name = named[0].id, named[0].text
        reader.context.headed = named[0].id
    elif organ:  # "9/ Liver.": the section's organ; the disease spoken of before is not this section's
        reader.context.indication = reader.context.indication_name = None
    elif len(trials) == 1 and len(
            studied := reader.facts.conditions.get(next(iter(trials)), [])) == 1:
        # "Slide 4: KEYNOTE-189": the one disease the graph knows the trial studies is the section's
        reader.context.indication, reader.context.indication_name = studied[0], None
        reader.context.headed = studied[0]
    if len(heads) == 1:  # "### 13 Dec 2024 · cosibelimab (Unloxcyt)": the section's drug
        reader.context.drug, reader.context.regimen = heads[0], ()
    elif len(heads) == 2 and _REGIMEN_HEAD.search(s.text):
        # "**Zanubrutinib + obinutuzumab in R/R FL**": a regimen's heading; its first drug is the section's
        reader.context.drug, reader.context.regimen = heads[0], tuple(heads)
    elif len(trials) == 1 and len(approved_on := reader.facts.trial_drugs.get(next(iter(trials)), [])) == 1 and (
            not heads or approved_on[0] in heads):
        # "Slide 5: IMpower133", "KEYNOTE-189: pembrolizumab or placebo, each with pemetrexed": the drug the graph
        # knows approved on that trial
        reader.context.drug, reader.context.regimen = approved_on[0], ()
    elif not any(w in s.text.lower() for w in EVENT_WORDS):
        reader.context.regimen = ()  # another section (not a line that tells an event: "- AA 9/14/2017: relapsed FL")


def note_subject(reader, i: int, s, mentions, organs) -> None:
    """A sentence without an event: the drug it opens with, and an organ's indication it names alone,
    are what "it" refers to next."""
    first = next((m for m in mentions if m.type == "Drug"), None)
    if first and _OPENS.match(s.text[:first.start - s.start]):
        reader.context.drug = first.id  # "Nivolumab, BMS's second antibody, binds PD-1.": what "it" is next
    elif first and _NAMED_AS.search(s.text[:first.start - s.start]):
        # "The first combination that moved things was atezolizumab with bevacizumab.": what "that" is next
        reader.context.drug = first.id
    named = [m for m in mentions if m.type == "Indication"]
    ctx = reader.context
    old = ctx.indication_name or reader.indication_names.get(ctx.indication or "", "")
    if len({m.id for m in named}) == 1 and named[0].id != ctx.indication and refines(named[0].text, old):
        # "Immunotherapy for esophageal cancer?" ... "standard care for esophageal squamous cell carcinoma":
        # the finer disease is the one spoken of next
        ctx.indication, ctx.indication_name = named[0].id, named[0].text
    organ = organs(s.text, reader.context.drug or reader.main_drug, []) if not named else {}
    if len(organ) == 1:  # "The first-line bladder indication lasted longest.": what "it" is next
        reader.context.indication, reader.context.indication_name = next(iter(organ)), None
        reader.context.noted, reader.context.organ = i, None


_GENERIC = re.compile(r"^(\w+)\s+(?:cancers?|carcinomas?|tumou?rs?|neoplasms?)$", re.I)


def refines(new: str, old: str) -> bool:
    """Whether disease name ``new`` is a finer kind of ``old``, an organ's cancer written generically.

    >>> refines("oesophageal squamous cell carcinoma", "esophageal cancer"), refines("triple-negative breast cancer", "breast cancer")
    (True, True)
    >>> refines("small cell lung cancer", "non-small cell lung cancer"), refines("melanoma", "lung cancer"), refines("Lung cancer", "lung cancer")
    (False, False, False)
    """
    g = _GENERIC.match(old.strip())
    if not g or new.strip().lower() == old.strip().lower():
        return False
    organ = g.group(1).lower().replace("oesophag", "esophag")
    return re.search(r"\b%s\b" % re.escape(organ), new.lower().replace("oesophag", "esophag")) is not None


def lead(reader, i: int) -> tuple[str, str] | None:
    """The one indication the sentence before names, when it tells no event of its own (an answer's or
    a paragraph's lead: "In stage III non-small cell lung cancer that cannot be operated on.")."""
    if i == 0:
        return None
    named = {m.id: (m.id, m.text) for m in reader.by_sentence[i - 1] if m.type == "Indication"}
    before = reader.sentences[i - 1].text.lower()
    if len(named) != 1 or any(w in before for w in EVENT_WORDS):
        return None
    return next(iter(named.values()))


def company_drug(reader, ms, before: int, text: str, organs) -> str | None:
    """The drug of the company a clause names before its event ("Merck voluntarily withdrew the gastric
    indication": pembrolizumab), when the one spoken of before is not that company's: its only drug
    in the graph, or the only one of its drugs holding an approval in the disease or organ the clause names."""
    org = next((m.id for m in ms if m.type == "Organization" and m.start < before and m.id not in AGENCIES), None)
    drugs = reader.facts.company_drugs.get(org or "", [])
    spoken = reader.context.drug
    if spoken and not any(spoken in ds for ds in reader.facts.company_drugs.values()):
        # (a drug spoken of whose maker the graph does not know may be the company's: of its drugs, only one the
        # article names takes its place; "Genentech asked for a hearing" in a story of bevacizumab)
        drugs = [d for d in drugs if reader.drug_counts.get(d)]
    if not drugs or spoken in drugs:
        return None
    if len(drugs) > 1:  # (the one holding an approval in the disease or the organ the clause names)
        named = {m.id for m in ms if m.type == "Indication"}
        drugs = [d for d in drugs if named & set(reader.facts.approved.get(d, {})) or not named and organs(text, d, [])]
    return drugs[0] if len(drugs) == 1 else None


def is_question(text: str) -> bool:
    """Whether a sentence asks, a closing quotation mark after its question mark or not.

    >>> is_question('Reader question: "Is X approved in Y?"'), is_question("It is."), is_question("Why? ")
    (True, False, True)
    """
    return text.rstrip().rstrip("\"\u201d'").endswith("?")


def note_topic(ctx: Context, s, mentions) -> None:
    """A question ("Is nivolumab still approved for liver cancer on its own?") sets the drug and
    the indication its answer speaks of ("No: the maker withdrew that indication in July 2021")."""
    if not is_question(s.text):
        return
    drugs = [m for m in mentions if m.type == "Drug"]
    inds = [m for m in mentions if m.type == "Indication"]
    if drugs:
        ctx.drug = drugs[0].id
    if inds:
        ctx.indication, ctx.indication_name = inds[0].id, inds[0].text
        ctx.headed = inds[0].id
