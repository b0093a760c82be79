"""lintnews: an editorial style and quality linter for newsrooms."""

__version__ = "0.1.0"
