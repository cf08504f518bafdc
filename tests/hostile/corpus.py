"""The hostile inputs of issue 14, one case per family: each must end in a clear error naming
file, line and field where there is a file (exit 1 or 2; or the right answer, exit 0) and
change nothing. See :mod:`tests.hostile.world` for how a case is run and judged."""
from __future__ import annotations

import json
import os

from tests.hostile.world import Case, World

STUDY = {"protocolSection": {"identificationModule": {"nctId": "NCT99000200", "acronym": "HOSTILE"}}}


def _study(w: World, name: str, **modules) -> str:
    study = json.loads(json.dumps(STUDY))
    study["protocolSection"].update(modules)
    return str(w.file(name, json.dumps(study)))


def _civic_row(w: World, **values: str) -> str:
    from tests.importers.conftest import FIXTURES

    lines = (FIXTURES / "civic" / "ClinicalEvidenceSummaries.tsv").read_text(encoding="utf-8").splitlines()
    cols, row = lines[0].split("\t"), lines[1].split("\t")
    for k, v in values.items():
        row[cols.index(k)] = v
    return str(w.file("ClinicalEvidenceSummaries.tsv", lines[0] + "\n" + "\t".join(row) + "\n"))


def _damage(path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(0, len(data), 7):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def _no_phase_trial(w: World) -> list[str]:
    from kg.sources.importers import run_import

    ivs = {"interventions": [{"type": "DRUG", "name": "atezolizumab"}]}
    run_import(w.store, "ctgov", [_study(w, "nophase.json", armsInterventionsModule=ivs)], data_dir=w.data)
    return ["query", "trials", "atezolizumab", "--phase", "3", *w.s()]


def _build(w: World) -> list[str]:
    return ["build", *w.d(), *w.s(), "--exports", str(w.exports)]


def _replace_with(w: World, name: str, make) -> list[str]:
    path = w.data / name
    path.unlink()
    make(path)
    return _build(w)


CASES = [
    # what a user types: bound as text, never pasted as an IRI
    Case("lookup <a b>", lambda w: ["lookup", "<a b>", *w.s()], r"not found: '<a b>'"),
    Case("trials <x>", lambda w: ["query", "trials", "<x>", *w.s()], r"not found: '<x>'"),
    Case("evidence <img>", lambda w: ["query", "evidence", "<img src=x onerror=alert(1)>", "TNBC", *w.s()],
         r"not found: '<img src=x"),
    Case("path <a b>", lambda w: ["query", "path", "atezolizumab", "<a b>", *w.s()], r"not found: '<a b>'"),
    Case("viz <x>", lambda w: ["viz", "<x>", "--output", str(w.exports / "v.html"), *w.s()], r"not found: '<x>'"),
    # identifiers that pass a pattern must make IRIs
    Case("DOI with >\"<{}|", lambda w: (w.append("publications.yaml", '\n- id: \'DOI:10.1000/a>"<{}|\'\n  title: x\n'
                                                  '  sources: [PMID:1]\n'), _build(w))[1],
         r"publications\.yaml:\d+: id: malformed identifier: .*not a well-formed DOI identifier"),
    # ClinicalTrials.gov records of the wrong shape
    Case("ctgov statusModule as text", lambda w: ["import", "ctgov", _study(w, "s.json", statusModule="x"), *w.s()],
         r"s\.json: no valid record to import .*s\.json:1: NCT99000200: statusModule is text, not an object"),
    Case("ctgov designModule as a list", lambda w: ["import", "ctgov", _study(w, "d.json", designModule=["x"]),
                                                   *w.s()], r"designModule is a list, not an object"),
    Case("JSON nested 100,000 deep", lambda w: ["import", "ctgov", str(w.file("deep.json", "[" * 100_000 +
                                                                                "]" * 100_000)), *w.s()],
         r"deep\.json: JSON nested too deeply"),
    Case("YAML nested 20,000 deep", lambda w: (w.append("drugs.yaml", "- id: KG:drug-x\n  name: " + "[" * 20_000
                                                        + "]" * 20_000 + "\n"), ["validate", *w.d()])[1],
         r"drugs\.yaml:\d+: YAML"),
    Case("YAML nested 500 deep", lambda w: (w.append("drugs.yaml", "- id: KG:drug-x\n  name: " + "{a: " * 500
                                                     + "1" + "}" * 500 + "\n"), ["validate", *w.d()])[1],
         r"drugs\.yaml: YAML nested too deeply"),
    Case("a 50 MB literal", lambda w: (w.append("drugs.yaml", "- id: KG:drug-x\n  name: " + "x" * 50_000_000 + "\n"),
                                       ["validate", *w.d()])[1], r"drugs\.yaml: too large"),
    Case("a 100 kB name", lambda w: (w.append("drugs.yaml", "- id: KG:drug-x\n  name: " + "x" * 100_000 +
                                              "\n  sources: [PMID:1]\n"), ["validate", *w.d()])[1],
         r"drugs\.yaml:\d+: name: text of 100,000 characters \(the limit is 65,536\)"),
    # damaged store files
    Case("corrupt kg-meta.json", lambda w: ((w.store / "kg-meta.json").write_text('{"partitions": ['),
                                            ["lookup", "atezolizumab", *w.s()])[1], r"kg-meta\.json is damaged"),
    Case("corrupt SST file", lambda w: (_damage(sorted((w.store / "data").glob("*.sst"))[0]),
                                        ["query", "approvals", *w.s()])[1], r"the store at .* is damaged or unreadable"),
    Case("corrupt history file", lambda w: (w.layers.mkdir(exist_ok=True),
                                            (w.layers / "civic.history.jsonl").write_text('{"at": 5}\n'),
                                            ["layers", *w.s(), "history", "civic"])[2],
         r"civic\.history\.jsonl:1: damaged history entry: 'at' is not a time"),
    # CIViC
    Case("CIViC field over 131,072 characters",
         lambda w: ["import", "civic", _civic_row(w, evidence_statement="x" * 140_000), *w.s()],
         r"no valid record to import .*ClinicalEvidenceSummaries\.tsv:2: unreadable row: field larger than field limit"),
    # endpoints that answer garbage
    Case("--endpoint answering garbage", lambda w: ["query", "approvals", "--endpoint", f"{w.endpoint}/not-json/sparql"],
         r"unreadable SPARQL results from"),
    Case("kg push to a server answering garbage",
         lambda w: ["push", "--endpoint", f"{w.endpoint}/not-ntriples/gsp", "--graph", "urn:kg", *w.s()],
         r"answered GET of graph urn:kg with what is not N-Triples"),
    # files that are not regular files
    Case("FIFO as a curated file", lambda w: (os.unlink(w.data / "claims.yaml"), os.mkfifo(w.data / "claims.yaml"),
                                              ["validate", *w.d()])[2],
         r"claims\.yaml: not a regular file \(a FIFO\)", child=True),
    Case("/dev/zero as a curated file", lambda w: _replace_with(w, "claims.yaml", lambda p: os.symlink("/dev/zero", p)),
         r"claims\.yaml: not a regular file \(a character device\)", child=True),
    Case("FIFO as an import file", lambda w: (os.mkfifo(w.root / "ev.tsv"), ["import", "civic", str(w.root / "ev.tsv"),
                                                                          *w.s()])[1],
         r"ev\.tsv: not a regular file \(a FIFO\)", child=True),
    Case("/dev/zero as an import file", lambda w: (os.symlink("/dev/zero", w.root / "zero.jsonl"),
                                                   ["import", "ctgov", str(w.root / "zero.jsonl"), *w.s()])[1],
         r"zero\.jsonl: not a regular file \(a character device\)", child=True),
    # curated data that shrinks or grows unnoticed
    Case("emptied claims.yaml", lambda w: ((w.data / "claims.yaml").write_text(""), _build(w))[1],
         r"claims\.yaml: holds no records"),
    Case("deleted claims.yaml", lambda w: ((w.data / "claims.yaml").unlink(), _build(w))[1],
         r"claims\.yaml: missing; .*MANIFEST lists it with 51 records"),
    Case("unknown yaml in data/", lambda w: ((w.data / "drug.yaml").write_text("- id: DRUGBANK:DB00001\n"), _build(w))[1],
         r"drug\.yaml: not in .*MANIFEST"),
    Case("symlink loop", lambda w: _replace_with(w, "claims.yaml", lambda p: os.symlink(p.name, p)),
         r"claims\.yaml: cannot read: Too many levels of symbolic links"),
    Case("dangling link", lambda w: _replace_with(w, "claims.yaml", lambda p: os.symlink("gone.yaml", p)),
         r"claims\.yaml: a link to nothing"),
    # options
    Case("--phase 'x } ;'", lambda w: ["query", "trials", "atezolizumab", "--phase", "x } ;", *w.s()],
         r"Invalid value for '--phase': 'x } ;' is not a phase", codes=(2,)),
    Case("kg serve --timeout nan", lambda w: ["serve", "--timeout", "nan", "--port", "0", *w.s()],
         r"'nan' is not a finite number", codes=(2,), child=True),  # (accepted, it would serve forever)
    Case("kg serve --timeout -1", lambda w: ["serve", "--timeout", "-1", "--port", "0", *w.s()], r"not in the range",
         codes=(2,), child=True),
    # values no record may hold
    Case("javascript: URL", lambda w: (w.edit("organizations.yaml", 'url: "https://www.fda.gov"',
                                              "url: javascript:alert(1)"), _build(w))[1],
         r"organizations\.yaml:\d+: url: 'javascript:alert\(1\)' is not an http\(s\) URL"),
    Case("NUL byte in a name", lambda w: (w.edit("drugs/atezolizumab/drugs.yaml", "name: atezolizumab", 'name: "atezo\\0lizumab"'),
                                          _build(w))[1],
         r"drugs\.yaml:\d+: name: control character U\+0000"),
    Case("negative enrolment", lambda w: (w.edit("drugs/atezolizumab/trials.yaml", "enrollment: 1280", "enrollment: -1280"), _build(w))[1],
         r"trials\.yaml:\d+: enrollment: -1280 is negative"),
    Case("a trial without a phase", _no_phase_trial, r"\d+ results", codes=(0,)),
    # user errors typed as such
    Case("as-of a date that is not one", lambda w: ["query", "as-of", "2020-13-45", *w.s()],
         r"bad date '2020-13-45'", codes=(2,)),
]
