/* The Security Council vote simulator, without Python: a choice of vote per member, a
   scenario list, the outcome in the same words as the notebooks (coursekit.council.votes:
   UN Charter Article 27) and a tally chart with its description and table.
   Reads <script type="application/json" id="ck-council-data">; fills every
   <div class="ck-votes" data-preset="..."> (data-preset is optional). Needs site.js
   (loaded before it). */
(function () {
  "use strict";
  var site = window.coursekitSite;
  var el = site.el, svg = site.svg;
  var VOTES = ["yes", "no", "abstain", "absent"];
  var NEEDED = 9;
  var ABSENCE_PRECEDENT = "the precedent, from 1950, was contested";
  var SAYS = {yes: "votes in favour", no: "votes against (from a permanent member: a veto)",
              abstain: "abstains (not a veto)", absent: "does not take part (in practice not a veto)"};
  // How one member (first) or several (second) vote, in describeVotes' sentence.
  var DOES = {yes: ["votes yes", "vote yes"], no: ["votes no", "vote no"],
              abstain: ["abstains", "abstain"], absent: ["is absent", "are absent"]};

  function joinNames(names) {
    if (names.length <= 1) return names.join("");
    return names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  function inFavour(n) {
    return n + " vote" + (n === 1 ? "" : "s") + " in favour, " + NEEDED + " needed";
  }

  /* Who votes what, in one sentence, as Python's coursekit.council.votes.describe_votes: the
     members who do not vote like most, then the rest. After each change the outcome says it,
     so the state of every member is heard as well as seen. */
  function describeVotes(votes) {
    var byVote = {};
    VOTES.forEach(function (v) {
      byVote[v] = votes.filter(function (p) { return p[1] === v; }).map(function (p) { return p[0].name; });
    });
    var most = VOTES[0];
    VOTES.forEach(function (v) { if (byVote[v].length > byVote[most].length) most = v; });
    if (byVote[most].length === votes.length) return "All " + votes.length + " members " + DOES[most][1] + ".";
    var parts = VOTES.filter(function (v) { return v !== most && byVote[v].length; }).map(function (v) {
      return joinNames(byVote[v]) + " " + DOES[v][byVote[v].length === 1 ? 0 : 1];
    });
    var rest = byVote[most].length;
    parts.push(rest === 1 ? "the other member " + DOES[most][0] : "the other " + rest + " members " + DOES[most][1]);
    return parts.join("; ") + ".";
  }

  /* Article 27 on `votes` ([[member, vote]], member = {id, name, permanent}), as Python's
     coursekit.council.votes.decide, with who voted what in words (votesText): {adopted,
     tally, explanation, procedural, vetoedBy, votesText, ...}. */
  function decide(votes, procedural) {
    var out = article27(votes, procedural);
    out.votesText = describeVotes(votes);
    return out;
  }

  function article27(votes, procedural) {
    var tally = {yes: 0, no: 0, abstain: 0, absent: 0};
    votes.forEach(function (pair) {
      if (!(pair[1] in tally)) throw new Error(pair[1] + " is not a vote");
      tally[pair[1]] += 1;
    });
    var yes = tally.yes;
    var enough = yes >= NEEDED;
    function permanent(vote) {
      return votes.filter(function (p) { return p[0].permanent && p[1] === vote; })
                  .map(function (p) { return p[0].name; });
    }
    var explanation;
    if (procedural) {
      explanation = "procedural vote, " + inFavour(yes);
      var against = permanent("no");
      if (enough && against.length) {
        var them = against.length === 1 ? against[0] + "'s no" : "the no votes of " + joinNames(against);
        explanation += "; there is no veto on procedural questions, so " + them + " cannot block it";
      }
      return outcome(enough, tally, explanation, true, []);
    }
    var vetoes = permanent("no");
    if (vetoes.length) {
      explanation = "vetoed by " + joinNames(vetoes);
      explanation += enough ? ", although " + yes + " members voted in favour" : ", and only " + inFavour(yes);
      return outcome(false, tally, explanation, false, vetoes);
    }
    if (!enough) return outcome(false, tally, inFavour(yes), false, []);
    explanation = inFavour(yes);
    if (yes === votes.length) explanation += "; unanimous";
    var abstained = permanent("abstain"), absent = permanent("absent");
    if (abstained.length) {
      explanation += "; " + joinNames(abstained) + " abstained, and a permanent member's abstention is not a veto";
    }
    if (absent.length) {
      var verb = absent.length === 1 ? "was absent" : "were absent";
      explanation += "; " + joinNames(absent) + " " + verb + ", and a permanent member's absence is " +
        "probably not a veto either (" + ABSENCE_PRECEDENT + ")";
    }
    return outcome(true, tally, explanation, false, []);
  }

  function outcome(adopted, tally, explanation, procedural, vetoedBy) {
    var verdict = adopted ? "adopted" : "not adopted";
    var symbol = adopted ? "\u2714" : "\u2718";
    return {
      adopted: adopted, tally: tally, explanation: explanation, procedural: procedural, vetoedBy: vetoedBy,
      verdict: verdict, symbol: symbol, reason: verdict + ": " + explanation,
      headline: symbol + " " + verdict.charAt(0).toUpperCase() + verdict.slice(1) + " \u2014 " + explanation,
      kind: procedural ? "procedural" : "substantive",
      tallyText: VOTES.map(function (v) { return tally[v] + " " + v; }).join(", ")
    };
  }

  /* The chart's one-sentence description, as coursekit.council.chart.chart_description. */
  function chartDescription(out) {
    var bars = VOTES.map(function (v) { return out.tally[v] + " " + v; }).join(", ");
    var reaches = out.tally.yes >= NEEDED ? "reaches" : "stays below";
    var end = out.vetoedBy.length
      ? ", but the draft is not adopted because " + joinNames(out.vetoedBy) + " vetoed it"
      : ", so the draft is " + out.verdict;
    return "Bar chart of the vote: " + bars + "; the yes bar " + reaches + " the dashed line at the " +
      NEEDED + " votes needed" + end + ".";
  }

  // The palette's colours (coursekit.charts.PALETTE), each bar hatched or plain as well.
  var BAR = {yes: "#0072B2", no: "#D55E00", abstain: "#E69F00", absent: "#BBBBBB"};

  function drawChart(box, out, n) {
    box.textContent = "";
    var description = chartDescription(out);
    var w = 420, h = 220, left = 40, bottom = 40, top = 16, max = 15;
    var scale = (h - top - bottom) / max;
    var chart = svg("svg", {viewBox: "0 0 " + w + " " + h, role: "img", "aria-labelledby": "ck-tally-desc-" + n,
                            "class": "ck-tally-chart", width: w, height: h});
    var defs = svg("defs");
    var pattern = svg("pattern", {id: "ck-hatch-" + n, width: 6, height: 6, patternUnits: "userSpaceOnUse",
                                  patternTransform: "rotate(45)"});
    pattern.appendChild(svg("rect", {width: 6, height: 6, fill: BAR.no}));
    pattern.appendChild(svg("line", {x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#000", "stroke-width": 2}));
    defs.appendChild(pattern);
    chart.appendChild(defs);
    var barWidth = (w - left - 20) / VOTES.length;
    VOTES.forEach(function (v, i) {
      var count = out.tally[v];
      var x = left + i * barWidth + 10;
      var y = h - bottom - count * scale;
      chart.appendChild(svg("rect", {x: x, y: y, width: barWidth - 20, height: count * scale,
        fill: v === "no" && out.vetoedBy.length ? "url(#ck-hatch-" + n + ")" : BAR[v], stroke: "#000"}));
      chart.appendChild(svg("text", {x: x + (barWidth - 20) / 2, y: y - 4, "text-anchor": "middle"}, String(count)));
      chart.appendChild(svg("text", {x: x + (barWidth - 20) / 2, y: h - bottom + 16, "text-anchor": "middle"},
        v === "no" && out.vetoedBy.length ? "no (veto)" : v));
    });
    var lineY = h - bottom - NEEDED * scale;
    chart.appendChild(svg("line", {x1: left, x2: w - 10, y1: lineY, y2: lineY, stroke: "currentColor",
                                   "stroke-dasharray": "6 4", "class": "ck-needed"}));
    chart.appendChild(svg("text", {x: w - 12, y: lineY - 4, "text-anchor": "end"}, NEEDED + " needed"));
    chart.appendChild(svg("line", {x1: left, x2: w - 10, y1: h - bottom, y2: h - bottom, stroke: "currentColor"}));
    box.appendChild(chart);
    box.appendChild(el("p", {id: "ck-tally-desc-" + n, "class": "ck-source"}, description));
  }

  function mount(box, data, n) {
    var members = data.members;
    var presets = data.presets;
    var start = box.getAttribute("data-preset");
    var panel = el("div", {"class": "ck-panel ck-simulator"});
    panel.appendChild(el("h2", {}, "Security Council vote simulator"));
    var row = el("div", {"class": "ck-row"});
    var selectId = "ck-scenario-" + n;
    row.appendChild(el("label", {"for": selectId}, "Scenario"));
    var select = el("select", {id: selectId});
    select.appendChild(el("option", {value: ""}, "Your own votes"));
    presets.forEach(function (p) { select.appendChild(el("option", {value: p.id}, p.title)); });
    row.appendChild(select);
    var procLabel = el("label", {"class": "ck-choice"});
    var procedural = el("input", {type: "checkbox"});
    procLabel.appendChild(procedural);
    procLabel.appendChild(el("span", {}, "Procedural question (Art. 27(2): no veto)"));
    row.appendChild(procLabel);
    panel.appendChild(row);
    var note = el("p", {"class": "ck-source ck-preset-note"});
    panel.appendChild(note);
    var result = el("div", {"class": "ck-outcome", role: "status", "aria-live": "polite"});
    panel.appendChild(result);
    var chartBox = el("div", {"class": "ck-chart"});
    panel.appendChild(chartBox);
    var inputs = {};
    function group(title, list) {
      var fs = el("fieldset", {"class": "ck-members-group"});
      fs.appendChild(el("legend", {}, title));
      var grid = el("div", {"class": "ck-members"});
      list.forEach(function (m) {
        var mfs = el("fieldset", {"class": "ck-member"});
        mfs.appendChild(el("legend", {}, m.name));
        inputs[m.id] = {};
        VOTES.forEach(function (v) {
          var label = el("label", {"class": "ck-choice", title: m.name + " " + SAYS[v]});
          var input = el("input", {type: "radio", name: "ck-vote-" + n + "-" + m.id, value: v});
          if (v === "yes") input.checked = true;
          input.addEventListener("change", function () { ownVotes(); });
          inputs[m.id][v] = input;
          label.appendChild(input);
          label.appendChild(el("span", {}, v));
          mfs.appendChild(label);
        });
        grid.appendChild(mfs);
      });
      fs.appendChild(grid);
      return fs;
    }
    panel.appendChild(group("Permanent members: a no is a veto on substantive questions",
      members.filter(function (m) { return m.permanent; })));
    panel.appendChild(group(data.elected_heading, members.filter(function (m) { return !m.permanent; })));
    box.appendChild(panel);

    function current() {
      return members.map(function (m) {
        var vote = VOTES.filter(function (v) { return inputs[m.id][v].checked; })[0] || "yes";
        return [m, vote];
      });
    }
    function showNote() {
      var p = presets.filter(function (q) { return q.id === select.value; })[0];
      if (!p) { note.textContent = "Set each member's vote below, or choose a scenario."; return; }
      note.textContent = p.description + " ";
      note.appendChild(el("em", {}, p.real && p.source ? "Source: " + p.source + "."
        : "A hypothetical vote, invented for the exercise."));
    }
    function show() {
      var out = decide(current(), procedural.checked);
      result.className = "ck-outcome " + (out.adopted ? "ck-adopted" : "ck-not-adopted");
      result.textContent = "";
      result.appendChild(el("strong", {}, out.symbol + " " + out.verdict.charAt(0).toUpperCase() + out.verdict.slice(1)));
      result.appendChild(document.createTextNode(" \u2014 " + out.explanation));
      result.appendChild(el("br"));
      var small = el("small", {}, "Tally (" + out.kind + " vote): " + out.tallyText);
      small.appendChild(el("br"));
      small.appendChild(document.createTextNode(out.votesText));
      result.appendChild(small);
      showNote();
      drawChart(chartBox, out, n);
      box.coursekitOutcome = out;
    }
    function ownVotes() {
      var p = presets.filter(function (q) { return q.id === select.value; })[0];
      if (p) {
        var same = current().every(function (pair) { return p.votes[pair[0].id] === pair[1]; }) &&
                   p.procedural === procedural.checked;
        if (!same) select.value = "";
      }
      show();
    }
    function applyPreset(id) {
      var p = presets.filter(function (q) { return q.id === id; })[0];
      if (!p) { show(); return; }
      members.forEach(function (m) { inputs[m.id][p.votes[m.id] || "yes"].checked = true; });
      procedural.checked = !!p.procedural;
      select.value = p.id;
      show();
    }
    select.addEventListener("change", function () { if (select.value) applyPreset(select.value); else show(); });
    procedural.addEventListener("change", ownVotes);
    applyPreset(start || "");
  }

  window.coursekitVotes = {decide: decide, chartDescription: chartDescription, joinNames: joinNames};
  site.mountEach("ck-council-data", ".ck-votes", function (box, data, n) {
    VOTES = data.votes; NEEDED = data.needed;
    mount(box, data, n);
  });
})();
