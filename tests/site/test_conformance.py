"""One grading behaviour, two implementations: the browser's quiz engine (quiz.js) against
coursekit.quizzes.questions, on the same generated answers, in Chromium.

For every question of every bank (the example bank too), Hypothesis draws short
sequences of answers a student or a broken page could send: the right answer, wrong
ones, near misses of the accepted texts, numbers typed every way ("12,5", "abc",
" 25 ", Arabic-Indic digits, "1e400"), empty and huge texts, Unicode that trips
case folding and accent stripping, and values of the wrong type. Each sequence is
submitted to a fresh state in Python and in the browser; any difference in what
``submit`` returns (counted, message, credit, feedback lines, hint) or in the state it
leaves (tries, score, credit, status, finished, the record the export holds) fails.
Many sequences go to the page in one ``page.evaluate`` call; the page is loaded once.

Lesson 08's parts are compared too: the review quiz's draw (the same questions for the
same student id, for banks of every size) and the rows of ``my_scores()`` and
``my_scores(by="objective")`` for several saved states.

The characters drawn are those Python's Unicode database (what ``unicodedata`` knows)
assigns: a code point unassigned there may be a letter in the browser's newer Unicode,
and neither side can be "right" about it. Lone surrogates are left out too: they
cannot travel between Python and the browser as JSON text.
"""
from __future__ import annotations

import dataclasses
import json
import math
import os
import random
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursekit.course import load_course
from coursekit.errors import AnswerError
from coursekit.markup import number
from coursekit.progress.store import ProgressStore
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import bank_files, load_all_banks, load_bank, question_from_dict
from coursekit.quizzes.review import REVIEW_BANK, answer_rows, draw_review, objective_table, score_table
from coursekit.site.quizdata import bank_payload, course_payload, review_payload

STATIC = Path(__file__).resolve().parents[2] / "src" / "coursekit" / "site" / "static"

pytestmark = pytest.mark.browser

BANKS = [load_bank(p) for p in bank_files(examples=True)]
#: Hypothesis examples per bank; each grades a sequence of answers for every question.
EXAMPLES = int(os.environ.get("COURSEKIT_CONFORMANCE_EXAMPLES", "40"))
FORMATIVE = [b for b in BANKS if not getattr(b, "summative", False)]
QUESTIONS = [(b, q) for b in FORMATIVE for q in b.questions]
PAYLOADS = {b.id: {q["id"]: q for q in bank_payload(b)["questions"]} for b in FORMATIVE}

# Characters that trip text matching: case folding (ß, ſ, final sigma, Cherokee, dotted I),
# compatibility forms (ligatures, full-width, superscripts), accents as combining marks,
# digits of other scripts, Python's and JavaScript's different whitespace, invisible
# format characters, emoji.
TRICKY = ("ßẞſςΣİıﬁﬀＡ１²½Ⅻ①é\u0301\u0327ñÅÆŒØ\u00a0\u2003\u3000\x1c\x1f\x85\u2028\u200b\u200e\u200f"
          "\ufeff\u00ad\u202e\x00\x07\t\n\r_-'’\",.;:!?()[]{}<>/\\&#@%*+=~`^|"
          "٠١٢٣٤٥٦٧٨٩۵०५๓１２３꧐𝟘𝟙𝟚ꭰᏸᲀΐǅǰ😀👍🏽🇲🇱ⅰⅸ")


def _assigned(c: str) -> bool:
    return unicodedata.category(c) not in ("Cn", "Cs")


CHARS = st.one_of(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789"),
    st.sampled_from(TRICKY),
    st.characters(exclude_categories=("Cn", "Cs")),
)
TEXT = st.text(CHARS, max_size=30)
HUGE = st.builds(lambda s, n: s * n, st.text(CHARS, min_size=1, max_size=5), st.integers(200, 2000))
KEY = TEXT.filter(lambda k: not re.fullmatch(r"0|[1-9][0-9]*", k))  # JS orders such keys first
NUMBER = st.one_of(st.integers(-10**15, 10**15),
                   st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer()))
SCALAR = st.one_of(st.none(), st.booleans(), NUMBER, TEXT)
JUNK = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                    st.dictionaries(KEY, inner, max_size=4)), max_leaves=8)


