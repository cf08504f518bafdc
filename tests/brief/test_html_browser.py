"""The HTML evidence page in headless Chromium (as the explorer's tests): it loads from file://
with no console error and no request, the SVG timeline is drawn with a mark per event, the
reference links resolve inside the page, and it prints."""
from __future__ import annotations

import os

import pytest

from tests.brief.conftest import ATEZO, TNBC

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")

from tests.export.test_html_browser import LOCAL, browser  # noqa: E402,F401 - browser: the explorer tests' Chromium fixture


def _open(browser, path):
    seen = {"errors": [], "requests": [], "dialogs": []}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: r.url.startswith(LOCAL) or seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, seen


@pytest.mark.parametrize("as_of", [None, "2020-06-30"])
def test_page_loads_clean_and_draws_the_timeline(browser, page_of, tmp_path, as_of):
    from kg.brief.html import render_html

    model = page_of(ATEZO, as_of=as_of)
    path = tmp_path / "atezolizumab.html"
    path.write_text(render_html(model), encoding="utf-8")
    page, seen = _open(browser, path)
    assert seen == {"errors": [], "requests": [], "dialogs": []}
    marks = page.evaluate("() => document.querySelectorAll('svg.timeline circle, svg.timeline rect, "
                          "svg.timeline polygon').length")
    assert marks == len(model["timeline"]) > 5
    box = page.evaluate("() => { const b = document.querySelector('svg.timeline').getBoundingClientRect();"
                        " return [b.width, b.height]; }")
    assert box[0] > 600 and box[1] > 50  # drawn, not collapsed
    titles = page.evaluate("() => [...document.querySelectorAll('svg.timeline title')].map(t => t.textContent)")
    assert any("withdrawn: triple-negative breast carcinoma" in t for t in titles) == (as_of is None)
    n = len(model["references"])
    assert page.evaluate("() => document.querySelectorAll('ol.refs li').length") == n
    dangling = page.evaluate("() => [...document.querySelectorAll('a.ref')].map(a => a.getAttribute('href'))"
                             ".filter(h => !document.querySelector(h))")
    assert dangling == []
    assert len(page.pdf()) > 10000  # it prints
    page.close()


def test_hostile_text_is_shown_not_run(browser, page_of, tmp_path):
    from kg.brief.html import render_html

    model = dict(page_of(ATEZO, TNBC))
    evil = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    model["title"] = evil
    model["timeline"] = model["timeline"] + [{"date": "2020-01-01", "kind": "readout", "label": evil}]
    path = tmp_path / "evil.html"
    path.write_text(render_html(model), encoding="utf-8")
    page, seen = _open(browser, path)
    assert seen == {"errors": [], "requests": [], "dialogs": []}
    assert page.evaluate("() => document.querySelector('h1').textContent") == evil
    assert page.evaluate("() => document.querySelectorAll('img, script').length") == 0
    page.close()
