"""Never crash, never lose a word: the bad-input matrix, one test a case, through the real CLI.

Every case runs `python -m lintnews` in a subprocess and checks the exit code, that stderr has
no traceback, and that the problem is one line naming the file. Cases already covered
elsewhere are not repeated; the test here adds the angle they miss and says where the rest is:

| input | expected | here / also |
| --- | --- | --- |
| binary file named explicitly | exit 2, "not a text file" | here |
| binary file in a walked folder | notice; exit code by findings | here |
| invalid UTF-8 | exit 2, names the byte offset | here; test_cli (other files linted) |
| cp1252 with curly quotes | exit 2, "save the file as UTF-8" (README "Input files") | here |
| UTF-16 with a BOM (LE and BE) | read; positions in code points | here |
| UTF-16 without a BOM (LE and BE) | read, also in a walked folder; --fix keeps it | here |
| UTF-8 with a BOM | read; the BOM is not a column | here; test_positions |
| CRLF and CR line endings | positions exact | here; test_positions (properties) |
| 0-byte file | exit 0, one file linted | here |
| very large article | nothing lost, bounded memory (time: guards.py) | here (20 MB vs 2 MB) |
| 1 MB on a single line | exact columns | here; its time: benchmarks/guards.py |
| unreadable file | exit 2, "permission denied" | here (root: capabilities dropped) |
| folder that cannot be listed | notice | here |
| named pipe (FIFO) | exit 2 at once, never waits | here (explicit and walked) |
| dangling symlink in a walked folder | exit 2, "broken symbolic link" | here |
| symlink loops in a walked folder | exit 2 for a file loop; folders once | here |
| path that does not exist | exit 2; JSON still valid | here; test_cli |
| folder with no articles | exit 2 | here (only skipped folders); test_cli |
| malformed TOML config | exit 2, file and line | here (pyproject, table header); test_config |
| unknown config key | exit 2, names the key | here (a misspelt table); test_config |
| unknown rule code in --select | exit 2, names the code | here (a prefix); test_cli |
| rule pack with a syntax error | exit 2, names the file | here (bad regex, not UTF-8) |
| plugin rule that raises | that rule's internal error; others run; exit 2 | here; test_plugins |
| plugin that fails to import | exit 2, names the plugin | here (SyntaxError); test_plugins |
| standard output cannot be written (disk full) | exit 2, one line, no traceback | here |
| the reader of standard output goes away (`| head`) | exit 1, no traceback | here |

Notes on the choices:
- A binary file named on the command line is an error (exit 2): it was asked for. Met while
  walking a folder (an image saved as .txt), it is skipped with a one-line notice on stderr
  and does not change the exit code: it is not an article.
- Unreadable files: the tests run as root, which reads any file whatever its mode. When
  running as root on Linux, the CLI is started without the capabilities that let root bypass
  file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, dropped from the bounding set with
  prctl), so chmod 000 really makes the file unreadable. Where that is not possible the test
  is skipped with the reason. A named pipe is the second route: no permission trick needed.
"""

from __future__ import annotations

import codecs
import ctypes
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from bisect import bisect_right
from pathlib import Path

import pytest
from helpers import calls_made, run_lintnews

DATA = Path(__file__).parent / "data"
ARTICLE = "Title\n\nThe stakes are impossible to understate.\n"  # LN101 at 3:16
LINE_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) ",
                     re.MULTILINE)


# --- helpers ------------------------------------------------------------------------------


def stderr_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in proc.stderr, proc.stderr
    return [line for line in proc.stderr.splitlines() if line.strip()]


