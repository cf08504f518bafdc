"""The README's Python examples run as written, against a store built from data/."""
from __future__ import annotations

import doctest
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_python_examples(built, monkeypatch):
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### From Python"):]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert block.count(">>>") >= 15
    monkeypatch.setenv("KG_STORE", str(built["store"]))  # what kg.open() finds with no path
    test = doctest.DocTestParser().get_doctest(block, {}, "README.md: From Python", str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
