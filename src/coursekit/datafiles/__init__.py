"""The data layer: finding the course's ``data/`` folder, reading its YAML and CSV files
safely with the line of every item, checking them against their JSON Schemas, and
running every check at once (``coursekit validate``)."""
