"""`lintnews audit`: an archive linted and aggregated. The summary table and the outputs, the
group keys, the rates against `lintnews check`'s own counts, resuming an interrupted run,
files read through fsspec, the library API, and bad input.

The archive is a copy of Wikinews articles from tests/data/news, sorted into section folders.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from helpers import run_lintnews, write

from lintnews.audit import lint_documents, lint_pairs
from lintnews.audit.keys import UNKNOWN, document_keys
from lintnews.audit.run import OUTPUT_FILES, AuditOptions, run_audit
from lintnews.config import AuditSettings, ConfigError, load_config_file
from lintnews.core import Linter

NEWS = Path(__file__).parent / "data" / "news"
SECTIONS = {"world": ["wn0001", "wn0006", "wn0011", "wn0016", "wn0021"],
            "science": ["wn0101", "wn0106", "wn0111", "wn0116"],
            "politics": ["wn0251", "wn0256", "wn0261", "wn0266", "wn0271"]}
COLUMN = """---
title: "A column on the council"
author: Jane Doe
date: 2020-03-05
---

The council's legendary budget was approved on Tuesday.

Critics argue it failed the city. The so-called plan stalled, officials said.
"""


def needs(module: str) -> None:
    """Skip unless the `audit` extra's `module` is installed."""
    pytest.importorskip(module, reason=f"{module} is not installed (pip install -e '.[audit]')")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive") / "gazette"
    for section, names in SECTIONS.items():
        # The politics articles have no dateline: their folder gives the month.
        folder = root / section / ("2020-08" if section == "politics" else "")
        for name in names:
            write(folder / f"{name}.txt", (NEWS / f"{name}.txt").read_text("utf-8"))
    write(root / "opinion" / "council.md", COLUMN)
    return root


def _audit_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_lintnews("audit", *args, cwd=cwd, timeout=300)


def _parquet(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


# --- the command --------------------------------------------------------------------------

def test_audit_by_year_prints_a_summary_table_and_writes_the_outputs(archive: Path,
                                                                     tmp_path: Path) -> None:
    needs("pyarrow")
    proc = _audit_cli(str(archive), "--by", "year", "--jobs", "1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "lintnews-audit"  # the default --output
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:5] == ["year", "documents", "words", "findings", "per"]
    years = [line.split()[0] for line in lines[1:-1]]
    assert years == ["2019", "2020"]  # every article is dated: dateline, folder, front matter
    assert lines[-1].split()[:2] == ["total", "15"]
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)  # no checkpoints left
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["by"] == ["year"]
    assert [g["keys"] for g in summary["groups"]] == [{"year": "2019"}, {"year": "2020"}]
    assert summary["totals"]["documents"] == 15
    header = (out / "summary.csv").read_text("utf-8").splitlines()[0]
    assert header.startswith("year,scope,code,name,category,documents,words,findings,")
    assert "<svg" in (out / "dashboard.html").read_text("utf-8")


def test_groups_mix_and_section_defaults_to_the_first_folder(archive: Path) -> None:
    run = run_audit(AuditOptions((str(archive),), by=("section", "year")))
    keys = [tuple(g["keys"].values()) for g in run.summary["groups"]]
    assert keys == [("opinion", "2020"), ("politics", "2020"), ("science", "2019"),
                    ("world", "2019")]
    documents = {k: g["documents"] for k, g in zip(keys, run.summary["groups"], strict=True)}
    assert documents[("world", "2019")] == 5
    assert documents[("politics", "2020")] == 5


def test_rates_are_the_findings_of_lintnews_check_per_1000_words(archive: Path,
                                                                 tmp_path: Path) -> None:
    needs("pyarrow")
    out = tmp_path / "out"
    assert _audit_cli(str(archive), "--by", "section", "--output", str(out),
                      cwd=tmp_path).returncode == 0
    check = run_lintnews("check", "--format", "json", "--fail-on", "never", str(archive),
                         cwd=tmp_path)
    report = json.loads(check.stdout)

    def section(path: str) -> str:
        return Path(path).relative_to(archive).parts[0]

    words: Counter[str] = Counter()
    for path, metrics in report["summary"]["metrics"]["files"].items():
        words[section(path)] += int(metrics["words"])
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert [g["keys"]["section"] for g in summary["groups"]] == sorted(words)
    for group in summary["groups"]:
        name = group["keys"]["section"]
        expected = Counter(f["code"] for f in report["findings"] if section(f["path"]) == name)
        assert group["words"] == words[name]
        assert {r["code"]: r["findings"] for r in group["rules"]} == dict(expected)
        for rule in group["rules"]:
            assert rule["per_1000_words"] == round(expected[rule["code"]] * 1000 / words[name], 4)
        assert group["per_1000_words"] == round(sum(expected.values()) * 1000 / words[name], 4)
    assert summary["totals"]["findings"] == len(report["findings"])


