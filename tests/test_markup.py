"""Instructors' text reaches HTML escaped: a small Markdown subset, no raw HTML."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coursekit.markup import escape, inline_html, to_html


def test_img_onerror_shows_as_text():
    out = to_html("<img src=x onerror=alert(1)>")
    assert "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_script_and_javascript_links_are_defused():
    out = to_html("<script>alert(1)</script>")
    assert "<script" not in out and "&lt;script&gt;" in out
    link = to_html("[click](javascript:alert('x'))")
    assert 'href="javascript' not in link
    assert '<a href="#harmful-link"' in link


def test_images_become_their_alt_text():
    assert to_html("![a map](http://example.org/x.png)") == "<p>a map</p>"


def test_markdown_subset_works():
    assert inline_html("**Diop** said *no*") == "<strong>Diop</strong> said <em>no</em>"
    assert "<li>one</li>" in to_html("- one\n- two")
    assert 'rel="noopener noreferrer"' in to_html("[UN](https://un.org)")


def test_escape_quotes():
    assert escape('a "b" <c> & d') == "a &quot;b&quot; &lt;c&gt; &amp; d"


@given(st.text())
def test_no_raw_tag_ever_survives(text):
    out = to_html(text)
    # Every '<' in the output opens a tag mistune made itself, never the author's.
    allowed = ("<p>", "</p>", "<em>", "</em>", "<strong>", "</strong>", "<code>", "</code>", "<ul>", "</ul>",
               "<ol", "</ol>", "<li>", "</li>", "<br />", "<a ", "</a>", "<h", "</h", "<blockquote>",
               "</blockquote>", "<pre>", "</pre>", "<hr />", "<del>", "</del>", "<pre><code", "<code ")
    i = out.find("<")
    while i != -1:
        assert out.startswith(allowed, i), out
        i = out.find("<", i + 1)


def test_links_are_underlined_not_told_apart_by_colour_alone():
    link = to_html("See [the resolution](https://example.org/2690).")
    assert '<a href="https://example.org/2690"' in link and 'style="text-decoration:underline"' in link
