"""From batch results to rates: findings per 1,000 words for every rule and category in each
group, the most frequent flagged phrases, and the change from one period to the next.

Batches are added in index order, whichever engine linted them and whenever (a resumed run
adds its checkpoints), so the summary is the same for any engine, job count or interruption.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from lintnews.audit.batches import BatchResult

TOP_PHRASES = 5
PERIODS = ("month", "year")  # the group keys that are periods, finest first
ALL = "all"  # the group of a run without --by


def rate(findings: int, words: int) -> float:
    """Findings per 1,000 words, rounded so that every engine prints the same figure."""
    return round(findings * 1000 / words, 4) if words else 0.0


@dataclass
class Tally:
    documents: int = 0
    words: int = 0
    findings: int = 0
    errors: int = 0


@dataclass
class Aggregate:
    """Counts gathered batch by batch (`add`), then read as rows (`summary`)."""

    by: tuple[str, ...]
    groups: dict[tuple[str, ...], Tally] = field(default_factory=lambda: defaultdict(Tally))
    # group → code (or category) → findings; (group, code) → flagged phrase → findings
    rules: dict[tuple[str, ...], Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter))
    categories: dict[tuple[str, ...], Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter))
    phrases: dict[tuple[tuple[str, ...], str], Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter))
    rule_meta: dict[str, tuple[str, str]] = field(default_factory=dict)  # code → name, category
    # Rates over time, whatever the grouping: for the dashboard's chart.
    timeline: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    timeline_categories: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter))
    errors: list[str] = field(default_factory=list)

    def group_of(self, record: dict[str, Any]) -> tuple[str, ...]:
        return tuple(record[key] for key in self.by) if self.by else (ALL,)

    def period_of(self, record: dict[str, Any]) -> str:
        return record["month"] if "month" in self.by else record["year"]

    def add(self, result: BatchResult) -> None:
        groups = [self.group_of(doc) for doc in result.documents]
        periods = [self.period_of(doc) for doc in result.documents]
        for doc, group, period in zip(result.documents, groups, periods, strict=True):
            tally = self.groups[group]
            tally.documents += 1
            if doc["error"]:
                tally.errors += 1
                self.errors.append(doc["error"])
                continue
            tally.words += doc["words"]
            tally.findings += doc["findings"]
            moment = self.timeline[period]
            moment.documents += 1
            moment.words += doc["words"]
            moment.findings += doc["findings"]
        columns = result.findings
        for document, code, name, category, phrase in zip(
                columns["document"], columns["code"], columns["name"], columns["category"],
                columns["phrase"], strict=True):
            group = groups[document]
            self.rule_meta.setdefault(code, (name, category))
            self.rules[group][code] += 1
            self.categories[group][category] += 1
            self.phrases[group, code][" ".join(phrase.lower().split())] += 1
            self.timeline_categories[periods[document]][category] += 1

    def add_all(self, results: Iterable[BatchResult]) -> None:
        for result in results:
            self.add(result)

    # --- reading ----------------------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        """Everything summary.json holds (and summary.csv and the dashboard show)."""
        groups = []
        for group in sorted(self.groups, key=_known_first):
            tally = self.groups[group]
            rules = sorted(
                ({"code": code, "name": self.rule_meta[code][0],
                  "category": self.rule_meta[code][1], "findings": count,
                  "per_1000_words": rate(count, tally.words),
                  "top_phrases": _top(self.phrases[group, code])}
                 for code, count in self.rules[group].items()),
                key=lambda r: (-r["findings"], r["code"]))
            categories = sorted(
                ({"category": category, "findings": count,
                  "per_1000_words": rate(count, tally.words)}
                 for category, count in self.categories[group].items()),
                key=lambda c: (-c["findings"], c["category"]))
            groups.append({
                "keys": dict(zip(self.by, group, strict=True)) if self.by else {ALL: ALL},
                "documents": tally.documents, "words": tally.words,
                "findings": tally.findings, "errors": tally.errors,
                "per_1000_words": rate(tally.findings, tally.words),
                "rules": rules, "categories": categories})
        total = Tally()
        for tally in self.groups.values():
            total.documents += tally.documents
            total.words += tally.words
            total.findings += tally.findings
            total.errors += tally.errors
        return {
            "by": list(self.by),
            "totals": {"documents": total.documents, "words": total.words,
                       "findings": total.findings, "errors": total.errors,
                       "per_1000_words": rate(total.findings, total.words)},
            "groups": groups,
            "changes": self._changes(groups),
            "timeline": self._timeline(),
        }

    def _changes(self, groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each rule's and category's rate against the previous period of the same other keys
        (the period: --by month, else --by year; none without either)."""
        period = next((p for p in PERIODS if p in self.by), None)
        if period is None:
            return []
        series: dict[tuple[tuple[tuple[str, str], ...], str, str], list[tuple[str, float]]] = \
            defaultdict(list)
        for group in groups:
            keys = group["keys"]
            others = tuple((k, v) for k, v in keys.items() if k not in PERIODS)
            when = keys[period]
            for row in group["rules"]:
                series[others, "rule", row["code"]].append((when, row["per_1000_words"]))
            for row in group["categories"]:
                series[others, "category", row["category"]].append((when, row["per_1000_words"]))
            series[others, "all", ALL].append((when, group["per_1000_words"]))
        # Periods where a rule did not fire have a rate of 0: fill them in from the groups.
        periods_of: dict[tuple[tuple[str, str], ...], set[str]] = defaultdict(set)
        for group in groups:
            keys = group["keys"]
            if group["words"]:
                periods_of[tuple((k, v) for k, v in keys.items() if k not in PERIODS)].add(
                    keys[period])
        changes = []
        for (others, scope, name), points in sorted(series.items()):
            rates = dict(points)
            known = sorted(p for p in periods_of[others] if not p.startswith("("))
            for previous, current in pairwise(known):
                before, after = rates.get(previous, 0.0), rates.get(current, 0.0)
                if before == after == 0.0:
                    continue
                changes.append({**dict(others), "scope": scope, "name": name,
                                "from": previous, "to": current,
                                "per_1000_words_before": before, "per_1000_words_after": after,
                                "change": round(after - before, 4)})
        return changes

    def _timeline(self) -> list[dict[str, Any]]:
        rows = []
        for when in sorted(self.timeline, key=lambda w: _known_first((w,))):
            tally = self.timeline[when]
            categories = {category: rate(count, tally.words)
                          for category, count in sorted(self.timeline_categories[when].items())}
            rows.append({"period": when, "documents": tally.documents, "words": tally.words,
                         "findings": tally.findings,
                         "per_1000_words": rate(tally.findings, tally.words),
                         "categories": categories})
        return rows


def _known_first(keys: tuple[str, ...]) -> tuple[tuple[bool, str], ...]:
    """Groups in order of their keys, with a key not found ("(unknown)") after the rest."""
    return tuple((key.startswith("("), key) for key in keys)


def _top(phrases: Counter[str]) -> list[list[Any]]:
    ranked = sorted(phrases.items(), key=lambda item: (-item[1], item[0]))
    return [[phrase, count] for phrase, count in ranked[:TOP_PHRASES]]
