/* The timeline explorer, without Python: the events of data/timeline.csv as an SVG figure
   (one row per category, each with its colour from the course's colour-blind-safe palette
   AND its own marker shape, so it reads in grey too), filters by category and by years, a
   table view, and a sentence saying what the figure shows.
   Reads <script type="application/json" id="ck-timeline-data">; fills every
   <div class="ck-timeline">. Needs site.js (loaded before it). */
(function () {
  "use strict";
  var site = window.coursekitSite;
  var el = site.el, svg = site.svg;

  /* A marker's outline as an SVG path, centred on (x, y), about 2r wide. */
  function markerPath(name, x, y, r) {
    function poly(points) {
      return "M" + points.map(function (p) { return (x + p[0] * r).toFixed(1) + "," + (y + p[1] * r).toFixed(1); }).join("L") + "Z";
    }
    function regular(n, turn) {
      var pts = [];
      for (var i = 0; i < n; i++) {
        var a = turn + i * 2 * Math.PI / n;
        pts.push([Math.cos(a), Math.sin(a)]);
      }
      return poly(pts);
    }
    switch (name) {
      case "square": return poly([[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]]);
      case "diamond": return poly([[0, -1.1], [1, 0], [0, 1.1], [-1, 0]]);
      case "triangle-up": return poly([[0, -1.1], [1, 0.8], [-1, 0.8]]);
      case "triangle-down": return poly([[0, 1.1], [1, -0.8], [-1, -0.8]]);
      case "triangle-left": return poly([[-1.1, 0], [0.8, -1], [0.8, 1]]);
      case "triangle-right": return poly([[1.1, 0], [-0.8, -1], [-0.8, 1]]);
      case "pentagon": return regular(5, -Math.PI / 2);
      case "hexagon": return regular(6, 0);
      case "star":
        var pts = [];
        for (var i = 0; i < 10; i++) {
          var a = -Math.PI / 2 + i * Math.PI / 5, k = i % 2 ? 0.45 : 1.1;
          pts.push([Math.cos(a) * k, Math.sin(a) * k]);
        }
        return poly(pts);
      case "plus": return poly([[-0.35, -1], [0.35, -1], [0.35, -0.35], [1, -0.35], [1, 0.35], [0.35, 0.35],
                                [0.35, 1], [-0.35, 1], [-0.35, 0.35], [-1, 0.35], [-1, -0.35], [-0.35, -0.35]]);
      case "cross": return poly([[-1, -0.6], [-0.6, -1], [0, -0.4], [0.6, -1], [1, -0.6], [0.4, 0], [1, 0.6],
                                 [0.6, 1], [0, 0.4], [-0.6, 1], [-1, 0.6], [-0.4, 0]]);
      default: return "M" + (x - r) + "," + y + "a" + r + "," + r + " 0 1,0 " + 2 * r + ",0a" + r + "," + r + " 0 1,0 " + (-2 * r) + ",0Z";
    }
  }

  function year(iso) { return parseInt(iso.slice(0, 4), 10); }
  function time(iso) { return Date.parse(iso + "T00:00:00Z"); }

  /* The entries a filter keeps: any of `categories`, happening (at least partly) in the years. */
  function filterEntries(entries, categories, first, last) {
    var from = time(first + "-01-01"), to = time(last + "-12-31");
    return entries.filter(function (e) {
      if (categories.indexOf(e.category) < 0) return false;
      var end = e.kind === "period" ? (e.end ? time(e.end) : Infinity) : time(e.latest);
      return time(e.start) <= to && end >= from;
    });
  }

  function describe(shown, data, first, last) {
    if (!shown.length) return "No event matches: choose more categories or more years.";
    var counts = data.categories.map(function (c) {
      var n = shown.filter(function (e) { return e.category === c.id; }).length;
      return n ? n + " " + (c.in_sentence || c.label) : "";
    }).filter(Boolean);
    var periods = shown.filter(function (e) { return e.kind === "period"; }).length;
    return "The figure shows " + shown.length + " of " + data.entries.length + " entries from " + first +
      " to " + last + ", one row per category: " + counts.join(", ") + ". " +
      (periods ? periods + " of them are periods, drawn as bars; the others are single dates, drawn as markers. " : "") +
      "The table view lists them with their dates, descriptions and sources.";
  }

  function drawFigure(holder, shown, data, first, last, n) {
    holder.textContent = "";
    var cats = data.categories.filter(function (c) { return shown.some(function (e) { return e.category === c.id; }); });
    // Drawn at the width it is shown at, so that its text stays 12 px on a phone too.
    var w = Math.max(300, Math.min(900, Math.round(holder.clientWidth || 760))), left = 14, right = 14;
    var rowH = 50, top = 8, axisH = 28;
    var h = top + cats.length * rowH + axisH;
    var x0 = time(first + "-01-01"), x1 = time((last + 1) + "-01-01");
    function x(iso) { return left + (w - left - right) * Math.min(Math.max((time(iso) - x0) / (x1 - x0), 0), 1); }
    var fig = svg("svg", {viewBox: "0 0 " + w + " " + h, role: "img", width: w, height: h,
                          "aria-labelledby": "ck-tl-title-" + n + " ck-tl-desc-" + n});
    fig.appendChild(svg("title", {id: "ck-tl-title-" + n}, "Timeline of the Mali crisis, " + first + "\u2013" + last));
    var perYear = (w - left - right) / (last - first + 1);
    var step = Math.max(1, Math.ceil(42 / perYear));
    for (var yv = first; yv <= last + 1; yv++) {
      var gx = x(yv + "-01-01");
      fig.appendChild(svg("line", {x1: gx, x2: gx, y1: top, y2: h - axisH, "class": "ck-grid", stroke: "#d9d9d9"}));
      if ((yv - first) % step === 0 && yv <= last) {
        fig.appendChild(svg("text", {x: gx + 3, y: h - 10}, String(yv)));
      }
    }
    fig.appendChild(svg("line", {x1: left, x2: w - right, y1: h - axisH, y2: h - axisH, "class": "ck-axis", stroke: "#737373"}));
    cats.forEach(function (c, row) {
      var y = top + row * rowH;
      fig.appendChild(svg("text", {x: left, y: y + 13, "font-weight": "600"}, c.label));
      var mid = y + 28;
      shown.filter(function (e) { return e.category === c.id; }).forEach(function (e) {
        var g = svg("g", {"class": "ck-entry"});
        if (e.kind === "period") {
          var xa = x(e.start), xb = x(e.end || (last + 1) + "-01-01");
          // Periods run on a thin bar under the row's markers, so they never hide one.
          g.appendChild(svg("rect", {x: xa, y: mid + 9, width: Math.max(xb - xa, 3), height: 7, fill: c.colour,
                                     "fill-opacity": 0.55, stroke: "#000", "stroke-width": 0.8}));
        } else {
          g.appendChild(svg("path", {d: markerPath(c.marker, x(e.start), mid, 6), fill: c.colour, stroke: "#000",
                                     "stroke-width": 0.8}));
        }
        g.appendChild(svg("title", {}, e.date + ": " + e.label));
        fig.appendChild(g);
      });
    });
    holder.appendChild(fig);
  }

  function drawTable(holder, shown, data, n) {
    holder.textContent = "";
    var labels = {};
    data.categories.forEach(function (c) { labels[c.id] = c.label; });
    var wrap = el("div", {"class": "ck-output-html"});
    var table = el("table", {"class": "ck-timeline-table"});
    table.appendChild(el("caption", {}, shown.length + " entries of the timeline"));
    var head = el("tr");
    ["Date", "What happened", "Category", "Who", "Source"].forEach(function (t) { head.appendChild(el("th", {scope: "col"}, t)); });
    var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
    var body = el("tbody");
    shown.forEach(function (e) {
      var tr = el("tr");
      tr.appendChild(el("td", {}, e.date));
      var what = el("td");
      what.appendChild(el("strong", {}, e.label + (e.kind === "period" ? " (period)" : "")));
      if (e.description) { what.appendChild(el("br")); what.appendChild(document.createTextNode(e.description)); }
      tr.appendChild(what);
      tr.appendChild(el("td", {}, labels[e.category] || e.category));
      tr.appendChild(el("td", {}, e.actors.join(", ")));
      tr.appendChild(el("td", {}, e.source));
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    holder.appendChild(wrap);
    site.markScrollable();
  }

  function mount(box, data, n) {
    var years = data.entries.map(function (e) { return year(e.start); });
    data.entries.forEach(function (e) { if (e.end) years.push(year(e.end)); });
    var minYear = Math.min.apply(null, years), maxYear = Math.max.apply(null, years);
    var panel = el("div", {"class": "ck-panel ck-timeline-explorer"});
    panel.appendChild(el("h2", {}, "Timeline explorer"));

    var cats = el("fieldset", {});
    cats.appendChild(el("legend", {}, "Categories"));
    var boxes = {};
    data.categories.forEach(function (c) {
      var label = el("label", {"class": "ck-choice"});
      var input = el("input", {type: "checkbox", value: c.id});
      input.checked = true;
      boxes[c.id] = input;
      label.appendChild(input);
      var swatch = svg("svg", {viewBox: "0 0 16 16", width: 16, height: 16, "aria-hidden": "true", focusable: "false"});
      swatch.appendChild(svg("path", {d: markerPath(c.marker, 8, 8, 6), fill: c.colour, stroke: "#000", "stroke-width": 0.8}));
      var sw = el("span", {"class": "ck-swatch"});
      sw.appendChild(swatch);
      label.appendChild(sw);
      label.appendChild(el("span", {}, c.label + " (" + c.marker.replace("-", " ") + ")"));
      cats.appendChild(label);
      input.addEventListener("change", update);
    });
    panel.appendChild(cats);

    var row = el("div", {"class": "ck-row"});
    function yearSelect(id, text, value) {
      row.appendChild(el("label", {"for": id}, text));
      var s = el("select", {id: id});
      for (var y = minYear; y <= maxYear; y++) s.appendChild(el("option", {value: y}, String(y)));
      s.value = String(value);
      row.appendChild(s);
      return s;
    }
    var from = yearSelect("ck-tl-from-" + n, "Years from", minYear);
    var to = yearSelect("ck-tl-to-" + n, "to", maxYear);
    panel.appendChild(row);

    var views = el("fieldset", {});
    views.appendChild(el("legend", {}, "Show as"));
    var figureRadio, tableRadio;
    [["figure", "a figure"], ["table", "a table"]].forEach(function (v, i) {
      var label = el("label", {"class": "ck-choice"});
      var input = el("input", {type: "radio", name: "ck-tl-view-" + n, value: v[0]});
      input.checked = i === 0;
      input.addEventListener("change", update);
      label.appendChild(input);
      label.appendChild(el("span", {}, v[1]));
      views.appendChild(label);
      if (i === 0) figureRadio = input; else tableRadio = input;
    });
    panel.appendChild(views);

    var status = el("p", {id: "ck-tl-desc-" + n, "class": "ck-status", role: "status", "aria-live": "polite"});
    var holder = el("div", {"class": "ck-timeline-view"});
    panel.appendChild(status);
    panel.appendChild(holder);
    box.appendChild(panel);

    function update(event) {
      var first = parseInt(from.value, 10), last = parseInt(to.value, 10);
      if (first > last) {   // keep the range in order: move the other end along
        if (event && event.target === to) { from.value = to.value; first = last; }
        else { to.value = from.value; last = first; }
      }
      var chosen = data.categories.map(function (c) { return c.id; }).filter(function (id) { return boxes[id].checked; });
      var shown = filterEntries(data.entries, chosen, first, last);
      status.textContent = describe(shown, data, first, last);
      if (tableRadio.checked) drawTable(holder, shown, data, n);
      else drawFigure(holder, shown, data, first, last, n);
      box.coursekitShown = shown.map(function (e) { return e.id; });
    }
    from.addEventListener("change", update);
    to.addEventListener("change", update);
    var lastWidth = 0;
    window.addEventListener("resize", function () {
      if (holder.clientWidth !== lastWidth && figureRadio.checked) { lastWidth = holder.clientWidth; update(); }
    });
    update();
  }

  window.coursekitTimeline = {filterEntries: filterEntries, markerPath: markerPath};
  site.mountEach("ck-timeline-data", ".ck-timeline", mount);
})();
