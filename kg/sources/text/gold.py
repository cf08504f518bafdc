"""Scoring against a gold corpus (tests/fixtures/corpus/GOLD.md): per claim kind, precision
and recall of what ``kg ingest`` reads, and how ``kg audit`` judges what it read.

The reader's claims are finer than the gold's, so each is first given its gold kind: ``approval``,
``withdrawal``, ``result`` (``trial result``), ``enrolment`` (a ``trial design`` claim that gives a
number of patients) and ``mechanism`` (a drug that binds a target; "blocks interaction with" and
"spares" claims about its partners are parts of the same gold claim, not scored). A claim matches a gold claim of
its kind in the same sentence when what the gold gives agrees: drug, indication and date
(and approval type, if given) for approvals; drug, indication and dates for withdrawals;
trial (name or NCT number), endpoint, measure, value, CI, p and met for results; trial and
number for enrolment; drug and target for mechanisms.

How names, numbers and endpoints are compared (each rule says the same thing written two
ways; none lets a different fact through):

- Names are compared by every name the reader knows for an id (the words of the article, the
  graph's names, the lexicons), case-folded, dashes as spaces, "carcinoma" as "cancer", without
  a qualifier in parentheses; an id the reader made for a new record (``KG:drug-retifanlimab``)
  names it by its slug ("retifanlimab").
- A combination's name is the set of its drugs: "nivolumab-relatlimab", "nivolumab and
  relatlimab" and "relatlimab plus nivolumab" are one name.
- A p-value is a comparator and a number: "<.001" is "<0.001", "= .0035" is 0.0035.
- Disease-free, recurrence-free and relapse-free survival are one endpoint (each counts a return
  of the cancer or death; lay wording -- "the risk of the cancer coming back" -- cannot tell them
  apart); "pathologic" is "pathological", "overall response rate" the objective response rate, a complete remission a complete response,
  an endpoint written short (OS, PFS, DFS, EFS, RFS, ORR, pCR, DoR) is the one spelt out, and a
  landmark's time ("12-month progression-free survival", "5-year OS rate") is the rate's, not the endpoint's.
- A gold indication written with its setting ("unresectable or metastatic melanoma progressing
  after ipilimumab") names the disease whose name is a phrase of it (:func:`described`).
- A trial the article never names (neither its name nor its NCT number is in the text) cannot
  be read by name: a claim on an unnamed trial (``KG:trial-unnamed-...``) stands for it, and the
  rest of the claim must agree.

>>> base("small cell lung cancer (limited-stage)"), loose("CheckMate 9DW"), loose("checkmate-9dw")
('small cell lung cancer', 'checkmate9dw', 'checkmate9dw')
>>> combination("Nivolumab-relatlimab") == combination("relatlimab and nivolumab"), p_value("< .001")
(True, ('<', 0.001))
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable

from kg.sources.text.score import prf

KINDS = ("approval", "withdrawal", "result", "enrolment", "mechanism")
SUFFIXES = (".txt", ".md", ".html", ".htm")


def base(name: str) -> str:
    """A gold name without its qualifier in parentheses, normalised."""
    return norm(name.split(" (")[0])


def norm(text: str) -> str:
    """Case-folded, dashes as spaces, "carcinoma" as "cancer", one space."""
    t = re.sub(r"[\u2010-\u2015\u2212-]", " ", str(text).casefold())
    t = re.sub(r"\bcarcinomas?\b|\bcancers?\b", "cancer", t)
    # (a tissue-agnostic indication as written either way: "dMMR ... solid tumors", "mismatch repair deficient solid tumours")
    t = re.sub(r"\btumors?\b|\btumours?\b", "tumours", t)
    t = re.sub(r"\bdmmr\b", "mismatch repair deficient", t)
    t = re.sub(r"\bmsi h\b", "microsatellite instability high", t)
    return " ".join(t.split())


def loose(text: str) -> str:
    """Letters and digits only, lower case."""
    return "".join(c for c in str(text).casefold() if c.isalnum())


_CONNECTOR = re.compile(r"\s+(?:and|plus|with)\s+|\s*[+/]\s*|(?<=mab)[\s\u2010-\u2015-]+(?=[a-z]{4,}mab\b)", re.I)


def combination(name: str) -> frozenset[str]:
    """A drug or combination name as the set of its drugs' names."""
    return frozenset(norm(part) for part in _CONNECTOR.split(str(name).casefold()) if part.strip())


