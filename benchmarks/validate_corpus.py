"""Check a gold corpus folder (format: tests/fixtures/corpus/GOLD.md): every article has a gold
file, each gold file parses, its fields are valid, and every gold sentence (claims and
not_claims) is an exact substring of its article (or of its text once HTML marks are removed).
Prints the problems, one a line, and a summary; exits 1 when there is any.

    python benchmarks/validate_corpus.py benchmarks/corpus/dev8
"""
import html, json, re, sys
from pathlib import Path

KINDS = {"approval", "withdrawal", "result", "enrolment", "mechanism"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MEASURES = {"HR", "OR", "RR", "difference", "rate", "median", "ORR", "pCR"}

def plain(s):
    """Text without HTML marks, entities decoded, spaces folded."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", " ", s))).strip()

def main(folder):
    """Check ``folder``; 0 when it is sound, else 1."""
    folder = Path(folder); bad = 0; n = 0; counts = {}
    arts = [p for p in folder.iterdir() if p.suffix in {".txt", ".md", ".html"} and not p.name.startswith("README")]
    for art in sorted(arts):
        gp = art.with_name(art.stem + ".gold.json")
        if not gp.exists():
            print(f"{art.name}: no gold file"); bad += 1; continue
        try:
            gold = json.loads(gp.read_text())
        except json.JSONDecodeError as e:
            print(f"{gp.name}: bad JSON: {e}"); bad += 1; continue
        text = art.read_text(); ptext = plain(text)
        for i, c in enumerate(gold.get("claims", [])):
            n += 1; where = f"{gp.name} claim {i}"
            k = c.get("kind"); counts[k] = counts.get(k, 0) + 1
            if k not in KINDS: print(f"{where}: kind {k!r}"); bad += 1
            s = c.get("sentence", "")
            if not s or (s not in text and plain(s) not in ptext):
                print(f"{where}: sentence not found in article: {s[:80]!r}"); bad += 1
            for f in ("date", "announced", "effective"):
                if f in c and not DATE.match(str(c[f])): print(f"{where}: {f} {c[f]!r} not ISO"); bad += 1
            if k == "result":
                if "value" in c and c.get("measure") not in MEASURES: print(f"{where}: measure {c.get('measure')!r}"); bad += 1
                if "value" not in c and "met" not in c: print(f"{where}: a result needs a value, or met for a qualitative one"); bad += 1
            if k in {"approval", "withdrawal", "result", "mechanism"} and not c.get("drug"):
                print(f"{where}: no drug"); bad += 1
            if k == "enrolment" and not isinstance(c.get("n"), int): print(f"{where}: n must be an int"); bad += 1
            if c.get("verdict") not in {"consistent", "outdated", "contradicted", "not in graph"}:
                print(f"{where}: verdict {c.get('verdict')!r}"); bad += 1
        for j, nc in enumerate(gold.get("not_claims", [])):
            s = nc.get("sentence", "")
            if not s or (s not in text and plain(s) not in ptext):
                print(f"{gp.name} not_claim {j}: sentence not found: {s[:80]!r}"); bad += 1
    print(f"{len(arts)} articles, {n} claims {counts}, {bad} problems")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
