"""The on-disk caches that keep a pre-commit run short: compiled patterns and data worked out
from them, rule plans, the lexicon and the list of installed plugins. A cache may only ever
cost time, never change a result."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import run_lintnews

from lintnews import regex_internals as regex_internals
from lintnews.cache.patterns import STORE_NAME, RegexStore

SEED = Path(__file__).parent / "data" / "seed-article.txt"


def _lintnews(args: list[str], cache: Path | None, cwd: Path,
              extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("LINTNEWS_NO_CACHE", None)
    if cache is None:
        env["LINTNEWS_NO_CACHE"] = "1"
    else:
        env["LINTNEWS_CACHE_DIR"] = str(cache)
    env.update(extra_env or {})
    return run_lintnews(*args, cwd=cwd, env=env)


def test_cold_warm_and_no_cache_runs_report_the_same(tmp_path: Path) -> None:
    article = tmp_path / "seed.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["check", "--format", "json", "--fail-on", "never", "seed.txt"]
    uncached = _lintnews(args, None, tmp_path)
    cold = _lintnews(args, tmp_path / "cache", tmp_path)
    warm = _lintnews(args, tmp_path / "cache", tmp_path)
    assert uncached.returncode == cold.returncode == warm.returncode == 0, cold.stderr
    assert '"findings"' in uncached.stdout
    assert cold.stdout == uncached.stdout
    assert warm.stdout == uncached.stdout
    assert (tmp_path / "cache" / STORE_NAME).is_file()
    assert list((tmp_path / "cache").glob("rules-*.marshal"))


def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    article = tmp_path / "seed.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["check", "--format", "json", "--fail-on", "never", "seed.txt"]
    expected = _lintnews(args, None, tmp_path).stdout
    cache = tmp_path / "cache"
    _lintnews(args, cache, tmp_path)
    for file in cache.iterdir():
        file.write_bytes(b"\xe3 not marshal data" + bytes(range(40)))
    damaged = _lintnews(args, cache, tmp_path)
    assert damaged.returncode == 0, damaged.stderr
    assert damaged.stdout == expected
    assert _lintnews(args, cache, tmp_path).stdout == expected


def test_an_edited_pack_is_not_served_from_the_cache(tmp_path: Path) -> None:
    packs = tmp_path / "house"
    packs.mkdir()
    pack = packs / "house.toml"
    rule = textwrap.dedent("""
        [[rule]]
        code = "HOUSE01"
        name = "house-word"
        category = "style"
        message = "House style: avoid '{{match}}'."
        phrases = ["{word}"]
        """)
    pack.write_text(rule.format(word="boondoggle"), encoding="utf-8")
    (tmp_path / ".lintnews.toml").write_text('rule-packs = ["house"]\n',
                                            encoding="utf-8")
    (tmp_path / "a.txt").write_text("Headline\n\nThe boondoggle and the shambles.\n",
                                    encoding="utf-8")
    cache = tmp_path / "cache"
    first = _lintnews(["check", "--select", "HOUSE", "a.txt"], cache, tmp_path)
    assert "avoid 'boondoggle'" in first.stdout, first.stderr
    pack.write_text(rule.format(word="shambles") + "\n# edited\n", encoding="utf-8")
    second = _lintnews(["check", "--select", "HOUSE", "a.txt"], cache, tmp_path)
    assert "avoid 'shambles'" in second.stdout, second.stderr
    assert "boondoggle" not in second.stdout


def test_a_plugin_installed_after_a_cached_run_is_found(tmp_path: Path) -> None:
    from test_plugins import CODE_PLUGIN, _make_plugin

    site = tmp_path / "site"  # an import folder that exists, empty, at the first run
    site.mkdir()
    (tmp_path / "a.txt").write_text("Headline\n\nThe plan is a boondoggle.\n", encoding="utf-8")
    env = {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    cache = tmp_path / "cache"
    before = _lintnews(["rules"], cache, tmp_path, env)
    assert before.returncode == 0 and "OUR01" not in before.stdout
    _make_plugin(tmp_path, CODE_PLUGIN, "ourpaper_rules:RULES")  # installed into that folder
    after = _lintnews(["check", "a.txt"], cache, tmp_path, env)
    assert "OUR01" in after.stdout, after.stderr


def test_derived_data_is_remembered_between_runs(tmp_path: Path) -> None:
    file = tmp_path / STORE_NAME
    calls: list[str] = []

    def keys() -> list[str]:
        calls.append("computed")
        return ["w:sure"]

    first = RegexStore(file)
    assert first.derived("keys", r"\bsure\b", re.IGNORECASE, keys) == ["w:sure"]
    first.save()
    again = RegexStore(file)
    assert again.derived("keys", r"\bsure\b", re.IGNORECASE, keys) == ["w:sure"]
    assert calls == ["computed"]  # the second store read it from the file


@pytest.mark.parametrize(("pattern", "flags", "text"), [
    (r"(?<![\w-])(?:sure\s+to)(?![\w])", re.IGNORECASE, "It is SURE to fail, sure enough."),
    (r"(?P<word>\b\w+\b) (?P=word)", 0, "the the cat sat on on the mat"),
    (r"\d{1,2} ?[ap]\.?m\.?", 0, "From 9 a.m. to 5pm, and 12 p.m."),
    (r"[\"“][^\"”]*[\"”]", 0, 'He said “no” and "yes".'),
    (r"(?x) (?i:ſ) (?-i:Tax) | k  # comment", re.UNICODE, "ſTax STax sTax K k Kelvin K"),
])
def test_a_stored_pattern_behaves_as_re_compile(tmp_path: Path, pattern: str, flags: int,
                                                text: str) -> None:
    file = tmp_path / STORE_NAME
    first = RegexStore(file)
    compiled = first.compile(pattern, flags)
    first.save()
    reloaded_store = RegexStore(file)
    assert reloaded_store.has(pattern, flags) == regex_internals.AVAILABLE  # stored where it can be
    reloaded = reloaded_store.compile(pattern, flags)
    reference = re.compile(pattern, flags)
    for candidate in (compiled, reloaded):
        assert candidate.pattern == reference.pattern
        assert candidate.flags == reference.flags
        assert candidate.groupindex == reference.groupindex
        assert candidate.groups == reference.groups
        assert [m.span() for m in candidate.finditer(text)] == \
            [m.span() for m in reference.finditer(text)]
        assert [m.groups() for m in candidate.finditer(text)] == \
            [m.groups() for m in reference.finditer(text)]


def test_each_interpreter_build_has_its_own_store() -> None:
    """Alternating Pythons (3.11 for one hook, 3.13 for another) must not throw each other's
    compiled patterns away: the file's name follows the interpreter build."""
    assert STORE_NAME.startswith("regex-") and STORE_NAME.endswith(".marshal")
    from binascii import crc32
    assert f"{crc32(regex_internals.BUILD.encode()):08x}" in STORE_NAME
    assert sys.version in regex_internals.BUILD


