"""Matching text, shared by every layer: lazily compiled patterns, word lists as tries,
patterns compiled for the words a text has, and Python's regex internals (one module)."""
