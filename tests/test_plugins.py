"""Third-party packs (entry points), local pack folders, and packs that fail to load."""

from __future__ import annotations

import ast
import json
import os
import re
import textwrap
from pathlib import Path

from helpers import run_lintnews, write_house_pack

import lintnews.plugin

README = Path(__file__).resolve().parents[1] / "README.md"
ARTICLE = "Headline\n\nThe council met on Tuesday. Its plan is a boondoggle, critics argue.\n"


def _make_plugin(root: Path, module_source: str, entry: str) -> dict[str, str]:
    """An installed-looking distribution: a module plus a .dist-info with entry points."""
    site = root / "site"
    site.mkdir(exist_ok=True)
    (site / "ourpaper_rules.py").write_text(textwrap.dedent(module_source), encoding="utf-8")
    info = site / "ourpaper_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ourpaper-rules\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[lintnews.rules]\nourpaper = {entry}\n",
                                           encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    return env


CODE_PLUGIN = """
from lintnews.plugin import Hit, rule

@rule(code="OUR01", name="boondoggle", category="loaded-language", severity="warning",
      summary="'boondoggle' editorialises.", source="Our Paper style guide",
      bad=["The plan is a boondoggle."], good=["The plan is costly."])
def boondoggle(doc, ctx):
    "Why is this bad? It is a sneer."
    start = doc.prose.find("boondoggle")
    if start >= 0:
        yield Hit(start, start + len("boondoggle"), "'boondoggle' editorialises.")

RULES = [boondoggle]
"""


def test_entry_point_plugin_rules_run_and_are_listed(tmp_path: Path) -> None:
    env = _make_plugin(tmp_path, CODE_PLUGIN, "ourpaper_rules:RULES")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_lintnews("check", "a.txt", cwd=tmp_path, env=env)
    assert result.returncode == 1, result.stderr
    assert "a.txt:3:" in result.stdout and "OUR01" in result.stdout
    listed = run_lintnews("rules", cwd=tmp_path, env=env)
    assert "OUR01" in listed.stdout and "plugin:ourpaper" in listed.stdout
    explained = run_lintnews("explain", "OUR01", cwd=tmp_path, env=env)
    assert "The plan is a boondoggle." in explained.stdout


def _readme_plugin() -> str:
    """The code rule the README's "Plugins and house packs" section shows."""
    section = README.read_text(encoding="utf-8").split("### Plugins and house packs", 1)[1]
    section = section.split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the plugins section shows one code rule"
    return blocks[0]


def _lintnews_imports(source: str) -> set[str]:
    """The lintnews modules a plugin's source imports."""
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return {m for m in modules if m == "lintnews" or m.startswith("lintnews.")}