def test_a_store_written_by_another_build_is_not_used(tmp_path: Path) -> None:
    import marshal

    file = tmp_path / STORE_NAME
    store = RegexStore(file)
    store.compile(r"\bsure\b")
    store.derived("keys", r"\bsure\b", 0, lambda: ["w:sure"])
    store.save()
    data = marshal.loads(file.read_bytes())
    data["build"] = "cpython-399-another-build"
    file.write_bytes(marshal.dumps(data))
    calls: list[str] = []
    again = RegexStore(file)
    assert again.derived("keys", r"\bsure\b", 0,
                         lambda: calls.append("computed") or ["w:sure"]) == ["w:sure"]
    assert calls == ["computed"]  # worked out anew: another build's store is not read
    assert not again.has(r"\bsure\b")
    assert again.compile(r"\bsure\b").search("for sure") is not None


def test_stores_of_older_versions_are_removed(tmp_path: Path) -> None:
    retired = [tmp_path / "regex.marshal", tmp_path / "derived.marshal"]  # lintnews 0.1.x
    for file in retired:
        file.write_bytes(b"old")
    store = RegexStore(tmp_path / STORE_NAME)
    store.derived("keys", "x", 0, lambda: None)
    store.save()
    assert not any(file.exists() for file in retired)


def test_a_compiled_pattern_is_compiled_once_per_process(tmp_path: Path) -> None:
    store = RegexStore(tmp_path / STORE_NAME)
    compiled = store.compile(r"(?P<word>\b\w+\b) (?P=word)")
    assert compiled is store.compile(r"(?P<word>\b\w+\b) (?P=word)")
    assert [m.group() for m in compiled.finditer("the the cat sat on on the mat")] == \
        ["the the", "on on"]


