"""The prefilter and the rule planner always finish, and never lose a match.

A house pack's pattern is analysed when its rule is planned (lintnews.engine.prefilter: the
words a match can start with, its literal openings, the texts it must contain). That analysis
runs on data a newsroom writes, so it must finish quickly whatever the pattern, and whatever
it returns must hold for every real match: the word index then finds exactly what a plain
regex scan finds.

- house patterns that once never finished loading, through the real CLI with a timeout;
- the analyses called directly, under a time limit;
- hypothesis-generated patterns (small alphabets, classes, groups, alternations, bounded and
  unbounded repeats, word boundaries, lookarounds): every analysis finishes under a time
  limit and agrees with every match the pattern has on generated text, and a house rule
  built from the pattern matches exactly what its plain regex matches.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from helpers import run_lintnews, write_house_pack
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from lintnews.document.build import build_document
from lintnews.engine.declarative import PackError, build_rule
from lintnews.engine.prefilter import required_literal, required_prefixes, trigger_keys

needs_timer = pytest.mark.skipif(not hasattr(signal, "setitimer"),
                                 reason="needs an interval timer (Unix)")

# Ordinary house patterns that repeat a small class or group: each once made the prefilter
# expand without end, so `lintnews check` never finished loading the pack.
REPEATING = [
    "x[ab]{1,3}", "x[ab]+", "[ab]{2}X", "ye[sp]{1,2}", "[aeiou]{2,}", "(?:ab|cd){2,5}e",
    r"\bvot(?:e|es|ing){1,2}\b",
]
ARTICLE = ("Hello world.\n\n"
           "The xab and xba tags were cut. Yes, the yep camp won over caabX, then cdabe.\n"
           "They are voting on votes and a queue of aeiou vowels today, vote by vote.\n")


class TookTooLong(Exception):
    pass


def finishes(work: Callable[[], Any], seconds: float) -> bool:
    """Did work() finish in time? (No traceback of the interrupted work is kept: one taken
    deep inside a recursion can defeat pytest's report.)"""
    try:
        with time_limit(seconds):
            work()
    except TookTooLong:
        return False
    return True


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TookTooLong in the main thread after `seconds` (a hang fails, never hangs)."""
    def interrupt(signum: int, frame: Any) -> None:
        raise TookTooLong

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def within_time(analysis: Callable[[str, int], Any], pattern: str, flags: int) -> Any:
    found: list[Any] = []
    assert finishes(lambda: found.append(analysis(pattern, flags)), 2.0), \
        f"{analysis.__name__}({pattern!r}) did not finish in 2 s"
    return found[0]


# --- through the CLI ----------------------------------------------------------------------


def _house(root: Path, pattern: str) -> None:
    """A house pack with `pattern` under `patterns` (LN901) and `swap_patterns` (LN902; of
    another category, or its findings would be taken for the first rule's, span for span)."""
    write_house_pack(root, f"""
[[rule]]
code = "LN901"
name = "house-test"
category = "style"
severity = "warning"
message = "house pattern"
patterns = ['{pattern}']

[[rule]]
code = "LN902"
name = "house-swap"
category = "readability"
type = "substitution"
message = "write {{suggestion}}"
swap_patterns = {{ '{pattern}' = "the house word" }}
""")
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")


def _check(root: Path, cache: Path) -> dict[str, list[tuple[int, int]]]:
    env = {**os.environ, "LINTNEWS_CACHE_DIR": str(cache)}
    env.pop("LINTNEWS_NO_CACHE", None)
    try:
        proc = run_lintnews("check", "--format", "json", "--fail-on", "never", "--jobs", "1",
                            "--select", "LN901,LN902", "a.txt", cwd=root, env=env, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("lintnews check did not finish in 20 s")
    assert proc.returncode == 0, proc.stderr
    spans: dict[str, list[tuple[int, int]]] = {"LN901": [], "LN902": []}
    for finding in json.loads(proc.stdout)["findings"]:
        spans[finding["code"]].append((finding["offset"], finding["end_offset"]))
        if finding["code"] == "LN902":
            assert finding["suggestions"], finding
    return spans


@pytest.mark.parametrize("pattern", REPEATING)
def test_a_house_pack_with_a_repeating_pattern_finishes_and_finds_its_matches(
        tmp_path: Path, pattern: str) -> None:
    _house(tmp_path, pattern)
    expected = [m.span() for m in re.finditer(pattern, ARTICLE, re.IGNORECASE)]
    assert expected  # the article holds matches of every pattern
    found = _check(tmp_path, tmp_path / "cache")  # a cold cache: the plan is worked out
    assert found == {"LN901": expected, "LN902": expected}


def test_a_cached_plan_finds_what_a_fresh_one_finds(tmp_path: Path) -> None:
    pattern = r"\bvot(?:e|es|ing){1,2}\b"
    _house(tmp_path, pattern)
    cold = _check(tmp_path, tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir())  # the plan was stored...
    assert _check(tmp_path, tmp_path / "cache") == cold  # ...and is used the same way
    assert cold["LN901"] == [m.span() for m in re.finditer(pattern, ARTICLE, re.IGNORECASE)]


@pytest.mark.parametrize("pattern", ["(?:very )?", r"\b(?:vote)?", "", "x*"])
def test_a_house_pattern_that_can_match_empty_text_is_a_clear_error(
        tmp_path: Path, pattern: str) -> None:
    """Every position of every article would be a finding (and the scan for them never
    ended): the pack is refused, naming the file and the rule."""
    _house(tmp_path, pattern)
    env = {**os.environ, "LINTNEWS_CACHE_DIR": str(tmp_path / "cache")}
    try:
        proc = run_lintnews("check", "a.txt", cwd=tmp_path, env=env, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("lintnews check did not finish in 20 s")
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("lintnews: error:")]
    assert len(errors) == 1, proc.stderr
    assert "house.toml" in errors[0] and "LN901" in errors[0] and "empty" in errors[0]


@needs_timer
def test_a_part_that_matches_empty_text_does_not_stall_the_matcher() -> None:
    """Code rules' matchers are not checked like house packs: the walk must still end."""
    from lintnews.engine.matcher import Matcher

    matcher = Matcher.of(["(?:very )?"], re.IGNORECASE)
    doc = build_document("a.txt", "Headline\n\nA very good plan.\n")
    found: list[Any] = []
    assert finishes(lambda: found.extend(matcher.find_in(doc)), 2.0)
    assert found == [m.span() for m in re.finditer("(?:very )?", doc.prose, re.I)
                     if m.end() > m.start()]


# --- the analyses, directly ---------------------------------------------------------------

ANALYSES: list[Callable[[str, int], Any]] = [trigger_keys, required_prefixes, required_literal]


@needs_timer
@pytest.mark.parametrize("analysis", ANALYSES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("pattern", [
    *REPEATING, *(f"(?:{p})" for p in REPEATING),
    "[ab]+", r"\b[ab]+\b", "[a-h]{0,40}x", r"\b(?:[ab]{1,2}){1,20}\b", r"\b(?:a|b)*c",
    r"\b(?:(?:[ab]{1,3}){1,3}){1,3}", r"\b(?:e|es|ing|s|ed)+\b", "x(?:[ab]|[cd]e)*y",
    "(?:" + "[ab]" * 30 + ")", r"\b" + "(?:a|b)" * 30,
])
def test_every_analysis_finishes_quickly(analysis: Callable[[str, int], Any],
                                         pattern: str) -> None:
    for flags in (0, re.IGNORECASE):
        within_time(analysis, pattern, flags)


@needs_timer
def test_bounded_repeats_count_down() -> None:
    # {1,2} allows one or two letters, not any number: the exact words are the keys.
    assert within_time(trigger_keys, r"\bx[ab]{1,2}\b", re.IGNORECASE) == {
        "w:xa", "w:xb", "w:xaa", "w:xab", "w:xba", "w:xbb"}
    # Past three letters, the opening stands for the longer words ("p:vot").
    assert within_time(trigger_keys, r"\bvot(?:e|es|ing){1,2}\b", re.IGNORECASE) == {
        "w:vote", "w:votes", "w:voting", "p:vot"}
    assert within_time(required_prefixes, "ye[sp]{1,2}", re.IGNORECASE) == {"yes", "yep"}
    # "xa" is too short to look for; the x is certain.
    assert within_time(required_prefixes, "x[ab]{1,3}", re.IGNORECASE) is None
    assert within_time(required_literal, "x[ab]{1,3}", re.IGNORECASE) == (frozenset({"x"}),)


@needs_timer
def test_a_lookaround_that_lets_a_word_go_on_is_no_word_end() -> None:
    # (?!x) does not end the word: "abcd" holds a match of \babc(?!x).
    assert within_time(trigger_keys, r"\babc(?!x)", 0) == {"p:abc"}
    # (?<!x) does not start a word: "zabc" holds a match of (?<!x)abc.
    assert within_time(trigger_keys, "(?<!x)abc", 0) is None
    # These do end and start one.
    assert within_time(trigger_keys, r"\bvery(?! well)\b", re.IGNORECASE) == {"w:very"}
    assert within_time(trigger_keys, r"(?<![\w-])very(?![\w'-])", re.IGNORECASE) == \
        {"w:very"}
    assert within_time(trigger_keys, r"(?<![^\W_])very(?!.)", re.IGNORECASE) == {"w:very"}


@pytest.mark.parametrize("pattern", [r"\bſo\b", r"\bcaſe", r"\d+ ?ſs", r"\b(?:ſo|to)\b"])
def test_a_letter_that_re_folds_unlike_lower_is_not_indexed(pattern: str) -> None:
    """Ignoring case, `re` matches "ſ" with "s": a key or text spelt with "ſ" would never
    be found in a lower-cased article that has "so"."""
    rule = build_rule({"code": "HOUSE01", "name": "long-s", "category": "style",
                       "message": "m", "patterns": [pattern]}, "local:house", "h.toml")
    doc = build_document("a.txt", "Headline\n\nAnd so it goes, in case 5 ss do.\n")
    assert doc.case_simple
    plain = [m.span() for m in rule.pattern.finditer(doc.prose)]
    assert plain and list(rule.matches(doc)) == plain


@needs_timer
def test_a_phrase_with_many_choices_in_one_word_plans_quickly() -> None:
    """Phrases are planned too: "(a|b|c|d)" fourteen times spells 4**14 words."""
    word = "(a|b|c|d)" * 14
    table = {"code": "HOUSE01", "name": "choices", "category": "style", "message": "m",
             "phrases": [f"{word} plan"]}
    built: list[Any] = []
    assert finishes(lambda: built.append(build_rule(table, "local:house", "h.toml")), 2.0)
    rule = built[0]
    assert finishes(lambda: [part.keys for part in rule.matcher.parts], 2.0)
    doc = build_document("a.txt", "Headline\n\nThe abcdabcdabcdab plan, and the abcd plan.\n")
    assert list(rule.matches(doc)) == [m.span() for m in rule.pattern.finditer(doc.prose)] \
        == [(14, 33)]


# --- fuzzing --------------------------------------------------------------------------------

EXAMPLES = int(os.environ.get("LINTNEWS_FUZZ_EXAMPLES", "250"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                print_blob=True)

# Patterns come with a sample: text the pattern is likely to match (assertions aside), so
# that most cases have real matches to check the analyses against.
Case = tuple[str, str]  # (pattern, sample)
_ATOMS: list[tuple[str, list[str]]] = [
    *((w, [w]) for w in ["a", "b", "e", "s", "x", "A", "ab", "es", "vot", "yes", "xab"]),
    ("[ab]", ["a", "b"]), ("[sp]", ["s", "p"]), ("[a-c]", ["a", "c"]),
    ("[aeiou]", ["e", "o"]), ("[^a]", ["b", " ", "-"]), (r"\w", ["x", "_", "1"]),
    (r"\s", [" ", "\n"]), (".", ["a", " "]), (r"\d", ["1"]), ("[-,]", ["-", ","]),
    (r"[\s,]", [" ", ","]), (" ", [" "]), ("-", ["-"]), ("'", ["'"]),
    *((zero_width, [""]) for zero_width in [
        r"\b", r"\B", "(?<=a)", "(?<!a)", r"(?<!\w)", r"(?<![\w-])", r"(?<![^\W_])", "(?<!-)",
        "(?<= )", r"(?a:\b)"]),
]
_atoms = st.sampled_from(_ATOMS).flatmap(
    lambda atom: st.sampled_from(atom[1]).map(lambda sample: (atom[0], sample)))


def _extend(inner: st.SearchStrategy[Case]) -> st.SearchStrategy[Case]:
    counts = st.integers(0, 3)
    return st.one_of(
        st.lists(inner, min_size=2, max_size=3).map(
            lambda cs: ("".join(p for p, _ in cs), "".join(t for _, t in cs))),
        st.tuples(st.lists(inner, min_size=2, max_size=3), st.integers(0, 2)).map(
            lambda t: ("(?:" + "|".join(p for p, _ in t[0]) + ")", t[0][t[1] % len(t[0])][1])),
        inner.map(lambda c: (f"({c[0]})", c[1])),
        st.tuples(inner, st.booleans()).map(lambda t: (f"(?:{t[0][0]})?", t[0][1] * t[1])),
        st.tuples(inner, counts).map(lambda t: (f"(?:{t[0][0]})*", t[0][1] * t[1])),
        st.tuples(inner, counts).map(lambda t: (f"(?:{t[0][0]})+", t[0][1] * max(1, t[1]))),
        st.tuples(inner, counts).map(lambda t: (f"(?:{t[0][0]})+?", t[0][1] * max(1, t[1]))),
        st.tuples(inner, counts, st.integers(0, 4), st.integers(0, 4)).map(
            lambda t: (f"(?:{t[0][0]}){{{t[1]},{t[1] + t[2]}}}",
                       t[0][1] * (t[1] + min(t[2], t[3])))),
        st.tuples(inner, counts, counts).map(
            lambda t: (f"(?:{t[0][0]}){{{t[1]},}}", t[0][1] * (t[1] + t[2]))),
        inner.map(lambda c: (f"(?={c[0]})", "")),
        inner.map(lambda c: (f"(?!{c[0]})", "")),
    )


# Where a match may start (most analyses only say something after a word start), with text
# that lets it start there; often some letters; then a few parts built from the atoms.
_openings = st.sampled_from([("", ""), ("", " "), (r"\b", " "), (r"\b", ""),
                             (r"(?<![\w-])", " "), (r"(?<![^\W_])", "_"), ("(?<!a)", "x"),
                             ("(?<=a)", "a"), (r"\B", "x"), ("^", ""), (r"(?a:\b)", "é")])
cases = st.tuples(
    _openings, st.sampled_from(["", "a", "x", "ye", "vot", "ab"]),
    st.lists(st.recursive(_atoms, _extend, max_leaves=6), min_size=1, max_size=3),
).map(lambda t: (t[0][0] + t[1] + "".join(p for p, _ in t[2]),
                 t[0][1] + t[1] + "".join(s for _, s in t[2])))
texts = st.lists(st.sampled_from(
    ["a", "b", "x", "e", "s", "p", "ab", "xab", "yes", "abe", "sas", "vote", "A", "X", "B",
     " ", " ", " ", "-", "'", "_", ",", "\n", "é", "1"]), max_size=12).map("".join)
_WORD_RE = re.compile(r"[^\W_]+")


def _matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]] | None:
    """A non-empty match at every position where there is one (None: the regex backtracks
    too long on this text; the guard keeps such patterns out of house packs anyway)."""
    found = []
    try:
        with time_limit(1.0):
            for pos in range(len(text) + 1):
                m = pattern.match(text, pos)
                if m is not None and m.end() > pos:
                    found.append(m)
    except TookTooLong:
        return None
    return found


def _analysed(pattern: str, flags: int) -> list[Any]:
    results: list[Any] = []
    assert finishes(lambda: results.extend(f(pattern, flags) for f in ANALYSES), 2.0), \
        f"analysing {pattern!r} did not finish in 2 s"
    return results


@needs_timer
@FUZZ
@given(case=cases, before=texts, after=texts, fold_case=st.booleans())
@example(case=("x[ab]{1,3}", "xabba xb"), before="", after="", fold_case=True)
@example(case=(r"\bvot(?:e|es|ing){1,2}\b", "voteing votes"), before="", after="",
         fold_case=True)
@example(case=(r"\babc(?!x)", "abcd"), before="", after="", fold_case=False)
@example(case=("(?<!x)abc", "zabc"), before="", after="", fold_case=False)
@example(case=(r"(?:\B){1}abc", "zabc"), before="", after="", fold_case=False)
def test_fuzz_prefilter_is_sound(case: Case, before: str, after: str, fold_case: bool) -> None:
    pattern, text = case[0], before + case[1] + after
    flags = re.IGNORECASE if fold_case else 0
    try:
        compiled = re.compile(pattern, flags)
    except re.error:
        event("not a valid pattern")
        return
    keys, prefixes, required = _analysed(pattern, flags)
    event(f"keys: {keys is not None}, prefixes: {prefixes is not None}, "
          f"required: {required is not None}")
    found = _matches(compiled, text)
    if found is None:
        event("regex too slow on the text")
        return
    event(f"matches: {min(len(found), 3)}")
    lowered = text.lower()
    for m in found:
        start = m.start()
        if keys is not None:
            word = _WORD_RE.match(lowered, start)
            assert word is not None and word.start() == start, (pattern, text, m)
            assert start == 0 or not _WORD_RE.match(text[start - 1]), (pattern, text, m)
            assert ("w:" + word.group() in keys
                    or (len(word.group()) >= 3 and "p:" + word.group()[:3] in keys)), \
                (pattern, text, m, keys)
        if prefixes is not None:
            assert any(lowered.startswith(p, start) for p in prefixes), \
                (pattern, text, m, prefixes)
        for one_of in required or ():
            assert any(t in m.group().lower() for t in one_of), (pattern, text, m, required)


@needs_timer
@FUZZ
@given(case=cases, before=texts, after=texts, fold_case=st.booleans(), swap=st.booleans())
@example(case=("x[ab]{1,3}", "xabba xb"), before="", after="", fold_case=True, swap=False)
@example(case=("(?:ab|cd){2,5}e", "cdabe"), before="", after="", fold_case=True, swap=True)
@example(case=(r"\babc(?!x)", "abcd"), before="", after="", fold_case=False, swap=False)
def test_fuzz_rule_planner_matches_what_the_plain_regex_matches(
        case: Case, before: str, after: str, fold_case: bool, swap: bool) -> None:
    """A house rule (built, checked and planned as the CLI does) finds what its pattern does."""
    pattern, text = case[0], before + case[1] + after
    table: dict[str, Any] = {"code": "HOUSE01", "name": "fuzz", "category": "style",
                             "message": "m", "case_sensitive": not fold_case}
    if swap:
        table.update(type="substitution", swap_patterns={pattern: "y"})
    else:
        table["patterns"] = [pattern]
    doc = build_document("a.txt", "Headline\n\n" + text + "\n")
    built: list[Any] = []

    def plan() -> None:
        try:
            rule = build_rule(table, "local:house", "house.toml: rule 1")
        except PackError:
            return
        for part in rule.matcher.parts:  # the whole plan: keys, openings, required texts
            _ = part.keys, getattr(part, "prefixes", None), getattr(part, "required", None)
        built.append(rule)

    assert finishes(plan, 3.0), f"planning a house rule with {pattern!r} took over 3 s"
    if not built:
        event("rejected by the pack checks")
        return
    rule = built[0]
    try:
        with time_limit(1.0):
            plain = [m.span() for m in rule.pattern.finditer(doc.prose)]
    except TookTooLong:
        event("regex too slow on the text")
        return
    # The pack checks refuse a pattern that can match empty text (it would hit everywhere).
    assert all(start < end for start, end in plain), (pattern, text, plain)
    event(f"matches: {min(len(plain), 3)}")
    with time_limit(3.0):
        assert list(rule.matches(doc)) == plain, (pattern, text)


def test_a_house_phrase_that_can_match_nothing_is_a_clear_error(tmp_path: Path) -> None:
    """A phrase whose every word is optional ("really?") cannot be built into a pattern: the
    pack is refused with a one-line error naming it, not a traceback."""
    write_house_pack(tmp_path, """
[[rule]]
code = "LN901"
name = "house-phrase"
category = "style"
severity = "warning"
message = "house phrase"
phrases = ["really?"]
""")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    env = {**os.environ, "LINTNEWS_CACHE_DIR": str(tmp_path / "cache")}
    proc = run_lintnews("check", "a.txt", cwd=tmp_path, env=env)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("lintnews: error:")]
    assert len(errors) == 1 and "house.toml" in errors[0] and "LN901" in errors[0], proc.stderr
