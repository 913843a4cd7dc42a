"""The quiz engine: question types and their grading, banks loaded from ``data/quizzes/``,
the widgets that show them, the cumulative review and the LMS export."""