def test_an_invalid_pattern_still_raises_re_error(tmp_path: Path) -> None:
    with pytest.raises(re.error):
        RegexStore(tmp_path / STORE_NAME).compile("(unclosed")
    with pytest.raises(re.error):
        RegexStore(None).compile("(unclosed")


def test_saving_removes_caches_nobody_uses(tmp_path: Path) -> None:
    import time

    from lintnews.cache.rules import STALE_AFTER, RuleCache, install_tag, python_tag

    ours_old = tmp_path / f"rules-{install_tag()}-0.0.9-k1-{python_tag()}.marshal"
    other_fresh = tmp_path / f"rules-00000000-0.1.0-k11-{python_tag()}.marshal"
    other_old = tmp_path / f"rules-11111111-0.1.0-k11-{python_tag()}.marshal"
    for file in (ours_old, other_fresh, other_old):
        file.write_bytes(b"")
    long_ago = time.time() - STALE_AFTER - 60
    os.utime(other_old, (long_ago, long_ago))
    cache = RuleCache(tmp_path)
    cache.plan(f"{tmp_path / 'pack.toml'}|1|1#X01", lambda: {"parts": [], "exceptions": None})
    (tmp_path / "pack.toml").write_text("", encoding="utf-8")
    cache.save()
    left = sorted(p.name for p in tmp_path.glob("rules-*.marshal"))
    assert other_fresh.name in left  # another installation, in use
    assert ours_old.name not in left and other_old.name not in left
    assert len(left) == 2  # and this run's own file


def _same_size_and_time(path: Path, text: str) -> None:
    """Replace a file's content keeping its size and modification time, as `rsync -t` or a
    checkout can."""
    st = path.stat()
    assert len(text.encode("utf-8")) == st.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_a_pack_changed_without_a_new_size_or_time_is_read_anew(tmp_path: Path) -> None:
    pack = tmp_path / "packs" / "house.toml"
    pack.parent.mkdir()
    template = textwrap.dedent("""\
        [[rule]]
        code = "HS001"
        name = "house-word"
        category = "style"
        severity = "warning"
        message = "House style: avoid '{match}'."
        phrases = ["WORD"]
    """)
    pack.write_text(template.replace("WORD", "zebra"), encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text('rule-packs = ["packs"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("The zebra and the tapir met at the zoo.\n\nMore.\n",
                                    encoding="utf-8")
    cache = tmp_path / "cache"
    first = _lintnews(["check", "a.txt"], cache, tmp_path)
    assert "HS001" in first.stdout and "'zebra'" in first.stdout, first.stderr
    _same_size_and_time(pack, template.replace("WORD", "tapir"))
    second = _lintnews(["check", "a.txt"], cache, tmp_path)
    assert "'tapir'" in second.stdout and "'zebra'" not in second.stdout, second.stdout


def test_the_code_checksum_follows_content_not_times(tmp_path: Path) -> None:
    from lintnews import __version__
    from lintnews.cache.keys import package_checksum

    package = tmp_path / "lintnews"
    (package / "engine").mkdir(parents=True)
    module = package / "engine" / "matcher.py"
    module.write_text("WORDS = 'abc'\n", encoding="utf-8")
    before = package_checksum(package)
    _same_size_and_time(module, "WORDS = 'abd'\n")
    assert package_checksum(package) != before  # an edit, whatever its time
    (package / "engine" / "new_helper.py").write_text("X = 1\n", encoding="utf-8")
    assert package_checksum(package) not in (before,)  # a new module counts: no list to keep
    # an installed wheel: pip's RECORD (a hash of every file) stands for the files
    record = tmp_path / f"lintnews-{__version__}.dist-info" / "RECORD"
    record.parent.mkdir()
    record.write_text("lintnews/engine/matcher.py,sha256=abc,14\n", encoding="utf-8")
    installed = package_checksum(package)
    assert installed.startswith("r")
    record.write_text("lintnews/engine/matcher.py,sha256=abd,14\n", encoding="utf-8")
    assert package_checksum(package) != installed