def minted(ident: str | None) -> str | None:
    """The name in an id the reader made for a new record ("KG:drug-zelvomab" -> "zelvomab", "KG:target-dll3")."""
    m = re.match(r"KG:(?:drug|trial|indication|target)-(.+)$", ident or "")
    return m.group(1).replace("-", " ") if m else None


def p_value(x: Any) -> tuple[str, float] | None:
    """(comparator, number) of a p-value as written or as the gold gives it."""
    if x is None or isinstance(x, (int, float)):
        return None if x is None else ("=", float(x))
    m = re.fullmatch(r"\s*([<>=\u2264\u2265]?)\s*(\d*\.?\d+)\s*", str(x))
    return (m.group(1) or "=", float(m.group(2))) if m else None


_SAME_ENDPOINT = {**dict.fromkeys(("recurrence free survival", "relapse free survival"), "disease free survival"),
                  "pathologic complete response": "pathological complete response", "complete remission rate": "complete response rate",
                  **dict.fromkeys(("overall response rate", "response rate"), "objective response rate")}
#: endpoints written short
_ENDPOINT_ABBREVIATIONS = {"os": "overall survival", "pfs": "progression free survival", "dfs": "disease free survival",
                           "efs": "event free survival", "rfs": "disease free survival", "orr": "objective response rate",
                           "pcr": "pathological complete response", "dor": "duration of response"}


def endpoint_key(name: str) -> str:
    """An endpoint's name for comparison (qualifier dropped, abbreviations spelt out, synonyms as one).

    >>> endpoint_key("PFS (investigator-assessed)"), endpoint_key("pathologic complete response"), endpoint_key("RFS")
    ('progression free survival', 'pathological complete response', 'disease free survival')
    >>> endpoint_key("confirmed response rate") == endpoint_key("ORR"), endpoint_key("5-year overall survival rate")
    (True, 'overall survival')
    """
    b = re.sub(r"^confirmed ", "", base(name))  # ("confirmed objective response rate": the same endpoint)
    # (a landmark's time, "12-month PFS", "5-year OS rate": the endpoint at that time, the rate tells it)
    b = re.sub(r"(survival) rates?$| at (?:\d+|one|two|three|four|five) (?:months?|years?)$", r"\1",
               re.sub(r"^(?:\d+|one|two|three|four|five)[- ](?:months?|years?|yr)[- ]|^radiographic ", "", b))
    b = _ENDPOINT_ABBREVIATIONS.get(b, b)
    return _SAME_ENDPOINT.get(b, b)


