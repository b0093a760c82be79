"""The command line: `lintnews check`, `lintnews rules`, `lintnews explain`, `lintnews audit`,
`--version`.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage, config or
input error, with a one-line message on stderr.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from lintnews import __version__
from lintnews.audit.command import audit as audit_command
from lintnews.columns import COLUMN_UNITS, DEFAULT_UNIT
from lintnews.config import FAIL_ON, ConfigError, ConfigFinder, Settings
from lintnews.engine.declarative import PackError
from lintnews.engine.selection import SelectionError
from lintnews.output import (
    COLUMN_UNIT_FORMATS,
    FORMATS,
    SOURCE_FORMATS,
    STATISTICS_FORMATS,
    formatter,
)
from lintnews.output.text import counted
from lintnews.rule_docs import explain_text

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"lintnews: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _spoken(names: Sequence[str], conjunction: str) -> str:
    """'text, github and checkstyle': a list of names as a sentence says it."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(t.strip() for t in value.split(",") if t.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="lintnews",
                      message="%(prog)s %(version)s")
def main() -> None:
    """lintnews: an editorial linter for news articles (Markdown and plain text)."""


def entry() -> None:
    """The `lintnews` command: run the CLI, then exit with its code through the interpreter's
    normal shutdown, so that the `atexit` handlers of plugins and of coverage run.

    Every object left is frozen first (gc.freeze): the shutdown's garbage collections then
    skip the compiled rules, which they would otherwise walk for about a third of a
    one-article run, only to free memory the process is about to give back anyway.
    """
    try:
        main()
        code: int | str | None = 0
    except SystemExit as done:
        code = done.code
    except OSError as error:  # the report could not be written: a full disk, a closed pipe
        code = _report_unwritable(error)
    if not _output_flushed():
        code = code or 1
    gc.freeze()
    sys.exit(code)


def _report_unwritable(error: OSError) -> int:
    """A one-line message instead of a traceback when standard output cannot take the report
    (`> /dev/full`, a full disk); a reader that went away (`| head`) is not an error of ours,
    and the exit code says the report was not delivered."""
    import errno

    if error.errno == errno.EPIPE:
        return EXIT_FINDINGS
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"lintnews: error: cannot write the report: "
                         f"{error.strerror or error}\n")
    return EXIT_ERROR


def _output_flushed() -> bool:
    """Flush stdout and stderr. False if the reader has gone (`lintnews check | head`): the
    stream is then pointed at os.devnull, so that the interpreter's own flush at exit does
    not fail again with a traceback (the Python documentation's advice on SIGPIPE)."""
    flushed = True
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the descriptor closed
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe; a closed file
            flushed = False
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    return flushed


@main.command(short_help="Lint article files and folders ('-' reads standard input).")
@click.argument("paths", nargs=-1, type=str)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--select", help="Rule codes, code prefixes, names or categories to enable, "
                                "instead of the config's selection (ALL: every rule).")
@click.option("--extend-select", help="Rule codes, code prefixes, names or categories to "
                                       "enable as well as the config's selection.")
@click.option("--ignore", help="Rule codes, code prefixes, names or categories to disable.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of searching for one.")
@click.option("--stdin-filename", default="-", metavar="NAME",
              help="The file that text read from '-' stands for: the name reported, and that "
                   "file's config, per-path ignores and excludes.")
@click.option("--fix", is_flag=True,
              help="Apply safe suggested replacements in place (for '-': print the fixed text).")
