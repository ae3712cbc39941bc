"""Texts of the uploads area, in Chinese and English."""

MESSAGES: dict[str, tuple[str, str]] = {}