def corpus(folder: str | Path) -> list[tuple[Path, dict[str, Any]]]:
    """(article, gold) pairs of a corpus folder, by name."""
    out = []
    for gold in sorted(Path(folder).glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        article = next((gold.parent / (stem + s) for s in SUFFIXES if (gold.parent / (stem + s)).exists()), None)
        if article is not None:
            out.append((article, json.loads(gold.read_text(encoding="utf-8"))))
    return out


def gold_kind(claim: dict[str, Any]) -> str | None:
    """The gold kind of an extracted claim (JSON), or None for kinds the gold does not score."""
    kind, values = claim["kind"], claim.get("values") or {}
    if kind in ("approval", "withdrawal"):
        return kind
    if kind == "trial result":
        return "result"
    if kind == "trial design" and values.get("n_patients") is not None:
        return "enrolment"
    if kind == "mechanism" and values.get("action") == "binds":
        return "mechanism"
    return None


def _number(x: Any) -> float | str | None:
    if x is None or isinstance(x, (int, float)):
        return None if x is None else float(x)
    s = str(x).replace(" ", "")
    try:
        return float(s.lstrip("="))
    except ValueError:
        return s.lower()


def _same_number(a: Any, b: Any) -> bool:
    x, y = _number(a), _number(b)
    if isinstance(x, float) and isinstance(y, float):
        return abs(x - y) < 1e-6
    return x == y


_MEASURES = {"ORR": "rate", "pCR": "rate", "rate": "rate", "HR": "HR", "OR": "OR", "RR": "RR", "median": "median",
             "difference": "difference"}


def matches(claim: dict[str, Any], gold: dict[str, Any], names: Callable[[str | None], set[str]],
            unnamed: bool = False) -> bool:
    """Whether an extracted claim (JSON, with its gold kind) says what a gold claim says;
    ``unnamed``: the article never names the gold claim's trial."""
    v = claim.get("values") or {}

    def named(ident: str | None, want: str, extra: str | None = None) -> bool:
        have = {norm(n) for n in names(ident)} | {norm(x) for x in (extra, minted(ident)) if x}
        return (base(want) in have or loose(want) in {loose(n) for n in have}
                or combination(base(want)) in {combination(n) for n in have})

    kind = gold["kind"]
    # (a gold regimen, "nivolumab + ipilimumab", is named by a claim of any drug of it: GOLD.md gives each its claim)
    # (not a product's name, "nivolumab-relatlimab")
    parts = combination(gold["drug"]) if re.search(r"\s(?:\+|plus|and|with)\s", gold.get("drug") or "") else frozenset()
    if kind in ("approval", "withdrawal"):
        if not (named(claim["subject"], gold["drug"]) or len(parts) > 1 and any(named(claim["subject"], p) for p in parts)):
            return False
        # (a gold indication "gastric or gastroesophageal junction adenocarcinoma" names either disease)
        if gold.get("indication") and not any(named(claim.get("object"), part, v.get("indication"))
                                              or described(names(claim.get("object")) | {v.get("indication") or ""}, part)
                                              for part in _either(gold["indication"])):
            return False
        if kind == "approval":
            return (("date" not in gold or v.get("date") == gold["date"])
                    and ("approval_type" not in gold or v.get("approval_type") == gold["approval_type"]))
        return all(k not in gold or v.get(k) == gold[k] for k in ("announced", "effective"))
    if kind == "result":
        if not _trial_named(claim, gold, named, unnamed):
            return False
        if gold.get("endpoint") and endpoint_key(v.get("endpoint") or "") != endpoint_key(gold["endpoint"]):
            return False
        # (a measure written without its value, "measure": "HR" on "missed its endpoint", names no figure)
        if "measure" in gold and "value" in gold and (_MEASURES.get(gold["measure"]) != _MEASURES.get(v.get("measure"))
                                                      or not _same_number(v.get("value"), gold["value"])):
            return False
        if "ci" in gold and not (_same_number(v.get("ci_low"), gold["ci"][0]) and _same_number(v.get("ci_high"), gold["ci"][1])):
            return False
        if "p" in gold and p_value(v.get("p")) != p_value(gold["p"]):
            return False
        return "met" not in gold or v.get("met") == gold["met"]
    if kind == "enrolment":
        return _trial_named(claim, gold, named, unnamed) and v.get("n_patients") == gold["n"]
    if kind == "mechanism":
        # (a combination's mechanism is its components': "relatlimab binds LAG-3" for "nivolumab-relatlimab")
        parts = combination(gold["drug"])
        return (named(claim["subject"], gold["drug"]) or len(parts) > 1 and any(named(claim["subject"], p) for p in parts)) \
            and named(claim.get("object"), gold["target"])
    return False


def described(disease_names: set[str], indication: str) -> bool:
    """Whether a gold indication written with its setting ("unresectable or metastatic melanoma
    progressing after ipilimumab") names the disease: one of its names is a phrase of it (not
    "small cell lung cancer" in "non-small cell lung cancer").

    >>> described({"melanoma"}, "unresectable or metastatic melanoma after ipilimumab")
    True
    >>> described({"small cell lung carcinoma", "SCLC"}, "metastatic non-small cell lung cancer (NSCLC)"), described({"NSCLC"}, "metastatic NSCLC")
    (False, True)
    >>> described({"mismatch repair deficient solid tumours"}, "dMMR recurrent or advanced solid tumors")
    True
    >>> described({"gastric cancer"}, "third-line gastric (accelerated)"), described({"gastric cancer"}, "third-line oesophageal")
    (True, False)
    >>> described({"triple-negative breast cancer"}, "US breast cancer indication (triple-negative breast cancer)")
    True
    """
    # (a disease named in brackets as what the words before mean: "US breast cancer indication (triple-negative breast cancer)")
    inner = [x for x in re.findall(r"\(([^()]*)\)", indication) if _DISEASE_WORD.search(x)]
    if any(described(disease_names, x) for x in inner):
        return True
    text = norm(re.sub(r"\s*\([^()]*\)", "", indication))  # ("urothelial (bladder) carcinoma": its words outside brackets)
    # (a gold indication without a disease word names the disease by its organ: "third-line gastric (accelerated)")
    if not _DISEASE_WORD.search(text) and any(len(n.split()[0]) >= 5 and re.search(r"\b%s\b" % re.escape(n.split()[0]), text)
                                              and _DISEASE_WORD.search(n) for n in map(norm, disease_names) if n):
        return True
    # (a tissue-agnostic name, "<biomarker> solid tumours", with the setting between: "dMMR recurrent or advanced solid tumors")
    if any(n.endswith(" solid tumours") and n[:-len(" solid tumours")] in text and "solid tumours" in text
           for n in map(norm, disease_names) if n):
        return True
    return any(len(n) >= 3 and re.search(r"(?<![\w])(?<!non )" + re.escape(n) + r"(?![\w])", text)
               for n in map(norm, disease_names) if n)


_DISEASE_WORD = re.compile(r"cancer|carcinoma|tumou?r|lymphoma|melanoma|sarcoma|mesothelioma|leukemia|myeloma", re.I)


def _either(indication: str) -> list[str]:
    """A gold indication, and each disease of one written "A or B" (with B's head word given to A:
    "gastric or gastroesophageal junction adenocarcinoma" names gastric adenocarcinoma too).

    >>> _either("gastric or gastroesophageal junction adenocarcinoma (first line)")
    ['gastric or gastroesophageal junction adenocarcinoma (first line)', 'gastric adenocarcinoma', 'gastroesophageal junction adenocarcinoma']
    >>> _either("resectable gastric or GEJ adenocarcinoma, perioperative with FLOT")[1:]
    ['resectable gastric adenocarcinoma', 'GEJ adenocarcinoma']
    """
    head = indication.split(" (")[0]
    # (a setting after a comma is no disease: "resectable gastric or GEJ adenocarcinoma, perioperative with FLOT")
    pieces = head.split(", ")
    while len(pieces) > 1 and not _DISEASE_WORD.search(pieces[-1]):
        pieces.pop()
    head = ", ".join(pieces)
    if ";" in head:  # "non-small cell lung cancer; urothelial carcinoma": each
        return [indication] + [p.strip() for p in head.split(";") if p.strip()]
    parts = [p for p in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:or|and/or|and)\s+", head) if p]
    if len(parts) < 2:
        return [indication]
    last = parts[-1].split()[-1]
    # each keeps its own head word when it has one ("lung cancer or melanoma"), else takes the last's
    return [indication] + [p if p.split()[-1] in ("cancer", "carcinoma", "adenocarcinoma", last) else f"{p} {last}"
                           for p in parts]


def _trial_named(claim: dict[str, Any], gold: dict[str, Any], named, unnamed: bool) -> bool:
    if unnamed and str(claim["subject"]).startswith("KG:trial-unnamed"):
        return True
    trials = [gold.get("trial"), gold.get("nct")] + list(gold.get("also_trials") or [])
    # (a trial given two names, "EV-302/KEYNOTE-A39", is named by either)
    trials += [part for t in trials[:1] if t and "/" in t for part in t.split("/") if part.strip()]
    return any(t and named(claim["subject"], t.strip()) for t in trials)


def never_named(gold: dict[str, Any], text: str) -> bool:
    """Whether the article's text names a gold claim's trial nowhere (name or NCT number)."""
    if not gold.get("trial"):
        return False
    t = loose(text)
    return not any(x and loose(base(x)) in t for x in [gold.get("trial"), gold.get("nct")] + list(gold.get("also_trials") or []))


def _plain(sentence: str) -> str:
    """A gold sentence as the reader sees it: an HTML article's markup (a table row copied with
    its tags, "&ndash;") and a Markdown article's marks ("**Result:**", a table row's "|") read
    as text, white space folded.

    >>> _plain("<tr><td>2019</td><td>0.49&ndash;1.01</td></tr>"), _plain("**Result:** | HR 0.3 |")
    ('2019 0.49–1.01', 'Result: HR 0.3')
    """
    import html

    text = html.unescape(re.sub(r"<[^>]*>", " ", sentence))
    text = " ".join(re.sub(r"\*\*|__|(?<!\w)[*_`]|[*_`](?!\w)|\|", " ", text).split())
    return re.sub(r" (?=[.,;:!?)\]])|(?<=[(\[]) ", "", text)


def _in_sentence(claim: dict[str, Any], sentence: str) -> bool:
    a, b = _plain(claim["sentence"]), _plain(sentence)
    return a in b or b in a


def _scored(g: dict[str, Any]) -> bool:
    """Whether a gold claim is scored: one of the five kinds; of mechanisms, the drug's own target
    ("binds", "blocks"), as the reader's mechanism claims that are scored (:func:`gold_kind`), not
    a partner the drug keeps it from ("blocks interaction with")."""
    return g["kind"] in KINDS and not (g["kind"] == "mechanism" and "interaction" in g.get("action", ""))


def score_article(claims: list[dict[str, Any]], verdicts: list[str] | None, gold: dict[str, Any],
                  names: Callable[[str | None], set[str]], text: str = "") -> dict[str, Any]:
    """Per gold kind: true positives, found, expected; the pairs matched with both verdicts; the
    false alarms (claims audited contradicted whose gold verdict is not contradicted). ``text``:
    the article's text (to tell the trials it never names)."""
    scored = [(i, c, gold_kind(c)) for i, c in enumerate(claims)]
    scored = [(i, f, k) for i, c, k in scored if k in KINDS for f in (per_figure(c) if k == "result" else [c])]
    left = list(scored)
    pairs, missed = [], []
    golds = [f for g in gold["claims"] if _scored(g) for f in (per_figure(g) if g["kind"] == "result" else [g])]
    for g in golds:
        hit = next((x for x in left if x[2] == g["kind"] and _in_sentence(x[1], g["sentence"])
                    and matches(x[1], g, names, bool(text) and never_named(g, text))), None)
        if hit is None:
            missed.append(g)
        else:
            left.remove(hit)
            pairs.append((hit, g))
    out: dict[str, Any] = {"kinds": {}, "missed": missed, "extra": [c for _, c, _ in left], "pairs": []}
    for k in KINDS:
        tp = sum(1 for (_, _, kk), _ in pairs if kk == k)
        out["kinds"][k] = {"tp": tp, "found": sum(1 for _, _, kk in scored if kk == k),
                           "expected": sum(1 for g in golds if g["kind"] == k)}
    alarms: dict[int, dict[str, Any]] = {}  # claim index -> the claim (a claim of two figures is one alarm)
    if verdicts is not None:
        for (i, _, _), g in pairs:
            out["pairs"].append({"kind": g["kind"], "gold": g["verdict"], "audit": verdicts[i], "sentence": g["sentence"]})
        # audited contradicted, and no gold claim of its figures is contradicted
        upheld = {i for (i, _, _), g in pairs if g["verdict"] == "contradicted"}
        for i, _, _ in scored:
            if verdicts[i] == "contradicted" and i not in upheld:
                alarms.setdefault(i, claims[i])
    out["false_alarms"] = list(alarms.values())
    out["audited"] = len({i for i, _, _ in scored})
    return out


def per_figure(claim: dict[str, Any]) -> list[dict[str, Any]]:
    """A result claim (extracted, with its figures under "values", or gold) as one claim per figure:
    a median or a rate of two arms ("22.0 vs 10.7 months") is two figures, the second the control
    arm's, so that gold written one claim per figure (GOLD.md) and gold written one claim per
    comparison are scored alike.

    >>> [f["value"] for f in per_figure({"kind": "result", "measure": "median", "value": 22.0, "control_value": 10.7})]
    [22.0, 10.7]
    >>> [f["values"]["value"] for f in per_figure({"values": {"measure": "HR", "value": 0.7, "control_value": None}})]
    [0.7]
    """
    v = claim.get("values", claim)
    if v.get("control_value") is None or v.get("measure") not in ("median", "rate", "ORR", "pCR"):
        return [claim]
    control = {k: x for k, x in v.items() if k not in ("ci", "ci_low", "ci_high", "control_value")}  # (p: the comparison's)
    control["value"] = v["control_value"]
    return [claim, {**claim, "values": control} if "values" in claim else control]


def score_extraction(ex, verdicts: list[str] | None, gold: dict[str, Any], forms: dict[str, set[str]]) -> dict[str, Any]:
    """:func:`score_article` for an extraction (``kg.sources.ingest.Extraction``): names are the
    article's words for each id and ``forms`` (the matcher's names of each known id)."""
    said: dict[str, set[str]] = {}
    for m in ex.mentions:
        said.setdefault(m.id, set()).add(m.text)

    def names(ident: str | None) -> set[str]:
        return said.get(ident, set()) | forms.get(ident, set()) | ({ident} if ident else set())
    return score_article([c.as_json() for c in ex.claims], verdicts, gold, names, ex.text.text)


def totals(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Micro-averaged precision and recall per kind, verdict accuracy and the false-alarm rate."""
    kinds = {k: prf(*(sum(a["kinds"][k][f] for a in articles) for f in ("tp", "found", "expected"))) for k in KINDS}
    pairs = [p for a in articles for p in a["pairs"]]
    audited = sum(a["audited"] for a in articles)
    alarms = sum(len(a["false_alarms"]) for a in articles)
    return {"kinds": kinds, "verdicts": {"pairs": len(pairs), "agree": sum(p["gold"] == p["audit"] for p in pairs),
                                         "accuracy": round(sum(p["gold"] == p["audit"] for p in pairs) / len(pairs), 3)
                                         if pairs else 1.0},
            "false_alarms": {"count": alarms, "audited": audited, "rate": round(alarms / audited, 3) if audited else 0.0}}
