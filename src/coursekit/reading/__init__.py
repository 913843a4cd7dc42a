"""Reading the article: its paragraphs and quotations, the actors it names, and the
claims lesson 06 checks against the record."""
