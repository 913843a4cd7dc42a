// Parse GIFT files with gift-pegjs, an independent parser (tests/quizzes/test_gift.py runs it).
// Usage: node parse.js FILE...   Prints one JSON line: for each file, its questions
// (type, title, the parsed question) or the parser's error with its line and column.
"use strict";
const fs = require("fs");
const { parse } = require("gift-pegjs");

const results = process.argv.slice(2).map((file) => {
  const text = fs.readFileSync(file, "utf8");
  try {
    const questions = parse(text).filter((q) => q.type !== "Category");
    return { file, ok: true, questions };
  } catch (err) {
    const where = err.location ? `${err.location.start.line}:${err.location.start.column}` : "?";
    return { file, ok: false, error: `${where}: ${err.message}` };
  }
});
process.stdout.write(JSON.stringify(results) + "\n");
