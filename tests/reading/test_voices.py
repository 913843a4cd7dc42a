"""coursekit.reading.voices: every side in its own words, the contributors that left MINUSMA and
the other missions their hosts ended; their files, checks and displays."""
from __future__ import annotations

import re
import textwrap

import pytest

from coursekit.datafiles import dates
from coursekit.errors import CourseError, DataError
from coursekit.reading import voices as vo

VOICES = """\
settings:
  council: told the Security Council
  survey: found
topics:
  "2690":
    title: Ending the mandate
    note: Adopted 15-0-0.
  demand:
    title: The demand
voices:
  - id: mali-2690
    topics: ["2690"]
    side: Mali's transitional government
    speaker: Issa Konfourou
    role: Mali's ambassador to the UN
    date: 2023-06-30
    setting: council
    occasion: after the vote
    summary: He said Mali took note of the resolution.
    lang: fr
    words: ["prend acte de la résolution 2690"]
    translation: ["takes note of resolution 2690"]
    source: Mandé Infos (30 June 2023)
    confidence: V
  - id: russia-2690
    topics: ["2690", demand]
    side: Russia
    speaker: Anna Evstigneeva
    role: Russia's deputy permanent representative
    date: 2023-06-30
    setting: council
    occasion: after the vote
    summary: She said Russia would keep helping Mali.
    words: ["Russia will continue to provide comprehensive assistance to Mali"]
    source: TASS (30 June 2023)
    confidence: V
  - id: survey
    topics: [demand]
    side: Opinion in Mali, as surveyed
    speaker: Mali-Mètre 2023
    role: a survey
    date: 2023-05
    setting: survey
    occasion: the 2023 round
    summary: 57% of respondents said they were dissatisfied.
    source: a press report
    confidence: L
    caveat: Space for criticism was restricted.
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A data folder holding only the file a test writes; messages name files relative to it."""
    monkeypatch.chdir(tmp_path)
    def write(name: str, text: str):
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path
    return write


def problems_of(check, data):
    return [str(p) for p in check(data)]


# --------------------------------------------------------------------------- voices


def test_a_topic_shows_its_voices_in_file_order_with_its_title_and_note(folder):
    boxes = vo.in_their_words("2690", data_dir=folder("voices.yaml", VOICES))
    assert boxes.sides() == ["Mali's transitional government", "Russia"]
    text = str(boxes)
    assert text.startswith("Ending the mandate\n")
    assert text.endswith("Note: Adopted 15-0-0.")


def test_a_topic_may_be_given_as_a_number(folder):
    assert len(vo.in_their_words(2690, data_dir=folder("voices.yaml", VOICES))) == 2


def test_every_side_is_introduced_by_the_same_sentence(folder):
    data = folder("voices.yaml", VOICES)
    mali, russia = vo.in_their_words("2690", data_dir=data)
    assert mali.intro == ("Issa Konfourou, Mali's ambassador to the UN, told the Security Council "
                          "on 30 June 2023 (after the vote)")
    assert russia.intro == ("Anna Evstigneeva, Russia's deputy permanent representative, told the Security "
                            "Council on 30 June 2023 (after the vote)")
    # Same setting, same verb, whoever speaks: the side never chooses the verb.
    assert mali.verb == russia.verb == vo.load_voices(data).settings["council"] == "told the Security Council"


def test_a_setting_is_data_a_new_one_needs_no_code(folder):
    text = VOICES.replace("  survey: found\n", "  survey: found\n  interview: said in an interview\n").replace(
        "setting: council\n    occasion: after the vote\n    summary: She",
        "setting: interview\n    occasion: after the vote\n    summary: She")
    data = folder("voices.yaml", text)
    assert problems_of(vo.check_voices, data) == []
    russia = vo.load_voices(data)["russia-2690"]
    assert russia.intro.startswith("Anna Evstigneeva, Russia's deputy permanent representative, said in an interview ")


def test_the_html_boxes_have_the_same_shape_for_every_side(folder):
    mali, russia = vo.in_their_words("2690", data_dir=folder("voices.yaml", VOICES))
    def shape(html):
        return re.sub(r">[^<]*<", "><", re.sub(r"<blockquote[^>]*>", "<blockquote>", html))
    assert shape(mali._repr_html_()).replace("<p style='margin:0 0 .4em .8em'><em></em></p>", "") == \
        shape(russia._repr_html_())


def test_words_in_french_carry_their_language_and_the_course_translation(folder):
    mali = vo.in_their_words("2690", data_dir=folder("voices.yaml", VOICES))[0]
    assert "<blockquote lang='fr'" in mali._repr_html_()
    assert "(French; in English: “takes note of resolution 2690”)" in str(mali)


