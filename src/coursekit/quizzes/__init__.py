"""The quiz engine: question types and their grading, banks loaded from ``data/quizzes/``,
the widgets that show them, the cumulative review and the LMS export.

A question type lives in three registered pieces, each found by the type's name:

1. its model in :mod:`~coursekit.quizzes.questions`: a ``Question`` subclass decorated with
   ``@register``, holding its ``type_name``, its fields' JSON Schema (``schema_fields``,
   ``schema_required``), how it is built from a bank entry (``fields_from``), the checks a
   schema cannot make (``entry_problems``) and its grading (``parse``, ``grade``);
2. its widgets in :mod:`~coursekit.quizzes.widgets`: a ``WidgetAdapter`` subclass decorated
   with ``@widget_adapter(name)`` (``build``, ``read``, ``restore``);
3. its GIFT form in :mod:`~coursekit.quizzes.gift`: ``@gift_form(name)``, or
   ``no_gift_form(name, reason)``.

The bank schema, the loader and the quiz take everything else from them; then regenerate
``data/quiz.schema.json`` (``coursekit validate --write-schemas``) and add the type to
``data/quizzes/_example.yaml``.

What every type gets from the engine: tries, hints and the penalty (``submit``); what it
shows once answered and never before (``Question.reveal``: the explanation, a reflection's
model answer and rubric, a verdict's record); ``inline: true``, which leaves a question out
of ``coursekit.quiz(bank)`` so that the lesson asks it in its text with
``coursekit.ask(bank, id)``; and drafts: an adapter with ``keeps_drafts`` has what the
student types saved at every change, marked as a draft (never an answer) until Check or Save.
"""
