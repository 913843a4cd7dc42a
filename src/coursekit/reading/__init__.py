"""Reading the article: its paragraphs and quotations, the actors it names, and the
claims lessons 06 and 07 check against the record."""