def test_a_voice_resting_on_one_report_says_as_reported_everywhere(folder):
    survey = vo.in_their_words("demand", data_dir=folder("voices.yaml", VOICES))[1]
    assert survey.intro.endswith(", as reported")
    assert "Source (as reported): a press report" in str(survey)
    assert "Source (as reported): a press report" in survey._repr_html_()
    assert "Caveat: Space for criticism was restricted." in str(survey)
    assert "(the course's sources give no exact words)" in str(survey)
    assert survey.intro == "Mali-Mètre 2023, a survey, found in May 2023 (the 2023 round), as reported"


def test_html_escapes_what_an_instructor_writes(folder):
    data = folder("voices.yaml", VOICES.replace("speaker: Issa Konfourou", "speaker: <b>Konfourou</b>"))
    html = vo.in_their_words("2690", data_dir=data)._repr_html_()
    assert "<b>Konfourou" not in html and "&lt;b&gt;Konfourou" in html


def test_without_a_topic_the_topics_are_listed(folder):
    text = str(vo.in_their_words(data_dir=folder("voices.yaml", VOICES)))
    assert "  2690: Ending the mandate (2 voices)" in text
    assert "  demand: The demand (2 voices)" in text


def test_an_unknown_topic_names_the_closest_one(folder):
    with pytest.raises(CourseError, match=r"no topic '2960' .*did you mean \"2690\"\?.*the topics are: 2690, demand"):
        vo.in_their_words("2960", data_dir=folder("voices.yaml", VOICES))


@pytest.mark.parametrize("edit, field, message", [
    (("    translation: [\"takes note of resolution 2690\"]\n", ""), "translation", "missing"),
    (("translation: [\"takes note of resolution 2690\"]", "translation: [\"one\", \"two\"]"),
     "translation", "has 2 item(s) for 1 item(s) of `words`"),
    (("topics: [\"2690\", demand]", "topics: [\"2690\", demnd]"), "topics", "'demnd' is not a topic"),
    (("date: 2023-06-30\n    setting: council\n    occasion: after the vote\n    summary: She",
      "date: 2023-02-30\n    setting: council\n    occasion: after the vote\n    summary: She"),
     "date", "not a real date"),
    (("setting: survey", "setting: claimed"), "setting", "'claimed' is not a setting of this file; "
                                                          "the settings are: council, survey"),
    (("setting: survey", "setting: counsil"), "setting", 'did you mean "council"?'),
    (("    source: TASS (30 June 2023)\n", ""), "source", "missing"),
    (("    speaker: Anna Evstigneeva\n", ""), "speaker", "missing"),
    (("confidence: L", "confidence: high"), "confidence", "is not one of"),
])
def test_a_mistake_in_voices_names_the_voice_and_the_field(folder, edit, field, message):
    old, new = edit
    assert old in VOICES
    found = problems_of(vo.check_voices, folder("voices.yaml", VOICES.replace(old, new)))
    assert any(f": {field}: " in p and message in p and 'voice "' in p for p in found), found


def test_a_topic_no_voice_belongs_to_is_reported(folder):
    text = VOICES.replace("  demand:\n    title: The demand\n",
                          "  demand:\n    title: The demand\n  ber:\n    title: Ber\n")
    assert problems_of(vo.check_voices, folder("voices.yaml", text)) == [
        'voices.yaml:10: topic "ber": no voice belongs to it']


def test_a_setting_without_a_verb_is_named(folder):
    found = problems_of(vo.check_voices, folder("voices.yaml", VOICES.replace("  survey: found\n", '  survey: "  "\n')))
    assert found == ["voices.yaml:3: settings.survey: '  ': must be the verb that introduces the words (not empty), "
                     "for every side alike"]


def test_a_file_without_settings_is_refused_by_name(folder):
    text = VOICES.replace("settings:\n  council: told the Security Council\n  survey: found\n", "")
    found = problems_of(vo.check_voices, folder("voices.yaml", text))
    assert any("settings" in p and "missing" in p for p in found), found


def test_loading_a_broken_file_raises_a_data_error(folder):
    with pytest.raises(DataError, match='voice "russia-2690": speaker'):
        vo.load_voices(folder("voices.yaml", VOICES.replace("    speaker: Anna Evstigneeva\n", "")))


def test_the_course_voices_each_have_a_speaker_a_date_and_a_source():
    voices = vo.load_voices()
    assert len(voices) >= 15
    for v in voices:
        assert v.speaker and v.role and v.source and v.summary, v.id
        assert isinstance(v.date, dates.PartialDate), v.id
        assert all(q.translation for q in v.words if q.lang != "en"), v.id


@pytest.mark.parametrize("date, expected", [
    ("2023-06-30", "on 30 June 2023"), ("2023-02", "in February 2023"), ("2022", "in 2022"),
])
def test_when_keeps_the_precision_of_the_date(date, expected):
    assert vo.when(dates.parse_date(date)) == expected


