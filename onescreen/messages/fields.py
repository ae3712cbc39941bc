"""Labels of the columns of derived tables, in Chinese and English."""

MESSAGES: dict[str, tuple[str, str]] = {}