def _edit(text: str, rnd: random.Random) -> str:
    """``text`` with one typo: a letter dropped, doubled, swapped, replaced or recased."""
    if not text:
        return text
    i = rnd.randrange(len(text))
    kind = rnd.randrange(5)
    if kind == 0:
        return text[:i] + text[i + 1:]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2 and i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if kind == 3:
        return text[:i] + rnd.choice("aeioubcdxyzéß ") + text[i + 1:]
    return text.swapcase()


def near(accepted) -> st.SearchStrategy:
    """An accepted text as typed: exact, recased, with accents or spaces, or with typos."""
    base = st.sampled_from(list(accepted))
    return st.one_of(
        base,
        base.map(str.upper),
        base.map(lambda t: f"  {t}.  "),
        base.map(lambda t: unicodedata.normalize("NFD", t)),
        st.builds(lambda t, seed, n: _typos(t, seed, n), base, st.integers(0, 10**6), st.integers(1, 3)),
        st.builds(lambda t, extra: t + extra, base, TEXT),
    )


def _typos(text: str, seed: int, n: int) -> str:
    rnd = random.Random(seed)
    for _ in range(n):
        text = _edit(text, rnd)
    return text


NUMERIC_SAMPLES = [
    "", " ", "abc", "12,5", "1,000", "1,000,000", "3,14159", " 25 ", "+3", "-0", ".5", "5.", "1e3", "1E-3",
    "1_000", "1__000", "_1", "1_", "inf", "-Infinity", "nan", "1e400", "1e-400", "0x10", "١٥", "۱۵٫۵",
    "１５", "15\u00a0000", "15 000", "\u200f15", "15\u200e", "1.5.1", "--1", "1e", "e1", "٣", "𝟙𝟝",
    "15\x00", "\ufeff3", "3\u2003", "\u20033", "1\u20032", "½", "²", "Ⅻ",
]
NUMERIC_TEXTS = st.sampled_from(NUMERIC_SAMPLES)


def numeric_answers(q: qm.Question) -> st.SearchStrategy:
    answer, tol = q.answer, q.tolerance
    near_numbers = st.sampled_from([answer, answer + tol, answer - tol, answer + tol + 1, answer * 10, -answer])
    return st.one_of(
        NUMERIC_TEXTS,
        near_numbers.map(lambda x: f"{x:g}"),
        near_numbers.map(lambda x: f"{x:,}"),
        near_numbers.map(lambda x: f" {x} "),
        st.builds(lambda x, s: f"{x:g}{s}", near_numbers, TEXT),
        NUMBER.map(str),
        JUNK,
    )


def answers_for(q: qm.Question) -> st.SearchStrategy:
    """Raw answers for ``q``: mostly plausible ones, some hostile."""
    right = q.correct_answer()
    kind = q.type
    if kind in ("single", "multiple"):
        texts = [o.text for o in q.options]
        option = st.one_of(st.sampled_from(texts), near(texts))
        plausible = (option if kind == "single" else
                     st.one_of(st.lists(st.sampled_from(texts), unique=True, max_size=len(texts)),
                               st.lists(option, max_size=4), st.sampled_from(texts)))
    elif kind == "truefalse":
        plausible = st.one_of(st.booleans(), st.sampled_from(["true", "False", " TRUE ", "yes", "", "1"]), TEXT)
    elif kind == "numeric":
        plausible = numeric_answers(q)
    elif kind == "text":
        plausible = near(q.answer)
    elif kind == "ordering":
        items = list(q.items)
        plausible = st.one_of(st.permutations(items),
                              st.lists(st.one_of(st.sampled_from(items), st.none(), st.just(""), TEXT),
                                       min_size=len(items) - 1, max_size=len(items) + 1))
    elif kind == "matching":
        rights = q.rights
        choice = st.one_of(st.sampled_from(rights), st.sampled_from(rights), st.none(), st.just(""), TEXT)
        plausible = st.one_of(st.fixed_dictionaries({left: choice for left in q.lefts}),
                              st.fixed_dictionaries({left: st.sampled_from(rights) for left in q.lefts}),
                              st.lists(st.tuples(st.sampled_from(q.lefts), choice).map(list), max_size=4))
    elif kind == "cloze":
        gaps = [st.one_of(near(g.answer), st.sampled_from(g.options) if g.options else near(g.answer), TEXT,
                          st.none())
                for g in q.gaps]
        plausible = st.one_of(st.tuples(*gaps).map(list),
                              st.lists(st.one_of(TEXT, st.none()), max_size=len(q.gaps) + 1))
    elif kind == "reflection":
        words = st.lists(st.sampled_from(["consent", "the", "UN", "Mali", "…", "—", "ß", "\u200b"]),
                         max_size=q.min_words + 3)
        plausible = st.one_of(words.map(" ".join), TEXT)
    elif kind == "verdict":
        why = st.one_of(st.lists(st.sampled_from(["the", "record", "says", "July", "—", "!!", "é"]),
                                 max_size=6).map(" ".join), TEXT, st.none(), NUMBER)
        plausible = st.one_of(st.fixed_dictionaries({"verdict": st.sampled_from(list(q.options)), "why": why}),
                              st.fixed_dictionaries({"verdict": st.one_of(TEXT, st.none()), "why": why}),
                              st.sampled_from(list(q.options)))
    else:  # a type this test does not know yet: right answers and junk still compare
        plausible = st.just(right)
    return st.one_of(plausible, plausible, plausible, st.just(right), JUNK, HUGE)


