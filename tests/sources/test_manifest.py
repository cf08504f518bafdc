"""Curated data cannot shrink or grow unnoticed: every data file is in data/MANIFEST with a
record floor; an empty, missing, unlisted or unreadable file is an error naming it."""
from __future__ import annotations

import os

import pytest

from kg.cli import cli
from kg.errors import DataErrors
from kg.sources.curated import load_dataset
from kg.sources.manifest import data_files, read_manifest
from tests.conftest import DATA


def _messages(data_dir) -> list[tuple[str, str]]:
    with pytest.raises(DataErrors) as info:
        load_dataset(data_dir)
    return [(os.path.relpath(e.file, data_dir), e.message) for e in info.value.errors]


def test_the_project_manifest_lists_every_data_file_with_its_count():
    listed = read_manifest(DATA)
    assert sorted(listed) == data_files(DATA)
    counts: dict = {}
    dataset = load_dataset(DATA, read=counts)
    assert listed == counts
    assert sum(counts.values()) == sum(len(v) for v in dataset.records.values())


@pytest.mark.parametrize("change,expected", [
    (lambda d: (d / "trials.yaml").write_text(""), "holds no records: an empty data file is refused"),
    (lambda d: (d / "trials.yaml").write_text("# nothing left\n"), "holds no records: an empty data file is refused"),
    (lambda d: (d / "trials.yaml").unlink(), "missing; "),
    (lambda d: (d / "drugs.yaml").write_text((d / "drugs.yaml").read_text().split("\n- id:")[0] + "\n"),
     "holds 1 record; "),
])
def test_a_file_that_shrinks_is_named(mini, change, expected):
    change(mini)
    found = _messages(mini)
    name = "drugs.yaml" if "1 record" in expected else "trials.yaml"
    assert any(f == name and m.startswith(expected) for f, m in found), found


def test_a_deleted_file_is_named_once_not_as_hundreds_of_dangling_references(mini):
    (mini / "trials.yaml").unlink()
    assert _messages(mini) == [("trials.yaml", f"missing; {mini / 'MANIFEST'} lists it with 1 records")]


@pytest.mark.parametrize("make,expected", [
    (lambda p: os.symlink("nowhere.yaml", p), "a link to nothing"),
    (lambda p: os.symlink(p.name, p), "cannot read: Too many levels of symbolic links"),
    (lambda p: os.mkfifo(p), "not a regular file (a FIFO)"),
    (lambda p: os.symlink("/dev/zero", p), "not a regular file (a character device)"),
    (lambda p: p.mkdir(), "not a regular file (a folder)"),
])
def test_a_data_file_that_is_not_a_regular_file_is_named_and_never_read(mini, make, expected):
    path = mini / "trials.yaml"
    path.unlink()
    make(path)
    assert ("trials.yaml", expected) in _messages(mini)


def test_an_unlisted_or_unknown_yaml_file_is_an_error(mini):
    (mini / "drug.yaml").write_text("- id: DRUGBANK:DB00001\n")
    (mini / "more").mkdir()
    (mini / "more" / "trials.yaml").write_text("[]\n")
    found = _messages(mini)
    assert [f for f, m in found if m.startswith("not in ")] == ["drug.yaml", "more/trials.yaml"]


def test_no_manifest_is_an_error(mini):
    (mini / "MANIFEST").unlink()
    ((f, m),) = _messages(mini)
    assert f == "MANIFEST" and "kg manifest --update" in m


@pytest.mark.parametrize("line", ["drugs.yaml", "drugs.yaml x", "../drugs.yaml 1", "/etc/drugs.yaml 1",
                                  "drugs.txt 1", "drugs.yaml 1\ndrugs.yaml 2", "drugs.yaml ٣"])
def test_a_malformed_manifest_line_is_located(mini, line):
    (mini / "MANIFEST").write_text("# comment\n" + line + "\n")
    ((f, m),) = [x for x in _messages(mini) if x[0] == "MANIFEST"]
    assert m


def test_kg_manifest_shows_and_updates(mini, runner):
    (mini / "approvals.yaml").unlink()  # nothing refers to approvals
    before = (mini / "MANIFEST").read_text()
    res = runner.invoke(cli, ["manifest", "--data", str(mini)])
    assert res.exit_code == 1 and "approvals.yaml: 1 records -> no file" in res.output
    assert (mini / "MANIFEST").read_text() == before  # only shown
    res = runner.invoke(cli, ["validate", "--data", str(mini)])
    assert res.exit_code != 0
    res = runner.invoke(cli, ["manifest", "--data", str(mini), "--update"])
    assert res.exit_code == 0 and "written: 8 files" in res.output
    assert "approvals.yaml" not in (mini / "MANIFEST").read_text()
    assert not load_dataset(mini).records["approvals"]
    assert runner.invoke(cli, ["manifest", "--data", str(mini)]).exit_code == 0


def test_kg_manifest_update_refuses_an_empty_file(mini, runner):
    (mini / "trials.yaml").write_text("[]\n")
    res = runner.invoke(cli, ["manifest", "--data", str(mini), "--update"])
    assert res.exit_code != 0