def test_the_readme_plugin_uses_only_the_plugin_api_and_works_end_to_end(
        tmp_path: Path) -> None:
    source = _readme_plugin()
    assert _lintnews_imports(source) == {"lintnews.plugin"}
    # the module's reference shows the same rule
    assert textwrap.indent(source.strip(), "    ") in lintnews.plugin.__doc__
    env = _make_plugin(tmp_path, source, "ourpaper_rules:RULES")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_lintnews("check", "a.txt", "--select", "OUR01", "--format", "json", cwd=tmp_path,
                          env=env)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    column = ARTICLE.splitlines()[2].index("boondoggle") + 1
    assert [(f["code"], f["line"], f["column"], f["severity"], f["suggestions"])
            for f in findings] == [("OUR01", 3, column, "warning", ["costly project"])]
    explained = run_lintnews("explain", "OUR01", cwd=tmp_path, env=env)
    assert "say what the plan costs" in explained.stdout  # the docstring is the rationale
    assert "The plan is a boondoggle." in explained.stdout
    (tmp_path / "b.txt").write_text("Headline\n\nThe plan is costly.\n", encoding="utf-8")
    clean = run_lintnews("check", "b.txt", "--select", "OUR01", cwd=tmp_path, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_plugin_code_in_the_tests_imports_only_the_plugin_api() -> None:
    from test_bad_input import _code_rule

    for source in (CODE_PLUGIN, _code_rule("return []")):
        assert _lintnews_imports(source) == {"lintnews.plugin"}


def test_the_plugin_api_names_are_pinned() -> None:
    """Removing or renaming one of these breaks newsrooms' house plugins: a deliberate,
    announced change (README "Plugins and house packs"), never a side effect of a refactor."""
    assert sorted(lintnews.plugin.__all__) == [
        "CATEGORIES", "Comment", "Context", "CueSpan", "Document", "Example", "Hit",
        "Paragraph", "Quotation", "Rule", "RuleMeta", "Sentence", "Settings", "Severity",
        "rule",
    ]
    for name in lintnews.plugin.__all__:
        assert getattr(lintnews.plugin, name) is not None, name


def test_the_old_import_paths_are_the_same_objects() -> None:
    """Plugins written before lintnews.plugin existed keep working."""
    from lintnews.checks import rule
    from lintnews.document.model import Document, Quotation, Sentence
    from lintnews.engine.model import Context, Hit, Severity  # the old path

    assert lintnews.plugin.rule is rule and lintnews.plugin.Hit is Hit
    assert lintnews.plugin.Context is Context and lintnews.plugin.Severity is Severity
    assert lintnews.plugin.Document is Document and lintnews.plugin.Sentence is Sentence
    assert lintnews.plugin.Quotation is Quotation


def test_a_plugins_exit_handlers_run_when_lintnews_ends(tmp_path: Path) -> None:
    """lintnews ends through the interpreter's normal exit, so what a plugin (or coverage)
    registers with atexit runs: a house plugin may flush its own log there."""
    flag = tmp_path / "exit-handler-ran"
    source = CODE_PLUGIN + textwrap.dedent(f"""
        import atexit, pathlib
        atexit.register(pathlib.Path({str(flag)!r}).write_text, "ran")
    """)
    env = _make_plugin(tmp_path, source, "ourpaper_rules:RULES")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_lintnews("check", "a.txt", cwd=tmp_path, env=env)
    assert result.returncode == 1 and "OUR01" in result.stdout, result.stderr
    assert flag.read_text(encoding="utf-8") == "ran"


def test_entry_point_may_name_a_folder_of_toml_packs(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "house.toml").write_text(textwrap.dedent("""
        [[rule]]
        code = "OUR02"
        name = "boondoggle-word"
        category = "loaded-language"
        message = "'{match}' editorialises."
        phrases = ["boondoggle"]
        [rule.examples]
        bad = ["The plan is a boondoggle."]
        good = ["The plan is costly."]
    """), encoding="utf-8")
    env = _make_plugin(tmp_path, f"PACKS = {str(packs)!r}\n", "ourpaper_rules:PACKS")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_lintnews("check", "a.txt", "--select", "OUR02", cwd=tmp_path, env=env)
    assert result.returncode == 1 and "OUR02" in result.stdout, result.stderr


def test_a_plugin_that_fails_to_import_is_a_clear_error(tmp_path: Path) -> None:
    env = _make_plugin(tmp_path, "import no_such_module_anywhere\n", "ourpaper_rules:RULES")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_lintnews("check", "a.txt", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "ourpaper" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_rule_that_raises_is_reported_and_other_rules_still_run(tmp_path: Path) -> None:
    source = CODE_PLUGIN.replace('start = doc.prose.find("boondoggle")',
                                 'raise RuntimeError("broken rule")')
    env = _make_plugin(tmp_path, source, "ourpaper_rules:RULES")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_lintnews("check", "a.txt", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "internal error in rule OUR01" in result.stderr and "broken rule" in result.stderr
    assert "LN301" in result.stdout  # the built-in rules' findings are still produced
    assert "Traceback" not in result.stderr


def test_local_pack_folder_from_config(tmp_path: Path) -> None:
    house = tmp_path / "style" / "house"
    house.mkdir(parents=True)
    (house / "words.toml").write_text(textwrap.dedent("""
        [pack]
        name = "house"
        [[rule]]
        code = "HOUSE01"
        name = "house-boondoggle"
        category = "style"
        type = "substitution"
        message = "House style: write {suggestion}, not '{match}'."
        swap = { "boondoggle" = "costly project" }
        [rule.examples]
        bad = ["The plan is a boondoggle."]
        good = ["The plan is a costly project."]
    """), encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text('rule-packs = ["style/house"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_lintnews("check", "a.txt", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert '"HOUSE01"' in result.stdout and "costly project" in result.stdout
    assert "style/house" in run_lintnews("rules", cwd=tmp_path).stdout


def test_a_broken_pack_names_the_file_and_exits_2(tmp_path: Path) -> None:
    house = tmp_path / "house"
    house.mkdir()
    (house / "bad.toml").write_text("[[rule]\ncode = 'X'\n", encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text('rule-packs = ["house"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_lintnews("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "bad.toml" in result.stderr and "Traceback" not in result.stderr


def test_a_pack_rule_with_an_unknown_key_or_duplicate_code_is_an_error(tmp_path: Path) -> None:
    house = tmp_path / "house"
    house.mkdir()
    rule = textwrap.dedent("""
        [[rule]]
        code = "LN101"
        name = "my-misnegation"
        category = "logic"
        message = "m"
        phrases = ["x"]
    """)
    (house / "dup.toml").write_text(rule, encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text('rule-packs = ["house"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_lintnews("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "LN101" in result.stderr and "twice" in result.stderr
    (house / "dup.toml").write_text(rule.replace("LN101", "HOUSE02").replace("phrases",
                                    "phrasez"), encoding="utf-8")
    result = run_lintnews("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "phrasez" in result.stderr


def test_catastrophic_regex_in_a_pack_is_rejected(tmp_path: Path) -> None:
    write_house_pack(tmp_path, """
        [[rule]]
        code = "HOUSE03"
        name = "slow"
        category = "style"
        message = "m"
        patterns = ["(a+)+$"]
    """, file="slow.toml")
    (tmp_path / "a.txt").write_text("Headline\n\n" + "a" * 40 + "!\n", encoding="utf-8")
    result = run_lintnews("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "nested repetition" in result.stderr
