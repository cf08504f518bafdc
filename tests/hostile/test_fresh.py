"""The fresh batch of hostile inputs (:mod:`tests.hostile.fresh`), judged like the corpus."""
from __future__ import annotations

import pytest

from tests.hostile.fresh import CASES
from tests.hostile.world import judge, run_child, run_in_process


@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_fresh_hostile_input(case, world, capsys):
    runner = (lambda argv: run_child(argv, timeout=60)) if case.child else (lambda argv: run_in_process(argv, capsys))
    outcome = judge(case, world, runner)
    assert not outcome.problems(case), outcome.problems(case)


def test_fresh_families_are_new():
    from tests.hostile.corpus import CASES as ISSUE

    assert len({c.family for c in CASES}) == len(CASES) and not {c.family for c in CASES} & {c.family for c in ISSUE}
