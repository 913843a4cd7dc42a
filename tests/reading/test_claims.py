"""coursekit.reading.claims: the article's claims, their checks, and the record beside them."""
from __future__ import annotations

import re
import shutil
import textwrap

import pytest

from coursekit.reading import claims as ck
from coursekit.reading.article import load_article
from coursekit.errors import DataError
from coursekit.datafiles.validate import validate_all

# Every place where the article and the record differ, with the paragraph and the kind.
DISCREPANCIES = {
    "minusca-drc": (15, "wrong-name"),
    "salgado-date": (17, "wrong-date"),
    "wagner-last-year": (7, "wrong-date"),
    "six-million": (5, "unclear-number"),
    "putin-call-week": (19, "wrong-date"),
    "goitta-spelling": (19, "slip"),
    "states-department": (22, "slip"),
    "fermenting": (7, "slip"),
    "troops-killed": (14, "count-basis"),
    "coup-2021-reasons": (4, "merged-events"),
}

GOOD = """\
claims:
  - id: salgado-date
    paragraph: 17
    quote: "In August that same year"
    says: The spokesman was expelled in August 2022.
    kind: wrong-date
    record: Expelled on 20 July 2022.
    source: Malian foreign ministry communiqué, 20 July 2022
    event: salgado-expelled
    how_to_check: Look it up.
    finding: July, not August.
"""


