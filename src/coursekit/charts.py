"""Small accessible charts: a figure that carries its own text description.

matplotlib is imported here only, when a chart is first drawn.
"""
from __future__ import annotations

import base64
import io
from html import escape

#: The course's one palette: Okabe-Ito colours by name, distinguishable with the common
#: forms of colour blindness. Data files name colours by these keys.
PALETTE = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "purple": "#CC79A7",
    "sky": "#56B4E9", "vermillion": "#D55E00", "yellow": "#F0E442", "black": "#000000",
    "grey": "#BBBBBB",
}
#: The same colours in Okabe and Ito's order (grey, not theirs, last).
OKABE_ITO = tuple(PALETTE.values())


class Chart:
    """A matplotlib figure with a one-sentence description for screen readers.

    Shows in a notebook as the image with the description as its ``alt`` text and
    caption; prints as the description, so a terminal or nbval sees words, not pixels.
    """

    def __init__(self, figure, description: str):
        self.figure = figure
        self.description = description

    def png(self) -> bytes:
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=100)
        return buf.getvalue()

    def __repr__(self) -> str:
        return f"Chart: {self.description}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.png()).decode("ascii")
        alt = escape(self.description, quote=True)
        html = (f"<figure style='margin:0'><img src='data:image/png;base64,{data}' alt='{alt}' "
                f"style='max-width:100%'><figcaption><small>{escape(self.description)}</small>"
                "</figcaption></figure>")
        return {"text/html": html, "image/png": data, "text/plain": repr(self)}


def bar_chart(labels, values, *, marked=None, marked_label="", unmarked_label="",
              xlabel="", title="", description: str) -> Chart:
    """A horizontal bar chart, largest first at the top; ``marked`` bars are hatched and
    coloured differently (never told apart by colour alone) and every bar is labelled
    with its value.

    >>> chart = bar_chart(["A", "B"], [3, 1], description="A has 3, B has 1.")
    >>> print(chart)
    Chart: A has 3, B has 1.
    """
    import matplotlib.pyplot as plt

    marked = list(marked) if marked is not None else [False] * len(labels)
    height = 0.8 + 0.32 * max(len(labels), 1)
    fig, ax = plt.subplots(figsize=(8, height), layout="constrained")
    ys = list(range(len(labels)))[::-1]
    colours = [OKABE_ITO[1] if m else OKABE_ITO[0] for m in marked]
    hatches = ["//" if m else "" for m in marked]
    bars = ax.barh(ys, values, color=colours, edgecolor="black", linewidth=0.6)
    for bar, hatch in zip(bars, hatches):
        bar.set_hatch(hatch)
    ax.bar_label(bars, padding=3)
    ax.set_yticks(ys, labels)
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(values, default=1) * 1.15 + 0.5)
    if any(marked) and marked_label:
        from matplotlib.patches import Patch

        handles = [Patch(facecolor=OKABE_ITO[1], hatch="//", edgecolor="black", label=marked_label)]
        if unmarked_label:
            handles.append(Patch(facecolor=OKABE_ITO[0], edgecolor="black", label=unmarked_label))
        ax.legend(handles=handles, loc="lower right", frameon=False)
    plt.close(fig)  # shown once, through Chart's display, not again by the inline backend
    return Chart(fig, description)