def python_run(q: qm.Question, answers: list) -> list[dict]:
    """What Python's submit does with each answer in turn, from a fresh state."""
    state = qm.QuestionState()
    steps = []
    for raw in answers:
        try:
            out = qm.submit(q, state, raw)
        except AnswerError:  # submit promises never to raise this
            raise
        except Exception:  # noqa: BLE001 - a raw value Python cannot read: the browser must fail too
            steps.append({"error": True})
            break
        steps.append({
            "counted": out.counted, "message": out.message,
            "credit": out.grade.credit if out.grade else None,
            "feedback": list(out.grade.feedback) if out.grade else None,
            "hint": out.new_hint, "score": state.score, "hints_shown": state.hints_shown(q),
            "record": json.loads(json.dumps(state.to_record(q), allow_nan=False)),
        })
    return steps


RUN_IN_BROWSER = """([cases, payloads]) => {
  const CK = window.CourseKit;
  return cases.map(([bank, qid, answers]) => {
    const q = payloads[bank][qid], state = CK.newState(), steps = [];
    for (const raw of answers) {
      let out;
      try { out = CK.submit(q, state, raw); } catch (e) { steps.push({error: true}); break; }
      steps.push({counted: out.counted, message: out.message,
                  credit: out.grade ? out.grade.credit : null,
                  feedback: out.grade ? out.grade.feedback : null,
                  hint: out.new_hint, score: state.score, hints_shown: CK.hintsShown(q, state),
                  record: CK.toRecord(q, state)});
    }
    return steps;
  });
}"""


@pytest.fixture(scope="module")
def engine(site_browser, tmp_path_factory):
    """One page with quiz.js loaded and every formative bank's payload in ``window.ckPayloads``."""
    folder: Path = tmp_path_factory.mktemp("engine")
    (folder / "quiz.js").write_text((STATIC / "quiz.js").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "index.html").write_text('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                                       '<title>engine</title></head><body><script src="quiz.js"></script>'
                                       "</body></html>", encoding="utf-8")
    context = site_browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((folder / "index.html").as_uri())
    page.evaluate("p => { window.ckPayloads = p; }", PAYLOADS)
    assert page.evaluate("typeof window.CourseKit.submit") == "function", errors
    page.ck_errors = errors
    yield page
    context.close()


def browser_run(page, cases: list) -> list[list[dict]]:
    """The cases graded in the page. They go in and come back as JSON text, the way answers
    reach quiz.js on the site (a saved state or an imported file, read with JSON.parse):
    Playwright's own transport would make an answer's "__proto__" key the object's
    prototype instead of a key, and the two engines would be given different answers."""
    text = page.evaluate("c => JSON.stringify((" + RUN_IN_BROWSER + ")([JSON.parse(c), window.ckPayloads]))",
                         json.dumps(cases, allow_nan=False))
    return json.loads(text)


def _same(a, b) -> bool:
    """Equal, floats compared exactly but 1 and 1.0 alike (JSON does not tell them apart)."""
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
            and not isinstance(b, bool) and (a == b or (math.isnan(a) and math.isnan(b)))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b or (a is None and b is None)