@pytest.fixture
def course(tmp_path, monkeypatch, data_dir):
    """A copy of the real data folder whose claims.yaml each test writes; messages name
    files relative to tmp_path."""
    data = tmp_path / "data"
    shutil.copytree(data_dir, data)
    monkeypatch.chdir(tmp_path)

    def write(text: str):
        (data / "claims.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return data

    return write


def only_problem(problems):
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


# --- the real claims ----------------------------------------------------------


def test_real_claims_load_and_check_clean(data_dir):
    claims = ck.load_claims()
    assert len(claims) >= 12
    assert ck.check_claims(data_dir) == []


@pytest.mark.parametrize("claim_id", sorted(DISCREPANCIES))
def test_every_discrepancy_with_the_record_is_a_claim(claim_id):
    claim = ck.load_claims().get(claim_id)
    assert (claim.paragraph, claim.kind) == DISCREPANCIES[claim_id]
    assert not claim.checks_out
    assert claim.source and claim.record and claim.finding and claim.how_to_check


def test_some_claims_check_out_so_students_must_judge():
    ok = [c.id for c in ck.load_claims() if c.checks_out]
    assert {"deployed-2013", "two-coups", "nine-votes"} <= set(ok)


def test_every_quote_is_in_its_paragraph_of_the_article():
    article = load_article()
    for claim in ck.load_claims():
        text = ck.normalise(article.paragraph(claim.paragraph).text)
        assert ck.normalise(claim.quote) in text, claim.id


def test_claims_are_listed_in_paragraph_order_so_the_order_gives_nothing_away():
    paragraphs = [c.paragraph for c in ck.load_claims()]
    assert paragraphs == sorted(paragraphs)


def test_validate_runs_the_claims_check(data_dir):
    problems, checked = validate_all(data_dir)
    assert "claims" in checked
    assert [p for p in problems if "claims" in p.file] == []


# --- problems in an instructor's file -----------------------------------------


def test_good_minimal_file_has_no_problems(course):
    assert ck.check_claims(course(GOOD)) == []


def test_quote_not_in_its_paragraph_names_file_line_claim_and_field(course):
    data = course(GOOD.replace('"In August that same year"', '"since July last year"'))
    p = only_problem(ck.check_claims(data))
    assert (p.file, p.line, p.item, p.field) == ("data/claims.yaml", 4, 'claim "salgado-date"', "quote")
    assert p.message == "is not in paragraph 17: it is in paragraph 16"


def test_quote_found_nowhere_asks_for_exact_words(course):
    data = course(GOOD.replace('"In August that same year"', '"In September that same year"'))
    p = only_problem(ck.check_claims(data))
    assert p.field == "quote" and "copy the words exactly from paragraph 17" in p.message


def test_curly_and_straight_apostrophes_both_match(course):
    data = course(GOOD.replace("paragraph: 17", "paragraph: 1")
                  .replace('"In August that same year"', '"Mali\'s decision to reject"'))
    assert ck.check_claims(data) == []


def test_unknown_event_id_names_the_field(course):
    data = course(GOOD.replace("event: salgado-expelled", "event: salgado-expeled"))
    p = only_problem(ck.check_claims(data))
    assert (p.file, p.line, p.item, p.field) == ("data/claims.yaml", 9, 'claim "salgado-date"', "event")
    assert "'salgado-expeled' is not an event in data/timeline.csv" in p.message


def test_missing_source_names_the_field(course):
    data = course(GOOD.replace("    source: Malian foreign ministry communiqué, 20 July 2022\n", ""))
    p = only_problem(ck.check_claims(data))
    assert (p.item, p.field, p.message) == ('claim "salgado-date"', "source", "is missing")
    assert p.line == 2  # the claim's own line when the field is absent


def test_duplicate_id_names_the_second_claim_and_the_first_line(course):
    second = GOOD.split("claims:\n", 1)[1]
    data = course(GOOD + second)
    p = only_problem(ck.check_claims(data))
    assert (p.file, p.line, p.item, p.field) == ("data/claims.yaml", 12, 'claim "salgado-date"', "id")
    assert p.message == "'salgado-date' is used twice (first on line 2)"


def test_unknown_kind_and_paragraph_past_the_end(course):
    data = course(GOOD.replace("kind: wrong-date", "kind: lie").replace("paragraph: 17", "paragraph: 26"))
    problems = ck.check_claims(data)
    assert {(p.field, p.line) for p in problems} == {("kind", 6), ("paragraph", 3)}
    assert any("past the article's last paragraph (25)" in p.message for p in problems)


def test_bad_dates_are_reported_with_their_field(course):
    data = course(GOOD + """\
    date:
      words: "in August"
      article: "2022-13"
      reading: The month.
""")
    p = only_problem(ck.check_claims(data))
    assert (p.line, p.field) == (14, "date.article")
    assert "not a real date" in p.message


def test_relative_date_needs_a_real_anchor_event(course):
    data = course(GOOD + """\
    date:
      words: "about a week after"
      article: {days_before: 7, event: no-such-event}
      reading: A week.
""")
    p = only_problem(ck.check_claims(data))
    assert p.field == "date.article.event" and "no-such-event" in p.message


def test_unknown_field_and_empty_file(course):
    p = only_problem(ck.check_claims(course(GOOD + "    verdict: false\n")))
    assert (p.field, p.line) == ("verdict", 12)
    p = only_problem(ck.check_claims(course("")))
    assert (p.file, p.line) == ("data/claims.yaml", None) and "empty" in p.message


def test_yaml_syntax_error_is_a_problem_not_a_traceback(course):
    p = only_problem(ck.check_claims(course("claims:\n  - id: [unclosed\n")))
    assert p.file == "data/claims.yaml" and "YAML syntax" in p.message


def test_load_claims_raises_data_error_naming_the_problem(course):
    data = course(GOOD.replace("event: salgado-expelled", "event: nope"))
    with pytest.raises(DataError, match=r'data/claims.yaml:9: claim "salgado-date": event:'):
        ck.load_claims(data)


# --- dates and numbers beside the record --------------------------------------


def test_compare_date_salgado_is_a_month_late():
    cmp = ck.compare_date("salgado-date")
    # the article: August 2022 (1-31 Aug); the record: 20 July 2022
    assert cmp.gap_days == (12, 42)
    assert cmp.calendar_gap == (1, "month")
    assert not cmp.agrees
    text = str(cmp)
    assert "Aug 2022 (1 Aug 2022 to 31 Aug 2022)" in text
    assert "20 Jul 2022" in text
    assert "later than the record by 12 to 42 days (1 calendar month later)" in text


def test_compare_date_putin_call_is_three_days_not_a_week():
    cmp = ck.compare_date("putin-call-week")
    assert cmp.article_days_before == 7
    assert cmp.record_days_before == 3   # 13 June to 16 June 2023
    assert cmp.gap_days == (-4, -4)
    assert "3 days before, not about 7" in str(cmp)
    assert "16 Jun 2023" in str(cmp) and "13 Jun 2023" in str(cmp)


def test_compare_date_wagner_is_the_year_before():
    cmp = ck.compare_date("wagner-last-year")
    assert cmp.calendar_gap == (1, "year")
    assert cmp.gap_days == (9, 373)   # 23 Dec 2021 to 1 Jan 2022 / 31 Dec 2022


def test_compare_date_agrees_where_the_claim_checks_out():
    assert ck.compare_date("deployed-2013").agrees
    assert ck.compare_date("rotations-july").agrees
    coups = ck.compare_date("two-coups")
    assert coups.agrees and len(coups.records) == 2


def test_compare_date_without_a_date_names_the_claims_that_have_one():
    with pytest.raises(ValueError, match="has no date to compare; these do: .*salgado-date"):
        ck.compare_date("fermenting")


def test_unknown_claim_names_the_ids():
    with pytest.raises(KeyError, match="salgado-date"):
        ck.check("salgado")


def test_compare_number_six_million_against_the_iom_count():
    cmp = ck.compare_number("six-million")
    (count, ratio, orders), *earlier = cmp.ratios()
    assert count.value == 375_539 and count.date_text == "Apr 2023"
    assert round(ratio, 1) == 16.0 and round(orders, 1) == 1.2
    assert "16.0 times larger" in str(cmp)
    assert [(c.value, c.date_text) for c, _, _ in earlier] == [(412_287, "Dec 2022"), (422_620, "Aug 2022")]


# --- showing and revealing ------------------------------------------------------


def test_a_claim_prints_without_giving_the_finding_away():
    claim = ck.load_claims().get("salgado-date")
    text = str(claim)
    assert "In August that same year" in text and "how to check" in text
    assert "20 July" not in text and "wrong date" not in text
    assert "20 July" not in claim._repr_html_()


def test_claim_html_is_escaped():
    claim = ck.Claim(id="x", paragraph=1, quote="<script>alert(1)</script>", says="a & b", kind="slip",
                     record="r", source="s", how_to_check="h", finding="f")
    html = claim._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "a &amp; b" in html


def test_check_reveals_the_record_source_and_timeline():
    finding = ck.check("salgado-date")
    text = str(finding)
    assert "verdict:     wrong date" in text
    assert "source:      Malian foreign ministry communiqué, 20 July 2022" in text
    assert "20 Jul 2022: Spokesman Salgado expelled (salgado-expelled)" in text
    assert "you said" not in text


@pytest.mark.parametrize("guess, expected", [
    ("wrong date", "Your verdict, wrong date: right."),
    ("Wrong-Date", "Your verdict, wrong date: right."),
    ("differs", "Your verdict, the article differs from the record: right; the kind of problem is: wrong date."),
    ("slip", "Your verdict, spelling or naming slip: right that the article differs"),
    ("checks out", "Your verdict, checks out: not what the record shows (wrong date)."),
    ("12,5", "is not a verdict this helper knows"),
])
def test_check_answers_the_students_own_verdict(guess, expected):
    assert expected in ck.check("salgado-date", guess).guess_message()


def test_an_empty_verdict_reveals_without_judging():
    finding = ck.check("salgado-date", "  ")
    assert finding.guess_message() is None and "you said" not in str(finding)


def test_check_when_the_claim_checks_out():
    assert ck.check("two-coups", "checks out").guess_message() == "Your verdict, checks out: right."
    assert "the record agrees" in ck.check("two-coups", "wrong").guess_message()


def test_findings_table_has_every_claim_in_paragraph_order():
    table = ck.findings()
    assert len(table) == len(ck.load_claims())
    lines = str(table).splitlines()
    assert lines[0].split() == ["claim", "¶", "verdict"]
    assert lines[1].split()[:2] == ["coup-2021-reasons", "4"]


# --- the verdict questions lesson 06 draws from the claims ---------------------------

def test_verdict_question_of_a_claim():
    q = ck.load_claims().verdict_question("putin-call-week", "verdict-putin-call-week")
    assert q["id"] == "verdict-putin-call-week" and q["type"] == "verdict" and q["claim"] == "putin-call-week"
    assert q["options"] == list(ck.KINDS.values()) and q["answer"] == ["wrong date"]
    assert "about a week after" in q["prompt"] and "13 June" not in q["prompt"]
    assert "13 June 2023" in q["record"] and q["explanation"].startswith("Three days")
    assert q["source"] == {"paragraph": 19, "note": ck.load_claims().get("putin-call-week").source}


def test_verdict_question_of_an_unknown_claim_names_the_claims():
    from coursekit.errors import CourseError

    with pytest.raises(CourseError,
                       match="no claim 'nope' in .*claims.yaml; the claims are: coup-2021-reasons, six-million"):
        ck.load_claims().verdict_question("nope", "v")


def test_also_accepted_verdicts():
    six = ck.load_claims().get("six-million")
    assert six.also_accepted == ("count-basis",)
    assert six.accepted_labels == ["unsupported or unclear number", "wrong count basis"]
    assert ck.load_claims().get("salgado-date").accepted_labels == ["wrong date"]


def test_also_accepted_repeating_the_kind_or_unknown_is_a_problem(course):
    data = course(GOOD.replace("    kind: wrong-date\n", "    kind: wrong-date\n    also_accepted: [wrong-date]\n"))
    p = only_problem(ck.check_claims(data))
    assert "claims.yaml:7: claim \"salgado-date\": also_accepted: 'wrong-date' is already the claim's kind" in str(p)
    data = course(GOOD.replace("    kind: wrong-date\n", "    kind: wrong-date\n    also_accepted: [typo]\n"))
    assert "also_accepted" in str(only_problem(ck.check_claims(data)))


def test_claims_are_read_again_when_the_file_changes(course):
    data = course(GOOD)
    assert ck.load_claims(data).get("salgado-date").record == "Expelled on 20 July 2022."
    course(GOOD.replace("Expelled on 20 July 2022.", "Expelled on 20 July 2022, with 72 hours to leave."))
    assert ck.load_claims(data).get("salgado-date").record.endswith("72 hours to leave.")


def test_how_to_check_asks_for_no_code():
    # It is the hint a wrong verdict shows: students write no code.
    for c in ck.load_claims():
        assert not re.search(r"`|\w\(", c.how_to_check), f"{c.id}: {c.how_to_check}"


def test_a_claim_is_the_same_claim_wherever_it_stands_in_the_file():
    import dataclasses
    claim = ck.load_claims().get("salgado-date")
    moved = dataclasses.replace(claim, line=(claim.line or 0) + 40)
    assert moved == claim and moved.line != claim.line
    assert dataclasses.replace(claim, finding="another finding") != claim
