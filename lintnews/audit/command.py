"""`lintnews audit PATH...`: the click command (registered in lintnews.cli)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from lintnews.config import AUDIT_GROUPS

EXIT_INTERRUPTED = 130  # as a shell reports a run stopped with Ctrl-C
DEFAULT_OUTPUT = "lintnews-audit"


def _groups(values: tuple[str, ...]) -> tuple[str, ...]:
    """--by year --by section, or --by year,section."""
    return tuple(part.strip().lower() for value in values for part in value.split(",")
                 if part.strip())


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(t.strip() for t in value.split(",") if t.strip())


@click.command(short_help="Lint a whole archive and report rates per section, period, author.")
@click.argument("paths", nargs=-1, type=str)
@click.option("--by", "by", multiple=True, metavar="GROUP",
              help=f"Group by {', '.join(AUDIT_GROUPS)} (repeat, or separate with commas).")
@click.option("--output", type=click.Path(path_type=Path), metavar="DIR",
              default=Path(DEFAULT_OUTPUT), show_default=True,
              help="Write findings.parquet, documents.parquet, summary.csv, summary.json and "
                   "dashboard.html here (and a checkpoint per batch, to resume from).")
@click.option("--no-output", is_flag=True,
              help="Print the summary table only: no files, and nothing to resume from.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores); with --engine dask and "
                   "no --scheduler, the local cluster's workers.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where batches are linted.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the cluster's scheduler (tcp://HOST:8786); without "
                   "it, a local cluster is started.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Documents per batch and checkpoint [default: the config's, else 64].")
@click.option("--metadata", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="A CSV or TSV file with a 'path' (or 'id': the file name without its "
                   "suffix) column and group columns (section, year, month, author, outlet, "
                   "or date) that override the keys found.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of searching for one.")
@click.option("--select", help="As for `check` (ALL: every rule, to see which would fire).")
@click.option("--extend-select", help="As for `check`.")
@click.option("--ignore", help="As for `check`.")
@click.option("--genre", metavar="NAME", help="As for `check`.")
def audit(paths: tuple[str, ...], by: tuple[str, ...], output: Path | None,
          no_output: bool, jobs: int | None, engine: str, scheduler: str | None,
          batch_size: int | None,
          metadata: Path | None, config_path: Path | None, select: str | None,
          extend_select: str | None, ignore: str | None, genre: str | None) -> None:
    """Lint a whole archive and report findings per 1,000 words for every rule and category,
    per group (--by), instead of listing them. PATHS are folders, files or fsspec URLs
    (s3://bucket/archive/). The tables and the dashboard go to --output; an interrupted run
    resumes where it stopped when run again with the same --output."""
    from lintnews.audit.batches import AuditInputError
    from lintnews.audit.outputs import summary_table
    from lintnews.audit.run import AuditOptions, run_audit
    from lintnews.config import ConfigError
    from lintnews.engine.declarative import PackError
    from lintnews.engine.selection import SelectionError

    if no_output:
        output = None
    options = AuditOptions(
        paths=paths, by=_groups(by), output=output, jobs=jobs or os.cpu_count() or 1,
        engine=engine, scheduler=scheduler, batch_size=batch_size, config_path=config_path,
        select=_codes(select), ignore=_codes(ignore) or (),
        extend_select=_codes(extend_select) or (),
        genre=genre.strip().lower() if genre else None, metadata=metadata,
        progress=sys.stderr.isatty() and not os.environ.get("CI"))
    try:
        run = run_audit(options)
    except (AuditInputError, ConfigError, PackError, SelectionError) as err:
        _fail(str(err))
        return
    except KeyboardInterrupt:
        where = f"; run the same command again to resume from {output}" if output else \
            " (without --no-output it could resume)"
        click.echo(f"lintnews: audit interrupted{where}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    click.echo(summary_table(run.summary), nl=False)
    if run.resumed:
        click.echo(f"Resumed: {run.resumed} of {run.batches} batches were already done.",
                   err=True)
    if output is not None:
        click.echo(f"Wrote {output}/: findings.parquet, documents.parquet, summary.csv, "
                   "summary.json, dashboard.html", err=True)
    for message in run.errors[:10]:
        click.echo(f"lintnews: error: {message}", err=True)
    if len(run.errors) > 10:
        click.echo(f"lintnews: error: and {len(run.errors) - 10} more documents not linted",
                   err=True)
    sys.exit(2 if run.errors else 0)


def _fail(message: str) -> None:
    click.echo(f"lintnews: error: {message}", err=True)
    sys.exit(2)
