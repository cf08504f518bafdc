"""How well kg ingest reads articles and kg audit judges them, and how fast reading is.

Corpus (the default): every article of a gold corpus folder (tests/fixtures/corpus/GOLD.md
gives the format) is read and audited against a store; printed per article and in all:
precision and recall per claim kind (approval, withdrawal, result, enrolment, mechanism),
the verdict accuracy on the claims read, and the audit's false alarms (claims audited
"contradicted" whose gold verdict is not "contradicted"). The gold verdicts assume a graph
with every FDA approval, withdrawal and pivotal result of the checkpoint inhibitors; against
a graph that holds fewer, "not in graph" verdicts are expected where the gold says
consistent, but never a false alarm.

--samples: the project's four sample articles (tests/fixtures/articles, expected files).
--big MB [MB...]: time to read a generated article of each size (the corpus's articles
repeated), per MB at each size (equal when reading is linear in the text's length), and as a
ratio to a baseline measured in the same run (one pass of a word pattern over the text).

    python benchmarks/bench_extract.py [--corpus DIR] [--gold DIR] [--store exports/store] [--details]
    python benchmarks/bench_extract.py --samples | --big 1 5
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
DEV = ROOT / "tests" / "fixtures" / "corpus" / "dev"


def _store(path: str | None):
    from kg.store.local import open_store

    if path and Path(path).exists():
        return open_store(path)
    from kg.build import build

    tmp = Path(tempfile.mkdtemp(prefix="bench-extract-"))
    build(ROOT / "data", tmp / "store", None)
    return open_store(tmp / "store")


def corpus(store, folder: Path, details: bool, gold_dir: Path | None = None) -> dict:
    from kg.query.audit import audit_claims
    from kg.sources.ingest import extract_file
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts
    from kg.sources.text.gold import KINDS, corpus as read_corpus, score_extraction, totals

    matcher, facts = Matcher.from_store(store), Facts.from_store(store)
    results = []
    for article, gold in read_corpus(folder):
        if gold_dir is not None:  # another gold of the same articles (an adjudicated one)
            other = gold_dir / (article.name.rsplit(".", 1)[0] + ".gold.json")
            if not other.exists():
                continue
            gold = json.loads(other.read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        ex = extract_file(article, store, matcher, facts)
        ms = (time.perf_counter() - t0) * 1000
        verdicts = [r["verdict"] for r in audit_claims(store, ex.claims)]
        s = score_extraction(ex, verdicts, gold, matcher.forms)
        results.append(s)
        cells = "  ".join(f"{k[:4]} {s['kinds'][k]['tp']}/{s['kinds'][k]['found']}/{s['kinds'][k]['expected']}"
                          for k in KINDS)
        print(f"{article.name:45} {cells}  alarms {len(s['false_alarms'])}  {ms:.0f} ms")
        if details:
            for g in s["missed"]:
                print(f"    missed {g['kind']}: {json.dumps({k: v for k, v in g.items() if k not in ('sentence', 'why', 'verdict')})}"
                      f"\n           {g['sentence'][:110]}")
            for c in s["extra"]:
                print(f"    extra  {c['kind']}: {c['subject']} -> {c['object']} {json.dumps(c['values'])}\n"
                      f"           {c['sentence'][:110]}")
            for p in s["pairs"]:
                if p["gold"] != p["audit"]:
                    print(f"    verdict {p['kind']}: gold {p['gold']}, audit {p['audit']}: {p['sentence'][:90]}")
            for c in s["false_alarms"]:
                print(f"    FALSE ALARM {c['kind']}: {c['sentence'][:100]}")
    t = totals(results)
    print(f"\n{'kind':12} {'precision':>9} {'recall':>7}   tp/found/expected")
    for k, v in t["kinds"].items():
        print(f"{k:12} {v['precision']:9.2f} {v['recall']:7.2f}   {v['tp']}/{v['found']}/{v['expected']}")
    v, a = t["verdicts"], t["false_alarms"]
    print(f"verdict accuracy {v['accuracy']:.2f} ({v['agree']}/{v['pairs']} claims read)   "
          f"false alarms {a['count']} of {a['audited']} claims audited (rate {a['rate']:.3f})")
    return t


def samples(store, details: bool) -> None:
    from kg.sources.ingest import extract_file
    from kg.sources.text.score import score, total

    scores = []
    for exp in sorted(ARTICLES.glob("*.expected.json")):
        article = next(p for p in ARTICLES.glob(exp.name.replace(".expected.json", ".*")) if p != exp)
        t0 = time.perf_counter()
        ex = extract_file(article, store)
        ms = (time.perf_counter() - t0) * 1000
        s = score(ex.as_json(), ex.text.text, json.loads(exp.read_text(encoding="utf-8")))
        scores.append(s)
        e, c = s["entities"], s["claims"]
        print(f"{article.name:32} entities P {e['precision']:.2f} R {e['recall']:.2f} ({e['tp']}/{e['found']}/{e['expected']})"
              f"   claims P {c['precision']:.2f} R {c['recall']:.2f} ({c['tp']}/{c['found']}/{c['expected']})   {ms:.0f} ms")
        if details:
            for k in ("missed", "extra", "missed_entities", "extra_entities"):
                for x in s[k]:
                    print(f"    {k}: {x if not isinstance(x, dict) else {q: x.get(q) for q in ('kind', 'subject', 'object', 'sentence')}}")
    e, c = total(scores, "entities"), total(scores, "claims")
    print(f"{'all (micro)':32} entities P {e['precision']:.2f} R {e['recall']:.2f} ({e['tp']}/{e['found']}/{e['expected']})"
          f"   claims P {c['precision']:.2f} R {c['recall']:.2f} ({c['tp']}/{c['found']}/{c['expected']})")


def _big_text(megabytes: float, folder: Path) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".md")]
    one = "\n\n".join(texts)
    size = int(megabytes * 1_000_000)
    body = (one * (size // len(one.encode()) + 1))
    return body.encode()[:size].decode("utf-8", "ignore")


def big(store, sizes: list[float], folder: Path) -> None:
    """Read a generated article of each size; print the time per MB at each size (reading is
    linear when it stays the same) and the ratio to a word scan of the same text."""
    from kg.sources.ingest import extract_file
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    matcher, facts = Matcher.from_store(store), Facts.from_store(store)
    per_mb = {}
    for megabytes in sizes:
        body = _big_text(megabytes, folder)
        path = Path(tempfile.mkdtemp(prefix="bench-big-")) / "big.txt"
        path.write_text(body, encoding="utf-8")
        t0 = time.perf_counter()
        words = len(re.findall(r"\w+", body))
        baseline = time.perf_counter() - t0
        t0 = time.perf_counter()
        ex = extract_file(path, store, matcher, facts)
        took = time.perf_counter() - t0
        mb = path.stat().st_size / 1e6
        per_mb[megabytes] = took / mb
        print(f"{mb:.1f} MB ({words:,} words): read in {took:.1f} s = {took / mb:.2f} s per MB "
              f"({len(ex.mentions):,} mentions, {len(ex.claims):,} claims); baseline word scan {baseline:.2f} s; "
              f"ratio {took / baseline:.0f}x; target < {30 * mb / 5:.0f} s (30 s for 5 MB): "
              f"{'met' if took < 30 * mb / 5 else 'NOT met'}")
    if len(per_mb) > 1:
        small, large = min(per_mb), max(per_mb)
        print(f"time per MB at {large:g} MB / at {small:g} MB: {per_mb[large] / per_mb[small]:.2f} (1.00 = linear)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(DEV), help="a corpus folder in the GOLD.md format (default: the dev corpus)")
    ap.add_argument("--gold", default=None, help="score against the gold files of this folder instead of the corpus's "
                    "(same names; articles it has none for are left out): benchmarks/corpus/adjudicated/<set>")
    ap.add_argument("--store", default=str(ROOT / "exports" / "store"), help="store to read and audit against "
                    "(built from data/ into a temporary folder if it does not exist)")
    ap.add_argument("--details", action="store_true", help="list what was missed, extra, judged otherwise")
    ap.add_argument("--samples", action="store_true", help="the four sample articles with their expected files")
    ap.add_argument("--big", type=float, nargs="+", metavar="MB",
                    help="time the reading of an article of each size in megabytes (e.g. --big 1 5: time per MB at both)")
    args = ap.parse_args()
    store = _store(args.store)
    if args.samples:
        samples(store, args.details)
    elif args.big:
        big(store, args.big, Path(args.corpus))
    else:
        corpus(store, Path(args.corpus), args.details, Path(args.gold) if args.gold else None)


if __name__ == "__main__":
    main()