def test_the_parquet_file_has_a_row_per_finding_with_keys_and_words(archive: Path,
                                                                    tmp_path: Path) -> None:
    needs("pyarrow")
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    run_audit(AuditOptions((str(archive),), by=("author",), output=out))
    table = pq.read_table(out / "findings.parquet")
    assert table.schema.names == ["path", "section", "year", "month", "author", "outlet",
                                  "words", "code", "name", "category", "severity", "line",
                                  "column", "phrase", "message"]
    assert str(table.schema.field("words").type) == "int64"
    rows = table.to_pylist()
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert len(rows) == summary["totals"]["findings"]
    column = [r for r in rows if r["path"].endswith("council.md")]
    assert {r["author"] for r in column} == {"Jane Doe"}
    assert {r["month"] for r in column} == {"2020-03"}
    assert {r["outlet"] for r in column} == {"gazette"}
    assert "legendary" in {r["phrase"].lower() for r in column}
    documents = _parquet(out / "documents.parquet")
    assert len(documents) == 15
    words = {d["path"]: d["words"] for d in documents}
    assert all(r["words"] == words[r["path"]] for r in rows)
    assert [g["keys"]["author"] for g in summary["groups"]] == ["Jane Doe", UNKNOWN]


def test_top_phrases_and_the_change_between_periods(archive: Path) -> None:
    run = run_audit(AuditOptions((str(archive),), by=("year",), select=("ALL",)))
    groups = {g["keys"]["year"]: g for g in run.summary["groups"]}
    for group in groups.values():
        for rule in group["rules"]:
            assert rule["top_phrases"] and sum(n for _, n in rule["top_phrases"]) \
                <= rule["findings"]
    changes = [c for c in run.summary["changes"] if c["scope"] == "all"]
    assert len(changes) == 1
    change = changes[0]
    assert (change["from"], change["to"]) == ("2019", "2020")
    assert change["change"] == round(groups["2020"]["per_1000_words"]
                                     - groups["2019"]["per_1000_words"], 4)


