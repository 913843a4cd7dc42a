"""The tally chart of a Security Council vote: its bars, its title and its words.

Pure functions of an :class:`~coursekit.council.votes.Outcome`; the simulator only shows
what they return. matplotlib is imported when a chart is first drawn.
"""
from __future__ import annotations

from coursekit.charts import PALETTE, Chart, DataTable
from coursekit.council.votes import VOTES, VOTES_NEEDED, Outcome, join_names

#: Each vote's bar: a colour from the course palette and its own hatching, and a text
#: label under it, so colour is never the only cue.
BAR_COLOURS = {"yes": "blue", "no": "vermillion", "abstain": "orange", "absent": "grey"}
BAR_HATCHES = {"yes": "", "no": "xx", "abstain": "//", "absent": ".."}
#: The size the simulator shows the chart at, in pixels (100 dpi).
SIZE = (460, 340)


def chart_data(outcome: Outcome) -> dict[str, int]:
    """The bar heights of the tally chart: ``{"yes": 15, "no": 0, "abstain": 0, "absent": 0}``."""
    return outcome.tally.as_dict()


def chart_description(outcome: Outcome) -> str:
    """One sentence describing the tally chart, for screen readers and captions.

    >>> from coursekit.council.votes import load_council
    >>> print(chart_description(load_council().outcome_of("seven-abstain")))  # doctest: +NORMALIZE_WHITESPACE
    Bar chart of the vote: 8 yes, 0 no, 7 abstain, 0 absent; the yes bar stays below the
    dashed line at the 9 votes needed, so the draft is not adopted.
    """
    counts = chart_data(outcome)
    bars = ", ".join(f"{n} {vote}" for vote, n in counts.items())
    reaches = "reaches" if counts["yes"] >= VOTES_NEEDED else "stays below"
    if outcome.vetoed_by:
        end = f", but the draft is not adopted because {join_names(outcome.vetoed_by)} vetoed it"
    else:
        end = f", so the draft is {outcome.verdict}"
    return (f"Bar chart of the vote: {bars}; the yes bar {reaches} the dashed line "
            f"at the {VOTES_NEEDED} votes needed{end}.")


def chart_title(outcome: Outcome) -> str:
    """The chart's title: the verdict with its symbol and, when it fails, why in brief.

    >>> from coursekit.council.votes import load_council
    >>> chart_title(load_council().outcome_of("china-and-russia-vote-no"))
    '✘ Not adopted: vetoed by China and Russia'
    """
    if outcome.vetoed_by:
        return f"{outcome.symbol} Not adopted: vetoed by {join_names(outcome.vetoed_by)}"
    if not outcome.adopted:
        return f"{outcome.symbol} Not adopted: {outcome.tally.yes} of {VOTES_NEEDED} votes needed"
    return f"{outcome.symbol} Adopted ({outcome.kind} vote)"


def chart_table(outcome: Outcome) -> DataTable:
    """The tally chart as a table (its text alternative): a row per bar, with its count
    and the members who voted so, from the same outcome as the bars.

    >>> from coursekit.council.votes import load_council
    >>> print(chart_table(load_council().outcome_of("china-and-russia-vote-no")))  # doctest: +ELLIPSIS
    The vote, bar by bar (9 yes votes needed): ✘ Not adopted: vetoed by China and Russia
    vote       members  who
    yes        13       ...
    no (veto)  2        China, Russia
    abstain    0        nobody
    absent     0        nobody
    """
    counts = chart_data(outcome)
    rows = []
    for vote in VOTES:
        row = [_bar_label(vote, outcome).replace("\n", " "), str(counts[vote])]
        if outcome.votes:  # an outcome made from counts alone does not know who
            who = [member.name for member, cast in outcome.votes if cast == vote]
            row.append(", ".join(who) if who else "nobody")
        rows.append(row)
    headings = ("vote", "members", "who") if outcome.votes else ("vote", "members")
    return DataTable(f"The vote, bar by bar ({VOTES_NEEDED} yes votes needed): {chart_title(outcome)}",
                     headings, rows)


def _bar_label(vote: str, outcome: Outcome) -> str:
    if vote == "no" and outcome.vetoed_by:
        return "no\n(veto)"
    return vote


def draw_tally(outcome: Outcome):
    """A matplotlib Figure of the tally, with the threshold of 9 votes as a dashed line.

    Uses :class:`matplotlib.figure.Figure` directly, so nothing is shown twice by
    the notebook's backend and no global pyplot state is touched.
    """
    from matplotlib.figure import Figure

    counts = chart_data(outcome)
    ink = PALETTE["black"]
    fig = Figure(figsize=(SIZE[0] / 100, SIZE[1] / 100), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    xs = range(len(VOTES))
    bars = ax.bar(xs, [counts[v] for v in VOTES], width=0.65,
                  color=[PALETTE[BAR_COLOURS[v]] for v in VOTES], edgecolor=ink, linewidth=0.8,
                  hatch=[BAR_HATCHES[v] for v in VOTES])
    # White boxes keep a count readable where it meets the dashed line (8 or 9 votes).
    ax.bar_label(bars, padding=2, fontsize=11, fontweight="bold",
                 bbox={"facecolor": PALETTE["white"], "edgecolor": "none", "pad": 1})
    ax.axhline(VOTES_NEEDED, color=ink, linestyle="--", linewidth=1.2, zorder=1)
    ax.set_xticks(list(xs), [_bar_label(v, outcome) for v in VOTES], fontsize=10)
    ax.set_ylim(0, 16.5)
    # The threshold is named on the axis, where no bar can ever hide it.
    ticks = [0, 3, 6, VOTES_NEEDED, 12, 15]
    ax.set_yticks(ticks, [f"{VOTES_NEEDED} needed" if t == VOTES_NEEDED else str(t) for t in ticks])
    ax.get_yticklabels()[ticks.index(VOTES_NEEDED)].set_fontweight("bold")
    ax.set_ylabel("members")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(chart_title(outcome), loc="left", fontsize=11)
    return fig


def tally_chart(outcome: Outcome) -> Chart:
    """The tally chart with its description: shows as an image with alt text and a caption.

    >>> from coursekit.council.votes import load_council
    >>> tally_chart(load_council().outcome_of("russia-votes-no"))  # doctest: +NORMALIZE_WHITESPACE
    Chart: Bar chart of the vote: 14 yes, 1 no, 0 abstain, 0 absent; the yes bar reaches the
    dashed line at the 9 votes needed, but the draft is not adopted because Russia vetoed it.
    """
    return Chart(draw_tally(outcome), chart_description(outcome), chart_table(outcome))
