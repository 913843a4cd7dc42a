"""The Security Council vote simulator: a control per member, the outcome in words, a tally chart.

The rules live in :mod:`coursekit.council.votes` and the chart in
:mod:`coursekit.council.chart`; this module only wires them to widgets.
"""
from __future__ import annotations

import html

import ipywidgets as widgets

from coursekit.charts import DataTable, img_html
from coursekit.council.chart import SIZE, chart_data, tally_chart
from coursekit.council.votes import VOTES, Council, Outcome, Preset, describe_votes, load_council

VOTE_TOOLTIPS = {
    "yes": "votes in favour",
    "no": "votes against (from a permanent member: a veto)",
    "abstain": "abstains (not a veto)",
    "absent": "does not take part (in practice not a veto)",
}
_OWN_VOTES = ""  # the preset selector's value when the votes are the student's own
# The chosen vote of each member is shown by more than a darker shade: bold,
# underlined and outlined, so it reads without colour and in high contrast. The outline
# takes the button's text colour (currentColor), so it stays visible in a dark theme.
_STYLE = ("<style>.coursekit-council .widget-toggle-button.mod-active"
          "{font-weight:bold;text-decoration:underline;"
          "outline:2px solid currentColor;outline-offset:-2px}</style>")


class VoteSimulator:
    """The vote simulator of lesson 03.

    Attributes a test (or a curious student) can use:

    - ``controls``: ``{member name: ToggleButtons}`` with values yes/no/abstain/absent
    - ``preset_selector`` (Dropdown), ``procedural`` (Checkbox)
    - ``outcome``: the current :class:`~coursekit.council.votes.Outcome`
    - ``outcome_html`` (HTML); ``chart`` (HTML: the chart as an image with alt text
      and a caption, then the same data as a folded table); ``chart_data`` (the bar
      heights now shown), ``chart_description`` (the caption), ``chart_table`` (the
      :class:`~coursekit.charts.DataTable` under it) and ``chart_png`` (the image's bytes)
    - ``widget``: the whole simulator as one box

    >>> sim = VoteSimulator()
    >>> sim.controls["Russia"].value = "no"
    >>> sim.outcome.reason
    'not adopted: vetoed by Russia, although 14 members voted in favour'
    """

    def __init__(self, council: Council | None = None, preset: str | None = None):
        self.council = council if council is not None else load_council()
        self._busy = False  # True while several controls change at once
        self.controls: dict[str, widgets.ToggleButtons] = {}
        for m in self.council.members:
            # ipywidgets 8 lays ToggleButtons out as a block (name above the
            # buttons); flex puts the name beside them, one compact row per member.
            control = widgets.ToggleButtons(
                options=list(VOTES), value="yes", description=m.name,
                tooltips=[f"{m.name} {VOTE_TOOLTIPS[v]}" for v in VOTES],
                style={"description_width": "12.5em", "button_width": "6.2em"},
                layout={"display": "flex", "flex_flow": "row nowrap", "align_items": "center",
                        "width": "auto"},
            )
            control.add_class("coursekit-council-vote")
            control.add_class(f"coursekit-vote-{m.id}")
            control.observe(self._on_vote, names="value")
            self.controls[m.name] = control

        self.preset_selector = widgets.Dropdown(
            options=[("Your own votes", _OWN_VOTES)] + [(p.title, p.id) for p in self.council.presets],
            value=_OWN_VOTES, description="Scenario",
            style={"description_width": "6em"}, layout={"width": "34em"},
        )
        self.preset_selector.add_class("coursekit-council-presets")
        self.preset_selector.observe(self._on_preset, names="value")
        self.procedural = widgets.Checkbox(
            value=False, indent=False,
            description="Procedural question (Art. 27(2): no veto)",
        )
        self.procedural.add_class("coursekit-council-procedural")
        self.procedural.observe(self._on_vote, names="value")
        self.preset_note = widgets.HTML()
        self.outcome_html = widgets.HTML()
        self.outcome_html.add_class("coursekit-council-outcome")
        # An <img> in HTML rather than an ipywidgets Image: it carries real alt text
        # (and Image views break in ipywidgets 8.1 when given a tooltip).
        self.chart = widgets.HTML()
        self.chart.add_class("coursekit-council-chart")
        self.chart_data: dict[str, int] = {}
        self.chart_description = ""
        self.chart_table: DataTable | None = None
        self.chart_png = b""

        def group(title: str, members) -> widgets.VBox:
            heading = widgets.HTML(f"<strong>{html.escape(title)}</strong>")
            return widgets.VBox([heading] + [self.controls[m.name] for m in members])

        year = f" ({self.council.year})" if self.council.year else ""
        votes_box = widgets.VBox([
            group("Permanent members: a no is a veto on substantive questions", self.council.permanent),
            group(f"Elected members{year}", self.council.elected),
        ], layout={"margin": "0 1.5em 0 0"})
        chart_box = widgets.VBox([self.chart], layout={"width": "470px"})
        self.widget = widgets.VBox([
            widgets.HTML("<h4 style='margin:0.2em 0'>Security Council vote simulator</h4>"
                         + _STYLE),
            widgets.HBox([self.preset_selector, self.procedural],
                         layout={"flex_flow": "row wrap", "align_items": "center"}),
            self.preset_note,
            self.outcome_html,
            widgets.HBox([votes_box, chart_box], layout={"flex_flow": "row wrap"}),
        ])
        self.widget.add_class("coursekit-council")

        self._outcome = self._compute()
        if preset:
            self.apply_preset(preset)
        else:
            self._show()

    # -- state ------------------------------------------------------------

    @property
    def votes(self) -> dict[str, str]:
        """Every member's vote now, ``{member id: vote}``."""
        return {m.id: self.controls[m.name].value for m in self.council.members}

    @property
    def outcome(self) -> Outcome:
        """The outcome of the votes now set."""
        return self._outcome

    def _compute(self) -> Outcome:
        return self.council.decide(self.votes, default=None, procedural=self.procedural.value)

    # -- actions ----------------------------------------------------------

    def set_vote(self, member: str, vote: str) -> None:
        """Set one member's vote, e.g. ``sim.set_vote("Russia", "no")``."""
        self.controls[self.council.member(member).name].value = vote

    def apply_preset(self, preset: str | Preset) -> None:
        """Load a preset's votes into the controls, e.g. ``sim.apply_preset("resolution-2690")``."""
        p = self.council.preset(preset)
        self._busy = True
        try:
            for member_id, vote in p.votes:
                self.controls[self.council.member(member_id).name].value = vote
            self.procedural.value = p.procedural
            self.preset_selector.value = p.id
        finally:
            self._busy = False
        self._show()

    def _on_preset(self, change) -> None:
        if self._busy or change["new"] == _OWN_VOTES:
            self._show_note()
            return
        self.apply_preset(change["new"])

    def _on_vote(self, change) -> None:
        if self._busy:
            return
        selected = self.preset_selector.value
        if selected != _OWN_VOTES:
            p = self.council.preset(selected)
            if dict(p.votes) != self.votes or p.procedural != self.procedural.value:
                self._busy = True
                try:
                    self.preset_selector.value = _OWN_VOTES
                finally:
                    self._busy = False
        self._show()

    # -- display ----------------------------------------------------------

    def _show_note(self) -> None:
        selected = self.preset_selector.value
        if selected == _OWN_VOTES:
            self.preset_note.value = ("<small>Set each member's vote below, or choose a "
                                      "scenario.</small>")
            return
        p = self.council.preset(selected)
        e = html.escape
        where = (f"Source: {e(p.source)}." if p.real and p.source
                 else "A hypothetical vote, invented for the exercise.")
        self.preset_note.value = (f"<div style='line-height:1.35'><small>{e(p.description)} "
                                  f"<em>{where}</em></small></div>")

    def _show(self) -> None:
        self._outcome = self._compute()
        outcome = self._outcome
        self._show_note()
        state = "adopted" if outcome.adopted else "not-adopted"
        e = html.escape
        self.outcome_html.value = (
            f'<div class="coursekit-council-{state}" role="status" aria-live="polite" '
            f'style="font-size:1.1em;margin:0.4em 0">'
            f"<strong>{e(outcome.symbol)} {e(outcome.verdict.capitalize())}</strong> — "
            f"{e(outcome.explanation)}<br><small>Tally ({e(outcome.kind)} vote): "
            f"{e(str(outcome.tally))}<br>{e(describe_votes(outcome.votes))}</small></div>"
        )
        chart = tally_chart(outcome)
        self.chart_data = chart_data(outcome)
        self.chart_description = chart.description
        self.chart_table = chart.table
        self.chart_png = chart.png()
        self.chart.value = (img_html(self.chart_png, chart.description, width=SIZE[0], height=SIZE[1])
                            + chart.table_html())

    def text(self) -> str:
        """The simulator's state in words (what a terminal or nbval sees)."""
        selected = self.preset_selector.value
        scenario = self.council.preset(selected).title if selected != _OWN_VOTES else "your own votes"
        return f"Security Council vote simulator ({scenario})\n{self.outcome}\n{describe_votes(self.outcome.votes)}"

    def __repr__(self) -> str:
        return self.text()

    def _repr_mimebundle_(self, **kwargs):
        data = self.widget._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = self.text()
        return data


def vote_simulator(preset: str | None = None) -> VoteSimulator:
    """The Security Council vote simulator, optionally starting from a preset.

    >>> sim = vote_simulator("resolution-2690")
    >>> sim.outcome.adopted
    True
    """
    return VoteSimulator(preset=preset)