def test_a_progress_bar_with_rate_and_eta_at_a_terminal_only(archive: Path,
                                                             tmp_path: Path) -> None:
    needs("tqdm")
    import fcntl
    import pty
    import select
    import struct
    import termios

    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 wide
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    process = subprocess.Popen([sys.executable, "-m", "lintnews", "audit", str(archive),
                                "--jobs", "1", "--batch-size", "2", "--no-output"],
                               stdout=subprocess.PIPE, stderr=secondary, env=env)
    os.close(secondary)
    shown = b""
    while True:
        ready, _, _ = select.select([primary], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the terminal closed: the process has ended
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    os.close(primary)
    process.communicate(timeout=120)
    assert process.returncode == 0
    screen = shown.decode("utf-8", "replace")
    assert "15/15" in screen and "doc/s" in screen and "words/s" in screen
    assert "<00:00" in screen  # the time left
    piped = _audit_cli(str(archive), "--jobs", "1", "--no-output", cwd=tmp_path)
    assert piped.returncode == 0 and piped.stderr == ""


# --- keys -------------------------------------------------------------------------------------

def test_keys_from_front_matter_path_and_dateline() -> None:
    plain = AuditSettings()
    keys = document_keys("sport/story.md", "herald",
                         "---\nauthor: [Ann Lee, Bo Chen]\ndate: '2021-06-30'\n---\nText.\n",
                         plain)
    assert keys == ("sport", "2021", "2021-06", "Ann Lee", "herald")
    dated_path = document_keys("news/2018/11/07/story.txt", "x", "Headline\n\nBody.\n", plain)
    assert (dated_path.year, dated_path.month) == ("2018", "2018-11")
    dateline = document_keys("a.txt", "x", "Headline\n\nMonday, August 3, 2020\n\nBody.\n",
                             plain)
    assert (dateline.section, dateline.year, dateline.month) == (UNKNOWN, "2020", "2020-08")
    in_a_paragraph = document_keys("a.txt", "x", "Headline\n\nHe was born on December 11, "
                                   "1935, in a village, and later moved to the capital.\n",
                                   plain)
    assert in_a_paragraph.year == UNKNOWN


def test_keys_from_path_patterns_and_front_matter_keys_in_config(tmp_path: Path) -> None:
    config = write(tmp_path / "lintnews.toml", """
[audit]
section = "articles/{section}/**"
outlet = "{outlet}/articles/**"
batch-size = 10

[audit.front-matter]
author = ["writer"]
""")
    settings = load_config_file(config)
    assert settings is not None
    audit = settings.audit
    assert audit.batch_size == 10
    keys = document_keys("daily/articles/business/2020/x.md", "archive",
                         "---\nwriter: Sam Roe\nauthor: Not This\n---\nText.\n", audit)
    assert (keys.section, keys.outlet, keys.author, keys.year) == \
        ("business", "daily", "Sam Roe", "2020")


def test_a_month_named_by_a_path_pattern_keeps_its_year() -> None:
    """A folder "01" is January of the year folder above it, never every January at once."""
    by_month = AuditSettings(paths={"month": "{year}/{month}/**"})
    keys = document_keys("2019/01/a.txt", "archive", "Headline\n\nText.\n", by_month)
    assert (keys.year, keys.month) == ("2019", "2019-01")
    alone = AuditSettings(paths={"month": "news/{month}/**"})
    keys = document_keys("news/03/a.txt", "archive", "Headline\n\nText.\n", alone)
    assert (keys.year, keys.month) == (UNKNOWN, UNKNOWN)


@pytest.mark.parametrize(("table", "message"), [
    ("[audit]\nsectoin = 'x'\n", "unknown key 'audit.sectoin'"),
    ("[audit]\nsection = 'articles/**'\n", "key 'audit.section'"),
    ("[audit]\nbatch-size = 0\n", "key 'audit.batch-size'"),
    ("[audit.front-matter]\nwriter = ['by']\n", "unknown key 'audit.front-matter.writer'"),
])
def test_a_wrong_audit_table_is_a_clear_error(tmp_path: Path, table: str, message: str) -> None:
    config = write(tmp_path / "lintnews.toml", table)
    with pytest.raises(ConfigError, match=message.replace(".", r"\.")):
        load_config_file(config)
    write(tmp_path / "a.txt", "Headline\n\nText.\n")
    proc = _audit_cli(str(tmp_path / "a.txt"), "--no-output", cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_metadata_sidecar_sets_keys(archive: Path, tmp_path: Path) -> None:
    index = write(tmp_path / "index.tsv", "id\tdate\tauthor\n"
                  "wn0001\t2018-12-31\tA. Writer\nwn0251\t2020-07-01\t\n")
    run = run_audit(AuditOptions((str(archive),), by=("year",), metadata=index))
    years = {g["keys"]["year"]: g["documents"] for g in run.summary["groups"]}
    assert years == {"2018": 1, "2019": 8, "2020": 6}
    council = archive / "opinion" / "council.md"
    by_path = write(tmp_path / "meta.csv", f"path,section\n{council},op-ed\n")
    run = run_audit(AuditOptions((str(archive),), by=("section",), metadata=by_path))
    assert [g["keys"]["section"] for g in run.summary["groups"]] == \
        ["op-ed", "politics", "science", "world"]


# --- interrupt and resume ---------------------------------------------------------------------

class Crash(Exception):
    pass


def test_an_interrupted_audit_resumes_to_the_identical_result(archive: Path,
                                                              tmp_path: Path) -> None:
    needs("pyarrow")
    fresh = tmp_path / "fresh"
    run_audit(AuditOptions((str(archive),), by=("section", "month"), output=fresh,
                           batch_size=2))
    resumed = tmp_path / "resumed"
    options = AuditOptions((str(archive),), by=("section", "month"), output=resumed,
                           batch_size=2, jobs=2)

    def crash_after_three(done: int, total: int) -> None:
        if done == 3:
            raise Crash

    with pytest.raises(Crash):
        run_audit(options, on_batch=crash_after_three)
    assert not (resumed / "summary.json").exists()
    assert len(list((resumed / ".checkpoints").glob("batch-*"))) >= 3
    run = run_audit(options)
    assert run.resumed >= 3 and run.batches == 8
    for name in ("summary.json", "summary.csv", "dashboard.html"):
        assert (resumed / name).read_bytes() == (fresh / name).read_bytes(), name
    for name in ("findings.parquet", "documents.parquet"):
        assert _parquet(resumed / name) == _parquet(fresh / name), name


def test_a_killed_audit_process_resumes(archive: Path, tmp_path: Path) -> None:
    """SIGKILL the command itself after some batches, then run it again."""
    needs("pyarrow")
    many = tmp_path / "many"
    for name in sorted(NEWS.glob("wn*.txt"))[:40]:
        write(many / "news" / name.name, name.read_text("utf-8"))
    out = tmp_path / "out"
    args = [sys.executable, "-m", "lintnews", "audit", str(many), "--by", "year",
            "--output", str(out), "--batch-size", "1", "--jobs", "1"]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    checkpoints = out / ".checkpoints"
    while process.poll() is None and len(list(checkpoints.glob("batch-*"))) < 5:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    killed_after = len(list(checkpoints.glob("batch-*")))
    if process.returncode == 0:  # pragma: no cover - a machine this fast never lets us in
        pytest.skip("the audit finished before it could be killed")
    assert 5 <= killed_after < 40
    again = _audit_cli(str(many), "--by", "year", "--output", str(out), "--batch-size", "1",
                       "--jobs", "1", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert f"Resumed: {killed_after} of 40 batches" in again.stderr
    fresh = _audit_cli(str(many), "--by", "year", "--output", str(tmp_path / "fresh"),
                       cwd=tmp_path)
    assert again.stdout == fresh.stdout
    assert (out / "summary.json").read_bytes() == \
        (tmp_path / "fresh" / "summary.json").read_bytes()


def test_ctrl_c_stops_the_audit_and_says_how_to_resume(tmp_path: Path) -> None:
    """Ctrl-C at a terminal: SIGINT to the whole process group, workers included."""
    needs("pyarrow")
    many = tmp_path / "many"
    for name in sorted(NEWS.glob("wn*.txt"))[:40]:
        write(many / "news" / name.name, name.read_text("utf-8"))
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "lintnews", "audit", str(many), "--output", str(out),
         "--batch-size", "1", "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    while process.poll() is None and len(list((out / ".checkpoints").glob("batch-*"))) < 3:
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:  # pragma: no cover - a machine this fast never lets us in
        pytest.skip("the audit finished before it could be interrupted")
    assert process.returncode == 130
    assert stderr.decode() == ("lintnews: audit interrupted; run the same command again to "
                               f"resume from {out}\n")
    again = _audit_cli(str(many), "--output", str(out), "--batch-size", "1", "--jobs", "2",
                       cwd=tmp_path)
    assert again.returncode == 0 and "Resumed: " in again.stderr


def test_a_changed_file_is_linted_again_on_resume(archive: Path, tmp_path: Path) -> None:
    needs("pyarrow")
    copy = tmp_path / "copy"
    shutil.copytree(archive, copy)
    out = tmp_path / "out"

    def stop(done: int, total: int) -> None:
        raise Crash

    with pytest.raises(Crash):
        run_audit(AuditOptions((str(copy),), output=out, batch_size=100), on_batch=stop)
    council = copy / "opinion" / "council.md"
    council.write_text(COLUMN.replace("legendary ", ""), encoding="utf-8")
    os.utime(council, ns=(0, 0))
    run = run_audit(AuditOptions((str(copy),), output=out, batch_size=100))
    assert run.resumed == 0
    fresh = run_audit(AuditOptions((str(copy),), batch_size=100))
    assert run.summary == fresh.summary


# --- where files are read, and the library API ------------------------------------------------

def test_files_are_read_through_fsspec_urls(archive: Path) -> None:
    needs("fsspec")
    import fsspec

    memory = fsspec.filesystem("memory")
    for file in sorted(archive.rglob("*.*")):
        memory.pipe(f"/gazette-test/gazette/{file.relative_to(archive).as_posix()}",
                    file.read_bytes())
    try:
        remote = run_audit(AuditOptions(("memory://gazette-test/gazette",), by=("section",)))
    finally:
        memory.rm("/gazette-test", recursive=True)
    local = run_audit(AuditOptions((str(archive),), by=("section",)))
    assert remote.summary == local.summary
    file_url = run_audit(AuditOptions((archive.as_uri(),), by=("section",)))
    assert file_url.summary == local.summary


def test_the_library_api_yields_findings_for_key_text_pairs() -> None:
    pairs = [("a", "Headline\n\nThe legendary coach left.\n"),
             ("b", "Headline\n\nThe coach left on Tuesday, officials said.\n")]
    findings = list(lint_pairs(pairs))
    expected = Linter(select=None).lint_text(pairs[0][1], "a.txt").findings
    assert [(f.key, f.code, f.line, f.column) for f in findings] == \
        [("a", f.code, f.line, f.column) for f in expected]
    assert any(f.phrase.lower() == "legendary" for f in findings)
    documents = list(lint_documents(pairs))
    assert [(d.key, d.words > 0) for d in documents] == [("a", True), ("b", True)]
    assert documents[1].findings == ()


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["no-such-folder"], "no-such-folder: no such file or folder"),
    (["{archive}", "--by", "desk"], "--by: unknown group 'desk'"),
    (["{archive}", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
    (["{archive}", "--select", "LN999"], "LN999"),
    (["{archive}", "--metadata", "{missing}"], "--metadata"),
    (["{empty}"], "no article files"),
    (["{archive}", "--output", "{file}"], "exists and is not a folder"),
])
def test_bad_input_is_a_one_line_error(archive: Path, tmp_path: Path, args: list[str],
                                       message: str) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path / "file", "x")
    filled = [a.format(archive=archive, missing=tmp_path / "missing.csv",
                       empty=tmp_path / "empty", file=tmp_path / "file") for a in args]
    if "--output" not in filled:
        filled.append("--no-output")
    proc = _audit_cli(*filled, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("lintnews: error: ") and message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_a_config_that_check_refuses_is_refused_by_audit_too(tmp_path: Path) -> None:
    """The same config errors as `lintnews check`, before anything is linted: here an unknown
    code in [severity]."""
    write(tmp_path / "a" / "story.txt", "Headline\n\nThe legendary coach left.\n")
    write(tmp_path / "lintnews.toml", '[severity]\nLN999 = "error"\n')
    check = run_lintnews("check", "a", cwd=tmp_path)
    audit = _audit_cli("a", "--no-output", cwd=tmp_path)
    assert check.returncode == audit.returncode == 2
    assert "unknown rule code 'LN999'" in audit.stderr
    assert audit.stderr == check.stderr
    assert audit.stdout == ""


def test_a_broken_config_in_a_subfolder_is_refused_too(tmp_path: Path) -> None:
    write(tmp_path / "arc" / "a" / "x.txt", "Headline\n\nThe legendary coach left.\n")
    write(tmp_path / "arc" / "b" / "y.txt", "Headline\n\nThe coach left.\n")
    write(tmp_path / "arc" / "b" / "lintnews.toml", '[severity]\nZZ999 = "error"\n')
    check = run_lintnews("check", "arc", cwd=tmp_path)
    audit = _audit_cli("arc", "--no-output", cwd=tmp_path)
    assert check.returncode == audit.returncode == 2
    assert "unknown rule code 'ZZ999'" in audit.stderr and audit.stdout == ""


def test_an_unreadable_document_is_reported_and_the_rest_audited(tmp_path: Path) -> None:
    write(tmp_path / "a" / "good.txt", "Headline\n\nThe legendary coach left.\n")
    (tmp_path / "a" / "bad.txt").write_bytes(b"Headline\n\n\xff\xfe\xfa broken\n")
    proc = _audit_cli(str(tmp_path / "a"), "--no-output", cwd=tmp_path)
    assert proc.returncode == 2
    assert "bad.txt: cannot decode" in proc.stderr
    assert proc.stdout.splitlines()[-1].split()[:2] == ["total", "2"]
