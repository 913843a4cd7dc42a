"""The article's keyword search, two implementations proved equal: every word of the article,
its beginnings and some hostile searches give the same hits (paragraph, words before, match,
words after) in Python (``Article.find``) and in the static edition's article.js."""
from __future__ import annotations

import re

import pytest

from coursekit.reading.article import load_article
from coursekit.site.build import STATIC
from coursekit.site.payloads import article_payload

pytestmark = pytest.mark.browser

HOSTILE = ["", "   ", "(", "ſ", "İ", "µ", "MİNUSMA", ")", "'s",
           "’s", "U.N.", "[a-z]", ".*", "\\b", "a", "e", "-", "—", "“", "2023",
           "MINUSMA ", " mali", "Goïta", "GOÏTA", "ı", "ǅ", "ß", "</script>", "$&", "Wagner's", "Wagner’s"]


def _python_hits(article, word: str) -> list[dict]:
    return [{"paragraph": h.paragraph, "before": h.before, "match": h.match, "after": h.after}
            for h in article.find(word)]


def test_every_search_gives_the_same_hits_in_the_browser(site_page):
    article = load_article()
    words = sorted({w for p in article.paragraphs for w in re.findall(r"[^\s]+", p.text)})
    words += sorted({w[:3] for w in words if len(w) > 3})
    words += HOSTILE
    site_page.set_content("<!DOCTYPE html><html lang='en'><head><title>search</title></head><body></body></html>")
    site_page.add_script_tag(path=str(STATIC / "site.js"))  # what every page loads first
    site_page.add_script_tag(path=str(STATIC / "article.js"))
    payload = article_payload()
    got = site_page.evaluate("([paras, words]) => words.map((w) => window.coursekitArticle.find(paras, w, 40))",
                             [payload["paragraphs"], words])
    mismatches = [(w, _python_hits(article, w), h) for w, h in zip(words, got) if _python_hits(article, w) != h]
    assert not mismatches, f"{len(mismatches)} of {len(words)} searches differ; first: {mismatches[0]}"
    assert sum(map(len, got)) > 500  # the searches do find things
    assert site_page.script_errors == []