def compare(cases: list, python: list, browser: list) -> list[str]:
    problems = []
    for (bank, qid, answers), py, js in zip(cases, python, browser):
        for i, (p, j) in enumerate(zip(py, js)):
            if not _same(p, j):
                diff = {k: (p.get(k), j.get(k)) for k in set(p) | set(j) if not _same(p.get(k), j.get(k))}
                problems.append(f"{bank}/{qid} answer {i + 1} of {answers[: i + 1]!r}: {diff!r}")
                break
        else:
            if len(py) != len(js):
                problems.append(f"{bank}/{qid}: Python took {len(py)} answers, the browser {len(js)}")
    return problems


#: Answers graded in both, by question type (printed with -s).
ANSWERS: dict[str, int] = {}


def sequences_for(bank) -> st.SearchStrategy:
    """One sequence of 1 to 3 answers for every question of ``bank``."""
    return st.tuples(*[st.lists(answers_for(q), min_size=1, max_size=3) for q in bank.questions])


@pytest.mark.parametrize("bank", FORMATIVE, ids=lambda b: b.id)
def test_python_and_browser_grade_alike(engine, bank):
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.large_base_example])
    @given(sequences=sequences_for(bank))
    def run(sequences):
        cases = [[bank.id, q.id, answers] for q, answers in zip(bank.questions, sequences)]
        python = [python_run(q, answers) for q, answers in zip(bank.questions, sequences)]
        problems = compare(cases, python, browser_run(engine, cases))
        assert not problems, "\n".join(problems[:5])
        for q, answers in zip(bank.questions, sequences):
            ANSWERS[q.type] = ANSWERS.get(q.type, 0) + len(answers)

    run()
    assert not engine.ck_errors
    print(f"\n{bank.id}: answers graded alike so far, by type: {dict(sorted(ANSWERS.items()))}")


def test_every_type_of_the_registry_is_covered():
    """Every registered type is graded by quiz.js and used by a bank, so the run above covers it."""
    used = {q.type for _, q in QUESTIONS}
    assert set(qm.TYPES) <= used, f"no bank uses {set(qm.TYPES) - used}: add one to data/quizzes/_example.yaml"
    js = (STATIC / "quiz.js").read_text(encoding="utf-8")
    missing = [t for t in qm.TYPES if not re.search(rf"^    {t}: \{{", js, re.M)]
    assert not missing, f"quiz.js has no rules for {missing}"


def test_right_then_wrong_answers_of_every_question(engine):
    """Deterministic: the right answer, then a wrong one first, for every question."""
    cases, python = [], []
    for b, q in QUESTIONS:
        right = q.correct_answer()
        wrong = {"numeric": "abc", "truefalse": not right if isinstance(right, bool) else "no"}.get(q.type, None)
        for answers in ([right], [wrong, right], ["", right, right]):
            cases.append([b.id, q.id, answers])
            python.append(python_run(q, answers))
    problems = compare(cases, python, browser_run(engine, cases))
    assert not problems, "\n".join(problems[:5])
    # The right answer is right in both (not only alike).
    assert all(steps[0]["record"]["status"] in ("correct", "answered") for steps in python[::3])


def test_an_answer_with_a_proto_key_is_graded_alike(engine):
    """A "__proto__" key is a key like any other in both engines, whatever the question
    (found by the property test above, when the page was given answers another way)."""
    odd = [{"__proto__": None}, {"__proto__": ""}, {"__proto__": {"a": 1}, "why": "x", "verdict": "slip"},
           ["__proto__"], "__proto__"]
    cases, python = [], []
    for b, q in QUESTIONS:
        cases.append([b.id, q.id, odd])
        python.append(python_run(q, odd))
    problems = compare(cases, python, browser_run(engine, cases))
    assert not problems, "\n".join(problems[:5])


def _sweep_chars() -> list[str]:
    return [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and _assigned(chr(c))]


