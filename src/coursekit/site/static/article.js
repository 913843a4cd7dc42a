/* The article's keyword-in-context search, without Python: the same hits as the notebooks'
   article.find(word): case-insensitive, the word must start a word (so "consent" also finds
   "consents"), curly apostrophes read as straight ones, 40 characters either side.
   Reads the article from <script type="application/json" id="ck-article-data">; fills every
   <div class="ck-article-search">. Needs site.js (loaded before it). */
(function () {
  "use strict";
  var site = window.coursekitSite;
  var el = site.el;
  var WORD_CHAR = /[\p{L}\p{N}_]/u;   // what Python's re calls a word character (\w)

  function straightApostrophes(text) {
    return text.replace(/[\u2018\u2019]/g, "'");
  }

  // Python's re.IGNORECASE: a letter of the word matches a letter of the text when their
  // (simple) lowercase forms are equal, or are one of these pairs Python also treats as
  // the same letter (re._casefix: i and dotless i, s and long s, the Greek symbol forms...).
  var EXTRA_CASES = [[0x69, 0x131], [0x73, 0x17f], [0xb5, 0x3bc], [0x345, 0x3b9, 0x1fbe], [0x390, 0x1fd3],
    [0x3b0, 0x1fe3], [0x3b2, 0x3d0], [0x3b5, 0x3f5], [0x3b8, 0x3d1], [0x3ba, 0x3f0], [0x3c0, 0x3d6],
    [0x3c1, 0x3f1], [0x3c2, 0x3c3], [0x3c6, 0x3d5], [0x432, 0x1c80], [0x434, 0x1c81], [0x43e, 0x1c82],
    [0x441, 0x1c83], [0x442, 0x1c84, 0x1c85], [0x44a, 0x1c86], [0x463, 0x1c87], [0xa64b, 0x1c88],
    [0x1e61, 0x1e9b], [0xfb05, 0xfb06]];
  var SAME = {};
  EXTRA_CASES.forEach(function (group) {
    group.forEach(function (a) {
      SAME[a] = group.filter(function (b) { return b !== a; }).map(function (b) { return String.fromCodePoint(b); });
    });
  });

  function lower(ch) {          // the simple lowercase: one character for one
    return Array.from(ch.toLowerCase())[0];
  }
  function upper(ch) {
    var up = ch.toUpperCase();
    return Array.from(up).length === 1 ? up : ch;
  }
  function cased(ch) { return lower(ch) !== ch || upper(ch) !== ch; }

  /* A test for one letter of the word: does a letter of the text match it? */
  function letterTest(ch) {
    if (!cased(ch)) return function (x) { return x === ch; };
    var lo = lower(ch);
    var also = SAME[lo.codePointAt(0)] || [];
    return function (x) { var l = lower(x); return l === lo || also.indexOf(l) >= 0; };
  }

  /* Every hit of `word` in `paragraphs` ([{number, text}]), as Python's Article.find gives
     them: {paragraph, before, match, after}, counted in characters (code points) as Python
     counts. The word must begin where a word begins (Python's \b before it). */
  function find(paragraphs, word, width) {
    width = width === undefined ? 40 : width;
    word = String(word).trim();
    var hits = [];
    if (!word) return hits;
    var tests = Array.from(straightApostrophes(word)).map(letterTest);
    var startsWord = WORD_CHAR.test(Array.from(word)[0]);
    paragraphs.forEach(function (p) {
      var chars = Array.from(p.text);
      var text = Array.from(straightApostrophes(p.text));
      var i = 0;
      while (i + tests.length <= text.length) {
        var before = i > 0 && WORD_CHAR.test(text[i - 1]);
        var ok = startsWord ? !before : before;
        for (var k = 0; ok && k < tests.length; k++) ok = tests[k](text[i + k]);
        if (!ok) { i++; continue; }
        var end = i + tests.length;
        hits.push({
          paragraph: p.number,
          before: chars.slice(Math.max(0, i - width), i).join(""),
          match: chars.slice(i, end).join(""),
          after: chars.slice(end, end + width).join("")
        });
        i = end;
      }
    });
    return hits;
  }

  function paragraphsOf(hits) {
    var seen = [];
    hits.forEach(function (h) { if (seen.indexOf(h.paragraph) < 0) seen.push(h.paragraph); });
    return seen.sort(function (a, b) { return a - b; });
  }

  function render(box, data, word) {
    var hits = find(data.paragraphs, word, data.width);
    var out = box.querySelector(".ck-kwic-results");
    out.textContent = "";
    var head = el("p", {}, "");
    head.appendChild(document.createTextNode(hits.length + " hit(s) for "));
    head.appendChild(el("strong", {}, word.trim()));
    if (hits.length) head.appendChild(document.createTextNode(" in paragraph(s) " + paragraphsOf(hits).join(", ")));
    out.appendChild(head);
    if (!hits.length) return hits;
    var wrap = el("div", {"class": "ck-output-html"});
    var table = el("table", {"class": "ck-kwic"});
    table.appendChild(el("caption", {}, "Where the article writes \u201c" + word.trim() + "\u201d"));
    var tr = el("tr");
    ["Paragraph", "Before", "Match", "After"].forEach(function (h) { tr.appendChild(el("th", {scope: "col"}, h)); });
    var thead = el("thead"); thead.appendChild(tr); table.appendChild(thead);
    var tbody = el("tbody");
    var onArticlePage = !!document.querySelector(".ck-article");
    hits.forEach(function (h) {
      var row = el("tr");
      var cell = el("td");
      if (onArticlePage) cell.appendChild(el("a", {href: "#p" + h.paragraph}, "\u00b6" + h.paragraph));
      else cell.textContent = "\u00b6" + h.paragraph;
      row.appendChild(cell);
      row.appendChild(el("td", {"class": "ck-before"}, "\u2026" + h.before));
      var match = el("td"); var mark = el("mark"); mark.appendChild(el("strong", {}, h.match)); match.appendChild(mark);
      row.appendChild(match);
      row.appendChild(el("td", {}, h.after + "\u2026"));
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    wrap.appendChild(table);
    out.appendChild(wrap);
    site.markScrollable();
    return hits;
  }

  function mount(box, data, n) {
    var id = "ck-kwic-" + n;
    var form = el("form", {"class": "ck-panel", role: "search", "aria-label": "Search the article"});
    form.appendChild(el("h2", {"class": "ck-panel-title"}, "Search the article"));
    var row = el("div", {"class": "ck-row"});
    row.appendChild(el("label", {"for": id}, "A word (or the start of one)"));
    var input = el("input", {id: id, type: "search", autocomplete: "off", spellcheck: "false"});
    row.appendChild(input);
    row.appendChild(el("button", {type: "submit"}, "Search"));
    form.appendChild(row);
    form.appendChild(el("div", {"class": "ck-kwic-results", role: "status", "aria-live": "polite"}));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      render(form, data, input.value);
    });
    box.appendChild(form);
  }

  window.coursekitArticle = {find: find};
  site.mountEach("ck-article-data", ".ck-article-search", mount);
})();
