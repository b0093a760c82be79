"""Output formats: SARIF 2.1.0, Checkstyle XML, GitHub workflow commands, text and JSON.

Every format must be written from the same findings, and each must survive the characters
that its syntax reserves (XML's < & and quotes, GitHub's % : , and line breaks).
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from helpers import invoke

from lintnews.engine.rule_types import Finding, Severity
from lintnews.output import formatter
from lintnews.report import Report

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed-article.txt"
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

TEXT_LINE_RE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>LN\d+) .+")
GITHUB_LINE_RE = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<data>.*)$")
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}

# A house-vocabulary config whose messages carry XML-special characters, GitHub-special
# characters, and (for a term matched across a line break) a newline.
CONFIG = r'''
[vocabulary.reject]
"Kiev city" = "Kyiv"
"AT&T" = "say \"<AT&T>\" or 'the firm'"
"100%" = "all: every, one"
'''
ODD_ARTICLE = ("Title\n\n"
               "They met in Kiev\ncity with AT&T staff, 100% of them.\n\n"
               "The stakes are impossible to understate.\n")


pytestmark = pytest.mark.usefixtures("rules_loaded_once")




def unescape_github(value: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","),
                         ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def parse_github(output: str) -> list[dict]:
    out = []
    for line in output.splitlines():
        m = GITHUB_LINE_RE.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = {}
        for pair in m["props"].split(","):
            key, sep, value = pair.partition("=")
            assert sep, line
            props[key] = value
        out.append({"level": m["level"], "props": props, "data": m["data"], "raw": line})
    return out


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formats")
    (root / "lintnews.toml").write_text(CONFIG, encoding="utf-8")
    news = root / "news"
    news.mkdir()
    shutil.copy(SEED, news / "seed-article.txt")
    (news / "odd a,b%c.md").write_text(ODD_ARTICLE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def outputs(workspace: Path) -> dict[str, str]:
    """Each format for the same two files, from the workspace folder."""
    mp = pytest.MonkeyPatch()
    mp.chdir(workspace)
    try:
        out = {}
        for fmt in ("text", "json", "sarif", "github", "checkstyle"):
            result = invoke("check", "--format", fmt, "news")
            assert result.exit_code == 1, (fmt, result.output)
            assert result.stderr == ""
            out[fmt] = result.stdout
        return out
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def findings(outputs: dict[str, str]) -> list[dict]:
    found = json.loads(outputs["json"])["findings"]
    assert len(found) > 10
    return found


# --- every format, same findings ----------------------------------------------------------


def test_the_workspace_yields_the_special_messages(findings: list[dict]):
    messages = [f["message"] for f in findings if f["code"] == "LN504"]
    assert any("<AT&T>" in m and '"' in m and "'" in m for m in messages)
    assert any("\n" in m for m in messages), "a term matched across a line break"
    assert any("all: every, one" in m for m in messages)


def test_every_format_reports_the_same_findings(outputs: dict[str, str], findings: list[dict]):
    expected = sorted((Path(f["path"]).as_posix(), f["line"], f["column"], f["code"])
                      for f in findings)

    text_lines = outputs["text"].splitlines()
    parsed_text = [TEXT_LINE_RE.match(line) for line in text_lines[:-1]]
    assert all(parsed_text), text_lines
    assert len(text_lines) == len(findings) + 1
    assert sorted((Path(m["path"]).as_posix(), int(m["line"]), int(m["col"]), m["code"])
                  for m in parsed_text) == expected

    sarif = json.loads(outputs["sarif"])
    results = sarif["runs"][0]["results"]
    from_sarif = []
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        region = loc["region"]
        path = unquote_uri(loc["artifactLocation"]["uri"])
        from_sarif.append((path, region["startLine"], region["startColumn"], r["ruleId"]))
    assert sorted(from_sarif) == expected

    root = ET.fromstring(outputs["checkstyle"])
    from_checkstyle = []
    for file in root.iter("file"):
        for error in file.iter("error"):
            code = error.get("source").split(".")[1]
            from_checkstyle.append((Path(file.get("name")).as_posix(), int(error.get("line")),
                                    int(error.get("column")), code))
    assert sorted(from_checkstyle) == expected

    from_github = []
    for cmd in parse_github(outputs["github"]):
        props = cmd["props"]
        from_github.append((Path(unescape_github(props["file"])).as_posix(), int(props["line"]),
                            int(props["col"]), unescape_github(props["title"]).split()[0]))
    assert sorted(from_github) == expected


# --- text ---------------------------------------------------------------------------------


def test_text_is_one_line_per_finding_even_when_a_message_has_a_line_break(
        outputs: dict[str, str], findings: list[dict]):
    lines = outputs["text"].splitlines()
    assert len(lines) == len(findings) + 1
    multi = [f for f in findings if "\n" in f["message"]]
    assert multi
    for f in multi:
        prefix = f"{f['path']}:{f['line']}:{f['column']}: {f['code']} "
        [line] = [line for line in lines if line.startswith(prefix) and "Kiev" in line]
        assert "Kiev city" in line


# --- SARIF --------------------------------------------------------------------------------


def unquote_uri(uri: str) -> str:
    from urllib.parse import unquote

    return unquote(uri)


URI_REFERENCE_RE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")


def test_sarif_validates_against_the_2_1_0_schema(outputs: dict[str, str]):
    document = json.loads(outputs["sarif"])
    validator_class = jsonschema.validators.validator_for(SARIF_SCHEMA)
    validator_class.check_schema(SARIF_SCHEMA)
    errors = sorted(validator_class(SARIF_SCHEMA).iter_errors(document), key=str)
    assert errors == [], "\n".join(e.message for e in errors[:5])
    assert document["version"] == "2.1.0"
    assert "sarif" in document["$schema"]


def test_sarif_schema_check_is_not_vacuous():
    validator = jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA)
    assert not validator.is_valid({"version": "2.1.0", "runs": [{"results": []}]})
    assert not validator.is_valid({"version": "2.0.0", "runs": []})


def test_sarif_results_carry_levels_regions_and_rules(outputs: dict[str, str],
                                                      findings: list[dict]):
    run = json.loads(outputs["sarif"])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "lintnews"
    results = run["results"]
    assert len(results) == len(findings)
    assert {f["severity"] for f in findings} == {"error", "warning", "info"}
    for f, r in zip(findings, results, strict=True):
        assert r["ruleId"] == f["code"]
        assert r["level"] == SARIF_LEVELS[f["severity"]]
        assert r["message"]["text"] == f["message"]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (f["line"], f["column"])
        assert (region["endLine"], region["endColumn"]) == (f["end_line"], f["end_column"])
        if "charOffset" in region:
            assert region["charOffset"] == f["offset"]
            assert region["charLength"] == f["end_offset"] - f["offset"]
        rule = rules[r["ruleIndex"]]
        assert rule["id"] == f["code"]
    assert {r["id"] for r in rules} == {f["code"] for f in findings}
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")


def test_sarif_artifact_uris_are_valid_uri_references(outputs: dict[str, str]):
    run = json.loads(outputs["sarif"])["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]}
    assert {unquote_uri(u) for u in uris} == {"news/seed-article.txt", "news/odd a,b%c.md"}
    for uri in uris:
        assert URI_REFERENCE_RE.match(uri), f"not a valid URI reference: {uri!r}"


def test_sarif_with_no_findings_is_still_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.md").write_text("Title\n\nThe minister met officials.\n",
                                       encoding="utf-8")
    result = invoke("check", "--format", "sarif", "clean.md")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["runs"][0]["results"] == []
    validator = jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA)
    assert validator.is_valid(document)


# --- Checkstyle ---------------------------------------------------------------------------


def test_checkstyle_is_well_formed_and_round_trips_messages(outputs: dict[str, str],
                                                            findings: list[dict]):
    assert outputs["checkstyle"].startswith("<?xml")
    root = ET.fromstring(outputs["checkstyle"])
    assert root.tag == "checkstyle"
    files = root.findall("file")
    assert {f.get("name") for f in files} == {str(Path("news/seed-article.txt")),
                                               str(Path("news/odd a,b%c.md"))}
    by_key = {(f["path"], f["line"], f["column"], f["code"]): f for f in findings}
    count = 0
    for file in files:
        for error in file.findall("error"):
            count += 1
            assert set(error.attrib) >= {"line", "column", "severity", "message", "source"}
            source = error.get("source")
            assert source.startswith("lintnews.")
            code = source.split(".")[1]
            f = by_key[(file.get("name"), int(error.get("line")), int(error.get("column")),
                        code)]
            assert error.get("severity") == f["severity"]
            assert error.get("message") == f["message"]
    assert count == len(findings)
    special = [e.get("message") for e in root.iter("error") if "<AT&T>" in e.get("message")]
    assert special and '"' in special[0] and "'" in special[0]


def test_checkstyle_drops_characters_xml_cannot_carry():
    finding = Finding(path="a.md", line=1, column=1, end_line=1, end_column=2, offset=0,
                      end_offset=1, code="LN999", name="x", category="style",
                      severity=Severity.WARNING, message="bell \x07 and <tag> & \"q\"")
    out = formatter("checkstyle")(Report(findings=[finding], rules={}, files=1))
    error = ET.fromstring(out).find("file/error")
    assert error.get("message") == "bell  and <tag> & \"q\""


# --- GitHub workflow commands -------------------------------------------------------------


def test_github_commands_match_workflow_syntax(outputs: dict[str, str], findings: list[dict]):
    commands = parse_github(outputs["github"])
    assert len(commands) == len(findings)
    for f, cmd in zip(findings, commands, strict=True):
        props = cmd["props"]
        assert cmd["level"] == GITHUB_LEVELS[f["severity"]]
        assert list(props)[:3] == ["file", "line", "col"]
        assert "title" in props
        assert unescape_github(props["file"]) == f["path"]
        assert int(props["line"]) == f["line"] and int(props["col"]) == f["column"]
        if f["end_line"] == f["line"]:
            assert int(props["endColumn"]) == f["end_column"]
        else:
            assert int(props["endLine"]) == f["end_line"]
        assert unescape_github(props["title"]).split()[0] == f["code"]
        assert unescape_github(cmd["data"]) == f["message"]


def test_github_escapes_properties_and_data(outputs: dict[str, str]):
    commands = parse_github(outputs["github"])
    for cmd in commands:
        for value in cmd["props"].values():
            # ',' separates properties and ':' ends them, so neither may appear raw.
            assert not re.search(r"[,:\r\n]", value)
            assert re.fullmatch(r"(?:[^%]|%25|%0D|%0A|%3A|%2C)*", value), value
        assert re.fullmatch(r"(?:[^%\r\n]|%25|%0D|%0A)*", cmd["data"]), cmd["data"]
    odd = [c for c in commands if "odd" in c["props"]["file"]]
    assert odd and all(c["props"]["file"] == "news/odd a%2Cb%25c.md" for c in odd)
    raw = "\n".join(c["raw"] for c in commands)
    assert "Kiev%0Acity" in raw
    assert "::House style rejects '100%25'; write 'all: every, one'." in raw


def test_github_escaping_rules_exactly():
    finding = Finding(path="dir:1/a,b%c\nd.md", line=2, column=3, end_line=2, end_column=9,
                      offset=10, end_offset=16, code="LN999", name="x,y:z",
                      category="style", severity=Severity.INFO,
                      message="100% sure: a, b\r\nc")
    out = formatter("github")(Report(findings=[finding], rules={}, files=1))
    assert out == ("::notice file=dir%3A1/a%2Cb%25c%0Ad.md,line=2,col=3,endColumn=9,"
                   "title=LN999 x%2Cy%3Az::100%25 sure: a, b%0D%0Ac\n")


def test_github_format_with_no_findings_prints_nothing(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.md").write_text("Title\n\nThe minister met officials.\n",
                                       encoding="utf-8")
    result = invoke("check", "--format", "github", "clean.md")
    assert result.exit_code == 0
    assert result.stdout == ""


# --- JSON ---------------------------------------------------------------------------------


def test_json_summary_counts_match_findings(outputs: dict[str, str], findings: list[dict]):
    summary = json.loads(outputs["json"])["summary"]
    assert summary["files"] == 2
    assert summary["findings"] == len(findings)
    for level in ("error", "warning", "info"):
        assert summary["by_severity"][level] == sum(f["severity"] == level for f in findings)
    assert sum(summary["by_rule"].values()) == len(findings)
    assert sum(summary["by_category"].values()) == len(findings)
