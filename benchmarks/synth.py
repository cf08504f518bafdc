"""A realistic synthetic drug/target/trial/indication/approval dataset, built from the real
model classes so that the graph and its RDF have exactly the shape of the curated data.

One "programme" is a drug with its targets, trials (phases 1-3, with results both ways),
publications and approvals; programmes share targets, indications and organisations.
"""
from __future__ import annotations

import random

from kg.schema import model as m


def dataset(programmes: int, seed: int = 7) -> m.Dataset:
    rnd = random.Random(seed)
    S = (m.Source("https://example.org/synthetic"),)
    n_targets, n_inds = max(5, programmes // 20), max(5, programmes // 10)
    orgs = [m.Organization(id="KG:org-fda", name="US Food and Drug Administration", synonyms=("FDA",),
                           kind="regulator", sources=S),
            m.Organization(id="KG:org-sponsor", name="Sponsor", kind="company", sources=S)]
    targets = [m.Target(id=f"HGNC:{90000 + i}", name=f"Target {i}", symbol=f"TGT{i}", synonyms=(f"T{i}",),
                        xrefs=(f"UniProtKB:P{10000 + i:05d}",), sources=S) for i in range(n_targets)]
    inds = [m.Indication(id=f"MONDO:{9000000 + i:07d}", name=f"cancer type {i}", synonyms=(f"CT{i}",),
                         xrefs=(f"DOID:{80000 + i}", f"NCIT:C{70000 + i}"), sources=S) for i in range(n_inds)]
    drugs, mechs, trials, pubs, results, approvals = [], [], [], [], [], []
    contexts, lines = m.CONTEXTS, m.LINES
    for d in range(programmes):
        did = f"DRUGBANK:DB{20000 + d:05d}" if d < 80000 else f"KG:drug-{d}"
        drugs.append(m.Drug(id=did, name=f"drugumab{d}", brands=(f"Brand{d}",), codes=(f"XY-{d}",),
                            xrefs=(f"CHEMBL.COMPOUND:CHEMBL{500000 + d}",), kind="monoclonal antibody",
                            description=f"Synthetic antibody number {d}.", sources=S))
        for k, t in enumerate(rnd.sample(targets, 2)):
            mechs.append(m.Mechanism(id=f"KG:mech-{d}-{k}", drug=did, target=t.id,
                                     action="binds" if k == 0 else "blocks interaction with",
                                     level="regulatory approval", sources=S))
        prog_inds = rnd.sample(inds, 2)
        for j in range(5):
            nct = f"CLINICALTRIALS:NCT{10000000 + d * 5 + j:08d}"
            phase = ("phase 1", "phase 2", "phase 3", "phase 3", "phase 3")[j]
            ind = prog_inds[j % 2]
            setting = m.Setting(context=rnd.choice(contexts), line=rnd.choice(lines), biomarker="marker >= 1%")
            pmid = f"PMID:{30000000 + d * 5 + j}"
            pubs.append(m.Publication(id=pmid, title=f"Trial {d}-{j} results", authors=("Author A",),
                                      journal="J Synth Oncol", year=2015 + j, trials=(nct,), sources=(m.Source(pmid),)))
            trials.append(m.Trial(id=nct, acronym=f"SYN{d}-{j}", aliases=(f"S{d}x{j}",), phase=phase,
                                  design="randomised, open-label", setting=setting, conditions=(ind.id,),
                                  interventions=(did,), arms=(m.Arm(name="drug", role="experimental", drugs=(did,)),
                                                              m.Arm(name="control", role="control")),
                                  enrollment=rnd.randint(20, 1500), primary_endpoints=("overall survival",),
                                  sponsor="KG:org-sponsor", publications=(pmid,), sources=(m.Source(nct),)))
            for r in range(3):
                hr = round(rnd.uniform(0.5, 1.3), 2)
                good = hr < 0.9
                results.append(m.Result(
                    id=f"KG:res-{d}-{j}-{r}", trial=nct, drug=did, indication=ind.id, setting=setting,
                    kind="efficacy", endpoint=("overall survival", "progression-free survival", "response")[r],
                    population="ITT", measure="HR", value=hr, ci=(round(hr - 0.1, 2), round(hr + 0.1, 2)),
                    p=0.01 if good else 0.4, met=good, level=m.LEVELS[2 + min(j, 2)],
                    direction="supports" if good else "does not support", sources=(m.Source(pmid, "abstract"),)))
        for a in range(2):
            pivotal = f"CLINICALTRIALS:NCT{10000000 + d * 5 + 3 + a:08d}"
            withdrawn = rnd.random() < 0.15
            approvals.append(m.Approval(
                id=f"KG:appr-{d}-{a}", drug=did, indication=(prog_inds[a].id,), agency="KG:org-fda",
                date=f"{2010 + rnd.randint(0, 12)}-{rnd.randint(1, 12):02d}-15",
                type=rnd.choice(("regular", "accelerated")), setting=m.Setting(context="advanced", line="first"),
                pivotal_trials=(pivotal,),
                events=(m.Event(event="withdrawal announced", date="2023-12-01", by="KG:org-sponsor", sources=S),
                        m.Event(event="withdrawn", date="2024-01-15", sources=S,
                                trials=(f"CLINICALTRIALS:NCT{10000000 + d * 5 + 2:08d}",))) if withdrawn else (),
                confirmatory_trials=(f"CLINICALTRIALS:NCT{10000000 + d * 5 + 2:08d}",) if withdrawn else (),
                sources=S))
    return m.Dataset({"organizations": tuple(orgs), "drugs": tuple(drugs), "targets": tuple(targets),
                      "indications": tuple(inds), "mechanisms": tuple(mechs), "publications": tuple(pubs),
                      "trials": tuple(trials), "results": tuple(results), "approvals": tuple(approvals)})
