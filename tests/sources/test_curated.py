"""The curated loader: every kind of bad input gives one error naming file, line and field."""
from __future__ import annotations

import pytest

from kg.errors import DataErrors
from kg.sources.curated import load_dataset
from kg.sources.manifest import update


def _edit(data_dir, name, old, new):
    path = data_dir / name
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))
    return path


def _errors(data_dir):
    with pytest.raises(DataErrors) as info:
        load_dataset(data_dir)
    return info.value.errors


def _line_of(path, needle):
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_mini_fixture_is_valid(mini):
    ds = load_dataset(mini)
    assert [t.acronym for t in ds.records["trials"]] == ["IMbrave150"]
    assert ds.records["results"][0].sources[0].where == "abstract"


def test_project_data_is_valid_and_complete(dataset):
    counts = {k: len(v) for k, v in dataset.records.items()}
    assert counts["approvals"] >= 13 and counts["trials"] >= 21 and counts["documents"] == 2
    assert all(r.sources or r.kind_name == "Claim" for r in dataset.all())


@pytest.mark.parametrize("name,old,new,field,needle", [
    ("drugs.yaml", "  kind: monoclonal antibody", "  kind: monoclonal antibody\n  colour: blue", "colour", "colour"),
    ("drugs.yaml", "  sources: [https://go.drugbank.com/drugs/DB00112]", "  sources: []", "sources", "sources: []"),
    ("trials.yaml", "  enrollment: 501", "  enrollment: many", "enrollment", "enrollment: many"),
    ("trials.yaml", "  phase: phase 3", "  phase: phase 9", "phase", "phase: phase 9"),
    ("approvals.yaml", "  date: 2020-05-29", "  date: 2020-02-30", "date", "date: 2020-02-30"),
    ("approvals.yaml", "  date: 2020-05-29", "  date: last spring", "date", "date: last spring"),
    ("approvals.yaml", "  agency: KG:org-fda", "  agency: KG:org-ema", "agency", "agency: KG:org-ema"),
    ("results.yaml", "  trial: NCT03434379", "  trial: NCT0343437", "trial", "trial: NCT0343437"),
    ("results.yaml", "  trial: NCT03434379", "  trial: NCT99999999", "trial", "trial: NCT99999999"),
    ("publications.yaml", "- id: PMID:32402160", "- id: PMID:abc\n  sources: [NCT03434379]\n- id: PMID:32402160",
     "id", "id: PMID:abc"),
    ("trials.yaml", "  publications: [PMID:32402160]", "  publications: [PMID:32402160x]", "publications[0]",
     "PMID:32402160x"),
    ("results.yaml", "{id: PMID:32402160, where: abstract}", "{id: DOI:11.1/x, where: abstract}", "sources[0]",
     "DOI:11.1/x"),
    ("drugs.yaml", "  xrefs: [CHEMBL.COMPOUND:CHEMBL3707227]", "  xrefs: [WHATEVER:1]", "xrefs[0]", "WHATEVER"),
    ("results.yaml", "  value: 0.58", "  value: 0.98", "value", "value: 0.98"),
    ("results.yaml", "  direction: supports", "  direction: maybe", "direction", "direction: maybe"),
    ("indications.yaml", "- id: MONDO:0007256", "- id: DOID:684\n  name: x\n  sources: [NCT03434379]\n- id: MONDO:0007256",
     "id", "id: DOID:684"),
    ("approvals.yaml", "  pivotal_trials: [NCT03434379]", "  status: withdrawn", "status", "status: withdrawn"),
    ("approvals.yaml", "  pivotal_trials: [NCT03434379]", "  pivotal_trials: [NCT03434379]\n  no_pivotal_reason: dosing",
     "pivotal_trials", "pivotal_trials: [NCT"),
    ("approvals.yaml", "  pivotal_trials: [NCT03434379]\n", "", "pivotal_trials", "- id: KG:appr"),
    ("approvals.yaml", "  type: regular", "  type: accelerated-ish", "type", "accelerated-ish"),
    ("indications.yaml", "- id: MONDO:0007256", "- id: KG:ind-x\n  name: x\n  sources: [NCT03434379]\n- id: MONDO:0007256",
     "no_mondo_reason", "id: KG:ind-x"),
    ("trials.yaml", "  enrollment: 501\n", "  not_in_sources: [enrollment, sponsor]\n", "not_in_sources[1]",
     "not_in_sources"),
    ("trials.yaml", "  enrollment: 501\n", "  enrollment: 501\n  not_in_sources: [enrollment]\n", "not_in_sources[0]",
     "not_in_sources"),
    # values no source may give (kg.schema.values; kg.schema.ids.check_url)
    ("organizations.yaml", "  kind: regulator", "  kind: regulator\n  url: javascript:alert(1)", "url", "url:"),
    ("organizations.yaml", "  kind: regulator", "  kind: regulator\n  url: 'http://a b'", "url", "url:"),
    ("trials.yaml", "  enrollment: 501", "  enrollment: -5", "enrollment", "enrollment: -5"),
    # a part of the enrolment counted on its own: a whole number, no larger than the enrolment
    ("trials.yaml", "  enrollment: 501", "  enrollment: 501\n  population_counts: {global: 600}",
     "population_counts.global", "population_counts:"),
    ("trials.yaml", "  enrollment: 501", "  enrollment: 501\n  population_counts: {global: 1.5}",
     "population_counts.global", "population_counts:"),
    ("trials.yaml", "  enrollment: 501", "  enrollment: 501\n  population_counts: {global: many}",
     "population_counts.global", "population_counts:"),
    ("trials.yaml", "  enrollment: 501", "  enrollment: 1000000000000000000000000", "enrollment", "enrollment: 1"),
    ("results.yaml", "  value: 0.58", "  value: .nan", "value", "value: .nan"),
    ("results.yaml", "  value: 0.58", "  value: -.inf", "value", "value: -.inf"),
    ("organizations.yaml", "  name: US Food and Drug Administration", '  name: "US\\0FDA"', "name", "name:"),
    ("organizations.yaml", "  name: US Food and Drug Administration", '  name: "US\\x1bFDA"', "name", "name:"),
    ("organizations.yaml", "  name: US Food and Drug Administration", "  name: " + "x" * 70_000, "name", "name:"),
    ("organizations.yaml", "  synonyms: [FDA]", '  synonyms: [FDA, "a\\x7fb"]', "synonyms[1]", "synonyms:"),
    ("results.yaml", "{id: PMID:32402160, where: abstract}", '{id: PMID:32402160, where: "a\\0"}', "sources[0].where",
     "PMID:32402160, where"),
])
def test_bad_input_is_located(mini, name, old, new, field, needle):
    path = _edit(mini, name, old, new)
    errors = _errors(mini)
    assert len(errors) == 1, [str(e) for e in errors]
    err = errors[0]
    assert err.file.endswith(name) and err.field == field
    assert err.line == _line_of(path, needle)
    assert f"{name}:{err.line}: {field}:" in str(err)


