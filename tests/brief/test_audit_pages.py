"""`kg audit` of generated pages: 0 outdated and 0 contradicted claims for every drug with
approvals, in Markdown and in HTML, for both audiences; and the atezolizumab page against the
seed evidence page, each of the seed's errors corrected."""
from __future__ import annotations

import pytest

from tests.conftest import shared
from tests.brief.conftest import ATEZO


def _audit(store, tmp_path, name, text):
    from kg.query.audit import audit_file

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    _, results = audit_file(path, store)
    return results


def _bad(results):
    return [(r["verdict"], r["claim"]["kind"], r["sentence"][:120]) for r in results
            if r["verdict"] in ("outdated", "contradicted")]




@pytest.mark.parametrize("fmt,audience", [("md", "general"), ("html", "general"), ("md", "clinician")])
def test_every_drug_page_audits_clean(store, page_of, drugs_with_approvals, tmp_path, fmt, audience):
    from kg.brief.html import render_html
    from kg.brief.markdown import render_markdown

    render = render_html if fmt == "html" else render_markdown
    counts = {}
    for drug, name in drugs_with_approvals:
        results = _audit(store, tmp_path, f"{name}.{fmt}", render(page_of(drug, audience=audience)))
        bad = _bad(results)
        assert bad == [], name  # neither outdated nor contradicted
        counts[name] = sum(r["verdict"] == "consistent" for r in results)
    assert all(n > 0 for n in counts.values()), counts  # the audit did read the pages
    assert counts["atezolizumab"] > 100 and counts["pembrolizumab"] > 300


def test_atezolizumab_page_corrects_each_seed_error(store, page_of, tmp_path):
    """The seed page lists urothelial carcinoma among current approvals, calls the evidence
    mostly preclinical with no randomised confirmation, and credits IMpower trials with
    hepatocellular carcinoma; our page, audited the same way, says none of that."""
    from kg.brief.markdown import render_markdown
    from kg.query.audit import audit_file

    seed = shared("seeds", "atezolizumab-stage-iv-evidence-page.txt")
    _, seed_results = audit_file(seed, store)
    seed_bad = _bad(seed_results)
    assert seed_bad, "the seed page has errors the audit finds"
    text = render_markdown(page_of(ATEZO))
    ours = _audit(store, tmp_path, "atezolizumab.md", text)
    assert _bad(ours) == []
    # 1. urothelial carcinoma: the seed has it among current approvals (outdated); our page tells its end
    assert any(v == "outdated" and k == "approval" for v, k, _ in seed_bad)
    assert "ended 2021-04-13 (end announced 2021-03-07)" in text and "ended 2022-12-02" in text
    uc = [r for r in ours if r["claim"]["kind"] == "withdrawal" and r["claim"]["object"] == "MONDO:0040679"]
    assert uc and all(r["verdict"] == "consistent" for r in uc)
    # 2. "mostly preclinical", "no randomised trial confirmed efficacy": our page grades phase 3 trials
    assert "preclinical" not in text.split("## About this page")[0]
    assert "(NCT02763579, evidence level phase 3) supports atezolizumab" in text  # IMpower133
    # 3. IMpower trials credited with hepatocellular carcinoma: ours names IMbrave150 there
    assert any(v == "contradicted" and "IMpower trials" in s for v, _, s in seed_bad)
    assert "In hepatocellular carcinoma, IMbrave150 (NCT03434379, evidence level phase 3) supports" in text
    hcc = text.split("### hepatocellular carcinoma")[1].split("###")[0]
    assert "IMpower" not in hcc
    # the TNBC approval, current in the seed, is told with its withdrawal
    assert "withdrawal of the FDA indication of atezolizumab in triple-negative breast carcinoma" in text
