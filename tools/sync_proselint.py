"""Generate rules/proselint.toml from the installed proselint's checks.

proselint's checks are word lists and patterns (BSD-3-Clause). lintnews runs them through
its own engine, as one declarative pack: the same finding type, quotation scope, codes,
suppression and configuration as every other rule, and no proselint import at run time.

    python tools/sync_proselint.py            # rewrite rules/proselint.toml
    python tools/sync_proselint.py --check    # exit 1 if the committed pack is out of date

Codes are stable: a check keeps the code recorded in the existing pack; new checks get the
next free code. Checks of types lintnews cannot express as data (functions, consistency and
reverse-existence checks) are listed in the pack's header, not silently dropped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomli on 3.10, as the package itself reads TOML
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# re's parse tree, through the one module of lintnews that reads it
from lintnews.regex_internals import constants as sre_constants  # noqa: E402
from lintnews.regex_internals import parse  # noqa: E402

PACK = ROOT / "rules" / "proselint.toml"
FIRST_CODE = 601

# Off by default: too noisy on edited news (measured on benchmarks/corpus/news), duplicated by
# a lintnews rule, or contrary to AP style. Still listed by `lintnews rules` and selectable.
OFF_BY_DEFAULT = {
    "typography.symbols.curly_quotes": "fires on every straight quote; newsroom CMSs convert them",
    "typography.symbols.ellipsis": "wire copy uses three dots",
    "typography.symbols.multiplication": "fires on scores and dimensions",
    "typography.symbols.sentence_spacing": "markup reflow produces double spaces",
    "typography.diacritical_marks": "AP drops diacritics in most names (Quebec)",
    "weasel_words.very": "'very' is common and harmless in news copy",
    "lexical_illusions": "duplicated by LN502 doubled-word",
    "misc.preferred_forms": "conflicts with AP spellings ('longstanding')",
    "redundancy.misc.after_the_deadline": "flags ordinary phrases ('the opportunity to')",
    "misc.phrasal_adjectives.examples": "conflicts with AP hyphenation of 'high school student'",
    "misc.tense_present": "flags ordinary speech ('in regards to' in quotes)",
    "misc.capitalization.seasons": "fires on names ('Spring Festival')",
    "spelling.consistency": "consistency checks are not supported",
    "hedging": "hedges are often accurate in news",
    "misc.suddenly": "a fiction-writing rule",
    "misc.scare_quotes": "lintnews handles quotations itself",
    "misc.apologizing": "a fiction-writing rule",
    "misc.metadiscourse": "academic-writing rule",
    "misc.narcissism": "academic-writing rule",
    "psychology.p_equals_zero": "academic-writing rule",
}
# On by default, as a news desk wants them (AP style: no needlessly gendered terms, no
# exclamations or hyperbolic punctuation in the writer's voice), narrowed where proselint's
# lists cry wolf on edited news (measured on the Wikinews corpus; see the README changelog).
# "drop": proselint's items that AP accepts; "patterns", "message", "extra", "bad" (the example
# flagged): replace or add to proselint's; the other keys are lintnews context keys, written
# into the rule as they are.
NEWS_DESK: dict[str, dict] = {
    "social_awareness.sexism": {
        "severity": "warning",
        "why": "AP: use a term that does not assume a sex (firefighter, police officer, mail "
               "carrier, poet, author, comedian, husband and wife) and do not mark a "
               "profession by sex (lady lawyer, woman doctor, male nurse) unless the sex is "
               "the point of the story. Not flagged, because AP accepts them: chairman and "
               "chairwoman (by the person's sex), chairperson and chair (an organization's "
               "formal title), ombudsman, tribesman, confidante (a woman), waitress, and "
               "female airman (the US Air Force rank)",
        "drop": {"chairman", "chairwoman", "chairperson", "ombudsman", "ombudswoman",
                 "ombudsperson", "tribesman", "tribeswoman", "tribesperson", "confidante",
                 "waitress", "female airman"},
        "extra": {"male nurse": "nurse", "male nurses": "nurses", "lady doctor": "doctor",
                  "lady doctors": "doctors", "woman lawyer": "lawyer",
                  "lady lawyers": "lawyers"},
        # A figure of speech, not a job: "the policeman of the world".
        "exceptions": ["policeman of the world"],
        "message": "Needlessly gendered: use '{replacement}' instead of '{match}' (unless "
                   "the sex is the point).",
    },
    "typography.punctuation.hyperbole": {
        "severity": "warning",
        "why": "AP: news copy does not use doubled exclamation or question marks",
        # proselint's \w*(?:!|\?){2,}, tried only where a word begins: the same matches, but
        # not a scan of each word from every letter in it (a tenth of a second per corpus).
        "patterns": ["(?<![\\w!?])\\w*[!?]{2,}"],
    },
    "typography.punctuation.exclamation": {
        "severity": "info",
        "why": "AP: avoid exclamation marks in the writer's voice; in news they belong in "
               "quotations. Flagged after a word in Latin script, not before a quotation "
               "mark or a bracket, nor in a name (Yahoo!)",
        "patterns": ["(?<=[A-Za-z])!(?![!?])"],
        "bad": "The council approved the budget at last!",
        "message": "An exclamation mark in the writer's voice; news copy states, it does "
                   "not exclaim.",
        # Before a closing quotation mark or bracket, the exclamation is someone else's;
        # before an opening bracket, it is part of a name or credit ("Image: mia! (flickr)").
        "unless_after": "\\s*[\"'\u201d\u2019()\\]]",
        "exceptions": ["Yahoo!", "Jeopardy!", "Mamma Mia!", "Oklahoma!", "Wham!",
                       "Panic! at the Disco"],
    },
}
PADDING = {
    "RAW": "{}",
    "SAFE_JOIN": "(?:{})",
    "WORDS_IN_TEXT": r"\b{}\b",
    "NONWORDS_IN_TEXT": r"\B{}\B",
    # proselint's strict padding counts "è" as a boundary and flags "ne" inside "Hélène";
    # lintnews makes it Unicode-aware.
    "STRICT_WORDS_IN_TEXT": r"(?<![\w'-]){}(?![\w'-])",
}
GOOD_EXAMPLE = "The council approved the budget on Tuesday after a short debate."


def _sample(pattern: str) -> str | None:
    """A short string the regex matches (first branches, fewest repeats), or None."""
    try:
        parsed = parse(pattern)
    except re.error:
        return None

    def walk(items: Any) -> str:
        out = []
        for op, av in items:
            if op is sre_constants.LITERAL:
                out.append(chr(av))
            elif op is sre_constants.NOT_LITERAL:
                out.append("a" if chr(av) != "a" else "b")
            elif op is sre_constants.ANY:
                out.append("a")
            elif op is sre_constants.IN:
                out.append(_in_sample(av))
            elif op is sre_constants.BRANCH:
                out.append(walk(av[1][0]))
            elif op is sre_constants.SUBPATTERN:
                out.append(walk(av[-1]))
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                low, _high, sub = av
                out.append(walk(sub) * max(low, 0))
            elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                continue
            else:
                raise ValueError(op)
        return "".join(out)

    try:
        return walk(parsed)
    except (ValueError, TypeError):
        return None


def _in_sample(items: list) -> str:
    for op, av in items:
        if op is sre_constants.LITERAL:
            return chr(av)
        if op is sre_constants.RANGE:
            return chr(av[0])
        if op is sre_constants.CATEGORY:
            return {"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " "}.get(str(av).split(".")[-1], "a")
    return "a"


def _python_regex(pattern: str) -> str:
    """RE2 spellings that Python's re does not know: \\x{2014} → \\u2014."""
    return re.sub(r"\\x\{([0-9A-Fa-f]{1,4})\}", lambda m: "\\u" + m.group(1).zfill(4), pattern)