def test_text_rules_agree_on_every_character(engine):
    """normalise_text of every assigned character, alone and between letters."""
    chars = _sweep_chars()
    runs: list[list[int]] = []  # [first, last] code points of each run of assigned ones
    for c in map(ord, chars):
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    python = "\x00".join(qm.normalise_text(f"A{c}b {c}") for c in chars)
    # The code points go as runs and the results come back as one text: moving 280,000
    # values one by one between Python and the page takes far longer than the checking.
    browser = engine.evaluate("""runs => { const out = [];
        for (const [first, last] of runs) {
          for (let c = first; c <= last; c++) {
            const ch = String.fromCodePoint(c);
            out.push(window.CourseKit.normaliseText("A" + ch + "b " + ch));
          }
        }
        return out.join("\\x00"); }""", runs)
    wrong = [(f"U+{ord(c):04X}", unicodedata.name(c, "?"), p, j)
             for c, p, j in zip(chars, python.split("\x00"), browser.split("\x00")) if p != j]
    assert not wrong, f"{len(wrong)} characters differ, e.g. {wrong[:10]}"


def test_numbers_parse_alike_for_every_digit_and_space(engine):
    """parse_number on each decimal digit and each whitespace of every script, and on hostile texts."""
    chars = _sweep_chars()
    digits = [c for c in chars if unicodedata.category(c) == "Nd"]
    spaces = [c for c in chars if c.isspace()]
    texts = ([d + d for d in digits] + [f"1{s}5" for s in spaces] + [f"{s}7{s}" for s in spaces]
             + [f"{d}.5e1" for d in digits[::7]] + NUMERIC_SAMPLES)

    def py(t):
        try:
            return qm.parse_number(t)
        except AnswerError as exc:
            return str(exc)

    python = [py(t) for t in texts]
    browser = engine.evaluate("""ts => ts.map(t => { try { return window.CourseKit.parseNumber(t); }
                                 catch (e) { return e.message; } })""", texts)
    wrong = [(t, p, j) for t, p, j in zip(texts, python, browser) if not _same(p, j)]
    assert not wrong, wrong[:10]


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(st.tuples(TEXT, TEXT, st.integers(0, 3)), min_size=50, max_size=50))
def test_edit_distance_agrees(engine, cases):
    python = [qm.edit_distance(a, b, limit or None) for a, b, limit in cases]
    browser = engine.evaluate("cs => cs.map(([a, b, l]) => window.CourseKit.editDistance(a, b, l || null))", cases)
    assert python == browser


@settings(max_examples=20, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(st.tuples(st.integers(1, 14), TEXT, TEXT, TEXT), min_size=30, max_size=30))
def test_shuffle_is_the_same_permutation(engine, keys):
    """The browser shows a student the choices in the order the notebook shows them."""
    python = [qm.shuffled_indices(n, s, b, q) for n, s, b, q in keys]
    browser = engine.evaluate("ks => ks.map(([n, s, b, q]) => window.CourseKit.shuffledIndices(n, s, b, q))", keys)
    assert python == browser


def test_str_of_values_is_pythons(engine):
    """What a message quotes from an answer of the wrong type is Python's str() of it."""
    values = [None, True, False, 0, -7, 10**15, 0.5, -1.25, 1e-5, 1.5e-7, 0.1 + 0.2, 123456789.125,
              1234567890123.5, 2.5e-300,
              [], ["a", 1, None, [True]], {"k": "it's", "q": 'say "hi"', "b": "both ' and \""},
              ["\x00\x1f\x7f\x85\u00ad\u200b\u2028 é😀\ud7ff"]]
    python = [str(v) for v in values]
    browser = engine.evaluate("vs => vs.map(v => window.CourseKit.pyStr(v))", values)
    assert python == browser


def test_answers_nested_too_deep_are_refused_alike(engine):
    """Both engines refuse an answer nested deeper than any box gives (questions.MAX_DEPTH)."""
    bank, q = next((b, q) for b, q in QUESTIONS if q.type == "text")
    cases = []
    for depth in (qm.MAX_DEPTH - 1, qm.MAX_DEPTH, qm.MAX_DEPTH + 1, 2 * qm.MAX_DEPTH):
        raw: object = "x"
        for i in range(depth):
            raw = [raw] if i % 2 else {"k": raw}
        cases.append(raw)
    python = [qm.submit(q, qm.QuestionState(), raw).message for raw in cases]
    browser = engine.evaluate("""([q, cs]) => cs.map(raw =>
        window.CourseKit.submit(q, window.CourseKit.newState(), raw).message)""", [PAYLOADS[bank.id][q.id], cases])
    assert python == browser and python[-1] == qm.UNREADABLE and python[0] != qm.UNREADABLE


