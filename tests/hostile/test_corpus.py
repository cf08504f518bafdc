"""Issue 14's hostile inputs, one per family, through the CLI: a clear error (or the right
answer), the expected exit code, no traceback, nothing changed."""
from __future__ import annotations

import pytest

from tests.hostile.corpus import CASES
from tests.hostile.world import judge, run_child, run_in_process


@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_hostile_input(case, world, capsys):
    runner = (lambda argv: run_child(argv, timeout=60)) if case.child else (lambda argv: run_in_process(argv, capsys))
    outcome = judge(case, world, runner)
    assert not outcome.problems(case), outcome.problems(case)


def test_one_case_per_family():
    families = [c.family for c in CASES]
    assert len(families) == len(set(families))
