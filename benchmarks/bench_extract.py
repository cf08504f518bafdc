"""Precision and recall of kg ingest's entity and claim extraction on the sample articles in
tests/fixtures/articles (each with a hand-made expected file), and the time it takes.

    python benchmarks/bench_extract.py [--store exports/store] [--details]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def main() -> None:
    from kg.sources.ingest import extract_file
    from kg.store.local import open_store
    from kg.sources.text.score import score, total

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", default=str(ROOT / "exports" / "store"))
    ap.add_argument("--details", action="store_true", help="list what was missed and what was extra")
    args = ap.parse_args()
    store = open_store(args.store)
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
        if args.details:
            for k in ("missed", "extra", "missed_entities", "extra_entities"):
                for x in s[k]:
                    print(f"    {k}: {x if not isinstance(x, dict) else {q: x.get(q) for q in ('kind', 'subject', 'object', 'sentence')}}")
    e, c = total(scores, "entities"), total(scores, "claims")
    print(f"{'all (micro)':32} entities P {e['precision']:.2f} R {e['recall']:.2f} ({e['tp']}/{e['found']}/{e['expected']})"
          f"   claims P {c['precision']:.2f} R {c['recall']:.2f} ({c['tp']}/{c['found']}/{c['expected']})")


if __name__ == "__main__":
    main()