def _message(message: str, preferred: bool) -> str:
    """proselint's str.format messages → lintnews placeholders."""
    message = message.replace("{0}", "{replacement}").replace("{1}", "{match}")
    order = ["{replacement}", "{match}"] if preferred else ["{match}", "{replacement}"]
    parts = message.split("{}")
    out = parts[0]
    for i, part in enumerate(parts[1:]):
        out += order[min(i, 1)] + part
    return out.replace("{replacement}", "{replacement}")


def collect() -> tuple[dict[str, dict], list[str]]:
    from proselint.checks import __register__

    rules: dict[str, dict] = {}
    unsupported: list[str] = []
    grouped = defaultdict(list)
    for check in __register__:
        grouped[check.path].append(check)
    for path, checks in grouped.items():
        entry: dict = {"patterns": [], "swaps": {}, "messages": set(), "case": True}
        for check in checks:
            kind = type(check.check_type).__name__
            case_insensitive = getattr(getattr(check.engine, "opts", None), "case_insensitive",
                                       True)
            entry["case"] = entry["case"] and case_insensitive
            ct = check.check_type
            if kind == "Existence":
                pad = PADDING[ct.padding.name]
                entry["patterns"].extend(_python_regex(pad.format(item)) for item in ct.items)
                entry["messages"].add(_message(check.message, False))
            elif kind == "ExistenceSimple":
                entry["patterns"].extend(NEWS_DESK.get(path, {}).get(
                    "patterns", [_python_regex(ct.pattern)]))
                entry["messages"].add(_message(check.message, False))
            elif kind in ("PreferredForms", "PreferredFormsSimple"):
                pad = PADDING[ct.padding.name]
                desk = NEWS_DESK.get(path, {})
                items = {**ct.items, **desk.get("extra", {})}
                for original, replacement in items.items():
                    if original not in desk.get("drop", ()):
                        entry["swaps"][_python_regex(pad.format(original))] = replacement
                entry["messages"].add(_message(check.message, True))
            else:
                unsupported.append(f"{path} ({kind})")
                continue
            entry.setdefault("module", check.check_type.__class__.__module__)
        if entry["patterns"] or entry["swaps"]:
            rules[path] = entry
    return rules, sorted(set(unsupported))