@click.option("--diff", "show_diff", is_flag=True, help="With --fix: print a diff, write nothing.")
@click.option("--changed-since", metavar="REF",
              help="Report only what changed since git revision REF: added lines, and the "
                   "sentences with a changed word on changed lines.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_path",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Record today's findings in this baseline file.")
@click.option("--statistics", is_flag=True,
              help="Print counts per rule and category and document metrics "
                   f"({_spoken(STATISTICS_FORMATS, 'or')}).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Lint files in N processes (default: the number of cores).")
@click.option("--genre", metavar="NAME",
              help="Lint every file as this genre (news, sports, review, opinion, comments, "
                   "business, or one the config defines) instead of deciding it per file.")
@click.option("--column-unit", type=click.Choice(COLUMN_UNITS), default=DEFAULT_UNIT,
              show_default=True,
              help=f"What {_spoken(COLUMN_UNIT_FORMATS, 'and')} columns count: characters "
                   "(code points), bytes (UTF-8, as Vim's %c) or utf-16 code units.")
def check(paths: tuple[str, ...], output_format: str, select: str | None,
          extend_select: str | None, ignore: str | None, fail_on: str | None,
          config_path: Path | None, stdin_filename: str, fix: bool,
          show_diff: bool, changed_since: str | None, baseline_path: Path | None,
          write_baseline_path: Path | None, statistics: bool, jobs: int | None,
          genre: str | None, column_unit: str) -> None:
    """Lint article files and folders ('-' reads standard input).

    With '-' alone, --fix prints the whole text, fixed, on standard output (unchanged when
    there is nothing to fix) and the findings left on standard error.
    """
    from lintnews.core import Linter
    from lintnews.workflow.baseline import BaselineError, Filter, load, write

    if show_diff and not fix:
        _fail("--diff needs --fix")
    if fix and write_baseline_path:
        _fail("--write-baseline records today's findings and fixes nothing; run --fix "
              "on its own first")
    if statistics and output_format not in STATISTICS_FORMATS:
        _fail(f"--statistics prints {_spoken(STATISTICS_FORMATS, 'or')}, "
              f"not --format {output_format}")
    if column_unit != DEFAULT_UNIT and output_format not in COLUMN_UNIT_FORMATS:
        _fail(f"--column-unit applies to --format {_spoken(COLUMN_UNIT_FORMATS, 'and')}; "
              f"{output_format} columns always count characters (code points)")
    targets = list(paths) or ["."]
    # --fix with '-' writes the fixed text to standard output: one text, nothing else there.
    # (--fix --diff prints a diff per file, named in its header: '-' may come with others.)
    stdin_fix = fix and not show_diff and "-" in targets
    if stdin_fix and len(targets) > 1:
        _fail("--fix with '-' prints the fixed text on standard output, so '-' must be the "
              "only path")
    stdin_bytes = sys.stdin.buffer.read() if "-" in targets else None
    baseline_file = write_baseline_path or baseline_path
    usage_errors: tuple[type[Exception], ...] = (ConfigError, PackError, SelectionError,
                                                 BaselineError)
    try:
        linter = Linter(
            config_path=config_path, select=_codes(select), ignore=_codes(ignore) or (),
            extend_select=_codes(extend_select) or (), fail_on=fail_on,
            genre=genre.strip().lower() if genre is not None else None,
            metrics=statistics or output_format == "json",
            jobs=jobs or os.cpu_count() or 1, column_unit=column_unit,
            stdin_filename=stdin_filename)
        changed = None
        if changed_since:
            from lintnews.workflow.gitdiff import ChangedLines, GitError  # only this mode runs git

            usage_errors += (GitError,)
            changed = ChangedLines(changed_since)
        baseline = Filter(load(baseline_path)) if baseline_path and not write_baseline_path \
            else None
        outcome = linter.run(
            targets, stdin=stdin_bytes, changed=changed, baseline=baseline,
            baseline_root=baseline_file.resolve().parent if baseline_file else None,
            keep_sources=fix or output_format in SOURCE_FORMATS, progress=_show_progress())
    except usage_errors as err:
        _fail(str(err))
        return
    if write_baseline_path:
        write(write_baseline_path, outcome.baseline_entries)
        count = sum(outcome.baseline_entries.values())
        click.echo(f"Recorded {counted(count, 'finding')} from "
                   f"{counted(outcome.report.files, 'file')} in {write_baseline_path}.")
        for message in outcome.report.errors:
            click.echo(f"lintnews: error: {message}", err=True)
        sys.exit(EXIT_ERROR if outcome.report.errors or outcome.rule_errors else EXIT_OK)
    applied = 0
    if fix:
        fixed = linter.fix(outcome, diff=show_diff, stdin=stdin_bytes if stdin_fix else None)
        if fixed.text is not None:
            stdout = click.get_binary_stream("stdout")
            stdout.write(fixed.text)
            stdout.flush()
        if show_diff:
            sys.exit(EXIT_FINDINGS if fixed.applied else EXIT_OK)
        applied, outcome = fixed.applied, fixed.outcome
    report = outcome.report
    # With the fixed text on standard output, the report goes to standard error.
    if statistics:
        from lintnews.output.summary import render_statistics

        click.echo(render_statistics(outcome, output_format), nl=False, err=stdin_fix)
    else:
        click.echo(formatter(output_format)(report), nl=False, err=stdin_fix)
    if fix:
        click.echo(f"Fixed {counted(applied, 'problem')}.", err=True)
    for message in report.errors:
        click.echo(f"lintnews: error: {message}", err=True)
    for message in outcome.rule_errors:
        click.echo(f"lintnews: {message}", err=True)
    if report.errors or outcome.rule_errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if outcome.failed else EXIT_OK)


# `lintnews audit`: its own package (lintnews.audit), which imports its engines when run.
main.add_command(audit_command, "audit")


