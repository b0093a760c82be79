"""`lintnews audit`: lint a whole archive and aggregate, from one laptop to a Dask cluster.

The library API needs nothing beyond lintnews itself (for Spark `mapPartitions`, notebooks):

    from lintnews.audit import lint_pairs
    for finding in lint_pairs(pairs):  # pairs: an iterable of (key, text)
        ...

The command (command.py), its outputs and engines need the `audit` extra
(`pip install 'lintnews[audit]'`: pyarrow, dask.distributed, fsspec, tqdm), imported only
when used.
"""

from __future__ import annotations

from typing import Any

__all__ = ["KeyedFinding", "LintedDocument", "audit_linter", "lint_documents", "lint_pairs"]


def __getattr__(name: str) -> Any:
    # The library is imported on first use: `lintnews --help` loads this package for the
    # command's options, and should not pay for the linter's imports.
    if name in __all__:
        from lintnews.audit import library

        return getattr(library, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
