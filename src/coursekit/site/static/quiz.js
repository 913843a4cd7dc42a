/* coursekit quiz engine for the static edition.

   Shows and grades the questions of the course's banks in the browser, with the
   same rules as coursekit.quizzes.questions (Python): the same parsing of answers,
   the same messages, feedback, hints, tries, penalties, partial credit and seeded
   shuffle. tests/site/test_conformance.py runs both on generated answers and fails on
   any difference, so change the two together.

   Plain JavaScript, no modules and no network: it works from file:// and any static
   host. Text from the banks arrives as safe HTML made by Python (the *_html fields);
   everything else is put in the page as text, never as HTML.

   Mount points (see coursekit/site/quizdata.py): .ck-quiz[data-bank] (optionally
   [data-question]), .ck-progress, .ck-scores (by its data-call: my_scores, per lesson
   or data-by="objective"; my_answers; review_quiz, drawn as review.draw_review draws it,
   tested by test_conformance.py too); data in script#ck-course and
   script#ck-bank-<bank id>. Answers are kept in localStorage under
   coursekit:<course id>:<student id>; the export is the notebooks' export. */
(function () {
  "use strict";

  var EPS = 1e-9;

  // ---------------------------------------------------------------------------
  // Python's text rules, character for character

  // str.isspace() of Python (Unicode 14).
  var PY_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005" +
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

  // Where str.casefold() differs from str.lower() (code point: code points), for the
  // characters NFKD leaves alone; every other character is lowered one by one.
  var FOLD_TABLE =
    "df:73.73,345:3b9,3c2:3c3,13a0:13a0,13a1:13a1,13a2:13a2,13a3:13a3,13a4:13a4,13a5:13a5,13a6:13a6,13a7:" +
    "13a7,13a8:13a8,13a9:13a9,13aa:13aa,13ab:13ab,13ac:13ac,13ad:13ad,13ae:13ae,13af:13af,13b0:13b0,13b1:" +
    "13b1,13b2:13b2,13b3:13b3,13b4:13b4,13b5:13b5,13b6:13b6,13b7:13b7,13b8:13b8,13b9:13b9,13ba:13ba,13bb:" +
    "13bb,13bc:13bc,13bd:13bd,13be:13be,13bf:13bf,13c0:13c0,13c1:13c1,13c2:13c2,13c3:13c3,13c4:13c4,13c5:" +
    "13c5,13c6:13c6,13c7:13c7,13c8:13c8,13c9:13c9,13ca:13ca,13cb:13cb,13cc:13cc,13cd:13cd,13ce:13ce,13cf:" +
    "13cf,13d0:13d0,13d1:13d1,13d2:13d2,13d3:13d3,13d4:13d4,13d5:13d5,13d6:13d6,13d7:13d7,13d8:13d8,13d9:" +
    "13d9,13da:13da,13db:13db,13dc:13dc,13dd:13dd,13de:13de,13df:13df,13e0:13e0,13e1:13e1,13e2:13e2,13e3:" +
    "13e3,13e4:13e4,13e5:13e5,13e6:13e6,13e7:13e7,13e8:13e8,13e9:13e9,13ea:13ea,13eb:13eb,13ec:13ec,13ed:" +
    "13ed,13ee:13ee,13ef:13ef,13f0:13f0,13f1:13f1,13f2:13f2,13f3:13f3,13f4:13f4,13f5:13f5,13f8:13f0,13f9:" +
    "13f1,13fa:13f2,13fb:13f3,13fc:13f4,13fd:13f5,1c80:432,1c81:434,1c82:43e,1c83:441,1c84:442,1c85:442,1" +
    "c86:44a,1c87:463,1c88:a64b,1e9e:73.73,ab70:13a0,ab71:13a1,ab72:13a2,ab73:13a3,ab74:13a4,ab75:13a5,ab" +
    "76:13a6,ab77:13a7,ab78:13a8,ab79:13a9,ab7a:13aa,ab7b:13ab,ab7c:13ac,ab7d:13ad,ab7e:13ae,ab7f:13af,ab" +
    "80:13b0,ab81:13b1,ab82:13b2,ab83:13b3,ab84:13b4,ab85:13b5,ab86:13b6,ab87:13b7,ab88:13b8,ab89:13b9,ab" +
    "8a:13ba,ab8b:13bb,ab8c:13bc,ab8d:13bd,ab8e:13be,ab8f:13bf,ab90:13c0,ab91:13c1,ab92:13c2,ab93:13c3,ab" +
    "94:13c4,ab95:13c5,ab96:13c6,ab97:13c7,ab98:13c8,ab99:13c9,ab9a:13ca,ab9b:13cb,ab9c:13cc,ab9d:13cd,ab" +
    "9e:13ce,ab9f:13cf,aba0:13d0,aba1:13d1,aba2:13d2,aba3:13d3,aba4:13d4,aba5:13d5,aba6:13d6,aba7:13d7,ab" +
    "a8:13d8,aba9:13d9,abaa:13da,abab:13db,abac:13dc,abad:13dd,abae:13de,abaf:13df,abb0:13e0,abb1:13e1,ab" +
    "b2:13e2,abb3:13e3,abb4:13e4,abb5:13e5,abb6:13e6,abb7:13e7,abb8:13e8,abb9:13e9,abba:13ea,abbb:13eb,ab" +
    "bc:13ec,abbd:13ed,abbe:13ee,abbf:13ef" +
    "";
  var FOLD = {};
  FOLD_TABLE.split(",").forEach(function (item) {
    if (!item) { return; }
    var parts = item.split(":");
    FOLD[String.fromCodePoint(parseInt(parts[0], 16))] = parts[1].split(".").map(function (h) {
      return String.fromCodePoint(parseInt(h, 16));
    }).join("");
  });

  var ALNUM = /^[\p{L}\p{N}]$/u;
  var INVISIBLE = /^[\p{Cc}\p{Cf}\p{Cs}]$/u;
  var NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

  function isSpace(c) { return PY_SPACE.indexOf(c) >= 0; }

  function chars(text) { return Array.from(text); }

  /** Python's text.split(): the words between runs of whitespace. */
  function pySplit(text) {
    var words = [], word = "";
    chars(text).forEach(function (c) {
      if (isSpace(c)) {
        if (word) { words.push(word); }
        word = "";
      } else {
        word += c;
      }
    });
    if (word) { words.push(word); }
    return words;
  }

  /** Python's text.strip(). */
  function pyStrip(text) {
    var cs = chars(text), a = 0, b = cs.length;
    while (a < b && isSpace(cs[a])) { a += 1; }
    while (b > a && isSpace(cs[b - 1])) { b -= 1; }
    return cs.slice(a, b).join("");
  }

  /** Python's repr() of a float (shortest digits; exponent below 1e-4 and from 1e16). */
  function pyFloatRepr(x) {
    if (Object.is(x, -0)) { return "-0.0"; }
    var sign = x < 0 ? "-" : "", parts = Math.abs(x).toExponential().split("e");
    var digits = parts[0].replace(".", ""), decpt = parseInt(parts[1], 10) + 1;
    if (decpt > -4 && decpt <= 16) {
      if (decpt <= 0) { return sign + "0." + "0".repeat(-decpt) + digits; }
      if (decpt >= digits.length) { return sign + digits + "0".repeat(decpt - digits.length) + ".0"; }
      return sign + digits.slice(0, decpt) + "." + digits.slice(decpt);
    }
    var mant = digits[0] + (digits.length > 1 ? "." + digits.slice(1) : "");
    var ex = Math.abs(decpt - 1);
    return sign + mant + "e" + (decpt - 1 < 0 ? "-" : "+") + (ex < 10 ? "0" : "") + ex;
  }

  function hex(n, width) {
    var s = n.toString(16);
    return "0".repeat(Math.max(0, width - s.length)) + s;
  }

  /** Python's repr() of a str. */
  function pyReprText(text) {
    var quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    var out = quote;
    chars(text).forEach(function (c) {
      var cp = c.codePointAt(0);
      if (c === quote || c === "\\") { out += "\\" + c; }
      else if (c === "\t") { out += "\\t"; }
      else if (c === "\n") { out += "\\n"; }
      else if (c === "\r") { out += "\\r"; }
      else if (cp < 0x20 || cp === 0x7f) { out += "\\x" + hex(cp, 2); }
      else if (cp < 0x7f) { out += c; }
      else if (!NOT_PRINTABLE.test(c) || c === " ") { out += c; }
      else if (cp <= 0xff) { out += "\\x" + hex(cp, 2); }
      else if (cp <= 0xffff) { out += "\\u" + hex(cp, 4); }
      else { out += "\\U" + hex(cp, 8); }
    });
    return out + quote;
  }

  function isObject(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }

  /** Python's str() of a JSON value (a whole number is an int, any other a float). */
  function pyStr(value) {
    if (value === null || value === undefined) { return "None"; }
    if (typeof value === "boolean") { return value ? "True" : "False"; }
    if (typeof value === "number") {
      return Number.isInteger(value) && !Object.is(value, -0) ? String(value) : pyFloatRepr(value);
    }
    if (typeof value === "string") { return value; }
    if (Array.isArray(value)) { return "[" + value.map(pyRepr).join(", ") + "]"; }
    return "{" + Object.keys(value).map(function (k) {
      return pyReprText(k) + ": " + pyRepr(value[k]);
    }).join(", ") + "}";
  }

  function pyRepr(value) { return typeof value === "string" ? pyReprText(value) : pyStr(value); }

  /** Python's truth of a JSON value. */
  function pyTruthy(x) {
    if (x === null || x === undefined) { return false; }
    if (typeof x === "boolean") { return x; }
    if (typeof x === "number") { return x !== 0; }
    if (typeof x === "string" || Array.isArray(x)) { return x.length > 0; }
    return Object.keys(x).length > 0;
  }

  /** Python's == on JSON values (True == 1, [1] == [True]). */
  function pyEq(a, b) {
    if (a === null || a === undefined) { return b === null || b === undefined; }
    if (b === null || b === undefined) { return false; }
    var scalar = { number: 1, boolean: 1 };
    if (scalar[typeof a] && scalar[typeof b]) { return Number(a) === Number(b); }
    if (typeof a === "string" || typeof b === "string") { return a === b; }
    if (Array.isArray(a) || Array.isArray(b)) {
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
        a.every(function (x, i) { return pyEq(x, b[i]); });
    }
    if (isObject(a) && isObject(b)) {
      var ka = Object.keys(a), kb = Object.keys(b);
      return ka.length === kb.length && ka.every(function (k) {
        return Object.prototype.hasOwnProperty.call(b, k) && pyEq(a[k], b[k]);
      });
    }
    return false;
  }

  function pyIn(x, list) { return list.some(function (y) { return pyEq(x, y); }); }

  function TypeFailure(message) { this.message = message; }

  /** What submit says of an answer of the wrong shape (Python's TypeError or ValueError). */
  var UNREADABLE = "This answer is not in a form this question can read; nothing was counted.";

  /** Whether lists and objects in raw nest deeper than questions.MAX_DEPTH (such an answer
      is refused before anything walks it, as in Python). */
  var MAX_DEPTH = 20;
  function tooDeep(raw) {
    var stack = [[raw, 1]];
    while (stack.length) {
      var top = stack.pop(), item = top[0], depth = top[1];
      if (Array.isArray(item) || isObject(item)) {
        if (depth > MAX_DEPTH) { return true; }
        (Array.isArray(item) ? item : Object.keys(item).map(function (k) { return item[k]; }))
          .forEach(function (v) { stack.push([v, depth + 1]); });
      }
    }
    return false;
  }

  /** Python's list(raw or []): a text gives its characters, a dict its keys. */
  function pyList(raw) {
    if (!pyTruthy(raw)) { return []; }
    if (Array.isArray(raw)) { return raw.slice(); }
    if (typeof raw === "string") { return chars(raw); }
    if (isObject(raw)) { return Object.keys(raw); }
    throw new TypeFailure("not iterable");
  }

  /** Python's dict(raw or {}) as a list of [key, value] (the last value of a key wins). */
  function pyDictPairs(raw) {
    if (!pyTruthy(raw)) { return []; }
    if (isObject(raw)) {
      return Object.keys(raw).map(function (k) { return [k, raw[k]]; });
    }
    if (typeof raw !== "string" && !Array.isArray(raw)) { throw new TypeFailure("not iterable"); }
    return pyList(raw).map(function (item) {
      var pair;
      if (typeof item === "string") { pair = chars(item); }
      else if (Array.isArray(item)) { pair = item; }
      else if (isObject(item)) { pair = Object.keys(item); }
      else { throw new TypeFailure("not a pair"); }
      if (pair.length !== 2) { throw new TypeFailure("not a pair"); }
      if (Array.isArray(pair[0]) || isObject(pair[0])) { throw new TypeFailure("unhashable"); }
      return [pair[0], pair[1]];
    });
  }

  function lookup(pairs, key) {
    var found = null;
    pairs.forEach(function (pair) { if (pyEq(pair[0], key)) { found = pair[1]; } });
    return found === undefined ? null : found;
  }

  /** The text without what a student cannot see or mean (format and control
      characters other than line breaks and tabs, halves of surrogate pairs). */
  function invisibleRemoved(text) {
    return chars(text).filter(function (c) {
      return c === "\n" || c === "\t" || !INVISIBLE.test(c);
    }).join("");
  }

  function casefold(text) {
    return chars(text).map(function (c) {
      return Object.prototype.hasOwnProperty.call(FOLD, c) ? FOLD[c] : c.toLowerCase();
    }).join("");
  }

  /** Lower case, accents and punctuation removed, spaces collapsed (normalise_text). */
  function normaliseText(text) {
    // Marks go before folding, as in Python: U+0345 (a mark) folds to a letter.
    var folded = casefold(String(text).normalize("NFKD").replace(/\p{M}/gu, ""));
    var kept = chars(folded).filter(function (c) { return ALNUM.test(c) || isSpace(c); }).join("");
    return pySplit(kept).join(" ");
  }

  /** Edit distance with swaps of neighbours as one typo; stops above limit (edit_distance). */
  function editDistance(a, b, limit) {
    if (a === b) { return 0; }
    var A = chars(a), B = chars(b);
    if (limit !== undefined && limit !== null && Math.abs(A.length - B.length) > limit) { return limit + 1; }
    var before = [], previous = [], i, j;
    for (j = 0; j <= B.length; j += 1) { previous.push(j); }
    for (i = 1; i <= A.length; i += 1) {
      var current = [i], ca = A[i - 1];
      for (j = 1; j <= B.length; j += 1) {
        var cb = B[j - 1];
        var cost = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca !== cb ? 1 : 0));
        if (i > 1 && j > 1 && ca === B[j - 2] && A[i - 2] === cb) { cost = Math.min(cost, before[j - 2] + 1); }
        current.push(cost);
      }
      if (limit !== undefined && limit !== null && Math.min.apply(null, current) > limit) { return limit + 1; }
      before = previous;
      previous = current;
    }
    return previous[previous.length - 1];
  }

  /** [matched, the accepted spelling of a near miss or null] (match_text). */
  function matchText(given, accepted, fuzzy) {
    var g = normaliseText(given);
    if (!g) { return [false, null]; }
    var norms = accepted.map(function (a) { return [normaliseText(a), a]; });
    if (norms.some(function (n) { return n[0] === g; })) { return [true, null]; }
    if (fuzzy > 0) {
      for (var k = 0; k < norms.length; k += 1) {
        var budget = Math.min(fuzzy, Math.max(0, Math.floor(chars(norms[k][0]).length / 3)));
        if (budget && editDistance(g, norms[k][0], budget) <= budget) { return [true, norms[k][1]]; }
      }
    }
    return [false, null];
  }

  function quoted(text, width) {
    width = width || 40;
    var t = pySplit(invisibleRemoved(text)).join(" "), cs = chars(t);
    return cs.length <= width ? t : cs.slice(0, width - 1).join("") + "\u2026";
  }

  function plainWords(text) { return pySplit(String(text)).join(" "); }

  function AnswerError(message) { this.message = message; }

  var FLOAT_SYNTAX = /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/i;
  var DECIMAL_DIGIT = /^\p{Nd}$/u;

  /** A decimal digit of any script as its ASCII digit (Unicode digits come in runs of ten). */
  function asciiDigit(c) {
    var cp = c.codePointAt(0), start = cp;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) { start -= 1; }
    return String((cp - start) % 10);
  }

  /** Python's float() of a text, or null if it is not one. */
  function pyFloat(text) {
    var ascii = "";
    var cs = chars(text);
    for (var i = 0; i < cs.length; i += 1) {
      var c = cs[i];
      if (isSpace(c)) { ascii += " "; }
      else if (c.codePointAt(0) < 128) { ascii += c; }
      else if (DECIMAL_DIGIT.test(c)) { ascii += asciiDigit(c); }
      else { return null; }
    }
    ascii = ascii.replace(/^ +| +$/g, "");
    if (!FLOAT_SYNTAX.test(ascii)) { return null; }
    var bare = ascii.replace(/_/g, "").toLowerCase();
    if (/nan$/.test(bare)) { return NaN; }
    if (/inf(inity)?$/.test(bare)) { return bare[0] === "-" ? -Infinity : Infinity; }
    return Number(bare);
  }

  /** A number typed by a student (parse_number); AnswerError with a helpful message. */
  function parseNumber(raw) {
    var value;
    if (typeof raw === "boolean") { throw new AnswerError("Type a number."); }
    if (typeof raw === "number") {
      value = raw;
    } else {
      var text = pyStrip(invisibleRemoved(raw === null || raw === undefined ? "" : pyStr(raw)));
      if (!text) { throw new AnswerError("Type a number first."); }
      if (text.indexOf(",") >= 0) {
        var pieces = text.split(",");
        var decimal = pieces.length === 2 && chars(pieces[1]).length !== 3;
        var fixed = decimal ? text.replace(/,/g, ".") : text.replace(/,/g, "");
        throw new AnswerError('"' + quoted(text) + '" has a comma: write decimals with a point (' +
                              quoted(fixed) + ") and no thousands separators.");
      }
      value = pyFloat(text.replace(/ /g, "").replace(/\u00a0/g, ""));
      if (value === null) {
        throw new AnswerError('"' + quoted(text) + '" is not a number: type digits, e.g. 42 or 3.5.');
      }
    }
    if (!isFinite(value)) { throw new AnswerError("Type an ordinary number."); }
    return value;
  }

  // ---------------------------------------------------------------------------
  // The question types: parse a raw answer, grade it (as questions.py does)

  function general(q, credit) {
    var key = credit >= 1 - EPS ? "correct" : (credit > EPS ? "partial" : "incorrect");
    var fb = q.feedback || {};
    var text = fb[key] || (key === "partial" ? fb.incorrect : null);
    return text ? [text] : [];
  }

  function optionTexts(q) { return q.options.map(function (o) { return typeof o === "string" ? o : o.text; }); }

  function share(right, n, partial) { return right === n ? 1.0 : (partial ? right / n : 0.0); }

  function sameRaw(q, earlier, raw) { return pyEq(earlier, jsonable(raw)); }

  var TYPES = {
    single: {
      parse: function (q, raw) {
        if (raw === null || raw === undefined || raw === "") { throw new AnswerError("Choose an option first."); }
        if (!pyIn(raw, optionTexts(q))) {
          throw new AnswerError("That is not one of the options; choose one from the list.");
        }
        return raw;
      },
      grade: function (q, value) {
        var credit = pyEq(value, q.answer) ? 1.0 : 0.0;
        var option = q.options.filter(function (o) { return pyEq(o.text, value); })[0];
        return { credit: credit, feedback: (option.feedback ? [option.feedback] : []).concat(general(q, credit)) };
      }
    },
    multiple: {
      parse: function (q, raw) {
        if (!pyTruthy(raw)) { throw new AnswerError("Tick at least one option first."); }
        if (typeof raw === "string") { raw = [raw]; }
        var given = pyList(raw), texts = optionTexts(q);
        var unknown = given.filter(function (r) { return !pyIn(r, texts); });
        if (unknown.length) { throw new AnswerError('"' + pyStr(unknown[0]) + '" is not one of the options.'); }
        return texts.filter(function (t) { return given.indexOf(t) >= 0; });
      },
      grade: function (q, value) {
        var right = q.answer, hits = 0, misses = 0, credit;
        value.forEach(function (t) { if (right.indexOf(t) >= 0) { hits += 1; } else { misses += 1; } });
        if (hits === right.length && misses === 0) { credit = 1.0; }
        else if (q.partial) { credit = Math.max(0.0, (hits - misses) / right.length); }
        else { credit = 0.0; }
        var fb = q.options.filter(function (o) { return value.indexOf(o.text) >= 0 && o.feedback; })
          .map(function (o) { return o.feedback; });
        return { credit: credit, feedback: fb.concat(general(q, credit)) };
      }
    },
    truefalse: {
      parse: function (q, raw) {
        if (typeof raw === "boolean") { return raw; }
        if (typeof raw === "string") {
          var word = pyStrip(raw).toLowerCase();
          if (word === "true" || word === "false") { return word === "true"; }
        }
        throw new AnswerError("Choose True or False first.");
      },
      grade: function (q, value) {
        var credit = value === q.answer ? 1.0 : 0.0;
        return { credit: credit, feedback: general(q, credit) };
      }
    },
    numeric: {
      parse: function (q, raw) { return parseNumber(raw); },
      grade: function (q, value) {
        var ok = Math.abs(value - q.answer) <= q.tolerance + EPS * Math.max(1.0, Math.abs(q.answer));
        var credit = ok ? 1.0 : 0.0;
        return { credit: credit, feedback: general(q, credit) };
      }
    },
    text: {
      parse: function (q, raw) {
        var text = raw === null || raw === undefined ? "" : pyStr(raw);
        if (!normaliseText(text)) { throw new AnswerError("Type an answer first."); }
        return text;
      },
      grade: function (q, value) {
        var m = matchText(value, q.answer, q.fuzzy), credit = m[0] ? 1.0 : 0.0;
        var fb = general(q, credit);
        if (m[1]) { fb.push("Accepted, but check the spelling: **" + m[1] + "**."); }
        return { credit: credit, feedback: fb };
      }
    },
    ordering: {
      parse: function (q, raw) {
        var given = pyList(raw), n = q.items.length, seen = [];
        if (given.length !== n || given.some(function (r) { return r === null || r === ""; })) {
          throw new AnswerError("Place every item: choose one for each of the " + n + " positions.");
        }
        given.forEach(function (r) {
          if (!pyIn(r, q.items)) { throw new AnswerError('"' + pyStr(r) + '" is not one of the items.'); }
          if (seen.indexOf(r) >= 0) {
            throw new AnswerError('"' + plainWords(r) + '" is placed twice: use each item once.');
          }
          seen.push(r);
        });
        return given;
      },
      grade: function (q, value) {
        var n = q.items.length, inPlace = 0;
        value.forEach(function (v, i) { if (v === q.items[i]) { inPlace += 1; } });
        var credit = share(inPlace, n, q.partial), fb = general(q, credit);
        if (credit > 0 && credit < 1) { fb.push(inPlace + " of " + n + " items are in the right place."); }
        return { credit: credit, feedback: fb };
      }
    },
    matching: {
      parse: function (q, raw) {
        var pairs = pyDictPairs(raw), out = {};
        q.lefts.forEach(function (left) {
          var choice = lookup(pairs, left);
          if (choice === null || choice === "") {
            throw new AnswerError('Choose a match for "' + plainWords(left) + '".');
          }
          if (!pyIn(choice, q.rights)) { throw new AnswerError('"' + pyStr(choice) + '" is not one of the choices.'); }
          out[left] = choice;
        });
        return out;
      },
      grade: function (q, value) {
        var n = q.pairs.length, right = 0;
        q.pairs.forEach(function (p) { if (pyEq(value[p[0]], p[1])) { right += 1; } });
        var credit = share(right, n, q.partial), fb = general(q, credit);
        if (credit > 0 && credit < 1) { fb.push(right + " of " + n + " matches are right."); }
        return { credit: credit, feedback: fb };
      }
    },
    cloze: {
      parse: function (q, raw) {
        var given = pyList(raw), n = q.gaps.length;
        while (given.length < n) { given.push(""); }
        given = given.slice(0, n);
        given.forEach(function (v, i) {
          if (!normaliseText(v === null || v === undefined ? "" : pyStr(v))) {
            throw new AnswerError("Fill gap " + (i + 1) + " first.");
          }
        });
        return given.map(pyStr);
      },
      grade: function (q, value) {
        var right = 0, notes = [], n = q.gaps.length;
        q.gaps.forEach(function (gap, i) {
          var m = matchText(value[i], gap.answer, gap.fuzzy);
          if (m[0]) { right += 1; }
          if (m[1]) { notes.push("Gap " + (i + 1) + " accepted, but check the spelling: **" + m[1] + "**."); }
        });
        var credit = share(right, n, q.partial), fb = general(q, credit).concat(notes);
        if (right > 0 && right < n) { fb.push(right + " of " + n + " gaps are right."); }
        return { credit: credit, feedback: fb };
      }
    },
    reflection: {
      parse: function (q, raw) {
        var text = raw === null || raw === undefined ? "" : pyStr(raw), words = pySplit(text).length;
        if (!words) { throw new AnswerError("Write your answer first."); }
        if (words < (q.min_words || 0)) {
          throw new AnswerError("Write at least " + q.min_words + " words (you have " + words + ").");
        }
        return text;
      },
      grade: function (q) { return { credit: 1.0, feedback: general(q, 1.0) }; }
    },
    verdict: {
      parse: function (q, raw) {
        var given = isObject(raw) ? raw : { verdict: raw };
        var verdict = given.verdict === undefined ? null : given.verdict, why = given.why;
        if (verdict === null || verdict === "") { throw new AnswerError("Choose a verdict first."); }
        if (!pyIn(verdict, q.options)) {
          throw new AnswerError("That is not one of the verdicts; choose one from the list.");
        }
        why = why === null || why === undefined ? "" : pyStr(why);
        var words = pySplit(normaliseText(why)).length;
        if (!words) { throw new AnswerError("Say why in one line: what does the record show?"); }
        if (words < q.min_words) {
          throw new AnswerError("Say why in a few more words (at least " + q.min_words +
                                "): what does the record show?");
        }
        return [verdict, why];
      },
      grade: function (q, value) {
        var credit = pyIn(value[0], q.answer) ? 1.0 : 0.0;
        return { credit: credit, feedback: general(q, credit) };
      },
      same: function (q, earlier, raw) {
        function verdict(answer) {
          if (isObject(answer)) { return answer.verdict === undefined ? null : answer.verdict; }
          return answer;
        }
        return pyEq(verdict(earlier), verdict(raw));
      }
    }
  };

  function rulesOf(q) {
    var rules = TYPES[q.type];
    if (!rules) { throw new Error('question type "' + q.type + '" is not known to quiz.js'); }
    return rules;
  }

  /** A raw answer read (parse); throws AnswerError for an answer that cannot be read. */
  function parse(q, raw) { return rulesOf(q).parse(q, raw); }

  /** Parse then grade: {credit, feedback}; throws AnswerError like parse. */
  function grade(q, raw) { return rulesOf(q).grade(q, parse(q, raw)); }

  /** obj[key] = value as the object's own key, "__proto__" too (an assignment would make that
   *  one the object's prototype): a key in an answer is only a key, as in Python. */
  function setOwn(obj, key, value) {
    Object.defineProperty(obj, key, { value: value, enumerable: true, writable: true, configurable: true });
  }

  function jsonable(raw) {
    if (Array.isArray(raw)) { return raw.map(jsonable); }
    if (isObject(raw)) {
      var out = {};
      Object.keys(raw).forEach(function (k) { setOwn(out, k, jsonable(raw[k])); });
      return out;
    }
    return raw === undefined ? null : raw;
  }

  function newState() {
    return { tries: 0, score: 0.0, credit: 0.0, answer: null, finished: false, status: "not answered",
             feedback: [], draft: null, best: null };
  }

  function maxTries(q) { return q.max_tries; }

  /** Check raw against q and update state in place (questions.submit); never throws for
      a student's answer: problems come back as the outcome's message. */
  function submit(q, state, raw) {
    var value, rules = rulesOf(q);
    if (!q.graded) {
      if (tooDeep(raw)) { return { counted: false, message: UNREADABLE, grade: null, new_hint: null }; }
      try { value = rules.parse(q, raw); } catch (e) {
        if (e instanceof AnswerError) { return { counted: false, message: e.message, grade: null, new_hint: null }; }
        if (e instanceof TypeFailure) { return { counted: false, message: UNREADABLE, grade: null, new_hint: null }; }
        throw e;
      }
      state.answer = value;
      state.draft = null;
      state.tries += 1;
      state.status = "answered";
      state.credit = 1.0;
      state.feedback = general(q, 1.0);
      return { counted: true, message: "Saved. You can edit your answer and save again.",
               grade: { credit: 1.0, feedback: state.feedback.slice() }, new_hint: null };
    }
    if (state.finished) {
      return { counted: false, message: "This question is finished: read the explanation, then go on.",
               grade: null, new_hint: null };
    }
    if (tooDeep(raw)) { return { counted: false, message: UNREADABLE, grade: null, new_hint: null }; }
    try { value = rules.parse(q, raw); } catch (e) {
      if (e instanceof AnswerError) { return { counted: false, message: e.message, grade: null, new_hint: null }; }
      if (e instanceof TypeFailure) { return { counted: false, message: UNREADABLE, grade: null, new_hint: null }; }
      throw e;
    }
    if (q.summative) {
      // No answer key in the page: the answer is recorded, the instructor grades it.
      state.tries += 1;
      state.answer = jsonable(raw);
      state.draft = null;
      state.status = "answered";
      return { counted: true, grade: null, new_hint: null,
               message: "Saved. Your instructor grades this quiz: feedback comes from them. " +
                        "You can change your answer and save again." };
    }
    var same = rules.same || sameRaw;
    if (state.tries && !(state.credit >= 1 - EPS) && same(q, state.answer, raw)) {
      return { counted: false, message: "You already checked this answer: change it, then check again.",
               grade: null, new_hint: null };
    }
    var g = rules.grade(q, value), earlier = state.tries, lastAnswer = state.answer, message;
    state.tries += 1;
    state.answer = jsonable(raw);
    state.draft = null;
    state.credit = g.credit;
    state.feedback = g.feedback.slice();
    var tryScore = q.points * Math.max(0.0, g.credit - q.penalty * earlier);
    if (tryScore < state.score - EPS) {  // worse than an earlier try, which keeps the score
      state.best = state.best || { answer: lastAnswer, "try": earlier };
    } else {
      state.best = null;
    }
    state.score = Math.min(q.points, Math.max(state.score, tryScore));
    var left = maxTries(q) - state.tries, correct = g.credit >= 1 - EPS;
    if (correct || left <= 0) { state.finished = true; }
    if (correct) {
      state.status = "correct";
      message = "\u2714 Correct.";
    } else if (state.finished) {
      state.status = state.score > EPS ? "partly correct" : "wrong";
      message = (g.credit > EPS ? "\u25d0 Partly correct." : "\u2718 Not right.") + " No tries left.";
    } else {
      state.status = "in progress";
      message = (g.credit > EPS ? "\u25d0 Partly correct." : "\u2718 Not right.") + " " + left + " " +
        (left === 1 ? "try" : "tries") + " left.";
    }
    var hint = null;
    if (!correct && !state.finished && earlier < q.hints.length) { hint = q.hints[earlier]; }
    return { counted: true, message: message, grade: g, new_hint: hint };
  }

  /** Python's round(x, 6). */
  function round6(x) {
    var y = x * 1e6, r = Math.round(y);
    if (Math.abs(y % 1) === 0.5) { r = 2 * Math.round(y / 2); }
    return r / 1e6 + 0;
  }

  /** The record the progress file and the export hold (QuestionState.to_record). */
  function toRecord(q, state) {
    var record = { answer: state.answer, tries: state.tries, score: round6(state.score), points: q.points,
                   credit: round6(state.credit), finished: state.finished, status: state.status, type: q.type,
                   feedback: state.feedback.slice() };
    if (state.draft !== null && state.draft !== undefined) { record.draft = state.draft; }
    if (state.best !== null && state.best !== undefined) { record.best = state.best; }
    return record;
  }

  function finite(x) { return typeof x === "number" && isFinite(x); }

  /** A state rebuilt from a saved record (QuestionState.from_record), tolerant of damage. */
  function fromRecord(record) {
    var st = newState();
    if (!isObject(record)) { return st; }
    st.tries = finite(record.tries) ? Math.trunc(record.tries) : 0;
    st.score = finite(record.score) ? record.score : 0.0;
    st.credit = finite(record.credit) ? record.credit : 0.0;
    st.answer = record.answer === undefined ? null : record.answer;
    st.finished = Boolean(record.finished);
    st.status = typeof record.status === "string" ? record.status : "not answered";
    st.feedback = Array.isArray(record.feedback) ? record.feedback.map(String) : [];
    st.draft = record.draft === undefined ? null : record.draft;
    st.best = isObject(record.best) ? record.best : null;
    return st;
  }

  /** How many hints the student has earned (one per wrong try). */
  function hintsShown(q, state) {
    var wrong = state.tries - (state.finished && state.credit >= 1 - EPS ? 1 : 0);
    return Math.max(0, Math.min(q.hints.length, wrong));
  }

  // ---------------------------------------------------------------------------
  // The seeded shuffle of questions.shuffled_indices: SHA-256 of the key, then
  // Python's Mersenne Twister (random.Random(seed).shuffle), ported exactly.

  function sha256(bytes) {
    var K = [], H = [], primes = [], n = 2, i, j;
    while (primes.length < 64) {
      var prime = true;
      for (j = 0; j < primes.length && primes[j] * primes[j] <= n; j += 1) {
        if (n % primes[j] === 0) { prime = false; break; }
      }
      if (prime) { primes.push(n); }
      n += 1;
    }
    function frac(x) { return ((x - Math.floor(x)) * 4294967296) >>> 0; }
    for (i = 0; i < 64; i += 1) {
      if (i < 8) { H.push(frac(Math.pow(primes[i], 1 / 2))); }
      K.push(frac(Math.pow(primes[i], 1 / 3)));
    }
    var msg = Array.from(bytes), bitLength = msg.length * 8;
    msg.push(0x80);
    while (msg.length % 64 !== 56) { msg.push(0); }
    var hi = Math.floor(bitLength / 4294967296), lo = bitLength >>> 0;
    msg.push((hi >>> 24) & 255, (hi >>> 16) & 255, (hi >>> 8) & 255, hi & 255,
             (lo >>> 24) & 255, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255);
    function rotr(x, r) { return (x >>> r) | (x << (32 - r)); }
    for (var block = 0; block < msg.length; block += 64) {
      var w = [];
      for (i = 0; i < 16; i += 1) {
        var b = block + 4 * i;
        w.push(((msg[b] << 24) | (msg[b + 1] << 16) | (msg[b + 2] << 8) | msg[b + 3]) >>> 0);
      }
      for (i = 16; i < 64; i += 1) {
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w.push((w[i - 16] + s0 + w[i - 7] + s1) >>> 0);
      }
      var a = H[0], bb = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (i = 0; i < 64; i += 1) {
        var S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        var ch = (e & f) ^ (~e & g);
        var t1 = (h + S1 + ch + K[i] + w[i]) >>> 0;
        var S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        var maj = (a & bb) ^ (a & c) ^ (bb & c);
        var t2 = (S0 + maj) >>> 0;
        h = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = bb; bb = a; a = (t1 + t2) >>> 0;
      }
      H = [(H[0] + a) >>> 0, (H[1] + bb) >>> 0, (H[2] + c) >>> 0, (H[3] + d) >>> 0,
           (H[4] + e) >>> 0, (H[5] + f) >>> 0, (H[6] + g) >>> 0, (H[7] + h) >>> 0];
    }
    return H;  // eight 32-bit words, big-endian
  }

  function MersenneTwister(key) {
    var N = 624, mt = new Array(N), i, j, k;
    mt[0] = 19650218;
    for (i = 1; i < N; i += 1) {
      var p = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, p) + i) >>> 0;
    }
    i = 1; j = 0;
    for (k = Math.max(N, key.length); k; k -= 1) {
      var q = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (((mt[i] ^ Math.imul(q, 1664525)) >>> 0) + key[j] + j) >>> 0;
      i += 1; j += 1;
      if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
      if (j >= key.length) { j = 0; }
    }
    for (k = N - 1; k; k -= 1) {
      var r = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (((mt[i] ^ Math.imul(r, 1566083941)) >>> 0) - i) >>> 0;
      i += 1;
      if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
    }
    mt[0] = 0x80000000;
    this.mt = mt;
    this.index = N;
  }

  MersenneTwister.prototype.uint32 = function () {
    var N = 624, M = 397, mt = this.mt, y, kk;
    if (this.index >= N) {
      for (kk = 0; kk < N; kk += 1) {
        y = (mt[kk] & 0x80000000) | (mt[(kk + 1) % N] & 0x7fffffff);
        mt[kk] = (mt[(kk + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
      }
      this.index = 0;
    }
    y = mt[this.index];
    this.index += 1;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };

  MersenneTwister.prototype.below = function (n) {
    var k = 32 - Math.clz32(n), r = this.uint32() >>> (32 - k);
    while (r >= n) { r = this.uint32() >>> (32 - k); }
    return r;
  };

  /** A permutation of 0..n-1 fixed by the key parts (student, bank, question, ...):
      the order questions.shuffled_indices gives for the same key. */
  function shuffledIndices(n) {
    var parts = Array.prototype.slice.call(arguments, 1);
    var words = sha256(new TextEncoder().encode(parts.join("\x1f")));
    var key = words[0] ? [words[1], words[0]] : [words[1]];
    var rng = new MersenneTwister(key), order = [], i;
    for (i = 0; i < n; i += 1) { order.push(i); }
    for (i = n - 1; i >= 1; i -= 1) {
      var j = rng.below(i + 1), t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** The Mersenne Twister random.Random(int(sha256(text).hexdigest()[:16], 16)) starts. */
  function twisterFor(text) {
    var words = sha256(new TextEncoder().encode(text));
    return new MersenneTwister(words[0] ? [words[1], words[0]] : [words[1]]);
  }

  /** The positions random.Random.sample(population, k) picks from a population of n, in
      the order it picks them (Python 3's algorithm: a pool for small n, else a set). */
  function sampleIndices(rng, n, k) {
    var result = [], setsize = 21, i, j;
    if (k > 5) { setsize += Math.pow(4, Math.ceil(Math.log(k * 3) / Math.log(4))); }
    if (n <= setsize) {
      var pool = [];
      for (i = 0; i < n; i += 1) { pool.push(i); }
      for (i = 0; i < k; i += 1) {
        j = rng.below(n - i);
        result.push(pool[j]);
        pool[j] = pool[n - i - 1];
      }
    } else {
      var selected = {};
      for (i = 0; i < k; i += 1) {
        j = rng.below(n);
        while (selected[j]) { j = rng.below(n); }
        selected[j] = true;
        result.push(j);
      }
    }
    return result;
  }

  /** The review quiz's questions for a student, as [bank id, question id] pairs: what
      coursekit.quizzes.review.draw_review picks (perBank from each bank of review.banks,
      seeded by "<student>:<bank>:review", kept in the bank's order). */
  function drawReview(student, review, perBank) {
    var per = perBank === undefined || perBank === null ? review.per_bank : perBank, picked = [];
    if (!(per >= 1)) { throw new Error("per_bank must be at least 1"); }
    (review.banks || []).forEach(function (b) {
      var n = b.candidates.length;
      sampleIndices(twisterFor(student + ":" + b.id + ":review"), n, Math.min(per, n))
        .sort(function (x, y) { return x - y; })
        .forEach(function (i) { picked.push([b.id, b.candidates[i]]); });
    });
    return picked;
  }

  // ---------------------------------------------------------------------------
  // Progress in the browser: the progress file's document, in localStorage

  var MARKS = { "correct": "\u2714", "partly correct": "\u25d0", "wrong": "\u2718", "in progress": "\u2026",
                "not answered": "\u25cb", "answered": "\u270e" };

  function now() { return new Date().toISOString().replace(/\.\d+Z$/, "+00:00"); }

  function randomId() {
    var bytes = new Uint8Array(6);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return "s-" + Array.from(bytes).map(function (b) { return hex(b, 2); }).join("");
  }

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  var memory = {};
  var storage = {
    ok: true,
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { this.ok = false; return memory[key] || null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); } catch (e) { this.ok = false; memory[key] = value; }
    }
  };

  /** The student's progress: the same document as the notebooks' progress file. */
  function Progress(course) {
    this.course = course || { id: "coursekit", title: "", banks: [] };
    this.courseId = this.course.id || "coursekit";
    this.studentKey = "coursekit:" + this.courseId + ":student";
    this.load();
  }

  Progress.prototype.key = function () { return "coursekit:" + this.courseId + ":" + this.student; };

  Progress.prototype.load = function () {
    this.student = storage.get(this.studentKey);
    if (!this.student) {
      this.student = randomId();
      storage.set(this.studentKey, this.student);
    }
    var doc = null;
    try { doc = JSON.parse(storage.get(this.key()) || "null"); } catch (e) { doc = null; }
    if (!isObject(doc) || !isObject(doc.banks)) {
      doc = { format: "coursekit-progress", version: 1, student: this.student, created: now(), banks: {} };
    }
    this.doc = doc;
  };

  Progress.prototype.write = function () {
    this.doc.student = this.student;
    storage.set(this.key(), JSON.stringify(this.doc));
    storage.set(this.studentKey, this.student);
  };

  Progress.prototype.record = function (bankId, qid) {
    var bank = this.doc.banks[bankId];
    return bank && isObject(bank[qid]) ? bank[qid] : null;
  };

  Progress.prototype.save = function (bankId, qid, record) {
    record.saved = now();
    if (!isObject(this.doc.banks[bankId])) { this.doc.banks[bankId] = {}; }
    this.doc.banks[bankId][qid] = record;
    this.write();
  };

  Progress.prototype.forget = function (bankId, qid) {
    if (isObject(this.doc.banks[bankId])) { delete this.doc.banks[bankId][qid]; }
    this.write();
  };

  function num(x) { return finite(x) ? x : 0; }

  /** Score, points, answered and questions of each bank of the course (scores_by_bank). */
  Progress.prototype.scores = function () {
    var saved = this.doc.banks, out = {};
    (this.course.banks || []).forEach(function (b) {
      var records = isObject(saved[b.id]) ? saved[b.id] : {}, score = 0, answered = 0;
      Object.keys(records).forEach(function (qid) {
        if (b.questions.indexOf(qid) < 0 || !isObject(records[qid])) { return; }
        score += num(records[qid].score);
        if (num(records[qid].tries) > 0) { answered += 1; }
      });
      out[b.id] = { title: b.title, score: score, points: b.points, answered: answered,
                    questions: b.questions.length };
    });
    Object.keys(saved).forEach(function (bankId) {
      if (out[bankId] || !isObject(saved[bankId])) { return; }
      var records = saved[bankId], score = 0, points = 0, answered = 0;
      Object.keys(records).forEach(function (qid) {
        var r = isObject(records[qid]) ? records[qid] : {};
        score += num(r.score);
        points += num(r.points);
        if (num(r.tries) > 0) { answered += 1; }
      });
      out[bankId] = { title: bankId, score: score, points: points, answered: answered,
                      questions: Object.keys(records).length };
    });
    return out;
  };

  function own(obj, key) { return isObject(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined; }

  /** Python's round() to a whole number (halves to even). */
  function pyRound(x) {
    var r = Math.round(x);
    if (Math.abs(x % 1) === 0.5) { r = 2 * Math.round(x / 2); }
    return r + 0;
  }

  var REVIEW_BANK = "08_review";

  function reviewBank(course) { return course && course.review ? course.review.bank : REVIEW_BANK; }

  /** The rows of my_scores() (review.score_table): each lesson bank (not the review's, not
      an example's) with its lesson's title, score, points, percent, answered, questions. */
  function lessonRows(course, saved) {
    var titles = {}, skip = reviewBank(course);
    (course.lessons || []).forEach(function (l) { titles[l.id] = l.title; });
    return (course.banks || []).slice().sort(function (a, b) { return a.id < b.id ? -1 : (a.id > b.id ? 1 : 0); })
      .filter(function (b) { return b.id !== skip && b.id.charAt(0) !== "_"; })
      .map(function (b) {
        var records = isObject(own(saved, b.id)) ? saved[b.id] : {}, score = 0, answered = 0;
        Object.keys(records).forEach(function (qid) {
          if (b.questions.indexOf(qid) < 0 || !isObject(records[qid])) { return; }
          score += num(records[qid].score);
          if (num(records[qid].tries) > 0) { answered += 1; }
        });
        return { lesson: b.id, title: own(titles, b.id) !== undefined ? titles[b.id] : b.title, score: score,
                 points: b.points, answered: answered, questions: b.questions.length,
                 percent: b.points ? pyRound(100 * score / b.points) : 0 };
      });
  }

  /** The rows of my_scores(by="objective") (review.objective_table): each objective of
      each lesson, in the course's order, with the graded questions serving it (score of
      points; a question answered in the review quiz too counts once, with the better
      score) and how many of all its questions are answered; percent null when no
      question serving it is graded. */
  function objectiveRows(course, saved) {
    var byObjective = {}, review = own(saved, reviewBank(course)), rows = [];
    (course.banks || []).forEach(function (b) {
      if (b.id.charAt(0) === "_") { return; }
      (b.serves || []).forEach(function (s) {
        if (!Object.prototype.hasOwnProperty.call(byObjective, s.objective)) { byObjective[s.objective] = []; }
        byObjective[s.objective].push([b.id, s]);
      });
    });
    (course.lessons || []).forEach(function (lesson) {
      (lesson.objectives || []).forEach(function (o) {
        var score = 0, points = 0, answered = 0;
        var served = Object.prototype.hasOwnProperty.call(byObjective, o.id) ? byObjective[o.id] : [];
        served.forEach(function (pair) {
          var s = pair[1];
          var states = [fromRecord(own(own(saved, pair[0]), s.question)),
                        fromRecord(s.graded ? own(review, s.question) : null)];
          points += s.graded ? s.points : 0;
          score += s.graded ? Math.max(states[0].score, states[1].score) : 0;
          answered += states[0].tries > 0 || states[1].tries > 0 ? 1 : 0;
        });
        rows.push({ objective: o.id, text: o.text, score: score, points: points, answered: answered,
                    questions: served.length, percent: points ? pyRound(100 * score / points) : null });
      });
    });
    return rows;
  }

  /** An answer (text, number, list, pairs) as one line of words (questions._words). */
  function words(value) {
    if (value === null || value === undefined) { return ""; }
    if (Array.isArray(value)) { return value.map(words).join("; "); }
    if (isObject(value)) {
      return Object.keys(value).map(function (k) { return words(k) + " \u2192 " + words(value[k]); }).join("; ");
    }
    if (typeof value === "number") { return Number.isInteger(value) ? pyStr(value) : fmtG(value); }
    return pySplit(pyStr(value)).join(" ");
  }

  /** A saved answer in words (Question.given_text; a verdict's with its reason). */
  function givenText(q, answer) {
    if (q.type === "verdict" && isObject(answer)) {
      return words(own(answer, "verdict")) + "; why: " + words(own(answer, "why"));
    }
    return words(answer);
  }

  /** The rows of my_answers(bank, only) (review.answer_rows): each question's status,
      the student's answer, and the right answer only once the question is finished. */
  function answerRows(bank, saved, only) {
    var records = own(saved, bank.bank);
    return bank.questions.filter(function (q) { return !only || Boolean(q.inline) === (only === "inline"); })
      .map(function (q) {
        var st = fromRecord(own(records, q.id));
        return { question: q.id, status: st.status, yours: st.tries > 0 ? givenText(q, st.answer) : "",
                 key: st.finished ? (q.answer_text || "") : "" };
      });
  }

  /** The export: the same document coursekit.export_answers() writes (export_document). */
  Progress.prototype.exportDocument = function () {
    var scores = this.scores(), saved = this.doc.banks, banks = {};
    Object.keys(scores).sort().forEach(function (bankId) {
      var s = scores[bankId];
      banks[bankId] = { title: s.title, score: round6(s.score), points: s.points, answered: s.answered,
                        questions: s.questions, answers: isObject(saved[bankId]) ? saved[bankId] : {} };
    });
    return { format: "coursekit-answers", version: 2, course: this.courseId, student: this.student,
             name: this.doc.name || null, aliases: (this.doc.aliases || []).slice(), exported: now(),
             banks: banks };
  };

  function fileSlug(text) {
    if (!text) { return ""; }
    var folded = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    return folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/^-+|-+$/g, "");
  }

  function exportFileName(doc, when) {
    var who = fileSlug(doc.name) ? doc.name : doc.student, slug = fileSlug(who);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    var stamp = when.getFullYear() + two(when.getMonth() + 1) + two(when.getDate()) + "-" +
      two(when.getHours()) + two(when.getMinutes()) + two(when.getSeconds());
    return "answers-" + (slug ? slug + "-" : "") + stamp + ".json";
  }

  /** Sorted keys and one-space indent, like json.dumps(..., indent=1, sort_keys=True). */
  function sortedJson(value) {
    function sortKeys(v) {
      if (Array.isArray(v)) { return v.map(sortKeys); }
      if (isObject(v)) {
        var out = {};
        Object.keys(v).sort().forEach(function (k) { setOwn(out, k, sortKeys(v[k])); });
        return out;
      }
      return v;
    }
    return JSON.stringify(sortKeys(value), null, 1);
  }

  function nameKey(name) {
    if (!name) { return ""; }
    var text = String(name).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    return pySplit(text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")).join(" ");
  }

  function cleanName(name) {
    var text = String(name).normalize("NFC").replace(/[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, " ");
    return pySplit(text).join(" ");
  }

  function savedTime(record) {
    var t = isObject(record) && typeof record.saved === "string" ? Date.parse(record.saved) : NaN;
    return isNaN(t) ? null : t;
  }

  /** Whether record is further on than than (store.is_newer). */
  function isNewer(record, than) {
    if (!isObject(than)) { return true; }
    var mine = num(record.tries), theirs = num(than.tries);
    if (mine !== theirs) { return mine > theirs; }
    var a = savedTime(record), b = savedTime(than);
    return a !== null && (b === null || a > b);
  }

  /** Bring an export back (ProgressStore.merge): each answer only if it is further on. */
  Progress.prototype.merge = function (doc) {
    var report = { brought: 0, kept: 0, same: 0, banks: 0, otherName: null, name: null };
    var mine = this.doc.name || "", incoming = typeof doc.name === "string" ? cleanName(doc.name) : "";
    if (mine && incoming && nameKey(mine) !== nameKey(incoming)) {
      report.otherName = mine;
      return report;
    }
    var self = this, banks = isObject(doc.banks) ? doc.banks : {};
    Object.keys(banks).forEach(function (bankId) {
      var entry = banks[bankId];
      var records = isObject(entry) && isObject(entry.answers) ? entry.answers : {};
      var here = isObject(self.doc.banks[bankId]) ? self.doc.banks[bankId] : {}, took = 0;
      Object.keys(records).forEach(function (qid) {
        var record = records[qid];
        if (!isObject(record)) { return; }
        if (isNewer(record, here[qid])) { here[qid] = record; took += 1; }
        else if (pyEq(record, here[qid])) { report.same += 1; }
        else { report.kept += 1; }
      });
      if (took) { self.doc.banks[bankId] = here; report.brought += took; report.banks += 1; }
    });
    if (incoming && !mine) { this.doc.name = report.name = incoming; }
    var known = Array.isArray(this.doc.aliases) ? this.doc.aliases.slice() : [];
    var others = (Array.isArray(doc.aliases) ? doc.aliases : []).filter(function (a) { return typeof a === "string"; });
    var student = typeof doc.student === "string" ? doc.student : "";
    if (student && student !== this.student && known.indexOf(student) < 0) {
      // The id of the earlier sessions becomes this browser's id, as in the notebooks.
      others.push(this.student);
      var old = this.key();
      this.student = student;
      storage.set(old, "");
    } else if (student) {
      others.push(student);
    }
    var primary = this.student, merged = [];
    known.concat(others).forEach(function (a) { if (a && a !== primary && merged.indexOf(a) < 0) { merged.push(a); } });
    this.doc.aliases = merged.slice(-50);
    this.write();
    return report;
  };

  // ---------------------------------------------------------------------------
  // Showing questions

  var progress = null;
  var views = [];
  var listeners = [];
  var uid = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (k === "html") { node.innerHTML = attrs[k]; }  // only Python-made HTML (*_html fields)
      else if (k === "className") { node.className = attrs[k]; }
      else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function nextId(prefix) { uid += 1; return "ck-" + prefix + "-" + uid; }

  /** A number as the course shows it (markup.number): Python's format(x, "g"), but a number
      of a million or more written out in full (its shortest form, as Python's repr). */
  function fmtG(x) {
    if (x === 0) { return "0"; }
    if (isFinite(x) && Math.abs(x) >= 1e6) {
      var m = /^(-?)(\d+)(?:\.(\d+))?e\+(\d+)$/.exec(String(x));
      return m ? m[1] + m[2] + (m[3] || "") + "0".repeat(parseInt(m[4], 10) - (m[3] || "").length) : String(x);
    }
    var parts = x.toExponential(5).split("e"), exp = parseInt(parts[1], 10);
    function strip(s) { return s.indexOf(".") >= 0 ? s.replace(/0+$/, "").replace(/\.$/, "") : s; }
    if (exp < -4 || exp >= 6) {
      return strip(parts[0]) + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return strip(x.toFixed(Math.max(0, 5 - exp)));
  }

  function round2(x) { return Math.round(x * 100) / 100; }

  function feedbackLineHtml(q, line) {
    if (q.html && Object.prototype.hasOwnProperty.call(q.html, line)) { return q.html[line]; }
    return null;
  }

  function order(q, n, bankId, extra) {
    if (!q.shuffle) { return Array.from({ length: n }, function (_, i) { return i; }); }
    var args = [n, progress.student, bankId, q.id];
    if (extra !== undefined) { args.push(extra); }
    return shuffledIndices.apply(null, args);
  }

  function selectBox(labelText, values, cls) {
    var id = nextId("sel");
    var select = el("select", { id: id, className: cls || "ck-select" });
    select.appendChild(el("option", { value: "", text: "\u2014 choose \u2014" }));
    values.forEach(function (v) { select.appendChild(el("option", { text: v })); });
    values.forEach(function (v, i) { select.options[i + 1].value = v; });
    var row = el("div", { className: "ck-row" }, [el("label", { "for": id, text: labelText }), select]);
    return { row: row, control: select };
  }

  function textBox(labelText, placeholder, area) {
    var id = nextId("in");
    var box = el(area ? "textarea" : "input", { id: id, className: "ck-input", placeholder: placeholder,
                                                autocomplete: "off", spellcheck: area ? "true" : "false" });
    if (area) { box.setAttribute("rows", "5"); } else { box.setAttribute("type", "text"); }
    var row = el("div", { className: "ck-row" }, [el("label", { "for": id, text: labelText }), box]);
    return { row: row, control: box };
  }

  function choiceList(kind, name, texts) {
    var rows = [], controls = [];
    texts.forEach(function (text) {
      var id = nextId("opt");
      var input = el("input", { type: kind, id: id, name: name });
      input.value = text;
      controls.push(input);
      rows.push(el("div", { className: "ck-choice" }, [input, el("label", { "for": id, text: text })]));
    });
    return { rows: rows, controls: controls };
  }

  function setSelect(select, value) {
    var ok = typeof value === "string" && Array.from(select.options).some(function (o) { return o.value === value && value !== ""; });
    select.value = ok ? value : "";
  }

  function asList(answer) { return Array.isArray(answer) ? answer : (answer === null || answer === undefined ? [] : [answer]); }

  /** Each type's controls: build (rows of the answer area), read, restore. */
  var WIDGETS = {
    single: function (v) {
      var texts = order(v.q, v.q.options.length, v.bankId).map(function (i) { return optionTexts(v.q)[i]; });
      var list = choiceList("radio", nextId("r"), texts);
      return { rows: list.rows,
               read: function () { var c = list.controls.filter(function (x) { return x.checked; })[0]; return c ? c.value : null; },
               restore: function (a) { list.controls.forEach(function (x) { x.checked = x.value === a; }); } };
    },
    multiple: function (v) {
      var texts = order(v.q, v.q.options.length, v.bankId).map(function (i) { return optionTexts(v.q)[i]; });
      var list = choiceList("checkbox", nextId("c"), texts);
      return { rows: [el("p", { className: "ck-intro" }, [el("em", { text: "Tick every right answer." })])].concat(list.rows),
               read: function () { return list.controls.filter(function (x) { return x.checked; }).map(function (x) { return x.value; }); },
               restore: function (a) { var l = asList(a); list.controls.forEach(function (x) { x.checked = l.indexOf(x.value) >= 0; }); } };
    },
    truefalse: function () {
      var list = choiceList("radio", nextId("tf"), ["True", "False"]);
      return { rows: list.rows,
               read: function () { var c = list.controls.filter(function (x) { return x.checked; })[0]; return c ? c.value === "True" : null; },
               restore: function (a) {
                 var word = typeof a === "boolean" ? (a ? "True" : "False") :
                   (typeof a === "string" ? pyStrip(a).charAt(0).toUpperCase() + pyStrip(a).slice(1).toLowerCase() : null);
                 list.controls.forEach(function (x) { x.checked = x.value === word; });
               } };
    },
    numeric: function (v) {
      var box = textBox("Your answer:", "a number, e.g. 12.5");
      box.control.setAttribute("inputmode", "decimal");
      if (v.q.unit) { box.row.appendChild(el("span", { className: "ck-unit", text: v.q.unit })); }
      return { rows: [box.row], read: function () { return box.control.value; },
               restore: function (a) { box.control.value = a === null || a === undefined ? "" : String(a); } };
    },
    text: function () {
      var box = textBox("Your answer:", "type your answer");
      return { rows: [box.row], read: function () { return box.control.value; },
               restore: function (a) { box.control.value = typeof a === "string" ? a : ""; } };
    },
    reflection: function () {
      var box = textBox("Your answer:", "write here; kept as you type, your answer when you click Save", true);
      return { rows: [box.row], drafts: true, read: function () { return box.control.value; },
               restore: function (a) { box.control.value = typeof a === "string" ? a : ""; } };
    },
    ordering: function (v) {
      var items = order(v.q, v.q.items.length, v.bankId).map(function (i) { return v.q.items[i]; });
      var n = items.length, boxes = [];
      var rows = [el("p", { className: "ck-intro" }, [el("em", { text: "Choose the item for each place, first to last." })])];
      for (var i = 1; i <= n; i += 1) {
        var b = selectBox(i + (i === 1 ? " (first)" : (i === n ? " (last)" : "")) + ":", items);
        boxes.push(b.control);
        rows.push(b.row);
      }
      return { rows: rows,
               read: function () { return boxes.map(function (b) { return b.value || null; }); },
               restore: function (a) { var l = asList(a); boxes.forEach(function (b, i) { setSelect(b, l[i]); }); } };
    },
    matching: function (v) {
      var rights = order(v.q, v.q.rights.length, v.bankId).map(function (i) { return v.q.rights[i]; });
      var boxes = v.q.lefts.map(function (left) { return selectBox(left + " \u2192", rights); });
      return { rows: boxes.map(function (b) { return b.row; }),
               read: function () {
                 var out = {};
                 v.q.lefts.forEach(function (left, i) { setOwn(out, left, boxes[i].control.value || null); });
                 return out;
               },
               restore: function (a) {
                 var chosen = isObject(a) ? a : {};
                 v.q.lefts.forEach(function (left, i) {
                   setSelect(boxes[i].control, Object.prototype.hasOwnProperty.call(chosen, left) ? chosen[left] : null);
                 });
               } };
    },
    cloze: function (v) {
      var rows = [el("div", { className: "ck-cloze-text", html: v.q.text_html || "" })], controls = [];
      v.q.gaps.forEach(function (gap, k) {
        var i = k + 1, b;
        if (gap.options && gap.options.length) {
          b = selectBox("Gap (" + i + "):", order(v.q, gap.options.length, v.bankId, String(i)).map(function (j) { return gap.options[j]; }));
        } else {
          b = textBox("Gap (" + i + "):", "gap " + i);
        }
        b.select = gap.options && gap.options.length;
        controls.push(b);
        rows.push(b.row);
      });
      return { rows: rows,
               read: function () { return controls.map(function (b) { return b.control.value || ""; }); },
               restore: function (a) {
                 var l = asList(a);
                 controls.forEach(function (b, i) {
                   if (b.select) { setSelect(b.control, l[i]); }
                   else { b.control.value = typeof l[i] === "string" ? l[i] : ""; }
                 });
               } };
    },
    verdict: function (v) {
      var list = choiceList("radio", nextId("v"), v.q.options);
      var box = textBox("Why:", "one line: what does the record show?");
      return { rows: [el("p", { className: "ck-intro", text: "Your verdict:" })].concat(list.rows, [box.row]), drafts: true,
               read: function () {
                 var c = list.controls.filter(function (x) { return x.checked; })[0];
                 return { verdict: c ? c.value : null, why: box.control.value };
               },
               restore: function (a) {
                 var chosen = isObject(a) ? a : {};
                 list.controls.forEach(function (x) { x.checked = x.value === chosen.verdict; });
                 box.control.value = typeof chosen.why === "string" ? chosen.why : "";
               } };
    }
  };

  function blank(value) {
    if (value === null || value === undefined) { return true; }
    if (typeof value === "string") { return !value.trim(); }
    if (Array.isArray(value)) { return value.every(blank); }
    if (isObject(value)) { return Object.keys(value).every(function (k) { return blank(value[k]); }); }
    return false;
  }

  /** One question on the page: prompt, controls, Check, status, feedback, hints, explanation. */
  function QuestionView(bank, q, number, label) {
    var self = this;
    this.bankId = bank.bank;
    this.bank = bank;
    this.q = q;
    this.state = fromRecord(progress.record(this.bankId, q.id));
    var base = nextId("q");
    var verb = !q.graded || q.summative ? "Save" : "Check";
    var pts = !q.graded ? "not graded" : fmtG(q.points) + " point" + (q.points !== 1 ? "s" : "");
    this.widget = WIDGETS[q.type](this);
    this.head = el("h3", { className: "ck-qhead", id: base + "-head" },
                   [document.createTextNode(label || "Question " + number), el("span", { className: "ck-points", text: " (" + pts + ")" })]);
    this.prompt = el("div", { className: "ck-prompt", id: base + "-prompt", html: q.prompt_html });
    this.answer = el("fieldset", { className: "ck-answer", "aria-describedby": base + "-prompt" },
                     [el("legend", { className: "ck-legend", text: "Your answer to " + (label || "question " + number) })].concat(this.widget.rows));
    this.button = el("button", { type: "button", className: "ck-check", text: verb });
    this.status = el("span", { className: "ck-status", id: base + "-status" });
    this.feedback = el("div", { className: "ck-feedback", role: "status", "aria-live": "polite" });
    this.hints = el("div", { className: "ck-hints", "aria-live": "polite" });
    this.explanation = el("div", { className: "ck-explanation" });
    this.box = el("section", { className: "ck-question ck-type-" + q.type, id: "ck-" + this.bankId + "-" + q.id,
                               "aria-labelledby": base + "-head", "data-question": q.id },
                  [this.head, this.prompt, this.answer,
                   el("div", { className: "ck-actions" }, [this.button, this.status]),
                   this.feedback, this.hints, this.explanation]);
    this.button.addEventListener("click", function () { self.check(); });
    this.answer.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.tagName === "INPUT" && event.target.type === "text") {
        event.preventDefault();
        self.check();
      }
    });
    if (this.widget.drafts) {
      this.answer.addEventListener("input", function () { self.keepDraft(); });
      this.answer.addEventListener("change", function () { self.keepDraft(); });
    }
    this.restore();
    this.render(null);
    views.push(this);
  }

  QuestionView.prototype.restore = function () {
    if (this.state.tries > 0) { this.widget.restore(this.state.answer); }
    if (this.state.draft !== null) { this.widget.restore(this.state.draft); }
  };

  QuestionView.prototype.keepDraft = function () {
    var q = this.q, st = this.state;
    if (q.graded && st.finished) { return; }
    var raw = jsonable(this.widget.read());
    var draft = pyEq(raw, st.answer) || (blank(raw) && !st.tries) ? null : raw;
    if (pyEq(draft, st.draft)) { return; }
    st.draft = draft;
    if (draft === null && !st.tries) { progress.forget(this.bankId, q.id); }
    else { progress.save(this.bankId, q.id, toRecord(q, st)); }
    this.renderStatus();
  };

  /** What clicking Check (or Save) does; returns the outcome. */
  QuestionView.prototype.check = function () {
    var saved = progress.record(this.bankId, this.q.id), outcome;
    if (isObject(saved) && finite(saved.tries) && saved.tries > this.state.tries) {
      // Answers brought back or given in another window: shown, never overwritten.
      this.state = fromRecord(saved);
      this.widget.restore(this.state.answer);
      outcome = { counted: false, grade: null, new_hint: null,
                  message: "Your saved answer to this question is further on than what this page showed " +
                           "(brought back from your file, or given in another window): it is shown now. " +
                           "Change it and check again if you like." };
    } else {
      try {
        outcome = submit(this.q, this.state, this.widget.read());
      } catch (e) {
        outcome = { counted: false, grade: null, new_hint: null,
                    message: "Sorry, that answer could not be checked (" + (e && e.message) + ")." };
      }
      if (outcome.counted) { progress.save(this.bankId, this.q.id, toRecord(this.q, this.state)); }
    }
    this.render(outcome);
    changed(this);
    return outcome;
  };

  QuestionView.prototype.render = function (outcome) {
    var q = this.q, st = this.state, self = this;
    this.feedback.textContent = "";
    var message = null, lines = [];
    if (outcome) {
      message = outcome.message;
      lines = outcome.grade ? outcome.grade.feedback : [];
    } else if (st.tries > 0) {
      message = (MARKS[st.status] || "") + " Restored: " + st.status + ".";
      lines = st.feedback;
    }
    if (message !== null) {
      this.feedback.appendChild(el("p", { className: "ck-message", text: message }));
      lines.forEach(function (line) {
        if (!line) { return; }
        var html = feedbackLineHtml(q, line);
        self.feedback.appendChild(html === null ? el("p", { className: "ck-line", text: line })
                                                : el("div", { className: "ck-line", html: html }));
      });
    }
    this.hints.textContent = "";
    var shown = q.graded ? hintsShown(q, st) : 0;
    for (var i = 0; i < shown; i += 1) {
      this.hints.appendChild(el("p", { className: "ck-hint" },
        [el("strong", { text: "Hint " + (i + 1) + " of " + q.hints.length + ": " }), el("span", { html: q.hints_html[i] })]));
    }
    this.explanation.textContent = "";
    if (st.finished || (!q.graded && st.tries > 0)) {
      (q.reveal || []).forEach(function (section) {
        self.explanation.appendChild(el("p", {}, [el("strong", { text: section[0] + ":" })]));
        self.explanation.appendChild(el("div", { html: section[1] }));
      });
      if (q.source) { self.explanation.appendChild(el("p", {}, [el("em", { text: "Source: " + q.source })])); }
    }
    this.renderStatus();
  };

  QuestionView.prototype.renderStatus = function () {
    var q = this.q, st = this.state, text;
    if (!q.graded || q.summative) {
      text = (MARKS[st.status] || "") + " " + st.status;
    } else {
      var left = Math.max(0, q.max_tries - st.tries);
      text = (MARKS[st.status] || "") + " " + st.status + ": " + fmtG(st.score) + "/" + fmtG(q.points) + " points" +
        (st.finished ? "" : "; " + left + " " + (left === 1 ? "try" : "tries") + " left");
    }
    if (st.draft !== null) {
      text += "; draft kept as you type (not an answer until you click " + (!q.graded || q.summative ? "Save" : "Check") + ")";
    }
    if (!storage.ok) { text = "\u26a0 this browser does not keep answers: download them before you leave; " + text; }
    this.status.textContent = text;
  };

  QuestionView.prototype.reload = function () {
    this.state = fromRecord(progress.record(this.bankId, this.q.id));
    this.widget.restore(null);
    this.restore();
    this.render(null);
  };

  function changed(source) {
    views.forEach(function (v) {
      if (v !== source && v.bankId === source.bankId && v.q.id === source.q.id) { v.reload(); }
    });
    listeners.slice().forEach(function (fn) { fn(); });
  }

  var payloads = {};

  function bankPayload(bankId) {
    if (!Object.prototype.hasOwnProperty.call(payloads, bankId)) {
      var bank = readJson("ck-bank-" + bankId);
      payloads[bankId] = bank && Array.isArray(bank.questions) ? bank : null;
    }
    return payloads[bankId];
  }

  function mountQuiz(node) {
    var bankId = node.getAttribute("data-bank"), qid = node.getAttribute("data-question");
    var bank = bankPayload(bankId);
    node.textContent = "";
    if (!bank) {
      node.appendChild(el("p", { className: "ck-error", text: "\u26a0 The quiz " + bankId + " is missing from this page." }));
      return;
    }
    if (qid) {
      var q = bank.questions.filter(function (x) { return x.id === qid; })[0];
      if (!q) {
        node.appendChild(el("p", { className: "ck-error", text: "\u26a0 The quiz " + bankId + " has no question " + qid + "." }));
        return;
      }
      node.appendChild(new QuestionView(bank, q, 1, "Question").box);
      return;
    }
    var shown = bank.questions.filter(function (x) { return !x.inline; });
    showQuiz(node, bank, shown, bank.questions.length - shown.length);
  }

  /** A quiz in node: its title, description, score line and the questions shown (the
      score counts every question of bank.questions). Returns its views and the function
      that updates its score, to take them away again (mountReview). */
  function showQuiz(node, bank, shown, inline) {
    var score = el("p", { className: "ck-score", role: "status" });
    node.appendChild(el("div", { className: "ck-quiz-head" }, [
      el("p", { className: "ck-quiz-title" }, [el("strong", { text: bank.title })]),
      bank.description_html ? el("div", { className: "ck-description", html: bank.description_html }) : null,
      bank.summative ? el("p", { className: "ck-summative",
        text: "This quiz is graded by your instructor: your answers are saved here and in your download, " +
              "and feedback comes from your instructor." }) : null,
      inline ? el("p", { className: "ck-inline-note",
        text: inline + " more question" + (inline === 1 ? " of this quiz is" : "s of this quiz are") +
              " asked in the lesson's text; they count in this score." }) : null,
      score]));
    var own = shown.map(function (q, i) { return new QuestionView(bank, q, i + 1); });
    own.forEach(function (v) { node.appendChild(v.box); });
    function update() {
      var total = 0, points = 0, answered = 0;
      bank.questions.forEach(function (q) {
        var st = fromRecord(progress.record(bank.bank, q.id));
        total += st.score; points += q.points; answered += st.tries > 0 ? 1 : 0;
      });
      score.textContent = bank.summative
        ? answered + " of " + bank.questions.length + " answered"
        : answered + " of " + bank.questions.length + " answered, " + fmtG(round2(total)) + "/" + fmtG(points) + " points";
    }
    listeners.push(update);
    update();
    return { views: own, update: update };
  }

  /** The review quiz (coursekit.review_quiz()): the questions drawn for this student id,
      from the banks' payloads on the page, saved under the review's bank id. Drawn again
      when the student id changes (an import can bring back an earlier id). */
  function mountReview(node) {
    var review = progress.course.review, per = parseInt(node.getAttribute("data-per-bank") || "", 10);
    var drawnFor = null, shown = null;
    function draw() {
      if (drawnFor === progress.student) { return; }
      drawnFor = progress.student;
      if (shown) {
        shown.views.forEach(function (v) { views.splice(views.indexOf(v), 1); });
        listeners.splice(listeners.indexOf(shown.update), 1);
        shown = null;
      }
      node.textContent = "";
      if (!review) {
        node.appendChild(el("p", { className: "ck-error", text: "\u26a0 The review quiz is missing from this page." }));
        return;
      }
      var questions = [], missing = [];
      drawReview(progress.student, review, isNaN(per) ? review.per_bank : per).forEach(function (pick) {
        var bank = bankPayload(pick[0]);
        var q = bank ? bank.questions.filter(function (x) { return x.id === pick[1]; })[0] : null;
        if (q) { questions.push(q); } else { missing.push(pick[0] + ": " + pick[1]); }
      });
      shown = showQuiz(node, { bank: review.bank, title: review.title, description_html: "", summative: false,
                               questions: questions }, questions, 0);
      if (missing.length) {
        node.appendChild(el("p", { className: "ck-error", text: "\u26a0 Questions missing from this page: " + missing.join(", ") + "." }));
      }
    }
    listeners.push(draw);
    draw();
  }

  function download(name, text) {
    var blob = new Blob([text], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  /** Bring an export's text back; returns the sentence the page shows. */
  function importText(text) {
    var doc;
    try { doc = JSON.parse(text); } catch (e) { return "\u26a0 That file is not a coursekit answers file (it is not JSON)."; }
    if (!isObject(doc) || doc.format !== "coursekit-answers" || !isObject(doc.banks)) {
      return "\u26a0 That file is not a coursekit answers file.";
    }
    if (typeof doc.version !== "number" || doc.version > 2) { return "\u26a0 That file is from a newer coursekit."; }
    if (doc.course && doc.course !== progress.courseId) {
      return "\u26a0 That file is from another course (" + doc.course + "): nothing was changed.";
    }
    var report = progress.merge(doc);
    if (report.otherName) {
      return "\u26a0 That file is " + doc.name + "'s, and this browser keeps " + report.otherName + "'s answers: nothing was changed.";
    }
    views.forEach(function (v) { v.reload(); });
    listeners.slice().forEach(function (fn) { fn(); });
    return "\u2714 Brought back " + report.brought + " answer" + (report.brought === 1 ? "" : "s") +
      (report.kept ? "; kept " + report.kept + " answer" + (report.kept === 1 ? "" : "s") + " that went further here" : "") + ".";
  }

  function exportNow() {
    var doc = progress.exportDocument();
    var name = exportFileName(doc, new Date());
    download(name, sortedJson(doc));
    return name;
  }

  function mountProgress(node) {
    node.textContent = "";
    var say = el("p", { className: "ck-progress-status", role: "status", "aria-live": "polite" });
    var nameBox = textBox("Your name (as your instructor knows it):", "e.g. Ana D\u00edaz");
    nameBox.control.value = progress.doc.name || "";
    var saveName = el("button", { type: "button", className: "ck-button", text: "Save name" });
    saveName.addEventListener("click", function () {
      var name = cleanName(nameBox.control.value);
      if (Array.from(name).length > 80) { say.textContent = "\u26a0 Please keep your name under 81 characters."; return; }
      if (name) { progress.doc.name = name; } else { delete progress.doc.name; }
      progress.write();
      nameBox.control.value = name;
      say.textContent = name ? "\u2714 Your name is saved: " + name + "." : "Your name is removed.";
    });
    var exportButton = el("button", { type: "button", className: "ck-button ck-export", text: "\u2b07 Download your answers" });
    exportButton.addEventListener("click", function () {
      var name = exportNow();
      say.textContent = "\u2714 Your answers are in " + name + ": keep the file, it is your work.";
    });
    var fileId = nextId("file");
    var file = el("input", { type: "file", id: fileId, accept: ".json,application/json", className: "ck-import" });
    file.addEventListener("change", function () {
      if (!file.files || !file.files[0]) { return; }
      var reader = new FileReader();
      reader.onload = function () { say.textContent = importText(String(reader.result)); file.value = ""; };
      reader.readAsText(file.files[0]);
    });
    node.appendChild(el("div", { className: "ck-progress-box" }, [
      el("p", { text: "Your answers are kept in this browser, on this device only. Download them to hand them in " +
                      "or to keep them; bring a downloaded file back here or into the notebooks." }),
      storage.ok ? null : el("p", { className: "ck-error", text: "\u26a0 This browser does not keep answers: download them before you leave." }),
      el("div", { className: "ck-row" }, [nameBox.row, saveName]),
      el("div", { className: "ck-row" }, [exportButton]),
      el("div", { className: "ck-row" }, [el("label", { "for": fileId, text: "Bring answers back from a downloaded file:" }), file]),
      say]));
  }

  function table(cls, caption, headers, rows) {
    return el("table", { className: "ck-scores-table " + cls }, [
      el("caption", { text: caption + (progress.doc.name ? " (" + progress.doc.name + ")" : "") }),
      el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
      el("tbody", {}, rows)]);
  }

  /** my_scores(): the score of each lesson, as ScoreTable shows it, and the total. */
  function lessonTable() {
    var rows = lessonRows(progress.course, progress.doc.banks), total = 0, points = 0, answered = 0, questions = 0;
    var body = rows.map(function (r) {
      total += r.score; points += r.points; answered += r.answered; questions += r.questions;
      return el("tr", {}, [el("th", { scope: "row", text: r.title }), el("td", { text: r.answered + " of " + r.questions }),
                           el("td", { text: fmtG(r.score) + "/" + fmtG(r.points) + " (" + r.percent + "%)" })]);
    });
    body.push(el("tr", { className: "ck-total" }, [el("th", { scope: "row", text: "Total" }),
      el("td", { text: answered + " of " + questions }), el("td", { text: fmtG(total) + "/" + fmtG(points) })]));
    return table("ck-lesson-scores", "Your score in each lesson", ["Lesson", "Answered", "Score"], body);
  }

  /** my_scores(by="objective"): ObjectiveTable's rows. */
  function objectiveTable() {
    var body = objectiveRows(progress.course, progress.doc.banks).map(function (r) {
      return el("tr", {}, [el("th", { scope: "row" }, [el("code", { text: r.objective })]), el("td", { text: r.text }),
        el("td", { text: r.answered + " of " + r.questions }),
        el("td", { text: r.percent === null ? "written answers"
                         : fmtG(r.score) + "/" + fmtG(r.points) + " (" + r.percent + "%)" })]);
    });
    return table("ck-objective-scores", "Your results per objective", ["Objective", "You can\u2026", "Answered", "Score"], body);
  }

  /** my_answers(bank, only): MyAnswers's table, under the lesson's title. */
  function answersTable(bankId, only) {
    var bank = bankPayload(bankId);
    if (!bank) { return el("p", { className: "ck-error", text: "\u26a0 The quiz " + bankId + " is missing from this page." }); }
    var body = answerRows(bank, progress.doc.banks, only).map(function (r) {
      return el("tr", {}, [el("th", { scope: "row" }, [el("code", { text: r.question })]), el("td", { text: r.status }),
                           el("td", { text: r.yours || "\u2013" }), el("td", { text: r.key || "\u2013" })]);
    });
    return table("ck-my-answers", "Your answers: " + bank.title, ["Question", "Status", "Your answer", "The record"], body);
  }

  function mountScores(node) {
    var call = node.getAttribute("data-call");
    if (call === "review_quiz") { mountReview(node); return; }
    if (call === "my_answers") {
      var bankId = node.getAttribute("data-bank") || "", only = node.getAttribute("data-only");
      var drawAnswers = function () { node.textContent = ""; node.appendChild(answersTable(bankId, only)); };
      listeners.push(drawAnswers);
      drawAnswers();
      return;
    }
    var byObjective = call === "my_scores" && node.getAttribute("data-by") === "objective";
    function draw() {
      node.textContent = "";
      node.appendChild(byObjective ? objectiveTable() : lessonTable());
    }
    listeners.push(draw);
    draw();
  }

  function mountAll() {
    progress = new Progress(readJson("ck-course"));
    Array.from(document.querySelectorAll(".ck-quiz[data-bank]")).forEach(mountQuiz);
    Array.from(document.querySelectorAll(".ck-progress")).forEach(mountProgress);
    Array.from(document.querySelectorAll(".ck-scores")).forEach(mountScores);
    window.addEventListener("storage", function (event) {
      if (event.key === progress.key()) {
        progress.load();
        views.forEach(function (v) { v.reload(); });
        listeners.slice().forEach(function (fn) { fn(); });
      }
    });
  }

  window.CourseKit = {
    submit: submit, grade: grade, parse: parse, newState: newState, toRecord: toRecord, fromRecord: fromRecord,
    hintsShown: hintsShown, normaliseText: normaliseText, editDistance: editDistance, matchText: matchText,
    parseNumber: parseNumber, shuffledIndices: shuffledIndices, pyStr: pyStr, fmtG: fmtG, AnswerError: AnswerError,
    drawReview: drawReview, objectiveRows: objectiveRows, lessonRows: lessonRows, answerRows: answerRows,
    exportDocument: function () { return progress.exportDocument(); }, exportNow: exportNow, importText: importText,
    progress: function () { return progress; }, views: views, mount: mountAll, types: Object.keys(TYPES)
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
}());