def _show_progress() -> bool:
    """A progress line only for a person at a terminal: never in CI, pipes or redirected
    output."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@main.command("rules", short_help="List every rule: code, name, category, severity, pack.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--select", help="As for `check`: show what this selection turns on.")
@click.option("--extend-select", help="As for `check`.")
@click.option("--ignore", help="As for `check`.")
def list_rules(output_format: str, config_path: Path | None, select: str | None,
               extend_select: str | None, ignore: str | None) -> None:
    """List every rule: code, name, category, severity, pack and summary, and whether it is
    on under the config (of the current folder, or --config) and the selection options."""
    from lintnews.engine.runner import selection_layers
    from lintnews.engine.selection import resolve_selection, validate_tokens

    settings, rules = _load_with_settings(config_path)
    metas = [r.meta for r in rules]
    layers = selection_layers(settings, _codes(select), _codes(ignore) or (),
                              _codes(extend_select) or ())
    try:
        for layer, where in zip(layers, (str(settings.path or "config"), "command line"),
                                strict=True):
            for option, tokens in (("select", layer.select or ()),
                                   ("extend-select", layer.extend_select),
                                   ("ignore", layer.ignore)):
                shown = f"--{option}" if where == "command line" else f"{where}: key '{option}'"
                validate_tokens(tokens, metas, shown)
    except SelectionError as err:
        _fail(str(err))
    on = resolve_selection(metas, layers)
    if output_format == "json":
        import json

        click.echo(json.dumps([{
            "code": m.code, "name": m.name, "category": m.category,
            "severity": str(m.severity), "pack": m.pack, "summary": m.summary,
            "source": m.source, "enabled": m.enabled_by_default, "selected": m.code in on,
            "fix_safe": m.fix_safe} for m in metas], indent=2, ensure_ascii=False))
        return
    # Each column as wide as its widest entry (house packs and plugins bring long names).
    code_w, name_w, category_w, severity_w, pack_w = (
        max((len(value) for value in column), default=0)
        for column in ([m.code for m in metas], [m.name for m in metas],
                       [m.category for m in metas], [str(m.severity) for m in metas],
                       [m.pack for m in metas]))
    for m in metas:
        click.echo(f"{m.code:<{code_w}} {m.name:<{name_w}} {m.category:<{category_w}} "
                   f"{m.severity!s:<{severity_w}} {m.pack:<{pack_w}} {m.summary}"
                   f"{_state(m.enabled_by_default, m.code in on)}")
        click.echo(f"{'':<{code_w}} source: {m.source}")


def _state(enabled_by_default: bool, selected: bool) -> str:
    """What `lintnews rules` adds after a rule's summary: nothing for a rule on by default and
    on; otherwise whether the config (or the options) turned it on or off."""
    if selected:
        return "" if enabled_by_default else " (on; off by default)"
    return " (off)" if enabled_by_default else " (off by default)"


@main.command(short_help="Show a rule's rationale, examples and how to silence it.")
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
def explain(code: str, config_path: Path | None) -> None:
    """Show a rule's rationale, examples and how to silence it."""
    rules = _load(config_path)
    wanted = code.strip()
    match = next((r for r in rules if r.meta.code == wanted.upper() or r.meta.name == wanted), None)
    if match is None:
        _fail(f"unknown rule '{code}' (see `lintnews rules`)")
        return
    click.echo(explain_text(match.meta))


@main.command(short_help="Run the language server for editors (LSP over stdin and stdout).")
def server() -> None:
    """Run the language server for editors: the Language Server Protocol over standard input
    and output, with the same configs and rules as `check` (needs `lintnews[server]`)."""
    import importlib.util

    missing = [name for name in ("pygls", "lsprotocol") if importlib.util.find_spec(name) is None]
    if missing:
        _fail(f"`lintnews server` needs {' and '.join(missing)}: "
              "pip install 'lintnews[server]'")
    from lintnews.server.protocol import serve

    code = serve()
    # The protocol closed standard output when the client said exit: what is left to flush
    # goes nowhere, so that the exit code is the protocol's (editors report any other).
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (open until the process ends)
    sys.exit(code)


def _load(config_path: Path | None) -> list:
    return _load_with_settings(config_path)[1]


def _load_with_settings(config_path: Path | None) -> tuple[Settings, list]:
    """The config for the current folder (or --config) and every rule it loads."""
    from lintnews.ruleset import load_rules

    try:
        settings = ConfigFinder(config_path).for_path(Path.cwd())
        return settings, load_rules(settings.rule_packs)
    except (ConfigError, PackError) as err:
        _fail(str(err))
        return Settings(), []