def _existing_codes() -> dict[str, str]:
    if not PACK.exists():
        return {}
    data = tomllib.loads(PACK.read_text(encoding="utf-8"))
    return {r["name"].removeprefix("proselint-"): r["code"] for r in data.get("rule", [])}


def _toml(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def render() -> str:
    import proselint.version

    rules, unsupported = collect()
    codes = _existing_codes()
    by_name = {path.replace(".", "-").replace("_", "-"): path for path in rules}
    next_code = max([int(c[2:]) for c in codes.values()] + [FIRST_CODE - 1]) + 1
    blocks = []
    for name in sorted(by_name):
        path = by_name[name]
        block = _rule_block(name, path, rules[path], codes.get(name) or f"LN{next_code}")
        if block is None:
            unsupported.append(f"{path} (no example that lintnews can show firing)")
            continue
        if name not in codes:
            next_code += 1
        blocks.append(block)
    header = [
        "# Generated by tools/sync_proselint.py from proselint "
        f"{proselint.version.__version__} — do not edit by hand.",
        "# proselint: Copyright © 2014–2015, Jordan Suchow, Michael Pacer, and Lara A. Ross;",
        "# BSD-3-Clause licence. The word lists below are proselint's, adapted with attribution.",
        "# Checks not included (not expressible as data, or no working example):",
        *[f"#   {u}" for u in sorted(unsupported)],
        "",
        "[pack]",
        'name = "proselint"',
        'description = "proselint\'s usage checks, run by the lintnews engine."',
        'source = "proselint (https://github.com/amperser/proselint), BSD-3-Clause"',
    ]
    return "\n".join(header + [line for block in blocks for line in ["", *block]]) + "\n"


# The keys of a NEWS_DESK entry that are not lintnews context keys.
_DESK_ONLY = ("severity", "why", "drop", "extra", "patterns", "message", "bad")


def _rule_block(name: str, path: str, entry: dict, code: str) -> list[str] | None:
    desk = NEWS_DESK.get(path, {})
    message = desk.get("message") or sorted(entry["messages"])[0]
    bad = desk.get("bad") or _bad_example(entry)
    if bad is None:
        return None
    lines = ["[[rule]]", f"code = {_toml(code)}", f"name = {_toml('proselint-' + name)}",
             'category = "style"',
             f'type = {_toml("substitution" if entry["swaps"] else "existence")}',
             f'severity = {_toml(desk.get("severity", "info"))}',
             f"case_sensitive = {'false' if entry['case'] else 'true'}",
             f"message = {_toml(message)}",
             f"summary = {_toml('proselint ' + path + ': ' + _plain(message))}",
             f"source = {_toml('proselint ' + path + ' (BSD-3-Clause)')}",
             f"rationale = {_toml(_rationale(path))}"]
    if path in OFF_BY_DEFAULT:
        lines.append("enabled = false")
    lines += [f"{key} = {_toml(value)}" for key, value in desk.items() if key not in _DESK_ONLY]
    if entry["swaps"]:
        lines.append("[rule.swap_patterns]")
        lines += [f"{_toml(k)} = {_toml(v)}" for k, v in entry["swaps"].items()]
    else:
        lines.append(f"patterns = {_toml(entry['patterns'])}")
    lines += ["[rule.examples]", f"bad = [{_toml(bad)}]", f"good = [{_toml(GOOD_EXAMPLE)}]"]
    return lines if _fires(lines, bad) else None


def _plain(message: str) -> str:
    return message.replace("{match}", "…").replace("{replacement}", "…")


def _fires(lines: list[str], bad: str) -> bool:
    """Does lintnews itself flag the bad example and pass the good one?"""
    sys.path.insert(0, str(ROOT))
    from lintnews.engine.declarative import build_rule
    from lintnews.rule_examples import run_example

    data = tomllib.loads("\n".join(lines))["rule"][0]
    rule = build_rule(data, "builtin:proselint", "generated")
    return bool(run_example(rule, bad)) and not run_example(rule, GOOD_EXAMPLE)


def _rationale(path: str) -> str:
    why = OFF_BY_DEFAULT.get(path)
    text = (f"From proselint's '{path}' check, which cites its sources in proselint's module "
            "docstrings (Garner's Modern American Usage, the Chicago Manual of Style and others).")
    if why:
        text += f" Off by default in lintnews: {why}. Enable it with --select."
    desk_why = NEWS_DESK.get(path, {}).get("why")
    if desk_why:
        text += f" On by default in lintnews, as a news desk wants it. {desk_why}."
    return text


def _bad_example(entry: dict) -> str | None:
    candidates = list(entry["swaps"]) + entry["patterns"]
    flags = re.IGNORECASE if entry["case"] else 0
    for pattern in candidates:
        sample = _sample(pattern)
        if not sample or not sample.strip():
            continue
        text = f"Officials said {sample.strip()} was the issue."
        if re.search(pattern, text, flags) and not re.search(pattern, GOOD_EXAMPLE, flags):
            return text
        if re.search(pattern, sample, flags):
            return sample.strip()
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = PACK.read_text(encoding="utf-8") if PACK.exists() else ""
        if current != text:
            print("rules/proselint.toml is out of date; run tools/sync_proselint.py",
                  file=sys.stderr)
            return 1
        return 0
    PACK.write_text(text, encoding="utf-8")
    print(f"wrote {PACK}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
