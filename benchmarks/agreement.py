"""How far two gold annotations of the same articles agree, scored the way the reader is scored.

A corpus's gold was written by each article's author. A second annotator, who saw neither the
first gold nor the reader, annotated the same articles cold from GOLD.md. Each annotation's
claims are turned into claims as the reader gives them -- their gold kind, the drug or the trial
as subject, the diseases the reader's own matcher finds in the indication as object, the values,
and the sentence the reader's splitter puts the quoted piece in -- and scored against the other
annotation with ``kg.sources.text.gold``, as ``bench_extract.py`` scores the reader. Printed per
claim kind: the second annotator against the author's gold, the reader against the author's gold,
and the reader against the second annotator's gold. The first row is what a careful human reader
reaches against one writer's gold: the ceiling the reader's targets are to be read against.

    python benchmarks/agreement.py benchmarks/corpus/agreement [--store exports/store]
    python benchmarks/agreement.py benchmarks/corpus/agreement --first benchmarks/corpus/adjudicated

The folder holds ``<set>/<slug>.gold.json`` second annotations; the articles and the authors'
gold are those of ``benchmarks/corpus/<set>`` (or ``--corpus DIR``). ``--first DIR`` takes the first
gold from ``DIR/<set>/<slug>.gold.json`` instead (an adjudicated gold, which settles each claim the two
annotators read differently): the columns then say "adjudicated" where they say "author", and giving
the authors' folders as the second annotation scores the authors against it.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_READER_KIND = {"approval": "approval", "withdrawal": "withdrawal", "result": "trial result",
                "enrolment": "trial design", "mechanism": "mechanism"}


def enclosing(piece: str, sentences: list[str]) -> str:
    """The reader's sentence(s) a quoted piece of an article stands in (joined when it spans
    several), or the piece itself when none holds it.

    >>> enclosing("HR 0.7", ["Intro.", "The HR 0.7 held (p=0.01).", "End."])
    'The HR 0.7 held (p=0.01).'
    >>> enclosing("Intro. The HR", ["Intro.", "The HR 0.7 held.", "End."])
    'Intro. The HR 0.7 held.'
    >>> enclosing("nowhere", ["Intro."])
    'nowhere'
    """
    from kg.sources.text.gold import _plain

    p, plain = _plain(piece), [_plain(s) for s in sentences]
    if not p:
        return piece
    joined, spans = "", []
    for x in plain:
        spans.append((len(joined), len(joined) + len(x)))
        joined += x + " "
    inside = [s for s, x in zip(sentences, plain) if p in x]
    if inside:
        return min(inside, key=len)
    at = joined.find(p)
    if at < 0:
        return piece
    return " ".join(s for s, (a, b) in zip(sentences, spans) if a < at + len(p) and b > at)


def as_claims(gold: dict[str, Any], sentences: list[str],
              diseases: Callable[[str], set[str]]) -> tuple[list[dict[str, Any]], Callable[[str | None], set[str]]]:
    """A gold annotation's scored claims as the reader's claims (JSON), and the names of each of
    their subjects and objects. ``diseases`` gives the disease names a text holds.

    >>> claims, names = as_claims({"claims": [{"kind": "approval", "drug": "osimertinib",
    ...     "indication": "first-line EGFR-mutated NSCLC", "date": "2018-04-18", "sentence": "FDA nod",
    ...     "verdict": "consistent"}]}, ["The FDA nod came in April."], lambda t: {"NSCLC"})
    >>> claims[0]["kind"], claims[0]["sentence"], claims[0]["values"]["date"], sorted(names(claims[0]["object"]))
    ('approval', 'The FDA nod came in April.', '2018-04-18', ['NSCLC', 'first-line EGFR-mutated NSCLC'])
    """
    from kg.sources.text.gold import _scored

    out, aliases = [], {}
    for i, g in enumerate(c for c in gold.get("claims", []) if _scored(c)):
        kind, values = g["kind"], {}
        subject, obj = g.get("drug"), None
        if kind in ("approval", "withdrawal"):
            obj = f"indication-{i}"
            aliases[obj] = {g.get("indication") or ""} | diseases(g.get("indication") or "")
            values = {k: g.get(k) for k in ("date", "approval_type", "announced", "effective", "indication")}
        elif kind in ("result", "enrolment"):
            subject = g.get("trial") or g.get("nct") or f"KG:trial-unnamed-{i}"
            aliases[subject] = {x for x in (g.get("trial"), g.get("nct"), subject) if x}
            if kind == "result":
                ci = g.get("ci") or [None, None]
                values = {"endpoint": g.get("endpoint"), "measure": g.get("measure"), "value": g.get("value"),
                          "ci_low": ci[0], "ci_high": ci[1], "p": g.get("p"), "met": g.get("met")}
            else:
                values = {"n_patients": g.get("n")}
        elif kind == "mechanism":
            obj, values = g.get("target"), {"action": "binds"}
        out.append({"kind": _READER_KIND[kind], "subject": subject, "object": obj, "values": values,
                    "sentence": enclosing(g["sentence"], sentences)})
    return out, lambda ident: aliases.get(ident, {ident} if ident else set())


def compare(first: dict[str, Any], second: dict[str, Any], text: str, sentences: list[str],
            diseases: Callable[[str], set[str]]) -> dict[str, Any]:
    """:func:`kg.sources.text.gold.score_article` of the second annotation's claims against the
    first annotation, on the article's plain ``text``.

    >>> g = {"claims": [{"kind": "enrolment", "trial": "KEYNOTE-604", "n": 453, "sentence": "453 patients"}]}
    >>> s = compare(g, g, "It randomised 453 patients.", ["It randomised 453 patients."], lambda t: set())
    >>> s["kinds"]["enrolment"]
    {'tp': 1, 'found': 1, 'expected': 1}
    """
    from kg.sources.text.gold import score_article

    claims, names = as_claims(second, sentences, diseases)
    return score_article(claims, None, first, names, text)


def agreed(first: dict[str, Any], scored: dict[str, Any]) -> dict[str, Any]:
    """The first annotation's scored claims (one a figure) that the second matched, as a gold
    annotation: what two annotators read alike.

    >>> g = {"claims": [{"kind": "enrolment", "trial": "A", "n": 5, "sentence": "5"},
    ...                 {"kind": "enrolment", "trial": "B", "n": 6, "sentence": "6"}]}
    >>> [c["n"] for c in agreed(g, {"missed": [g["claims"][1]]})["claims"]]
    [5]
    """
    from kg.sources.text.gold import _scored, per_figure

    left = [f for g in first.get("claims", []) if _scored(g) for f in (per_figure(g) if g["kind"] == "result" else [g])]
    for m in scored["missed"]:
        left.remove(m)
    return {"claims": left}


def main(argv: list[str] | None = None) -> int:
    from kg.sources.ingest import extract_file
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts
    from kg.sources.text.gold import KINDS, corpus, score_extraction, totals
    from kg.sources.text.sentences import split

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", help="second annotations: <folder>/<set>/<slug>.gold.json")
    ap.add_argument("--corpus", default=str(ROOT / "benchmarks" / "corpus"), help="the sets' articles and first gold")
    ap.add_argument("--first", default=None, help="the first gold from here (<first>/<set>/<slug>.gold.json)")
    ap.add_argument("--store", default=None, help="a built store (default: build one in a temporary folder)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_extract import _store

    store = _store(args.store)
    matcher, facts = Matcher.from_store(store), Facts.from_store(store)

    def diseases(text: str) -> set[str]:
        return {n for m in matcher.find(text) if m.type in ("Indication", "Disease")
                for n in matcher.forms.get(m.id, set()) | {m.text}}

    names = ("second vs author", "author vs second", "reader vs author", "reader vs second", "reader vs both")
    sets: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for set_dir in sorted(p for p in Path(args.folder).iterdir() if p.is_dir()):
        rows = sets.setdefault(set_dir.name, {r: [] for r in names})
        firsts = {a.name.rsplit(".", 1)[0]: (a, g) for a, g in corpus(Path(args.corpus) / set_dir.name)}
        for gold_path in sorted(set_dir.glob("*.gold.json")):
            stem = gold_path.name[: -len(".gold.json")]
            article, first = firsts[stem]
            if args.first:
                first = json.loads((Path(args.first) / set_dir.name / gold_path.name).read_text(encoding="utf-8"))
            second = json.loads(gold_path.read_text(encoding="utf-8"))
            ex = extract_file(article, store, matcher, facts)
            sentences = [s.text for s in split(ex.text.text)]
            both = compare(first, second, ex.text.text, sentences, diseases)
            rows["second vs author"].append(both)
            rows["author vs second"].append(compare(second, first, ex.text.text, sentences, diseases))
            rows["reader vs author"].append(score_extraction(ex, None, first, matcher.forms))
            rows["reader vs second"].append(score_extraction(ex, None, second, matcher.forms))
            rows["reader vs both"].append(score_extraction(ex, None, agreed(first, both), matcher.forms))
    sets["all"] = {r: [x for v in list(sets.values()) for x in v[r]] for r in names}
    for name, rows in sets.items():
        print(f"\n{name}: {len(rows[names[0]])} articles annotated twice\n{'kind':11} " + "  ".join(f"{r:>25}" for r in names))
        sums = [totals(rows[r])["kinds"] for r in names]
        for k in KINDS:
            print(f"{k:11} " + "  ".join(f"{s[k]['precision']:4.2f}/{s[k]['recall']:.2f} ({s[k]['tp']:>3}/{s[k]['found']:>3}/{s[k]['expected']:>3})"
                                         for s in sums))
    print("\n(precision/recall, tp/found/expected; 'A vs B': A's claims scored as the reader's against B's gold;"
          "\n 'both': the author's claims the second annotator read alike -- of that column only recall means anything)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