def one_error(proc: subprocess.CompletedProcess[str], name: str, *needles: str) -> str:
    """Exit 2 and exactly one error line on stderr, naming `name` and each needle."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    errors = [line for line in stderr_lines(proc) if line.startswith("lintnews: error:")]
    assert len(errors) == 1, proc.stderr
    assert name in errors[0], errors[0]
    for needle in needles:
        assert needle in errors[0], errors[0]
    return errors[0]


def findings(proc: subprocess.CompletedProcess[str]) -> list[tuple[str, int, int, str]]:
    return [(m["path"], int(m["line"]), int(m["col"]), m["code"])
            for m in LINE_RE.finditer(proc.stdout)]


def reference_position(text: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line = bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def check_json_positions(proc: subprocess.CompletedProcess[str], text: str) -> list[dict]:
    found = json.loads(proc.stdout)["findings"]
    for f in found:
        assert 0 <= f["offset"] <= f["end_offset"] <= len(text)
        assert reference_position(text, f["offset"]) == (f["line"], f["column"]), f
        assert reference_position(text, f["end_offset"]) == (f["end_line"], f["end_column"]), f
    return found


def no_file_permission_override():
    """A preexec_fn that makes even root obey file permissions (Linux), or skip the test."""
    if os.name != "posix":
        pytest.skip("file permissions are POSIX-only here")
    if os.geteuid() != 0:
        return None
    if not sys.platform.startswith("linux"):
        pytest.skip("running as root, and dropping root's file access needs Linux prctl")
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2

    def drop() -> None:
        for cap in (cap_dac_override, cap_dac_read_search):
            if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
                os._exit(97)
    probe = subprocess.run([sys.executable, "-c", "open('/proc/1/environ').read()"],
                           preexec_fn=drop, capture_output=True)
    if probe.returncode == 97:
        pytest.skip("running as root without CAP_SETPCAP: cannot drop root's file access")
    return drop


def binary_image() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4


# --- encodings and bytes ------------------------------------------------------------------


def test_binary_file_named_explicitly_is_an_error(tmp_path: Path):
    (tmp_path / "photo.txt").write_bytes(binary_image())
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = run_lintnews("check", "photo.txt", "a.md", cwd=tmp_path)
    one_error(proc, "photo.txt", "not a text file (binary content)")
    assert findings(proc) == [("a.md", 3, 16, "LN101")]  # the other file is still linted


def test_binary_file_in_a_walked_folder_is_skipped_with_a_notice(tmp_path: Path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "photo.txt").write_bytes(binary_image())
    (news / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = run_lintnews("check", "news", cwd=tmp_path)
    assert proc.returncode == 1  # the findings decide the exit code, not the image
    assert stderr_lines(proc) == [
        f"lintnews: notice: {Path('news') / 'photo.txt'}: not a text file (binary content); "
        "skipped"]
    assert findings(proc) == [(str(Path("news/a.md")), 3, 16, "LN101")]
    assert "in 1 file" in proc.stdout
    quiet = run_lintnews("check", "--fail-on", "never", "news", cwd=tmp_path)
    assert quiet.returncode == 0


def test_invalid_utf8_names_the_file_and_the_byte(tmp_path: Path):
    data = b"Title\n\nGood line.\nBad \xff\xfe here.\n"
    (tmp_path / "bad.md").write_bytes(data)
    offset = data.index(b"\xff")
    proc = run_lintnews("check", "bad.md", cwd=tmp_path)
    one_error(proc, "bad.md", "cannot decode as UTF-8", f"offset {offset}",
              "save the file as UTF-8")
    assert "in 0 files" in proc.stdout


def test_cp1252_curly_quotes_are_a_clear_error(tmp_path: Path):
    # Word on Windows saves “…” as 0x93/0x94. lintnews does not guess an encoding: a wrong
    # guess would move every column; it names the file, the byte, and the fix (README).
    text = "Title\r\n\r\n“Critics argue” it is impossible to understate.\r\n"
    data = text.encode("cp1252")
    (tmp_path / "word.md").write_bytes(data)
    offset = data.index(b"\x93")
    proc = run_lintnews("check", "word.md", cwd=tmp_path)
    one_error(proc, "word.md", "cannot decode as UTF-8", f"offset {offset}",
              "save the file as UTF-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read_and_columns_count_code_points(tmp_path: Path, codec: str):
    text = "Title\r\n\r\n😀 Café: it is impossible to understate.\r\n"
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    (tmp_path / "u16.md").write_bytes(bom + text.encode(codec))
    proc = run_lintnews("check", "--format", "json", "u16.md", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert stderr_lines(proc) == []
    found = [f for f in check_json_positions(proc, text) if f["code"] == "LN101"]
    assert [(f["line"], f["column"]) for f in found] == [(3, 15)]  # the emoji is 1 column
    assert text[found[0]["offset"]:found[0]["end_offset"]] == "impossible to understate"


U16_TEXT = "Title\r\n\r\nCafé Zürich: it is impossible to understate.\r\n"  # LN101 at 3:20


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_in_a_walked_folder_is_linted(tmp_path: Path, codec: str):
    # Notepad's "Unicode" without a BOM, or a CMS export: NUL in every other byte. It used to
    # be called binary and skipped with exit 0, so the article escaped CI.
    news = tmp_path / "news"
    news.mkdir()
    (news / "u16.md").write_bytes(U16_TEXT.encode(codec))
    proc = run_lintnews("check", "--format", "json", "news", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert stderr_lines(proc) == []
    found = [f for f in check_json_positions(proc, U16_TEXT) if f["code"] == "LN101"]
    assert [(f["line"], f["column"]) for f in found] == [(3, 20)]
    assert U16_TEXT[found[0]["offset"]:found[0]["end_offset"]] == "impossible to understate"
    named = run_lintnews("check", str(Path("news") / "u16.md"), cwd=tmp_path)
    assert findings(named) == [(str(Path("news") / "u16.md"), 3, 20, "LN101")]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_fix_writes_utf16_without_bom_back_the_same_way(tmp_path: Path, codec: str):
    (tmp_path / "u16.md").write_bytes(U16_TEXT.encode(codec))
    proc = run_lintnews("check", "--fix", "u16.md", cwd=tmp_path)
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    assert (tmp_path / "u16.md").read_bytes() == \
        U16_TEXT.replace("understate", "overstate").encode(codec)


def test_utf16_without_bom_with_an_emoji_across_the_first_8_kb_is_linted(tmp_path: Path):
    # The walk looks at the first 8 KB only; a surrogate pair may straddle its end.
    text = "Title\n\n" + "x" * (4096 - 8) + "😀 It is impossible to understate.\n"
    data = text.encode("utf-16-le")
    assert data[8190:8192] == "😀".encode("utf-16-le")[:2]
    news = tmp_path / "news"
    news.mkdir()
    (news / "long.md").write_bytes(data)
    proc = run_lintnews("check", "news", cwd=tmp_path)
    assert stderr_lines(proc) == []
    assert [f[3] for f in findings(proc)] == ["LN101"]


def test_utf16_without_bom_that_breaks_off_is_an_error(tmp_path: Path):
    # Text for the first 8 KB, then a lone high surrogate: not UTF-16 after all.
    data = (ARTICLE * 100).encode("utf-16-le") + b"\x00\xd8" + "more".encode("utf-16-le")
    (tmp_path / "broken.md").write_bytes(data)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = run_lintnews("check", "broken.md", "a.md", cwd=tmp_path)
    one_error(proc, "broken.md", "cannot decode as UTF-16-LE", "save the file as UTF-8")
    assert findings(proc) == [("a.md", 3, 16, "LN101")]


@pytest.mark.parametrize("data", [
    b"Title\n\nA stray NUL\x00 in UTF-8 text.\n",  # too few NULs to be UTF-16
    "Title\n\nOdd length.\n".encode("utf-16-le") + b"x",
    "Title\x01\x02 control characters.\n".encode("utf-16-le"),  # not text when decoded
    b"\x00" * 64,
])
def test_nul_bytes_that_are_not_utf16_text_are_still_binary(tmp_path: Path, data: bytes):
    news = tmp_path / "news"
    news.mkdir()
    (news / "odd.txt").write_bytes(data)
    (news / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = run_lintnews("check", "news", cwd=tmp_path)
    assert stderr_lines(proc) == [
        f"lintnews: notice: {Path('news') / 'odd.txt'}: not a text file (binary content); "
        "skipped"]
    assert findings(proc) == [(str(Path("news/a.md")), 3, 16, "LN101")]


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path):
    text = "Title\n\nThe stakes are impossible to understate.\n"
    (tmp_path / "bom.md").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    (tmp_path / "plain.md").write_bytes(text.encode("utf-8"))
    with_bom = run_lintnews("check", "--format", "json", "bom.md", cwd=tmp_path)
    without = run_lintnews("check", "--format", "json", "plain.md", cwd=tmp_path)
    a, b = check_json_positions(with_bom, text), check_json_positions(without, text)
    assert [{k: v for k, v in f.items() if k != "path"} for f in a] == \
        [{k: v for k, v in f.items() if k != "path"} for f in b]
    assert a and a[0]["column"] == 16


@pytest.mark.parametrize("eol", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_line_endings_keep_positions_exact(tmp_path: Path, eol: str):
    text = eol.join(["Title", "", "The stakes are impossible to understate.", "",
                     "Critics argue it failed — impossible to understate.", ""])
    (tmp_path / "a.md").write_bytes(text.encode("utf-8"))
    as_json = run_lintnews("check", "--format", "json", "a.md", cwd=tmp_path)
    as_text = run_lintnews("check", "a.md", cwd=tmp_path)
    found = check_json_positions(as_json, text)
    ln101 = [(f["line"], f["column"]) for f in found if f["code"] == "LN101"]
    assert ln101 == [(3, 16), (5, 27)]
    assert findings(as_text) == [(f["path"], f["line"], f["column"], f["code"]) for f in found]


def test_empty_file_is_linted_and_clean(tmp_path: Path):
    (tmp_path / "empty.md").write_bytes(b"")
    proc = run_lintnews("check", "empty.md", cwd=tmp_path)
    assert proc.returncode == 0
    assert stderr_lines(proc) == []
    assert proc.stdout.strip() == "Found 0 problems (0 errors, 0 warnings, 0 info) in 1 file."


# --- size ---------------------------------------------------------------------------------


def _run_measured(cwd: Path, *args: str) -> tuple[int, int, str]:
    """(exit code, peak resident memory in bytes, stdout) of one CLI run."""
    out = cwd / "out.txt"
    with out.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "lintnews", *args], cwd=cwd,
                                stdout=sink, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        stderr = proc.stderr.read()
        _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert b"Traceback" not in stderr, stderr.decode()
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return proc.returncode, usage.ru_maxrss * scale, out.read_text(encoding="utf-8")


@pytest.mark.slow  # ~20 s: on the default Python only
@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs os.wait4 for per-run memory")
def test_huge_article_loses_nothing_in_bounded_memory(tmp_path: Path):
    """A 20 MB article against a 2 MB one (LINTNEWS_BIG_MB=50 for the full 50 MB case).

    50 MB takes about 45 s here, too long for every CI run; 20 MB shows the same thing in
    about 17 s. Two rules are selected (a phrase rule and a code rule): every other rule is a
    regular-expression scan or a per-sentence loop, linear by construction; the reader, line
    index, Markdown masking, sentences, quotations and output all run in full. That the time
    is linear too is measured by benchmarks/guards.py (a wall-clock ratio is no test on a
    shared machine).
    """
    big_mb = int(os.environ.get("LINTNEWS_BIG_MB", "20"))
    unit = (DATA / "seed-article.txt").read_text(encoding="utf-8") + "\n\n"
    unit_bytes = len(unit.encode("utf-8"))
    sizes = {}
    for name, mb in (("small.md", big_mb / 10), ("big.md", big_mb)):
        copies = int(mb * 2**20 / unit_bytes) + 1
        (tmp_path / name).write_text(unit * copies, encoding="utf-8")
        sizes[name] = (copies, unit_bytes * copies)
    runs = {}
    for name in ("small.md", "big.md"):
        code, peak, out = _run_measured(tmp_path, "check", "--select", "LN101,LN502", name)
        assert code == 1
        count = int(re.search(r"Found (\d+) problems", out)[1])
        runs[name] = (peak, count)
    (small_peak, small_n), (big_peak, big_n) = runs["small.md"], runs["big.md"]
    ratio = sizes["big.md"][0] / sizes["small.md"][0]
    assert big_n == small_n * ratio  # every copy reports the same findings: nothing lost
    big_bytes = sizes["big.md"][1]
    assert big_peak < 30 * big_bytes + 150 * 2**20, runs  # about 16x the file, here
    assert (big_peak - 40 * 2**20) / max(small_peak - 40 * 2**20, 1) < 15, runs


def test_one_megabyte_single_line(tmp_path: Path):
    sentence = "The stakes are impossible to understate and critics argue it failed. "
    line = sentence * (2**20 // len(sentence))
    text = "Title\n\n" + line + "\n"
    (tmp_path / "line.md").write_text(text, encoding="utf-8")
    # about 4 s here (benchmarks/guards.py); a column worked out from the line's start for
    # every finding would take hours, which the timeout turns into a failure
    proc = run_lintnews("check", "line.md", cwd=tmp_path, timeout=120)
    assert proc.returncode == 1
    assert stderr_lines(proc) == []
    ln101 = [f for f in findings(proc) if f[3] == "LN101"]
    assert len(ln101) == line.count("impossible to understate")
    last_offset = text.rindex("impossible to understate")
    assert ln101[-1][1:3] == reference_position(text, last_offset) == (3, last_offset - 7 + 1)


def _transcript(turns: int) -> str:
    return "Headline\n\n" + "".join(
        f"{'SMITH' if i % 2 else 'JONES'}: Turn {i} of the interview went on.\n\n"
        for i in range(turns))


def test_transcript_of_many_speaker_turns_is_linear():
    """Each answer of a long interview is a quotation of its speaker, and 4x the turns is 4x
    the work, counted in function calls: deterministic, unlike a stopwatch, and it catches a
    loop over every turn for each turn (benchmarks/guards.py reports the seconds)."""
    from lintnews.document.build import build_document

    build_document("t.txt", _transcript(200))  # patterns compiled, caches filled
    documents = {turns: build_document("t.txt", _transcript(turns)) for turns in (500, 2000)}
    for turns, doc in documents.items():
        assert len(doc.quotations) == turns and all(q.attributed for q in doc.quotations)
        assert len(doc.speaker_paragraphs) == turns
    small, big = (calls_made(lambda t=turns: build_document("t.txt", _transcript(t)))
                  for turns in (500, 2000))
    assert big / small < 4.5, (small, big)  # 4.0 when linear, 16 when quadratic


# --- files that cannot be read --------------------------------------------------------------


def test_unreadable_file_is_an_error_and_the_others_are_linted(tmp_path: Path):
    drop = no_file_permission_override()
    folder = tmp_path / "desk"
    folder.mkdir()
    folder.chmod(0o755)
    (folder / "a.md").write_text(ARTICLE, encoding="utf-8")
    secret = folder / "secret.md"
    secret.write_text(ARTICLE, encoding="utf-8")
    secret.chmod(0o000)
    try:
        proc = run_lintnews("check", "secret.md", "a.md", cwd=folder, preexec_fn=drop)
        one_error(proc, "secret.md", "permission denied")
        assert findings(proc) == [("a.md", 3, 16, "LN101")]
        walked = run_lintnews("check", ".", cwd=folder, preexec_fn=drop)
        one_error(walked, "secret.md", "permission denied")
    finally:
        secret.chmod(0o644)


def test_folder_that_cannot_be_listed_gets_a_notice(tmp_path: Path):
    drop = no_file_permission_override()
    news = tmp_path / "news"
    private = news / "private"
    private.mkdir(parents=True)
    (news / "a.md").write_text(ARTICLE, encoding="utf-8")
    (private / "b.md").write_text(ARTICLE, encoding="utf-8")
    private.chmod(0o000)
    try:
        proc = run_lintnews("check", "news", cwd=tmp_path, preexec_fn=drop)
        assert proc.returncode == 1
        assert stderr_lines(proc) == [
            f"lintnews: notice: {Path('news/private')}: cannot list folder (Permission denied); "
            "skipped"]
        assert findings(proc) == [(str(Path("news/a.md")), 3, 16, "LN101")]
    finally:
        private.chmod(0o755)


def test_file_inside_a_folder_that_cannot_be_searched(tmp_path: Path):
    drop = no_file_permission_override()
    private = tmp_path / "private"
    private.mkdir()
    (private / "b.md").write_text(ARTICLE, encoding="utf-8")
    private.chmod(0o000)
    try:
        proc = run_lintnews("check", str(Path("private/b.md")), cwd=tmp_path, preexec_fn=drop)
        one_error(proc, "b.md")
    finally:
        private.chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX-only")
def test_named_pipe_is_reported_not_waited_on(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.md")  # opening it for reading would wait for a writer for ever
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = run_lintnews("check", "pipe.md", "a.md", cwd=tmp_path, timeout=30)
    one_error(proc, "pipe.md", "not a regular file (a named pipe)")
    assert findings(proc) == [("a.md", 3, 16, "LN101")]
    walked = run_lintnews("check", ".", cwd=tmp_path, timeout=30)
    assert walked.returncode == 1
    assert stderr_lines(walked) == [
        f"lintnews: notice: {Path('pipe.md')}: not a regular file (a named pipe); skipped"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_dangling_symlink_in_a_walked_folder(tmp_path: Path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.md").write_text(ARTICLE, encoding="utf-8")
    (news / "gone.md").symlink_to("deleted-draft.md")
    proc = run_lintnews("check", "news", cwd=tmp_path)
    one_error(proc, str(Path("news/gone.md")), "broken symbolic link")
    assert findings(proc) == [(str(Path("news/a.md")), 3, 16, "LN101")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loops_in_a_walked_folder(tmp_path: Path):
    news = tmp_path / "news"
    (news / "deep").mkdir(parents=True)
    (news / "a.md").write_text(ARTICLE, encoding="utf-8")
    (news / "deep" / "up").symlink_to("..")  # a folder loop: walked once
    (news / "self").symlink_to(".")
    (news / "ping.md").symlink_to("pong.md")  # a file loop: an error for each link
    (news / "pong.md").symlink_to("ping.md")
    proc = run_lintnews("check", "news", cwd=tmp_path, timeout=30)
    assert proc.returncode == 2
    errors = stderr_lines(proc)
    assert len(errors) == 2 and all("symbolic link loop" in e for e in errors), errors
    assert {Path(e.split(": ")[2]).name for e in errors} == {"ping.md", "pong.md"}
    assert findings(proc) == [(str(Path("news/a.md")), 3, 16, "LN101")]  # once, not per loop


def test_path_that_does_not_exist_still_gives_valid_json(tmp_path: Path):
    proc = run_lintnews("check", "--format", "json", "nowhere/story.md", cwd=tmp_path)
    one_error(proc, "nowhere/story.md", "no such file")
    document = json.loads(proc.stdout)
    assert document["findings"] == [] and document["summary"]["files"] == 0
    assert any("nowhere/story.md" in e for e in document["summary"]["errors"])


def test_folder_whose_only_articles_are_in_skipped_folders(tmp_path: Path):
    for name in (".drafts/a.md", "venv/b.md", "node_modules/c.md", "notes.csv"):
        path = tmp_path / "desk" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE, encoding="utf-8")
    proc = run_lintnews("check", "desk", cwd=tmp_path)
    one_error(proc, "desk", "no article files")
    assert "LN101" not in proc.stdout


# --- configuration and selection ------------------------------------------------------------


def test_malformed_toml_in_a_parent_pyproject(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project\nname = "site"\n', encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = run_lintnews("check", "a.md", cwd=tmp_path / "news")
    one_error(proc, "pyproject.toml", "invalid TOML", "line 1")
    assert "LN101" not in proc.stdout


def test_unknown_config_table_names_the_key(tmp_path: Path):
    (tmp_path / "lintnews.toml").write_text("[readabilty]\nsentence-words-info = 25\n",
                                            encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = run_lintnews("check", "a.md", cwd=tmp_path)
    one_error(proc, "lintnews.toml", "readabilty")


def test_select_prefix_that_matches_no_rule(tmp_path: Path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = run_lintnews("check", "--select", "LN9", "a.md", cwd=tmp_path)
    one_error(proc, "--select", "LN9")
    assert proc.stdout == ""


# --- rule packs and plugins ----------------------------------------------------------------


def _house_pack(root: Path, body: str | bytes) -> None:
    house = root / "house"
    house.mkdir()
    data = body if isinstance(body, bytes) else textwrap.dedent(body).encode("utf-8")
    (house / "words.toml").write_bytes(data)
    (root / "lintnews.toml").write_text('rule-packs = ["house"]\n', encoding="utf-8")
    (root / "a.md").write_text(ARTICLE, encoding="utf-8")


def test_rule_pack_with_a_bad_regular_expression(tmp_path: Path):
    _house_pack(tmp_path, """
        [[rule]]
        code = "HOUSE01"
        name = "unclosed"
        category = "style"
        message = "m"
        patterns = ["(unclosed group"]
    """)
    proc = run_lintnews("check", "a.md", cwd=tmp_path)
    one_error(proc, "words.toml", "HOUSE01")
    assert "LN101" not in proc.stdout


def test_rule_pack_that_is_not_utf8(tmp_path: Path):
    _house_pack(tmp_path, '[[rule]]\ncode = "HOUSE01"\nmessage = "caf\xe9"\n'.encode("latin-1"))
    proc = run_lintnews("check", "a.md", cwd=tmp_path)
    one_error(proc, "words.toml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX-only")
def test_named_pipe_in_a_rule_pack_folder(tmp_path: Path):
    _house_pack(tmp_path, '[[rule]]\ncode = "HOUSE01"\nname = "n"\ncategory = "style"\n'
                          'message = "m"\nphrases = ["boondoggle"]\n')
    os.mkfifo(tmp_path / "house" / "pipe.toml")
    proc = run_lintnews("check", "a.md", cwd=tmp_path, timeout=3)
    one_error(proc, "pipe.toml")


def _plugin(root: Path, source: str) -> dict[str, str]:
    from test_plugins import _make_plugin

    (root / "a.txt").write_text("Headline\n\nThe council met. Its plan failed, critics argue.\n",
                                encoding="utf-8")
    return _make_plugin(root, source, "ourpaper_rules:RULES")


def _code_rule(body: str) -> str:
    """A plugin module with one code rule, OUR01, whose function body is `body`."""
    return ("from lintnews.plugin import Hit, rule\n\n"
            '@rule(code="OUR01", name="our-rule", category="style", severity="warning",\n'
            '      summary="s", source="Our Paper")\n'
            "def our_rule(doc, ctx):\n"
            + textwrap.indent(textwrap.dedent(body).strip(), "    ") + "\n\n"
            "RULES = [our_rule]\n")


WEASEL = ("a.txt", 3, len("The council met. Its plan failed, ") + 1, "LN301")


def test_plugin_rule_that_raises_after_yielding(tmp_path: Path):
    env = _plugin(tmp_path, _code_rule("""
        yield Hit(0, 8, "first")
        raise KeyError("lost")
    """))
    proc = run_lintnews("check", "a.txt", cwd=tmp_path, env=env)
    assert proc.returncode == 2
    lines = stderr_lines(proc)
    assert len(lines) == 1 and "internal error in rule OUR01" in lines[0] and "a.txt" in lines[0]
    assert "KeyError" in lines[0]
    assert WEASEL in findings(proc)  # the other rules still report


@pytest.mark.parametrize("bad_hit", ["Hit(-5, 10**9, 'outside')", "Hit(9, 2, 'reversed')",
                                     "None"])
def test_plugin_rule_reporting_an_impossible_span(tmp_path: Path, bad_hit: str):
    env = _plugin(tmp_path, _code_rule(f"yield {bad_hit}"))
    proc = run_lintnews("check", "a.txt", cwd=tmp_path, env=env)
    assert proc.returncode == 2
    lines = stderr_lines(proc)
    assert len(lines) == 1 and "internal error in rule OUR01" in lines[0]
    assert WEASEL in findings(proc)


def test_plugin_rule_raising_system_exit(tmp_path: Path):
    env = _plugin(tmp_path, _code_rule("""
        raise SystemExit(3)
        yield
    """))
    proc = run_lintnews("check", "a.txt", cwd=tmp_path, env=env)
    assert proc.returncode == 2
    assert "internal error in rule OUR01" in proc.stderr


def test_plugin_with_a_syntax_error(tmp_path: Path):
    env = _plugin(tmp_path, "RULES = [\n")
    proc = run_lintnews("check", "a.txt", cwd=tmp_path, env=env)
    one_error(proc, "ourpaper", "failed to load", "SyntaxError")
    assert "LN301" not in proc.stdout


def test_plugin_that_exits_while_importing(tmp_path: Path):
    env = _plugin(tmp_path, "import sys\nsys.exit(4)\n")
    proc = run_lintnews("check", "a.txt", cwd=tmp_path, env=env)
    one_error(proc, "ourpaper", "failed to load")


def test_plugin_rule_with_an_unknown_category(tmp_path: Path):
    env = _plugin(tmp_path, _code_rule("return []").replace('category="style"',
                                                             'category="opinions"'))
    proc = run_lintnews("check", "a.txt", cwd=tmp_path, env=env)
    one_error(proc, "OUR01", "category")


# --- rule packs are data, never code ------------------------------------------------------

AUDIT_SCRIPT = r"""
import sys
from pathlib import Path
from lintnews.engine.registry import load_pack_file

