"""A student's work: the progress file every check is saved to, the export file a
student downloads, and the gradebook an instructor makes from those exports."""