# --------------------------------------------------------------------------- contributors

CONTRIBUTORS = """\
contributors:
  - id: sweden
    country: Sweden
    action: withdrawal
    announced: 2022-03
    how: announced by the armed forces
    what: about 220 troops to leave
    until: 2023-06-30
    source: Maliweb (March 2022)
    confidence: V
  - id: united-kingdom
    country: United Kingdom
    action: withdrawal
    announced: 2022-11-14
    how: announced in the Commons
    what: about 300 troops to leave "earlier than planned"
    reason: He blamed "two coups in three years".
    source: Janes
    confidence: L
"""


def test_contributors_print_a_row_each_and_say_when_no_reason_is_on_record(folder):
    c = vo.load_contributors(folder("contributors.yaml", CONTRIBUTORS))
    text = str(c)
    assert "Sweden: withdrawal, announced in March 2022" in text
    assert "  reason given: none recorded in the course's sources" in text
    assert '  reason given: He blamed "two coups in three years".' in text
    assert "  source (as reported): Janes" in text
    html = c._repr_html_()
    assert html.count("<tr><th scope='row'") == 2 and "<caption>" in html


@pytest.mark.parametrize("old, new, field, message", [
    ("until: 2023-06-30", "until: 2021-06-30", "until", "is before `announced`"),
    ("announced: 2022-11-14", "announced: 2022-11-31", "announced", "not a real date"),
    ("action: withdrawal\n    announced: 2022-03", "action: left\n    announced: 2022-03", "action",
     "is not one of"),
    ("country: United Kingdom", "country: Sweden", "country", "is used twice"),
])
def test_a_mistake_in_contributors_names_the_state_and_the_field(folder, old, new, field, message):
    found = problems_of(vo.check_contributors, folder("contributors.yaml", CONTRIBUTORS.replace(old, new)))
    assert any(f": {field}: " in p and message in p and 'contributor "' in p for p in found), found


def test_the_course_contributors_keep_the_recorded_dates():
    c = vo.load_contributors()
    assert c.ids() == ["sweden", "benin", "egypt", "cote-divoire", "united-kingdom", "germany"]
    sweden = c.get("sweden")
    assert (sweden.announced.precision, str(sweden.announced)) == ("month", "Mar 2022")
    assert str(c.get("egypt").until) == "15 Aug 2022" and c.get("egypt").action == "suspension"
    assert str(c.get("germany").until) == "31 May 2024"
    with pytest.raises(CourseError, match='did you mean "germany"'):
        c.get("germny")


# --------------------------------------------------------------------------- missions

MISSIONS = """\
missions:
  - id: unitams
    name: UNITAMS
    full_name: the UN Integrated Transition Assistance Mission in Sudan
    host: Sudan
    kind: special political mission
    asked: {date: 2023-11-16, what: Sudan asked for the mission to end.}
    decided: Resolution 2715 (1 December 2023, 14-0-1).
    after: Liquidated from 1 March 2024.
    source: UNITAMS
    confidence: V
"""


def test_missions_print_what_the_host_asked_what_the_un_did_and_what_followed(folder):
    m = vo.load_missions(folder("missions.yaml", MISSIONS))
    assert str(m).splitlines()[1:4] == [
        "UNITAMS (the UN Integrated Transition Assistance Mission in Sudan), special political mission; host: Sudan",
        "  the host asked (on 16 November 2023): Sudan asked for the mission to end.",
        "  the UN decided: Resolution 2715 (1 December 2023, 14-0-1).",
    ]
    assert "<th scope='col'>What the UN did</th>" in m._repr_html_()


@pytest.mark.parametrize("old, new, field, message", [
    ("kind: special political mission", "kind: observer mission", "kind", "is not one of"),
    ("date: 2023-11-16", "date: 2023-11-31", "asked.date", "not a real date"),
    ("    decided: Resolution 2715 (1 December 2023, 14-0-1).\n", "", "decided", "missing"),
])
def test_a_mistake_in_missions_names_the_mission_and_the_field(folder, old, new, field, message):
    found = problems_of(vo.check_missions, folder("missions.yaml", MISSIONS.replace(old, new)))
    assert any(f": {field}: " in p and message in p and 'mission "unitams"' in p for p in found), found


def test_the_course_missions_compare_five_hosts_and_mark_what_rests_on_one_report():
    m = vo.load_missions()
    assert m.ids() == ["unef-i", "minurcat", "minusma", "unitams", "monusco"]
    assert m.get("unitams").kind == "special political mission"
    assert "source (as reported in part)" in str(m.get("monusco"))
    assert "(as reported in part)" not in str(m.get("minurcat"))