def test_numbers_are_shown_alike(engine):
    """Points, scores and numeric answers are written the same way (markup.number), large
    ones in full, never as 1.5e+07."""
    rnd = random.Random(7)
    values = [0.0, 1.0, 2 / 3, 0.25, 13.5, 999999.0, 1e6, 15_000_000.0, 1234567.5, 1e16, 1.5e25, -2.5e30,
              123456789012345680000.0, 1e-5, 0.000123456, -0.5]
    values += [rnd.uniform(-1e9, 1e9) for _ in range(200)] + [float(rnd.randrange(10**12)) for _ in range(200)]
    python = [number(v) for v in values]
    browser = engine.evaluate("vs => vs.map(v => window.CourseKit.fmtG(v))", values)
    assert python == browser
    assert "e+" not in "".join(p for p, v in zip(python, values) if abs(v) >= 1)


# ---------------------------------------------------------------------------
# Lesson 08: the review quiz's draw and the tables of my_scores()

COURSE_BANKS = load_all_banks()
COURSE = load_course()
STUDENTS = ["ada", "s-0a1b2c3d4e5f", "s-ffffffffffff", "", "Ana Díaz", "学生", "😀 x\x1f:review", "a" * 300]


def test_the_review_draws_the_same_questions_for_every_student(engine):
    """draw_review (the notebook's review_quiz) and quiz.js's drawReview pick the same
    questions for the same student id, for the course's banks and several per_bank."""
    review = review_payload(COURSE_BANKS)
    cases = [(s, k) for s in STUDENTS for k in (1, 2, 3, 5)] + [(f"s-{i:012x}", 2) for i in range(0, 4000, 97)]
    python = [[[q.bank, q.id] for q in draw_review(COURSE_BANKS, s, k)] for s, k in cases]
    browser = engine.evaluate("([cs, r]) => cs.map(([s, k]) => window.CourseKit.drawReview(s, r, k))", [cases, review])
    assert python == browser
    # Not the same set for everyone (else the seed would not matter).
    assert len({json.dumps(p) for p in python}) > len(cases) // 2
    # The payload's default is review_quiz's.
    assert engine.evaluate("([s, r]) => window.CourseKit.drawReview(s, r)", ["ada", review]) == \
        [[q.bank, q.id] for q in draw_review(COURSE_BANKS, "ada")]


class _Bank:
    """A bank as draw_review reads it (``id``, ``questions``)."""

    def __init__(self, bank_id: str, n: int, ungraded: int = 0):
        self.id = bank_id
        self.questions = [question_from_dict({"id": f"q{i}", "type": "truefalse", "prompt": "p", "answer": True,
                                                 "explanation": "e"}, bank=bank_id) for i in range(n)]
        self.questions += [question_from_dict({"id": f"r{i}", "type": "reflection", "prompt": "p",
                                                  "model_answer": "m", "points": 0}, bank=bank_id)
                           for i in range(ungraded)]


def test_the_review_draw_agrees_on_banks_of_every_size(engine):
    """Both branches of random.sample (a pool for small banks, a set for large ones, whose
    threshold moves when more than 5 are drawn), and banks smaller than the draw."""
    banks = [_Bank(f"{i:02d}_bank", n, ungraded=i % 3) for i, n in
             enumerate([0, 1, 2, 3, 21, 22, 40, 85, 86, 300], start=1)]
    cases = [(s, k) for s in STUDENTS[:4] for k in (1, 2, 5, 6, 7, 30, 100)]
    python = [[[q.bank, q.id] for q in draw_review(banks, s, k)] for s, k in cases]
    browser = engine.evaluate("([cs, r]) => cs.map(([s, k]) => window.CourseKit.drawReview(s, r, k))",
                              [cases, review_payload(banks)])
    assert python == browser


def _saved_state(seed: int) -> dict:
    """A student's saved records: some questions of the course answered (right, wrong, or
    wrong then right, through Python's own submit), some again in the review quiz."""
    rnd = random.Random(seed)
    saved: dict[str, dict] = {}
    graded = [(b, q) for b in COURSE_BANKS for q in b.questions]
    for bank, q in rnd.sample(graded, rnd.randint(0, len(graded))):
        right = q.correct_answer()
        wrong = {"truefalse": not right if isinstance(right, bool) else None,
                 "numeric": "-99999"}.get(q.type, "nothing")
        state = qm.QuestionState()
        for raw in rnd.choice([[right], [wrong], [wrong, right], [wrong, wrong, right]]):
            try:
                qm.submit(q, state, raw)
            except Exception:  # noqa: BLE001 - an answer the type cannot read: left as it is
                break
        if state.tries:
            where = REVIEW_BANK if q.graded and rnd.random() < 0.3 else bank.id
            saved.setdefault(where, {})[q.id] = json.loads(json.dumps(state.to_record(q)))
    return saved


