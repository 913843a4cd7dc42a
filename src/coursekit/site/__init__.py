"""The static edition of the course: every lesson as a web page that needs no kernel.

``coursekit build-site`` (:mod:`coursekit.site.build`) executes the lessons, renders their
text and outputs as HTML, puts a mount point where a lesson calls a widget, and copies the
plain JavaScript and CSS (``static/``) that make those mount points work in any browser,
opened from disk or from any static host, with no network at all.

One module per job: ``markdown`` (the lessons' text), ``execute`` (running the notebooks),
``cells`` (a cell's outputs and its widget calls), ``payloads`` (the data the scripts read),
``pages`` (the HTML pages) and ``build`` (the folder); ``quizdata`` gives the quizzes' data.
"""