def test_missing_required_field(mini):
    path = _edit(mini, "targets.yaml", "  symbol: CD274\n", "")
    (err,) = _errors(mini)
    assert (err.field, err.line, err.message) == ("symbol", _line_of(path, "- id: HGNC"), "missing required field")


def test_duplicate_id_names_both_places(mini):
    path = mini / "drugs.yaml"
    path.write_text(path.read_text() + "- id: DRUGBANK:DB00112\n  name: again\n  sources: [NCT03434379]\n")
    (err,) = _errors(mini)
    assert "duplicate id DRUGBANK:DB00112" in err.message and "drugs.yaml:" in err.message
    assert err.line == _line_of(path, "name: again") - 1


def test_yaml_syntax_error(mini):
    (mini / "targets.yaml").write_text("- id: HGNC:1\n  name: [unclosed\n")
    (err,) = _errors(mini)
    assert err.file.endswith("targets.yaml") and err.line == 3 and "YAML syntax" in err.message


def test_null_value_is_refused(mini):
    _edit(mini, "trials.yaml", "  design: randomised, open-label, 2:1", "  design:")
    (err,) = _errors(mini)
    assert err.field == "design" and "null" in err.message


def test_several_problems_are_all_reported(mini):
    _edit(mini, "trials.yaml", "  enrollment: 501", "  enrollment: many")
    _edit(mini, "approvals.yaml", "  date: 2020-05-29", "  date: 2020-13-01")
    errors = _errors(mini)
    assert {(e.file.rsplit("/", 1)[-1], e.field) for e in errors} == {("trials.yaml", "enrollment"),
                                                                        ("approvals.yaml", "date")}


def test_not_a_list_and_not_a_mapping(mini):
    (mini / "drugs.yaml").write_text("id: DRUGBANK:DB11595\n")
    errors = _errors(mini)
    assert any("must be a list" in e.message and e.file.endswith("drugs.yaml") for e in errors)


def test_dates_quoted_or_not_and_month_only(mini):
    _edit(mini, "approvals.yaml", "  date: 2020-05-29", "  date: '2020-05'")
    (appr,) = load_dataset(mini).records["approvals"]
    assert appr.date == "2020-05"


