"""A fresh batch of hostile inputs of the kinds issue 14 found, but not the ones it listed:
other argument shapes, identifiers and values, YAML tricks, damaged layer, pending, lock and
manifest files, non-regular inputs, importer records of other wrong shapes, endpoints that
answer other garbage, options out of range, and silent-loss variants. Judged like the corpus
(:mod:`tests.hostile.world`).

Run ``python -m tests.hostile.fresh`` from the project folder for the counts: every case in a
child process (the CLI as a user runs it), then cases, tracebacks, exit codes and whether the
store and the data stayed unchanged.
"""
from __future__ import annotations

import gzip
import json
import os

from tests.hostile.corpus import STUDY, _build, _civic_row, _replace_with, _study
from tests.hostile.world import Case, World


def _layer(w: World, mutate) -> list[str]:
    """A layer file of one record (a drug), written by the project's writer, then changed by
    ``mutate(lines) -> lines``; the command is a build."""
    from kg.schema import model
    from kg.sources.layers import layer_lines

    rec = model.Drug(id="KG:drug-fresh", name="freshimab", sources=(model.Source("infores:test", agent="automated_agent"),))
    lines = mutate(layer_lines("fresh", [rec], {}))
    w.layers.mkdir(exist_ok=True)
    (w.layers / "fresh.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    return _build(w)


def _laughs() -> str:
    out = "\n- &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 10):
        out += f"- &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
    return out + "- id: KG:drug-lol\n  name: lol\n  synonyms: *a9\n  sources: [PMID:1]\n"


def _ctgov_text(w: World, name: str, text: str | bytes) -> list[str]:
    return ["import", "ctgov", str(w.file(name, text)), *w.s()]


def _fifo(path) -> None:
    if os.path.lexists(path):
        os.unlink(path)
    os.mkfifo(path)


def _half(w: World, name: str) -> list[str]:
    path = w.data / name
    chunks = path.read_text(encoding="utf-8").split("\n- ")
    path.write_text("\n- ".join(chunks[: len(chunks) // 2]) + "\n", encoding="utf-8")
    return _build(w)


def _pending_fifo(w: World) -> list[str]:
    w.layers.mkdir(exist_ok=True)
    _fifo(w.layers / "fresh.jsonl.pending")
    return _build(w)


def _history_fifo(w: World) -> list[str]:
    w.layers.mkdir(exist_ok=True)
    _fifo(w.layers / "ctgov.history.jsonl")
    return ["import", "ctgov", _study(w, "ok.json"), *w.s()]


def _civic_dir_with_fifo(w: World) -> list[str]:
    folder = w.root / "civic"
    folder.mkdir()
    _fifo(folder / "ClinicalEvidenceSummaries.tsv")
    return ["import", "civic", str(folder), *w.s()]


def _tsv(w: World, name: str, header: str, row: str) -> str:
    return str(w.file(name, header + "\n" + row + "\n"))


CASES = [
    # arguments of other shapes
    Case("lookup with terminal escapes", lambda w: ["lookup", "\x1b[2J\x1b]0;owned\x07", *w.s()],
         r"not found: '\\x1b\[2J", absent="\x1b"),
    Case("lookup of undecodable bytes", lambda w: ["lookup", "\udcff\udcfe", *w.s()], r"not found", child=True),
    Case("lookup of 100,000 characters", lambda w: ["lookup", "atezolizumab" * 8_000, *w.s()], r"not found"),
    Case("evidence for empty names", lambda w: ["query", "evidence", "", "", *w.s()], r"not found: ''"),
    Case("as-of a month only", lambda w: ["query", "as-of", "2020-02", *w.s()], r"needs a full date", codes=(2,)),
    Case("--max-paths 0", lambda w: ["query", "path", "atezolizumab", "OAK", "--max-paths", "0", *w.s()],
         r"Invalid value for '--max-paths'", codes=(2,)),
    Case("viz into a path under a file", lambda w: ["viz", "--output", str(w.file("f", "x") / "v.html"), *w.s()],
         r"(Not a directory|File exists).*files/f", codes=(1,)),
    # identifiers and values
    Case("PMID in Arabic-Indic digits", lambda w: (w.append("publications.yaml", "\n- id: 'PMID:1٢٣'\n  sources: "
                                                            "[PMID:1]\n"), _build(w))[1],
         r"publications\.yaml:\d+: id: malformed identifier: 'PMID:1٢٣' is not a well-formed PMID"),
    Case("DOI with a line separator", lambda w: (w.append("publications.yaml", '\n- id: "DOI:10.1000/a\\u2028b"\n'
                                                          "  sources: [PMID:1]\n"), _build(w))[1],
         r"publications\.yaml:\d+: id: malformed identifier"),
    Case("file: URL as a source", lambda w: (w.append(
        "drugs.yaml", "\n- id: KG:drug-f\n  name: f\n  sources: ['file:///etc/passwd']\n"), _build(w))[1],
         r"drugs\.yaml:\d+: sources\[0\]: bad source"),
    Case("data: URL in a document", lambda w: (w.edit("documents.yaml", "  kind: news report\n",
                                                      "  kind: news report\n  url: 'data:text/html,<b>x</b>'\n"),
                                               _build(w))[1],
         r"documents\.yaml:\d+: url: 'data:text/html,<b>x</b>' is not an http\(s\) URL"),
    Case("a year of 20 digits", lambda w: (w.edit("drugs/atezolizumab/publications.yaml", "year: 2021", "year: 99999999999999999999"),
                                           _build(w))[1], r"publications\.yaml:\d+: year: a number of 20 digits"),
    Case("a NaN confidence bound", lambda w: (w.edit("drugs/atezolizumab/results.yaml", "ci: [0.50, 0.88]", "ci: [.nan, 0.88]"),
                                              _build(w))[1], r"results\.yaml:\d+: ci\[0\]: nan is not a finite number"),
    Case("right-to-left override in a name", lambda w: (w.edit("drugs/atezolizumab/drugs.yaml", "name: atezolizumab",
                                                               'name: "atezo\\u202Ebamuzil"'), _build(w))[1],
         r"drugs\.yaml:\d+: name: bidirectional override U\+202E"),
    Case("YAML key that is a list", lambda w: (w.append("drugs.yaml", "\n- ? [a, b]\n  : 1\n"), _build(w))[1],
         r"drugs\.yaml:\d+: a key must be text, not list"),
    Case("YAML billion laughs", lambda w: (w.append("drugs.yaml", _laughs()), _build(w))[1],
         r"drugs\.yaml:\d+: synonyms\[0\]: expected text, got list"),
    Case("YAML !!binary", lambda w: (w.append("drugs.yaml", "\n- id: KG:drug-b\n  name: !!binary aGVsbG8=\n"
                                                            "  sources: [PMID:1]\n"), _build(w))[1],
         r"drugs\.yaml:\d+: name: expected text, got bytes"),
    Case("YAML !!python/object", lambda w: (w.append("drugs.yaml", "\n- !!python/object/apply:os.system [id]\n"),
                                            _build(w))[1], r"drugs\.yaml:\d+: YAML syntax: could not determine a constructor"),
    # damaged layer, pending, lock, meta and manifest files
    Case("layer file cut mid-line", lambda w: _layer(w, lambda ls: ls[:-1] + [ls[-1][:25]]),
         r"fresh\.jsonl:2: not JSON"),
    Case("NUL in a layer record", lambda w: _layer(w, lambda ls: ls[:-1] + [ls[-1].replace("freshimab", "fresh\\u0000")]),
         r"fresh\.jsonl:2: name: control character U\+0000"),
    Case("lone surrogate in a layer record",
         lambda w: _layer(w, lambda ls: ls[:-1] + [ls[-1].replace("freshimab", "fresh\\ud800")]),
         r"fresh\.jsonl:2: name: lone surrogate U\+D800"),
    Case("layer record nested 10,000 deep", lambda w: _layer(w, lambda ls: ls[:-1] + [ls[-1].replace(
        '"name": "freshimab"', '"name": ' + "[" * 10_000 + "]" * 10_000)]), r"fresh\.jsonl:2: (not JSON|nested too)"),
    Case("pending layer file that is a FIFO", _pending_fifo, r"fresh\.jsonl\.pending: not a regular file \(a FIFO\)",
         child=True),
    Case("history file that is a FIFO", _history_fifo, r"ctgov\.history\.jsonl: not a regular file \(a FIFO\)",
         child=True),
    Case("lock file that is a FIFO", lambda w: (_fifo(w.store.with_name(w.store.name + ".lock")), _build(w))[1],
         r"the lock file .* is not a regular file", child=True),
    Case("kg-meta.json that is a FIFO", lambda w: (_fifo(w.store / "kg-meta.json"), ["stats", *w.s()])[1],
         r"kg-meta\.json: not a regular file \(a FIFO\)", child=True),
    Case("kg-meta.json with a list of partitions", lambda w: ((w.store / "kg-meta.json").write_text(
        '{"store_format": 3, "partitions": []}'), ["stats", *w.s()])[1], r"kg-meta\.json is damaged \(partitions is list"),
    Case("kg-meta.json nested 100,000 deep", lambda w: ((w.store / "kg-meta.json").write_text("[" * 100_000),
                                                        ["stats", *w.s()])[1], r"kg-meta\.json is damaged \(nested"),
    Case("removing a layer with a damaged line", lambda w: (_layer(w, lambda ls: ls + ['{"kind": "drugs"}']),
                                                            ["layers", *w.s(), "remove", "fresh"])[1],
         r"fresh\.jsonl:3: a layer line is"),
    Case("store without its index", lambda w: (_replace_dir(w.store / "index"), ["lookup", "OAK", *w.s()])[1],
         r"the store at .* is damaged or unreadable"),
    Case("MANIFEST that is a FIFO", lambda w: (_fifo(w.data / "MANIFEST"), ["validate", *w.d()])[1],
         r"MANIFEST: not a regular file \(a FIFO\)", child=True),
    Case("--data /dev/null", lambda w: ["validate", "--data", "/dev/null"], r"/dev/null: data directory not found"),
    # inputs that are not what an importer reads
    Case("a folder holding a FIFO as its evidence file", _civic_dir_with_fifo,
         r"ClinicalEvidenceSummaries\.tsv: not a regular file \(a FIFO\)", child=True),
    Case("/proc/self/mem as an import file", lambda w: ["import", "civic", "/proc/self/mem", *w.s()],
         r"/proc/self/mem: cannot read"),
    Case("UTF-16 evidence file", lambda w: ["import", "civic", str(w.file("e.tsv", "evidence_id\tx\n1\t2\n".encode(
        "utf-16"))), *w.s()], r"e\.tsv:1: not UTF-8 text"),
    Case("gzip as a ctgov JSON file", lambda w: _ctgov_text(w, "s.json", gzip.compress(json.dumps(STUDY).encode())),
         r"s\.json: not UTF-8 text"),
    Case("ctgov file holding null", lambda w: _ctgov_text(w, "n.json", "null"),
         r"no valid record to import .*not a study record"),
    Case("ctgov studies as an object", lambda w: _ctgov_text(w, "o.json", '{"studies": {"a": 1}}'),
         r"o\.json:1: 'studies' is not a list"),
    Case("ctgov nctId as a number", lambda w: _ctgov_text(w, "i.json", '{"protocolSection": {"identificationModule": '
                                                                      '{"nctId": 99000200}}}'),
         r"no valid record to import .*not a study record"),
    Case("ctgov title of 100 kB", lambda w: ["import", "ctgov", _study(w, "t.json", identificationModule={
        "nctId": "NCT99000201", "briefTitle": "x" * 100_000}), *w.s()],
         r"no valid record .*t\.json:1: .*title: text of 100,000 characters"),
    Case("ctgov sponsor with a NUL", lambda w: ["import", "ctgov", _study(w, "sp.json", sponsorCollaboratorsModule={
        "leadSponsor": {"name": "Evil\u0000Corp"}}), *w.s()],
         r"no valid record .*Organization KG:org-evil-corp: name: control character U\+0000"),
    Case("CIViC carriage return inside a field", lambda w: ["import", "civic", _civic_row(
        w, evidence_statement="a\rb"), *w.s()], r"no valid record .*:2: unreadable row"),
    Case("CIViC NUL inside a field", lambda w: ["import", "civic", _civic_row(w, evidence_statement="a\x00b"), *w.s()],
         r"no valid record .*:2: Evidence KG:civic-eid-1: statement: control character U\+0000"),
    Case("PharmacotherapyDB disease with an escape", lambda w: ["import", "pharmacotherapydb", _tsv(
        w, "indications.tsv", "doid_id\tdrugbank_id\tdisease\tdrug\tcategory\tn_curators\tn_resources",
        "DOID:10652\tDB00843\tAlz\x1bheimer\tDonepezil\tDM\t2\t1"), *w.s()],
         r"no valid record .*indications\.tsv:2: .*control character U\+001B"),
    Case("Hetionet name with DEL", lambda w: ["import", "hetionet-nodes", _tsv(
        w, "nodes.tsv", "id\tname\tkind", "Compound::DB09999\tImat\x7finib\tCompound"), *w.s()],
         r"no valid record .*nodes\.tsv:2: .*control character U\+007F"),
    # endpoints answering other garbage
    Case("endpoint answering terminal escapes", lambda w: ["query", "approvals", "--endpoint",
                                                           f"{w.endpoint}/terminal/sparql"],
         r"answered a query with text/html", absent="\x1b"),
    Case("endpoint answering unbound variables", lambda w: ["query", "trials", "atezolizumab", "--endpoint",
                                                            f"{w.endpoint}/unbound/sparql"],
         r"answered with data that is not the graph kg push writes"),
    Case("endpoint answering NUL bytes", lambda w: ["query", "approvals", "--endpoint", f"{w.endpoint}/nul/sparql"],
         r"unreadable SPARQL results"),
    Case("endpoint answering true to a SELECT", lambda w: ["query", "withdrawn", "--endpoint",
                                                           f"{w.endpoint}/boolean/sparql"],
         r"answered a SELECT query with true or false"),
    Case("push whose count is a word", lambda w: ["push", "--endpoint", f"{w.endpoint}/html/gsp", "--protocol",
                                                  "update", "--graph", "urn:kg", "--query-endpoint",
                                                  f"{w.endpoint}/count-text/sparql", *w.s()],
         r"answered the triple count of urn:kg with .*not a number"),
    Case("file: URL as an endpoint", lambda w: ["query", "approvals", "--endpoint", "file:///etc/passwd"],
         r"bad endpoint URL 'file:///etc/passwd'"),
    Case("graph IRI with a bracket", lambda w: ["query", "approvals", "--endpoint", f"{w.endpoint}/x/sparql",
                                               "--graph", "urn:a> <b"], r"bad graph IRI"),
    # options out of range
    Case("kg serve --port 99999", lambda w: ["serve", "--port", "99999", *w.s()], r"Invalid value for '--port'",
         codes=(2,), child=True),
    Case("kg viz --depth 11", lambda w: ["viz", "OAK", "--depth", "11", *w.s()], r"Invalid value for '--depth'",
         codes=(2,)),
    Case("kg push --batch 0", lambda w: ["push", "--endpoint", f"{w.endpoint}/x", "--graph", "urn:kg", "--batch", "0",
                                         *w.s()], r"Invalid value for '--batch'", codes=(2,)),
    # silent loss, other ways
    Case("a data file renamed .yml", lambda w: ((w.data / "claims.yaml").rename(w.data / "claims.yml"), _build(w))[1],
         r"claims\.yaml: missing"),
    Case("a data file cut in half", lambda w: _half(w, "drugs/atezolizumab/results.yaml"), r"results\.yaml: holds \d+ records; .* at least 56"),
    Case("a data file that is a mapping", lambda w: ((w.data / "targets.yaml").write_text("id: HGNC:1\n"), _build(w))[1],
         r"targets\.yaml:1: the file must be a list of records"),
    Case("MANIFEST and claims.yaml both deleted", lambda w: ((w.data / "MANIFEST").unlink(),
                                                             (w.data / "claims.yaml").unlink(), _build(w))[2],
         r"MANIFEST: no manifest of the data files"),
    Case("a hidden copy of a data file", lambda w: ((w.data / ".claims.yaml").write_bytes(
        (w.data / "claims.yaml").read_bytes()), _build(w))[1], r"\.claims\.yaml: not in"),
    Case("a data file that is a folder", lambda w: _replace_with(w, "targets.yaml", lambda p: p.mkdir()),
         r"targets\.yaml: not a regular file \(a folder\)"),
]


def _replace_dir(path) -> None:
    import shutil

    shutil.rmtree(path)


def main() -> int:
    """Run every case in a child process and print the counts (see the module)."""
    import tempfile
    from collections import Counter
    from pathlib import Path

    from kg.build import build
    from tests.hostile.world import ROOT, Garbage, judge, make_world, run_child

    base = Path(tempfile.mkdtemp(prefix="kg-fresh-"))
    build(ROOT / "data", base / "built" / "store", None)
    codes, bad, tracebacks, unchanged = Counter(), [], 0, 0
    with Garbage() as server:
        for i, case in enumerate(CASES):
            w = make_world(base / f"case{i}", base / "built" / "store", server.url)
            outcome = judge(case, w, lambda argv: run_child(argv, timeout=60))
            codes["hang" if outcome.code is None else outcome.code] += 1
            tracebacks += "Traceback" in outcome.out + outcome.err or "internal error" in outcome.out + outcome.err
            unchanged += not outcome.changed
            problems = outcome.problems(case)
            print(f"{'ok ' if not problems else 'BAD'} {outcome.code!s:>4}  {case.family}"
                  + (f"  -- {'; '.join(problems)}" if problems else ""), flush=True)
            if problems:
                bad.append(case.family)
    print(f"\n{len(CASES)} cases; {tracebacks} tracebacks or internal errors; exit codes "
          f"{', '.join(f'{k}: {v}' for k, v in sorted(codes.items(), key=str))}; store and data unchanged in "
          f"{unchanged} of {len(CASES)}; {len(bad)} not as expected")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
