"""The timeline of the Mali crisis: events and periods from ``data/timeline.csv``, their
layout, the figure (matplotlib, imported only when drawn) and the explorer widget."""