def test_bare_nct_becomes_a_curie(mini):
    (trial,) = load_dataset(mini).records["trials"]
    assert trial.id == "CLINICALTRIALS:NCT03434379"
    assert trial.sources[0].id == "CLINICALTRIALS:NCT03434379"


def test_missing_data_dir(tmp_path):
    (err,) = _errors(tmp_path / "nope")
    assert "not found" in err.message


EVENT = """  events:
    - event: withdrawal announced
      date: 2021-08-27
      by: KG:org-fda
      sources: [NCT03434379]
    - event: withdrawn
      date: {date}
      sources: [NCT03434379]
"""


def test_an_approvals_lifecycle_is_read_and_gives_its_status(mini):
    from kg.schema.approval import status_of, withdrawal_dates

    _edit(mini, "approvals.yaml", "  sources: [NCT03434379]",
          EVENT.format(date="2021-10-06").replace("      sources: [NCT03434379]\n", "      trials: [NCT03434379]\n"
                                                  "      sources: [NCT03434379]\n", 2).replace(
              "      trials: [NCT03434379]\n      sources: [NCT03434379]\n    - event: withdrawn",
              "      sources: [NCT03434379]\n    - event: withdrawn", 1) + "  sources: [NCT03434379]")
    (appr,) = load_dataset(mini).records["approvals"]
    assert status_of(appr) == "withdrawn" and withdrawal_dates(appr) == ("2021-08-27", "2021-10-06")
    assert appr.events[0].date_kind == "sponsor announcement" and appr.events[1].date_kind == "agency decision"
    assert appr.events[1].trials == ("CLINICALTRIALS:NCT03434379",)


@pytest.mark.parametrize("date,field,message", [
    ("2019-01-01", "events[1].date", "before the approval"),
    ("2021-13-01", "events[1].date", "bad date"),
])
def test_a_bad_event_is_located_at_its_own_line(mini, date, field, message):
    path = _edit(mini, "approvals.yaml", "  sources: [NCT03434379]", EVENT.format(date=date) + "  sources: [NCT03434379]")
    errors = [e for e in _errors(mini) if e.field == field]
    assert errors and message in errors[0].message
    assert errors[0].line == _line_of(path, f"date: {date}")


def test_a_withdrawal_names_its_failed_trial_or_says_why_not(mini):
    path = _edit(mini, "approvals.yaml", "  sources: [NCT03434379]", EVENT.format(date="2021-10-06") + "  sources: [NCT03434379]")
    (err,) = _errors(mini)
    assert err.field == "events[1].trials" and "confirmatory trial" in err.message
    assert err.line == _line_of(path, "event: withdrawn")


def test_an_announcement_names_who_announced_it(mini):
    _edit(mini, "approvals.yaml", "  sources: [NCT03434379]",
          EVENT.format(date="2021-10-06").replace("      by: KG:org-fda\n", "").replace(
              "      date: 2021-10-06\n", "      date: 2021-10-06\n      note: no trial named\n") + "  sources: [NCT03434379]")
    (err,) = _errors(mini)
    assert err.field == "events[0].by"


def test_a_conversion_needs_an_accelerated_approval(mini):
    _edit(mini, "approvals.yaml", "  sources: [NCT03434379]",
          "  events:\n    - {event: converted, date: 2021-01-01, sources: [NCT03434379]}\n  sources: [NCT03434379]")
    (err,) = _errors(mini)
    assert err.field == "events[0].event" and "accelerated" in err.message


def test_curated_files_in_folders_are_read_and_stray_names_refused(mini):
    folder = mini / "drugs" / "atezolizumab"
    folder.mkdir(parents=True)
    (mini / "trials.yaml").rename(folder / "trials.yaml")
    read: dict = {}
    load_dataset(mini, manifest=False, read=read)
    update(mini, read)  # the move is deliberate: the manifest follows it
    assert [t.acronym for t in load_dataset(mini).records["trials"]] == ["IMbrave150"]
    (folder / "trails.yaml").write_text("[]\n")
    errs = _errors(mini)
    assert any(e.file.endswith("trails.yaml") and "not a kind of record" in e.message for e in errs), errs


def test_a_trial_may_leave_out_what_its_sources_do_not_give(mini):
    _edit(mini, "trials.yaml", "  enrollment: 501\n", "  not_in_sources: [enrollment]\n")
    (trial,) = load_dataset(mini).records["trials"]
    assert trial.enrollment is None and trial.not_in_sources == ("enrollment",)
    _edit(mini, "trials.yaml", "  not_in_sources: [enrollment]\n", "")
    (err,) = _errors(mini)
    assert (err.field, err.message) == ("enrollment", "missing required field")