load_pack_file(Path(sys.argv[1]), "warm-up")  # imports and first-use caches happen here
events = []
WATCH = ("exec", "compile", "import", "os.system", "os.exec", "os.posix_spawn",
         "subprocess.Popen", "ctypes", "builtins.input", "socket", "pickle", "marshal")
sys.addaudithook(lambda event, args: events.append(event) if event.startswith(WATCH) else None)
rules = load_pack_file(Path(sys.argv[2]), "hostile")
for r in rules:
    _ = r.pattern
print(len(rules), sorted(set(events)))
"""


def test_loading_a_declarative_pack_executes_nothing(tmp_path: Path):
    plain = tmp_path / "plain.toml"
    # The warm-up pack uses every kind of key the hostile one does, so that lintnews' own
    # modules for them (the regex guard) are imported before the audit starts.
    plain.write_text('[[rule]]\ncode = "HOUSE01"\nname = "plain"\ncategory = "style"\n'
                     'message = "m"\nphrases = ["boondoggle"]\npatterns = ["boondoggles?"]\n'
                     'unless_before = "the"\n', encoding="utf-8")
    hostile = tmp_path / "hostile.toml"
    hostile.write_text(textwrap.dedent(r'''
        [pack]
        name = "__import__('os').system('touch PWNED')"
        [[rule]]
        code = "HOUSE02"
        name = "exec('import os; os.system(\"touch PWNED\")')"
        category = "style"
        message = "{match} __import__('os').system('touch PWNED')"
        phrases = ["eval(compile('1', 'x', 'exec'))", "os.system(touch)"]
        patterns = ["__import__\\('os'\\)", "exec\\(.*\\)"]
        unless_before = "import os"
        source = "!!python/object/apply:os.system ['touch PWNED']"
        [[rule]]
        code = "HOUSE03"
        name = "swap"
        category = "style"
        type = "substitution"
        message = "{suggestion}"
        swap = { "pickle.loads(b'')" = "exec(input())" }
    '''), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", AUDIT_SCRIPT, str(plain), str(hostile)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    count, events = proc.stdout.split(" ", 1)
    assert count == "2"
    assert events.strip() == "[]", events  # no code compiled, executed, imported or spawned
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("message", ["{match.__class__.__mro__}", "{0}", "{nope}",
                                     "{match:>30000000}"])
def test_pack_message_template_is_only_data(tmp_path: Path, message: str):
    _house_pack(tmp_path, f"""
        [[rule]]
        code = "HOUSE01"
        name = "boon"
        category = "style"
        message = "{message}"
        phrases = ["impossible"]
    """)
    proc = run_lintnews("check", "a.md", cwd=tmp_path)
    one_error(proc, "words.toml", "HOUSE01")


# Each family: patterns that lintnews/engine/safety.py rejects, with the rule they break.
REJECTED = [
    "(a+)+$", "(a+)+", "(a*)*", "(a*)*$", "(a|a)+$", "(a|a)+", "(a|aa)+$", "(a|aa)+",
    "(.*a){20}", "(.*a){20}$", "(a?){25}a{25}", "(a+)*b", "(a|a?)+$", "(\\w+\\s?)+$",
    "(a+){2,}$", "(a+){10}$", "(?:a+)+$", "(a|b|ab)*c", "(a.*)*b", "a*a*a*a*a*a*a*a*b",
    ".*.*.*.*.*.*=.*", "(a+?)+$", "((a)+)+$", "(a{1,})+$", "(a{1,100}){1,100}$",
    "([a-z]+)*$", "(x+x+)+y", "(.*?,){11}P", "(\\d+|\\w+)+$", "(a[ab]*)+$", "^(a+|b)+$",
    "(a|a?)*$", "(?:a|a)*$", "(a*)+$", "(\\s*\\w+)*$", "((ab)+)+$", "((ab)+ab)+$",
    "((a|a)b)+$", "(?:(?:a)+){0,8}$", ".*a.*b.*c", "a?" * 30 + "a" * 30,
    "x " + "(?:a\\s+)?" * 20 + "b", "(?=(a+)+$)a",
]
# Patterns it accepts: every one must finish quickly on hostile input.
ACCEPTED = [
    "\\s*(a|b)*\\s*$", ".*a.*", ".*.*=", "(a|b)+$", "(\\w+\\s+)+$", "(a+b)+$", "(ab)+$",
    "\\w+\\s+\\w+\\s+\\w+\\s+\\w+$", "(?:ab|a)+$", "(a?b)+$", "a?a?a?a?a?aaaaa",
    "(may|might|could|not|n't|said)\\s*(\\w+\\s+){0,2}", "\\w*(?:!|\\?){2,}",
    "(^|[\\n\\r]|[.!?]\\s*)$", "\\d+ ?x ?\\d+", "\\bvery(?! well)\\b",
]
if sys.version_info >= (3, 11):
    ACCEPTED += ["(a++)+$", "(?>a+)+$"]  # never backtracked into
HOSTILE = ["a" * 30 + "!", "a" * 30, "ab" * 15 + "!", " " * 30 + "!", "a " * 15 + "!",
           "a," * 15 + "!", "x " + "a " * 14 + "!", "=" * 30, "1" * 30 + "!", "aaaaaaaaaaaaab" * 2]


@pytest.mark.parametrize("pattern", REJECTED)
def test_catastrophic_patterns_are_rejected(pattern: str):
    from lintnews.engine.safety import check_user_regex

    with pytest.raises(ValueError, match="can hang the linter"):
        check_user_regex(pattern)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="possessive quantifiers are 3.11+")
def test_capturing_group_in_a_possessive_repetition_is_rejected():
    # Found by tests/test_fuzz.py: CPython 3.11's re raises SystemError for this pattern on
    # "aaa...abbb!", which would make the rule fail on every such article.
    from lintnews.engine.safety import check_user_regex

    with pytest.raises(ValueError, match="non-capturing group"):
        check_user_regex("(?:(a)|b)++")
    check_user_regex("(?:a|b)++")


def test_rejection_through_a_pack_names_the_file_the_rule_and_the_reason(tmp_path: Path):
    _house_pack(tmp_path, r"""
        [[rule]]
        code = "HOUSE01"
        name = "slow"
        category = "style"
        message = "m"
        patterns = ["(\\w+\\s?)+$"]
    """)
    proc = run_lintnews("check", "a.md", cwd=tmp_path)
    one_error(proc, "words.toml", "HOUSE01", "can hang the linter")


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs an interval timer")
@pytest.mark.parametrize("pattern", ACCEPTED)
def test_accepted_patterns_run_in_bounded_time(pattern: str):
    from lintnews.engine.safety import check_user_regex, compile_user_regex

    check_user_regex(pattern)
    compiled = []
    for anchor in ("anywhere", "start", "end"):  # as patterns, unless_after, unless_before
        try:
            compiled.append(compile_user_regex(pattern, anchor))
        except ValueError as err:  # the anchor's \s* made it one repetition too many
            assert anchor != "anywhere" and "can hang the linter" in str(err)
    for text in HOSTILE:
        for regex in compiled:
            assert _finishes(lambda r=regex, t=text: list(r.finditer(t))), (pattern, text)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs an interval timer")
def test_the_hang_detector_catches_a_pattern_the_guard_rejects():
    """What the accepted patterns are held to: one the guard refuses does not finish."""
    catastrophic = re.compile(REJECTED[0])
    assert not _finishes(lambda: catastrophic.search("a" * 40 + "!"), limit=0.5)


def _finishes(work, limit: float = 5.0) -> bool:
    """Does `work` finish within `limit` seconds? A hang detector, not a speed test: what it
    guards against backtracks exponentially and takes minutes on these 30-character texts;
    what it lets through takes microseconds (benchmarks/guards.py reports the times). Python's
    re checks for signals, so a runaway match is interrupted."""
    def interrupt(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        work()
        return True
    except TimeoutError:
        return False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _optional_words_pack(folder: Path, phrase: str) -> list:
    from lintnews.engine.registry import load_pack_file

    pack = folder / "p.toml"
    pack.write_text('[[rule]]\ncode = "HOUSE01"\nname = "opt"\ncategory = "style"\n'
                    f'message = "m"\nphrases = ["{phrase}"]\n', encoding="utf-8")
    return load_pack_file(pack, "house")


@pytest.mark.parametrize(("phrase", "open_tokens"), [
    ("x " + "a? " * 26 + "b", 26),  # each optional word doubles the ways a phrase may match
    ("x " + "a? " * 5 + "b", 5),  # one more than allowed
    ("x * a? * a? * b", 5),  # wildcards count too
])
def test_a_phrase_with_too_many_optional_words_is_refused_at_load_time(
        tmp_path: Path, phrase: str, open_tokens: int):
    from lintnews.engine.declarative import MAX_OPEN_TOKENS, PackError

    assert MAX_OPEN_TOKENS == 4
    with pytest.raises(PackError, match=rf"p\.toml.*has {open_tokens} optional words or "
                                        r"wildcards; at most 4 are allowed"):
        _optional_words_pack(tmp_path, phrase)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs an interval timer")
def test_a_phrase_with_the_most_optional_words_allowed_matches_and_cannot_hang(tmp_path: Path):
    from lintnews.config import Settings
    from lintnews.document.build import build_document
    from lintnews.engine.rule_types import Context

    (rule,) = _optional_words_pack(tmp_path, "x " + "a? " * 4 + "b")

    def matched(text: str) -> list[str]:
        doc = build_document("a.txt", text)
        return [text[h.start:h.end] for h in rule.check(doc, Context(Settings()))]

    assert matched("Headline\n\nThe x a a b went. Then x b came. But x a a a a a b stayed.\n") \
        == ["x a a b", "x b"]
    hostile = "Headline\n\nx " + "a " * 26 + "c.\n"  # every optional word tried, then no b
    result: list[list[str]] = []
    assert _finishes(lambda: result.append(matched(hostile)))
    assert result == [[]]


def test_excluded_binary_file_in_a_walked_folder_gets_no_notice(tmp_path: Path):
    """Files the config excludes are passed over before they are even opened."""
    (tmp_path / "lintnews.toml").write_text('exclude = ["images/**"]\n', encoding="utf-8")
    images = tmp_path / "images"
    images.mkdir()
    (images / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = run_lintnews("check", ".", cwd=tmp_path)
    assert proc.returncode == 1
    assert "photo.txt" not in proc.stderr


SEED_ARTICLE = Path(__file__).parent / "data" / "seed-article.txt"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("copies", [1, 40])  # a short report, and one beyond any buffer
def test_a_full_disk_under_standard_output_is_one_line_not_a_traceback(tmp_path: Path,
                                                                       copies: int) -> None:
    for i in range(copies):
        (tmp_path / f"a{i}.txt").write_text(SEED_ARTICLE.read_text(encoding="utf-8"),
                                            encoding="utf-8")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "lintnews", "check", str(tmp_path)],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "lintnews: error: cannot write the report: No space left on device"]


def test_a_reader_that_goes_away_is_not_a_traceback(tmp_path: Path) -> None:
    for i in range(40):
        (tmp_path / f"a{i}.txt").write_text(SEED_ARTICLE.read_text(encoding="utf-8"),
                                            encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "lintnews", "check", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    stderr = process.stderr.read().decode("utf-8", "replace")
    assert process.wait(timeout=300) == 1
    assert "Traceback" not in stderr
