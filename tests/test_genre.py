"""Genres: how a file's genre is decided, and what it does to the findings.

Front matter (with aliases and "Sport/Football"), [genre.paths], the content guess (on
articles written for it, and on the Wikinews corpus, which is news), the precedence of
severities, "off", --fail-on, --genre, bad [genre] configs, the README's table and worked
example.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import invoke, run_lintnews, write

from lintnews.config import OFF, Settings, parse_settings
from lintnews.document.build import build_document
from lintnews.engine.genre import (
    DEFAULT_GENRE,
    builtin_genres,
    decide_genre,
    genre_for_value,
    guess_genre,
    severity_resolver,
)
from lintnews.engine.rule_types import Severity
from lintnews.markup import read_prose
from lintnews.markup.frontmatter import front_matter_values

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SAMPLES = ROOT / "tests" / "data" / "genre"
CORPUS = ROOT / "benchmarks" / "corpus" / "news" / "articles"
# The corpus articles the guess calls sports, each read (headline and first paragraph) and
# judged a match report: three rounds of the 2020 Sunshine Coast rugby union season. Every
# other article is news, and is not guessed. (Warholm's 400 m hurdles gold, wn0124, is sports
# too, but shows only four different cues: a miss, which costs less than a wrong guess.)
CORPUS_SPORTS = {"wn0255.txt", "wn0257.txt", "wn0259.txt"}

INSIST = "Rovers manager Helen Marsh slammed the referee after the match.\n"  # LN202
PREDICTION = "Rovers will probably win the league next season.\n"  # LN303
WEASEL = "Critics argue the club will be relegated.\n"  # LN301
PUFFERY = "The legendary coach will retire at the end of the season.\n"  # LN204

pytestmark = pytest.mark.usefixtures("rules_loaded_once")






def lint_json(*args: str, stdin: str | None = None) -> dict:
    result = invoke("check", "--format", "json", *args, stdin=stdin)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def found(*args: str, stdin: str | None = None) -> dict[str, str]:
    """code → severity of the findings."""
    return {f["code"]: f["severity"] for f in lint_json(*args, stdin=stdin)["findings"]}


def article(front_matter: str = "", *body: str) -> str:
    head = f"---\n{front_matter}---\n\n" if front_matter else ""
    return head + "# Headline\n\n" + "\n".join(body)


def document(text: str, name: str = "a.md"):
    return build_document(name, text, read_prose(text, name))


@pytest.fixture
def tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- front matter ---------------------------------------------------------------------------


@pytest.mark.parametrize(("front", "value"), [
    ("genre: sports\n", "sports"),
    ("genre: 'Film Review'  \n", "Film Review"),
    ('genre: "op-ed"\n', "op-ed"),
    ("genre: sport # the desk\n", "sport"),
    ("genre: [review, film]\n", "review"),
    ('genre: ["Letters", "Opinion"]\n', "Letters"),
    ("genre:\n  - cricket\n  - news\n", "cricket"),
])
def test_front_matter_value_yaml(front: str, value: str) -> None:
    text = f"---\ntitle: A headline\n{front}---\n\nBody.\n"
    assert front_matter_values(text, ["genre"]) == {"genre": value}


def test_front_matter_value_toml_and_nesting() -> None:
    text = '+++\ntitle = "A"\nsection = "Sport/Football"\n[params]\ngenre = "review"\n+++\n\nB.\n'
    assert front_matter_values(text, ["genre", "section"]) == {"section": "Sport/Football"}
    yaml = "---\nmeta:\n  genre: review\ntype: Opinion\n---\n\nB.\n"
    assert front_matter_values(yaml, ["genre", "type"]) == {"type": "Opinion"}
    assert front_matter_values("No front matter.\n", ["genre"]) == {}


@pytest.mark.parametrize(("value", "genre"), [
    ("sports", "sports"), ("SPORT", "sports"), ("Cricket", "sports"), ("Rugby Union", "sports"),
    ("Sport/Football", "sports"), ("sport > rugby", "sports"), ("Film Review", "review"),
    ("critique", "review"), ("Op-Ed", "opinion"), ("Editorial", "opinion"),
    ("Letters to the Editor", "comments"), ("reader comments", "comments"),
    ("Markets", "business"), ("money", "business"), ("news", "news"),
    ("world", "news"), ("lifestyle", None), ("travel/europe", None),
])
def test_front_matter_values_name_genres(value: str, genre: str | None) -> None:
    assert genre_for_value(value, Settings()) == genre


def test_front_matter_decides_through_the_cli(tmp: Path) -> None:
    body = (INSIST, PREDICTION)
    write(tmp / "news.md", article("", *body))
    write(tmp / "sport.md", article("title: Derby\nsection: Sport/Football\n", *body))
    write(tmp / "other.md", article("section: lifestyle\n", *body))
    summary = lint_json("news.md", "sport.md", "other.md")["summary"]
    assert summary["genres"] == {"news.md": "news", "sport.md": "sports", "other.md": "news"}
    assert summary["by_genre"] == {"news": 2, "sports": 1}
    assert found("news.md") == {"LN202": "warning", "LN303": "warning"}
    assert found("sport.md") == {"LN202": "info"}  # LN303 is off in sports


def test_first_front_matter_key_that_names_a_genre_wins(tmp: Path) -> None:
    write(tmp / "a.md", article("genre: review\nsection: sport\n", PUFFERY, INSIST))
    write(tmp / "b.md", article("genre: feature\nsection: sport\n", PUFFERY, INSIST))
    assert lint_json("a.md", "b.md")["summary"]["genres"] == {"a.md": "review", "b.md": "sports"}
    write(tmp / "lintnews.toml", '[genre]\nkeys = ["section"]\n')
    assert lint_json("a.md")["summary"]["genres"] == {"a.md": "sports"}


def test_config_aliases_and_a_genre_of_ones_own(tmp: Path) -> None:
    write(tmp / "lintnews.toml", '[genre.aliases]\n"Match Report" = "sports"\n'
          '"obituaries" = "obituary"\n\n[genre.severity.obituary]\nLN204 = "off"\n')
    write(tmp / "a.md", article("type: match report\n", PREDICTION))
    write(tmp / "b.md", article("section: Obituaries\n", PUFFERY))
    assert lint_json("a.md", "b.md")["summary"]["genres"] == {"a.md": "sports",
                                                            "b.md": "obituary"}
    assert found("b.md") == {}
    assert found("--genre", "obituary", "a.md") == {"LN303": "warning"}


def test_paths_decide_after_front_matter(tmp: Path) -> None:
    write(tmp / "desk" / "lintnews.toml", '[genre.paths]\n"sport/**" = "sports"\n'
          '"reviews/*.md" = "review"\n')
    write(tmp / "desk" / "sport" / "2024" / "derby.md", article("", PREDICTION))
    write(tmp / "desk" / "sport" / "column.md", article("genre: opinion\n", PREDICTION))
    write(tmp / "desk" / "reviews" / "film.md", article("", PUFFERY))
    write(tmp / "desk" / "world" / "x.md", article("", PREDICTION))
    genres = lint_json("desk")["summary"]["genres"]
    assert {Path(k).as_posix(): v for k, v in genres.items()} == {
        "desk/sport/2024/derby.md": "sports", "desk/sport/column.md": "opinion",
        "desk/reviews/film.md": "review", "desk/world/x.md": "news"}


# --- the content guess ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "genre"), [
    ("sports-match-report.md", "sports"), ("film-review.md", "review"),
    ("opinion-column.md", "opinion"), ("reader-comments.md", "comments"),
    ("business-markets.md", "business"),
])
def test_guess_on_articles_of_each_genre(name: str, genre: str) -> None:
    assert guess_genre(document((SAMPLES / name).read_text(encoding="utf-8"), name)) == genre


def test_guess_needs_strong_evidence() -> None:
    # A news story about a sport, with a score and a coach, is still news.
    news = ("# Coach arrested after cup final\n\n"
            "Police arrested the head coach of a football club on Monday on suspicion of fraud, "
            "two days after his side won the cup final 2-1. The club's chairman said the board "
            "was co-operating fully with the investigation and had suspended the coach. "
            "Prosecutors said the case concerned payments made between 2019 and 2022 to a "
            "company owned by the coach's brother, and that further arrests were possible. "
            "The football association said it was aware of the arrest and would not comment "
            "while the police investigation continued. The club's next match is on Saturday.\n")
    assert guess_genre(document(news)) is None
    # First person inside quotations is the source's voice, not the writer's.
    quoted = ("# Residents protest bus cuts\n\n" + (
        '"I think the council has stopped caring about us, and we must fight this," said '
        "Jane Hill, who has lived in the town for forty years. \"In my view the timetable is a "
        'disgrace. I believe we need to keep protesting," she told reporters on Tuesday.\n\n') * 3)
    assert guess_genre(document(quoted)) is None
    assert guess_genre(document("# Opinion: short\n\nI think we must act.\n")) is None
    # An economy story on the news pages names rates and analysts, not a market report's
    # shares, results and investors together.
    economy = ("# Government raises minimum wage\n\n" + (
        "The government said on Monday it would raise the minimum wage by 6 percent from April, "
        "citing inflation, which has run above the central bank's target for two years. Unions "
        "welcomed the rise but said it fell short of living costs. Economists said the increase "
        "could add to price pressures. Employers' groups said small businesses would struggle, "
        "and the opposition called for a review of the unemployment rate forecasts.\n\n") * 2)
    assert guess_genre(document(economy)) is None


def test_a_market_report_tones_down_routine_analyst_outlooks(tmp: Path) -> None:
    write(tmp / "markets.md", (SAMPLES / "business-markets.md").read_text(encoding="utf-8"))
    # "Analysts expect the central bank to hold rates": the desk's routine consensus
    assert found("markets.md")["LN301"] == "info"
    assert found("--genre", "news", "markets.md")["LN301"] == "warning"


def test_no_guess_on_the_wikinews_corpus_but_its_match_reports() -> None:
    """291 Wikinews articles: any guess but the judged match reports would hide findings."""
    guesses = {}
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        guessed = guess_genre(document(text, path.name))
        if guessed is not None:
            guesses[path.name] = guessed
    assert len(list(CORPUS.glob("*.txt"))) == 291
    assert guesses == dict.fromkeys(sorted(CORPUS_SPORTS), "sports")


def test_guess_can_be_turned_off(tmp: Path) -> None:
    write(tmp / "match.md", (SAMPLES / "sports-match-report.md").read_text(encoding="utf-8"))
    assert lint_json("match.md")["summary"]["genres"] == {"match.md": "sports"}
    write(tmp / "lintnews.toml", "[genre]\nguess = false\n")
    assert lint_json("match.md")["summary"]["genres"] == {"match.md": "news"}


# --- severities -----------------------------------------------------------------------------


def test_builtin_defaults_by_code_and_prefix() -> None:
    level = severity_resolver("comments", Settings())
    assert level("LN202") == OFF and level("LN305") == OFF and level("LN101") is None
    opinion = severity_resolver("opinion", Settings())
    assert opinion("LN202") == Severity.INFO and opinion("LN303") == OFF
    assert opinion("LN401") is None  # readability and style are not touched
    assert severity_resolver(DEFAULT_GENRE, Settings())("LN202") is None


def test_most_specific_entry_wins(tmp: Path) -> None:
    settings = parse_settings({"genre": {"severity": {"comments": {"LN20": "info",
                                                                   "LN204": "error"}}}},
                              tmp / "lintnews.toml", "lintnews.toml")
    level = severity_resolver("comments", settings)
    assert level("LN204") == Severity.ERROR
    assert level("LN202") == Severity.INFO  # LN20 beats the built-in LN2
    assert level("LN301") == OFF  # the built-in LN3 stays


def test_precedence_rule_genre_config_config_genre(tmp: Path) -> None:
    """rule default → built-in genre → [severity] → [genre.severity.GENRE]."""
    write(tmp / "a.md", article("genre: sports\n", INSIST, WEASEL))
    assert found("a.md") == {"LN202": "info", "LN301": "warning"}
    write(tmp / "lintnews.toml", '[severity]\nLN202 = "error"\nLN301 = "info"\n')
    assert found("a.md") == {"LN202": "error", "LN301": "info"}
    write(tmp / "lintnews.toml", '[severity]\nLN202 = "error"\nLN301 = "info"\n\n'
          '[genre.severity.sports]\nLN202 = "warning"\nLN301 = "off"\n')
    assert found("a.md") == {"LN202": "warning"}
    # The config's [genre.severity] of another genre changes nothing here.
    write(tmp / "lintnews.toml", '[genre.severity.review]\nLN202 = "error"\n')
    assert found("a.md") == {"LN202": "info", "LN301": "warning"}


def test_decision_order(tmp: Path) -> None:
    """--genre → front matter → [genre.paths] → guess → news."""
    match = (SAMPLES / "sports-match-report.md").read_text(encoding="utf-8")
    settings = parse_settings({"genre": {"paths": {"columns/*": "opinion"}}},
                              tmp / "lintnews.toml", "lintnews.toml")
    front = "---\ngenre: review\n---\n\n" + match
    assert decide_genre(document(front), settings, Path("columns/a.md"), "business") == "business"
    assert decide_genre(document(front), settings, Path("columns/a.md")) == "review"
    assert decide_genre(document(match), settings, Path("columns/a.md")) == "opinion"
    assert decide_genre(document(match), settings, Path("a.md")) == "sports"
    assert decide_genre(document(article("", INSIST)), settings, Path("a.md")) == "news"


def test_off_drops_findings_and_fail_on_follows(tmp: Path) -> None:
    write(tmp / "a.md", article("genre: sports\n", PREDICTION))
    result = invoke("check", "a.md")
    assert result.exit_code == 0, result.output
    assert "LN303" not in result.stdout
    write(tmp / "b.md", article("genre: sports\n", INSIST))
    assert invoke("check", "b.md").exit_code == 0  # LN202 is info in sports
    assert invoke("check", "--fail-on", "info", "b.md").exit_code == 1
    assert invoke("check", "--genre", "news", "b.md").exit_code == 1


def test_genre_option_with_standard_input(tmp: Path) -> None:
    text = article("", INSIST, PREDICTION, WEASEL)
    assert found("-", stdin=text) == {"LN202": "warning", "LN301": "warning",
                                      "LN303": "warning"}
    assert found("--genre", "comments", "-", stdin=text) == {}
    assert found("--genre", "Business", "-", stdin=text) == {
        "LN202": "warning", "LN301": "info", "LN303": "info"}
    assert lint_json("--genre", "comments", "-", stdin=text)["summary"]["genres"] == {
        "-": "comments"}


def test_statistics_count_files_per_genre(tmp: Path) -> None:
    write(tmp / "a.md", article("genre: sports\n", INSIST))
    write(tmp / "b.md", article("", INSIST))
    write(tmp / "c.md", article("", WEASEL))
    stats = json.loads(invoke("check", "--statistics", "--format", "json", ".").stdout)
    assert stats["by_genre"] == {"news": 2, "sports": 1}
    text = invoke("check", "--statistics", ".").stdout
    assert "Genres: 2 news, 1 sports." in text


def test_fix_keeps_the_genre(tmp: Path) -> None:
    """--fix relints the fixed text as the same genre: what is off stays unreported."""
    path = write(tmp / "a.md", article("", "The stakes are impossible to understate.\n",
                                       PREDICTION))
    result = invoke("check", "--fix", "--genre", "sports", "a.md")
    assert result.exit_code == 0, result.output
    assert "impossible to overstate" in path.read_text(encoding="utf-8")
    assert "LN303" not in result.output
    assert invoke("check", "--fix", "a.md").exit_code == 1  # as news, LN303 is reported


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(("config", "needles"), [
    ("[genre]\nguesses = true\n", ["'genre.guesses'", "unknown key"]),
    ("[genre]\nguess = \"yes\"\n", ["'genre.guess'", "true or false"]),
    ("[genre]\nkeys = 3\n", ["'genre.keys'", "list of strings"]),
    ("genre = \"sports\"\n", ["'genre'", "expected a table"]),
    ("[genre.paths]\n\"sport/**\" = \"Sports desk\"\n", ["'genre.paths.sport/**'",
                                                        "not a genre name"]),
    ("[genre.severity.sports]\nLN202 = \"loud\"\n", ["'genre.severity.sports.LN202'",
                                                    "error, warning, info or off"]),
    ("[genre.severity.sports]\nLN202 = 1\n", ["'genre.severity.sports.LN202'", "off"]),
    ("[genre.severity]\nsports = \"off\"\n", ["'genre.severity.sports'", "table"]),
    ("[genre.severity.sports]\nLN999 = \"off\"\n", ["'genre.severity.sports.LN999'",
                                                   "see `lintnews rules`"]),
    ("[genre.severity.sports]\npuffery = \"off\"\n", ["'genre.severity.sports.PUFFERY'",
                                                     "use the rule code 'LN204'"]),
])
def test_bad_genre_config_is_one_line_exit_2(tmp: Path, config: str,
                                             needles: list[str]) -> None:
    write(tmp / "lintnews.toml", config)
    write(tmp / "a.md", article("", INSIST))
    proc = run_lintnews("check", "a.md", cwd=tmp)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert "lintnews.toml" in line
    for needle in needles:
        assert needle in line, line
    assert proc.stdout == ""


def test_unknown_genre_option_lists_the_known_ones(tmp: Path) -> None:
    write(tmp / "a.md", article("", INSIST))
    result = invoke("check", "--genre", "sprots", "a.md")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "unknown genre 'sprots'" in line
    assert "business, comments, news, opinion, review, sports" in line
    assert result.stdout == ""


# --- the data and the README ----------------------------------------------------------------


def test_builtin_genres_name_real_rules(rules_loaded_once: None) -> None:
    from lintnews.ruleset import load_rules

    rules = load_rules()
    codes = [r.meta.code for r in rules]
    assert not any(r.meta.pack.endswith(":genres") for r in rules), "genres.toml is no pack"
    genres = builtin_genres()
    assert set(genres) == {"news", "sports", "review", "opinion", "comments", "business"}
    for genre in genres.values():
        assert genre.why, genre.name
        for key in genre.severity:
            assert any(code.startswith(key) for code in codes), (genre.name, key)
    aliases = [alias for genre in genres.values() for alias in genre.aliases]
    assert len(aliases) == len(set(aliases)), "an alias names two genres"


def test_readme_genre_table_matches_the_data() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "genre_table.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_readme_worked_example_runs_as_written(tmp: Path) -> None:
    section = README.read_text(encoding="utf-8").split("## Genres", 1)[1].split("\n## ", 1)[0]
    example = section.split("A worked example.", 1)[1]
    files = re.findall(r"`([\w./-]+)`:\n\n```\w+\n(.*?)```", example, re.S)
    assert [name for name, _ in files] == ["lintnews.toml", "sport/derby.md",
                                           "obituaries/ward.md"]
    for name, text in files:
        write(tmp / name, text)
    [console] = re.findall(r"```console\n\$ (.*?)\n(.*?)```", example, re.S)
    command, expected = console
    args = command.split()
    assert args[0] == "lintnews"
    result = invoke(*args[1:])
    assert result.exit_code == 1
    assert result.stdout == expected
    # "lints both as news and reports all four"
    again = invoke("check", "--genre", "news", "sport", "obituaries")
    assert again.stdout.count(": LN") == 4
