"""A student's work: the progress file every check is saved to (``store``), the export file a
student downloads (``export``), bringing an export back into a new session (``restore``), the
name box and the upload button (``widgets``), and the gradebook an instructor makes from those
exports (``gradebook``)."""
