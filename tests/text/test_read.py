"""Reading documents: formats, markup stripping, offsets, and bad input."""
from __future__ import annotations

import pytest

from kg.errors import DocumentError, KGError
from kg.sources.text.read import from_bytes, read

ARTICLES = __import__("pathlib").Path(__file__).parent.parent / "fixtures" / "articles"


def test_plain_text_is_kept_as_is_so_offsets_are_file_characters():
    t = from_bytes("Café trial\r\nsecond line\n".encode(), "a.txt")
    assert t.format == "text" and t.title == "Café trial"
    assert t.text == "Café trial\nsecond line\n"


def test_html_drops_script_style_and_decodes_entities():
    t = read(ARTICLES / "durvalumab-pacific.html")
    assert t.format == "html" and t.title.startswith("PACIFIC")
    assert "pembrolizumab" not in t.text and "font-family" not in t.text and "atezolizumab\"" not in t.text
    assert "0.42\u20130.65" in t.text and "p<0.001" in t.text  # &ndash; and &lt; decoded
    assert "<p>" not in t.text and "href" not in t.text


def test_html_tags_never_run_code_and_unknown_markup_is_text():
    t = from_bytes(b"<p>a <img src=x onerror=alert(1)> b</p><script>evil()</script><p>&lt;b&gt;</p>", "x.html")
    assert "evil" not in t.text and "onerror" not in t.text and "<b>" in t.text


def test_markdown_marks_are_removed():
    t = read(ARTICLES / "velarimab-orion7.md")
    assert t.format == "markdown" and t.title == "Velarimab extends survival in ORION-7"
    assert "#" not in t.text and "*A fictional" not in t.text and "A fictional" in t.text
    assert "\u2022 Overall survival" in t.text


@pytest.mark.parametrize("data,name,message", [
    (b"\xff\xfeh\x00i\x00", "utf16.txt", "binary"),
    ("caf\u00e9".encode("latin-1"), "latin1.txt", "not UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image.txt", "binary"),
    (b"   \n\n ", "blank.txt", "empty"),
    (b"<html><script>x()</script></html>", "only-script.html", "empty"),
])
def test_bad_bytes_raise_a_typed_error_naming_the_file(data, name, message):
    with pytest.raises(DocumentError) as exc:
        from_bytes(data, name)
    assert name in str(exc.value) and message in str(exc.value)
    assert isinstance(exc.value, KGError) and exc.value.exit_code == 2


def test_missing_directory_and_oversized_files(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="not a regular file"):
        read(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(DocumentError, match="too large"):
        read(big, max_bytes=1000)
    assert read(big, max_bytes=5000).size == 2000


def test_an_html_table_row_is_one_line_with_its_cells_apart():
    from kg.sources.text.read import from_bytes

    html = (b"<table><tr><th>Date</th><th>Drug</th><th>Action</th></tr>"
            b"<tr><td>2019-06-17</td><td>pembrolizumab</td><td>accelerated approval</td></tr></table>")
    lines = [ln for ln in from_bytes(html, "t.html").text.split("\n") if ln]
    assert lines == ["| Date | Drug | Action", "| 2019-06-17 | pembrolizumab | accelerated approval"]