def test_scores_per_objective_and_per_lesson_are_pythons(engine, tmp_path):
    """For several saved states, my_scores(by="objective") and my_scores() give the same
    rows in the page as in the notebook."""
    course = course_payload()
    states = [{}] + [_saved_state(seed) for seed in range(12)]
    browser = engine.evaluate("""([course, states]) => states.map(s => [
        window.CourseKit.objectiveRows(course, s), window.CourseKit.lessonRows(course, s)])""", [course, states])
    store = ProgressStore(tmp_path / "progress.json")
    checked = 0
    for saved, (js_objectives, js_lessons) in zip(states, browser):
        records = {b.id: saved.get(b.id, {}) for b in COURSE_BANKS}
        records[REVIEW_BANK] = saved.get(REVIEW_BANK, {})
        python = [{"objective": r.objective, "text": r.text, "score": r.score, "points": r.points,
                   "answered": r.answered, "questions": r.questions, "percent": r.percent}
                  for r in objective_table(COURSE_BANKS, records, COURSE)]
        assert _same(python, js_objectives), [(p, j) for p, j in zip(python, js_objectives) if not _same(p, j)][:3]
        doc = {"banks": saved}
        lessons = [{"lesson": r.lesson, "title": r.title, "score": r.score, "points": r.points, "answered": r.answered,
                    "questions": r.questions, "percent": r.percent}
                   for r in score_table(COURSE_BANKS, store.scores_by_bank(COURSE_BANKS, doc=doc), COURSE)]
        assert _same(lessons, js_lessons), [(p, j) for p, j in zip(lessons, js_lessons) if not _same(p, j)][:3]
        checked += sum(r["answered"] for r in python)
    # The states are not all empty: answered questions were counted, some in the review.
    assert checked > 50 and any(REVIEW_BANK in s for s in states)
    # An objective served by written answers only says so in both.
    assert any(r["percent"] is None for r in browser[0][0])


#: Saved answers of every shape a damaged or hand-edited progress file can hold.
ODD_ANSWERS = [1.5, 12, 12.0, True, None, ["a  b", 2.25, False], {"left one": "right\tone", "x": None},
               {"verdict": "wrong date", "why": "  the   record\nsays July "}, "  spaced   text\u00a0here ", ""]


def test_my_answers_rows_are_pythons(engine):
    """my_answers(bank, only) gives the same rows in the page as in the notebook: the
    answer in words, and the right one only once the question is finished."""
    saved_states = [_saved_state(seed) for seed in (3, 4, 5)]
    odd: dict[str, dict] = {}
    for i, (b, q) in enumerate((bank, q) for bank in COURSE_BANKS for q in bank.questions):
        odd.setdefault(b.id, {})[q.id] = {"answer": ODD_ANSWERS[i % len(ODD_ANSWERS)], "tries": 1 + i % 2,
                                          "finished": i % 3 == 0, "status": "wrong"}
    saved_states.append(odd)
    cases, python = [], []
    for s_index, saved in enumerate(saved_states):
        for bank in COURSE_BANKS:
            for only in (None, "inline", "quiz"):
                questions = [q for q in bank.questions if only is None or q.inline == (only == "inline")]
                cases.append([s_index, bank.id, only])
                python.append([dataclasses.asdict(r) for r in answer_rows(questions, saved.get(bank.id, {}))])
    payloads = {b.id: bank_payload(b) for b in COURSE_BANKS}
    browser = engine.evaluate("""([cases, states, payloads]) => cases.map(([s, bank, only]) =>
        window.CourseKit.answerRows(payloads[bank], states[s], only))""", [cases, saved_states, payloads])
    wrong = [(c, p, j) for c, p, j in zip(cases, python, browser) if p != j]
    assert not wrong, wrong[:2]
    rows = [r for p in python for r in p]
    assert sum(1 for r in rows if r["key"]) > 20 and sum(1 for r in rows if r["yours"] and not r["key"]) > 20
