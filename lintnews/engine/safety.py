"""Regular expressions from user packs must not be able to hang the linter.

Python's engine backtracks, so some patterns take exponential or high-polynomial time on a
short input that almost matches: `(a+)+$` needs 2**n steps on n letters a and a `!`. A pack
is data, and nothing in it may hang a run, so every user pattern is parsed (never run) and
rejected when it has one of the shapes that backtrack catastrophically:

- a repeated part that can match nothing: `(a*)*`, `(a?)+`, `(a|)+`;
- ambiguous repetition, where the same text can be matched along two different paths that
  both return to the same point, so that n repetitions give 2**n paths to try: `(a+)+`,
  `((ab)+)+`, `(a|a)+`, `(a|aa)+`, `(\\w+\\s*)+`, `(.*a){20}`. This is decided exactly on
  the pattern's position automaton (Glushkov's construction, counting the distinct ways of
  reaching each position), after Weideman et al., "Analyzing matching time behavior of
  backtracking regular expression matchers by using ambiguity of NFA" (2016);
- runs of repetitions over the same characters whose choices multiply beyond a small
  budget (polynomial backtracking): `a*a*a*b`, `.*.*.*=`, thirty `a?` in a row. Two
  unbounded ones (`.*a.*`) are accepted.

The checks look at character classes through a small set of representative characters (the
pattern's own literals and range ends, and a fixed sample of letters, digits, spaces and
punctuation), so they err on the side of rejecting. Backreferences are not allowed, and
patterns are kept short. tests/test_bad_input.py times every pattern of the classic families
that passes, and tests/test_fuzz.py generates random patterns and times those that pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lintnews import regex_internals as _sre_parse
from lintnews.cache.patterns import regex
from lintnews.regex_internals import constants as _sre

MAX_PATTERN_LENGTH = 500
_BACKREFERENCE_RE = regex(r"\\[1-9]|\(\?P=")
_QUANTIFIER_RE = regex(r"[*+?{]")

# A run of repetitions over shared characters may multiply its choices up to this budget:
# two unbounded quantifiers (`.*a.*`, quadratic) are fine, three (`.*.*.*`) are not.
_N = 32  # what an unbounded quantifier counts as
_CHOICE_BUDGET = _N * _N
_MAX_DEGREE = 2  # loops that can share the same text one after another: .*a.* is 2
_MAX_WAYS = 4096  # the most ways one text may be matched along different paths: (a|a a)?x10
_UNROLL = 8  # counted repetitions up to {m,8} are unrolled exactly; larger ones loop
_MAX_POSITIONS = 1000
# Work the checks may do on one pattern (steps through product automata), so that a hostile
# pattern cannot make the check itself slow: past it, the pattern is rejected as too complex.
_MAX_STEPS = 300_000
TOO_COMPLEX = "regular expression too complex to check; simplify it"

_MAXREPEAT = _sre.MAXREPEAT
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT}
_POSSESSIVE = {getattr(_sre, "POSSESSIVE_REPEAT", None)} - {None}
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)
_LOOKAROUND = {_sre.ASSERT, _sre.ASSERT_NOT}
_ZERO_WIDTH = {_sre.AT} | _LOOKAROUND
_CHAR_OPS = {_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN}

# Characters that stand for the classes a pattern can use; each pattern adds its own literals
# and range ends, so two classes that share a character share one of these.
_BASE_ALPHABET = "aAzZ09_ \t\n\r\x0b\x0c.,;:!?-'\"()[]/\\*+$#@%&=<>|~`^{}éÉß中\u00a0\u2028😀"
_CATEGORY_RE = {
    "CATEGORY_DIGIT": regex(r"\d"), "CATEGORY_NOT_DIGIT": regex(r"\D"),
    "CATEGORY_SPACE": regex(r"\s"), "CATEGORY_NOT_SPACE": regex(r"\S"),
    "CATEGORY_WORD": regex(r"\w"), "CATEGORY_NOT_WORD": regex(r"\W"),
}

NULLABLE_REPEAT = ("nested repetition of a part that can match nothing, such as (a*)* or "
                   "(a?)+, can hang the linter; rewrite it")
AMBIGUOUS_REPEAT = ("nested repetition such as (a+)+ or (a|aa)+ can hang the linter: the same "
                    "text can be matched in more than one way, and every way is tried; rewrite "
                    "it so that each character has one way to match (e.g. (a+)+ as a+, "
                    "(\\w+\\s*)+ as \\w+(\\s+\\w+)*)")
TOO_MANY_WAYS = ("optional or alternative parts that can match the same text, such as "
                 "(a )?(a )?(a )?... or a?a?a?..., can hang the linter: the same text can be "
                 "matched in too many ways; rewrite it with fewer optional parts")
CAPTURE_IN_POSSESSIVE = ("a capturing group inside a possessive repetition, such as (?:(a)|b)++, "
                         "trips a bug in Python's re module; use a non-capturing group (?:...)")
MATCHES_EMPTY = ("can match empty text, so every position of an article would be a finding; "
                 "make at least one character required")
TOO_MANY_CHOICES = ("repetitions in a row over the same characters, such as a*a*a* or .*.*.*, "
                    "can hang the linter; rewrite it with fewer quantifiers")


def check_user_regex(pattern: str) -> None:
    """Reject patterns that could backtrack catastrophically (without running them)."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(f"regular expression longer than {MAX_PATTERN_LENGTH} characters")
    if _BACKREFERENCE_RE.search(pattern):
        raise ValueError("backreferences are not allowed")
    _check_structure(pattern)


@lru_cache(maxsize=4096)
def _check_structure(pattern: str) -> None:
    if not _QUANTIFIER_RE.search(pattern):
        return  # nothing repeats: matching time is bounded by the pattern (phrase-like patterns)
    try:
        tree = _sre_parse.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError) as err:
        raise ValueError(f"invalid regular expression: {err}") from None
    _Analysis(tree).check()


def can_match_empty(pattern: str) -> bool:
    """Can the pattern match empty text somewhere: all of it optional (`(?:very )?`, `x*`), or
    only assertions (`\\b`)? Such a pattern is no use as a rule's own pattern."""
    try:
        tree = _sre_parse.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return False  # reported as a bad pattern when it is compiled
    return _Analysis(tree).seq_info(tree)[0]


def compile_user_regex(pattern: str, anchor: str) -> re.Pattern[str]:
    """Compile a pack author's regular expression, anchored at the 'start' or 'end' of
    context, or 'anywhere'."""
    check_user_regex(pattern)
    body = {"end": f"(?:{pattern})\\s*$", "start": f"\\s*(?:{pattern})"}.get(anchor, pattern)
    if body != pattern:
        _check_structure(body)  # the anchor's \s* can add a repetition in a row: .*a.*\s*$
    try:
        return regex(body, re.IGNORECASE)
    except re.error as err:
        raise ValueError(f"invalid regular expression: {err}") from None


Info = tuple[bool, int, int, int]  # (can match nothing, first, last, all characters) as bitmasks


class _Analysis:
    """Structural checks over a parsed pattern (sre_parse's tree of (opcode, argument))."""

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        literals = set(_BASE_ALPHABET)
        for op, av in _walk(tree):
            if op in (_sre.LITERAL, _sre.NOT_LITERAL):
                literals.add(chr(av))
            elif op == _sre.RANGE:
                lo, hi = av
                literals.update((chr(lo), chr(hi), chr((lo + hi) // 2)))
        # Case-insensitive matching: a letter stands for its other case too.
        literals |= {c.swapcase() for c in literals if len(c.swapcase()) == 1}
        self.alphabet = sorted(literals)
        self._bit = {c: 1 << i for i, c in enumerate(self.alphabet)}
        self.everything = (1 << len(self.alphabet)) - 1
        self._memo: dict[int, Info] = {}
        self._literals: dict[int, int] = {}

    # -- character sets, as bitmasks over the representative alphabet ------------------------
    def _mask(self, test: Any) -> int:
        mask = 0
        for i, c in enumerate(self.alphabet):
            if test(c):
                mask |= 1 << i
        return mask

    def _literal(self, code: int) -> int:
        mask = self._literals.get(code)
        if mask is None:
            c = chr(code)
            mask = 0
            for variant in (c, c.lower(), c.upper(), c.swapcase()):
                mask |= self._bit.get(variant, 0)
            self._literals[code] = mask
        return mask

    def _in(self, items: list[tuple[Any, Any]]) -> int:
        negate = False
        found = 0
        for op, av in items:
            if op == _sre.NEGATE:
                negate = True
            elif op == _sre.LITERAL:
                found |= self._literal(av)
            elif op == _sre.RANGE:
                lo, hi = av
                found |= self._mask(lambda x, lo=lo, hi=hi: any(
                    lo <= ord(y) <= hi for y in (x, x.lower(), x.upper()) if len(y) == 1))
            elif op == _sre.CATEGORY and str(av) in _CATEGORY_RE:
                category = str(av)
                found |= self._mask(lambda x, category=category: _in_category(category, x))
            else:  # anything unusual: assume it can match anything
                found |= self.everything
        if negate:  # overlap tests only need a superset: keep everything when unsure
            return self.everything & ~found if found != self.everything else self.everything
        return found

    def char_set(self, op: Any, av: Any) -> int:
        if op == _sre.LITERAL:
            return self._literal(av)
        if op == _sre.NOT_LITERAL:
            return self.everything & ~(1 << self.alphabet.index(chr(av)))
        if op == _sre.IN:
            return self._in(av)
        return self.everything  # ANY

    # -- properties of items and sequences ---------------------------------------------------
    def info(self, op: Any, av: Any) -> Info:
        """(can match nothing, first characters, last characters, all characters) of an item."""
        if op in _CHAR_OPS:
            chars = self.char_set(op, av)
            return False, chars, chars, chars
        key = id(av)
        if key in self._memo:
            return self._memo[key]
        if op in _ZERO_WIDTH:
            result: Info = (True, 0, 0, 0)
        elif op == _sre.SUBPATTERN:
            result = self.seq_info(av[-1])
        elif _ATOMIC is not None and op == _ATOMIC:
            result = self.seq_info(av)
        elif op in _REPEATS or op in _POSSESSIVE:
            low, high, body = av
            nullable, first, last, chars = self.seq_info(body)
            result = (nullable or low == 0 or high == 0, first, last, chars)
        elif op == _sre.BRANCH:
            result = _alternatives([self.seq_info(alt) for alt in av[1]])
        elif op == _sre.GROUPREF_EXISTS:
            infos = [self.seq_info(a) for a in av[1:] if a is not None]
            result = _alternatives([*infos, (True, 0, 0, 0)])
        else:  # anything else: assume the worst
            result = (True, self.everything, self.everything, self.everything)
        self._memo[key] = result
        return result

    def seq_info(self, seq: Any) -> Info:
        infos = [self.info(op, av) for op, av in seq]
        first = 0
        for i in infos:
            first |= i[1]
            if not i[0]:
                break
        last = 0
        for i in reversed(infos):
            last |= i[2]
            if not i[0]:
                break
        chars = 0
        for i in infos:
            chars |= i[3]
        return all(i[0] for i in infos), first, last, chars

    # -- the checks ---------------------------------------------------------------------------
    def check(self) -> None:
        for seq in _sequences(self.tree):
            for op, av in seq:
                if op in _POSSESSIVE and any(o == _sre.SUBPATTERN and a[0] is not None
                                             for o, a in _walk(av[2])):
                    # CPython 3.11's re raises SystemError ("The span of capturing group is
                    # wrong") for (?:(a)|b)++ on "aaa…b": found by tests/test_fuzz.py.
                    raise ValueError(CAPTURE_IN_POSSESSIVE)
                if op in _REPEATS:
                    _low, high, body = av
                    if (high == _MAXREPEAT or high > 1) and self.seq_info(body)[0]:
                        raise ValueError(NULLABLE_REPEAT)
        # Each lookaround is matched on its own, at every position where it is tried.
        for root in [self.tree, *(av[1] for op, av in _walk(self.tree) if op in _LOOKAROUND)]:
            automaton = _Automaton(self)
            entry = automaton.build(root).first
            if automaton.exponentially_ambiguous():
                raise ValueError(AMBIGUOUS_REPEAT)
            if automaton.polynomial_degree() > _MAX_DEGREE:
                raise ValueError(TOO_MANY_CHOICES)
            if automaton.ways_to_match(entry) > _MAX_WAYS:
                raise ValueError(TOO_MANY_WAYS)
        for seq in _sequences(self.tree):
            self._check_choices(seq)

    def _check_choices(self, seq: Any) -> None:
        """Adjacent repetitions that can trade characters multiply their choices."""
        chains: dict[int, int] = {}  # characters a chain can end with → its choices
        for op, av in _flatten(seq):
            if op in _ZERO_WIDTH:
                continue
            nullable, first, last, _chars = self.info(op, av)
            weight = self._weight(op, av)
            following: list[tuple[int, int]] = [(last, weight)]
            for tail, choices in chains.items():
                if tail & first:  # this item can take characters the chain could also take
                    following.append((last | (tail if nullable else 0), choices * weight))
                elif nullable:
                    following.append((tail, choices))
            chains = {}
            for tail, choices in following:
                chains[tail] = max(chains.get(tail, 0), choices)
            if max(chains.values()) > _CHOICE_BUDGET:
                raise ValueError(TOO_MANY_CHOICES)

    def _weight(self, op: Any, av: Any) -> int:
        """How many ways an item can divide text with its neighbours."""
        if op in _REPEATS:
            low, high, _body = av
            if high == _MAXREPEAT:
                return _N
            return max(1, min(high - low + 1, _N))
        if op == _sre.BRANCH:
            # Alternatives that can start alike are tried one after another at one position.
            firsts = [self.seq_info(alt)[1] for alt in av[1]]
            return max(1, min(_N, max(sum(1 for f in firsts if f & g) for g in firsts)))
        return 1


@dataclass
class _Fragment:
    """A piece of the position automaton: how many distinct ways (capped at 2) lead from its
    entry to each first position, from each last position to its exit, and straight through."""

    first: dict[int, int] = field(default_factory=dict)
    last: dict[int, int] = field(default_factory=dict)
    empty: int = 1


def _add(into: dict[int, int], other: dict[int, int], times: int = 1) -> None:
    if times:
        for key, count in other.items():
            into[key] = min(2, into.get(key, 0) + count * times)


class _Automaton:
    """Glushkov's position automaton of a pattern, with the number of distinct paths (capped
    at 2) along each transition: `(a+)+` has two ways to go from a back to a, the inner loop
    and the outer one, which a plain position automaton would merge."""

    def __init__(self, analysis: _Analysis) -> None:
        self.analysis = analysis
        self.labels: list[int] = []
        self.follow: list[dict[int, int]] = []
        self.steps = _MAX_STEPS

    def _spend(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise ValueError(TOO_COMPLEX)

    def build(self, seq: Any) -> _Fragment:
        fragment = _Fragment()
        for op, av in seq:
            fragment = self._concat(fragment, self._item(op, av))
        return fragment

    def _position(self, label: int) -> _Fragment:
        if len(self.labels) >= _MAX_POSITIONS:
            raise ValueError(TOO_COMPLEX)
        self.labels.append(label)
        self.follow.append({})
        p = len(self.labels) - 1
        return _Fragment({p: 1}, {p: 1}, 0)

    def _concat(self, a: _Fragment, b: _Fragment) -> _Fragment:
        for p, cp in a.last.items():
            _add(self.follow[p], b.first, cp)
        first = dict(a.first)
        _add(first, b.first, a.empty)
        last = dict(b.last)
        _add(last, a.last, b.empty)
        return _Fragment(first, last, min(2, a.empty * b.empty))

    def _alternatives(self, fragments: list[_Fragment]) -> _Fragment:
        out = _Fragment(empty=0)
        for f in fragments:
            _add(out.first, f.first)
            _add(out.last, f.last)
            out.empty = min(2, out.empty + f.empty)
        return out

    def _loop(self, f: _Fragment, optional: bool) -> _Fragment:
        for p, cp in f.last.items():
            _add(self.follow[p], f.first, cp)
        return _Fragment(dict(f.first), dict(f.last), min(2, f.empty + optional))

    def _item(self, op: Any, av: Any) -> _Fragment:
        if op in _CHAR_OPS:
            return self._position(self.analysis.char_set(op, av))
        if op in _ZERO_WIDTH:
            return _Fragment()
        if op == _sre.SUBPATTERN:
            return self.build(av[-1])
        if op == _sre.BRANCH:
            return self._alternatives([self.build(alt) for alt in av[1]])
        if op == _sre.GROUPREF_EXISTS:
            return self._alternatives([self.build(a) if a is not None else _Fragment()
                                       for a in av[1:]])
        if op in _POSSESSIVE or (_ATOMIC is not None and op == _ATOMIC):
            # Never backtracked into: one way to match wherever it starts.
            body = av[2] if op in _POSSESSIVE else av
            nullable, _first, _last, chars = self.analysis.seq_info(body)
            fragment = self._position(chars)
            if nullable or (op in _POSSESSIVE and av[0] == 0):
                fragment.empty = 1
            return fragment
        if op in _REPEATS:
            low, high, body = av
            if high != _MAXREPEAT and high <= _UNROLL:
                fragment = _Fragment()
                for _ in range(low):
                    fragment = self._concat(fragment, self.build(body))
                optional = _Fragment()
                for _ in range(high - low):  # E(E(E)?)?: one path per count, as the engine has
                    inner = self._concat(self.build(body), optional)
                    optional = _Fragment(inner.first, inner.last, min(2, inner.empty + 1))
                return self._concat(fragment, optional)
            fragment = _Fragment()
            for _ in range(min(low, 2) - 1 if low else 0):
                fragment = self._concat(fragment, self.build(body))
            return self._concat(fragment, self._loop(self.build(body), optional=low == 0))
        # Anything else: a position that can match anything, looping on itself.
        fragment = self._position(self.analysis.everything)
        return self._loop(fragment, optional=True)

    def exponentially_ambiguous(self) -> bool:
        """Two different paths from a position back to itself over the same text?

        In the product automaton (pairs of positions reading the same character), that is a
        strongly connected component holding a pair (p, p) and either a pair (p, q) with
        p != q or a transition that two distinct paths share (counted 2).
        """
        n = len(self.labels)
        if not n:
            return False
        cyclic = _cyclic_positions(self.follow)
        if not cyclic:
            return False
        labels, follow = self.labels, self.follow

        def successors(node: tuple[int, int]) -> Iterator[tuple[tuple[int, int], bool]]:
            p, q = node
            for p2, cp in follow[p].items():
                if p2 not in cyclic:
                    continue
                for q2 in follow[q]:
                    if q2 not in cyclic or not labels[p2] & labels[q2]:
                        continue
                    self._spend()
                    pair = (p2, q2) if p2 <= q2 else (q2, p2)
                    yield pair, p == q and p2 == q2 and cp >= 2

        for component, doubled in _components([(p, p) for p in sorted(cyclic)], successors):
            if any(p == q for p, q in component) and \
                    (doubled or any(p != q for p, q in component)):
                return True
        return False


    def polynomial_degree(self) -> int:
        """The longest chain of loops p1, p2, ... where some text w can go round p1, from p1
        to p2 and round p2 (and so on): that many loops can share out n characters in about
        n**k ways. `.*a.*` has 2; `a*a*a*` has 3; (a+){0,8} unrolled has 8."""
        follow, labels = self.follow, self.labels
        components = [c for c, _ in _components(range(len(follow)), _plain(follow))
                      if len(c) > 1 or next(iter(c)) in follow[next(iter(c))]]
        if len(components) < 2:
            return len(components)
        owner = {p: i for i, c in enumerate(components) for p in c}

        def linked(p: int, q: int) -> bool:
            """Is there a text that goes round p, from p to q, and round q?"""
            home_p, home_q = components[owner[p]], components[owner[q]]
            start, goal = (p, p, q), (p, q, q)
            seen = {start}
            todo = [start]
            while todo:
                x, y, z = todo.pop()
                for x2 in follow[x]:
                    if x2 not in home_p:
                        continue
                    for y2 in follow[y]:
                        common = labels[x2] & labels[y2]
                        if not common:
                            continue
                        for z2 in follow[z]:
                            self._spend()
                            if z2 not in home_q or not common & labels[z2]:
                                continue
                            node = (x2, y2, z2)
                            if node == goal:
                                return True
                            if node not in seen:
                                seen.add(node)
                                todo.append(node)
            return False

        edges: dict[int, set[int]] = {i: set() for i in range(len(components))}
        for i, ci in enumerate(components):
            for j, cj in enumerate(components):
                if i != j and any(linked(p, q) for p in ci for q in cj):
                    edges[i].add(j)
        longest: dict[int, int] = {}

        def depth(i: int) -> int:  # the component graph is acyclic
            if i not in longest:
                longest[i] = 1 + max((depth(j) for j in edges[i]), default=0)
            return longest[i]

        return max(depth(i) for i in edges)


    def ways_to_match(self, entry: dict[int, int]) -> int:
        """How many different paths (capped just above the limit) can read the same text, over
        texts that are read along more than one path: `x(a )?(a )?(a )?` reads "x a " three
        ways. Loops that do this without end are caught by the two checks above; this bounds
        the finite kind, which grows with the pattern: thirty optional parts give 2**30."""
        follow, labels = self.follow, self.labels
        cap = _MAX_WAYS + 1
        # Nodes: (p, q, diverged) with p <= q: two paths now at p and q, and whether they have
        # parted at some point (then they are two different paths even when p == q).
        starts: dict[tuple[int, int, bool], int] = {}
        firsts = sorted(entry)
        for i, p in enumerate(firsts):
            for q in firsts[i:]:
                if labels[p] & labels[q]:
                    diverged = p != q or entry[p] >= 2
                    starts[(p, q, diverged)] = 1

        def successors(node: tuple[int, int, bool]) -> Iterator[tuple[tuple[int, int, bool], bool]]:
            p, q, diverged = node
            for p2, cp in follow[p].items():
                for q2 in follow[q]:
                    if not labels[p2] & labels[q2]:
                        continue
                    self._spend()
                    split = diverged or p2 != q2 or (p == q and p2 == q2 and cp >= 2)
                    yield ((p2, q2, split) if p2 <= q2 else (q2, p2, split)), False

        components = list(_components(sorted(starts), successors))
        # Tarjan yields components in reverse topological order: count from the starts down.
        owner = {node: i for i, (component, _) in enumerate(components) for node in component}
        paths = [0] * len(components)
        for node, count in starts.items():
            paths[owner[node]] = min(cap, paths[owner[node]] + count)
        worst = 0
        for i in range(len(components) - 1, -1, -1):
            component, _ = components[i]
            if any(d for _p, _q, d in component):
                worst = max(worst, paths[i])
            if not paths[i]:
                continue
            targets = {owner[succ] for node in component for succ, _ in successors(node)} - {i}
            for j in targets:
                paths[j] = min(cap, paths[j] + paths[i])
        return worst


def _plain(follow: list[dict[int, int]]) -> Any:
    def successors(p: int) -> Iterator[tuple[int, bool]]:
        for q in follow[p]:
            yield q, False
    return successors


def _cyclic_positions(follow: list[dict[int, int]]) -> set[int]:
    """Positions that lie on some cycle of the automaton."""
    def successors(p: int) -> Iterator[tuple[int, bool]]:
        for q in follow[p]:
            yield q, False

    out: set[int] = set()
    for component, _ in _components(range(len(follow)), successors):
        if len(component) > 1 or next(iter(component)) in follow[next(iter(component))]:
            out |= component
    return out


def _components(roots: Any, successors: Any) -> Iterator[tuple[set[Any], bool]]:
    """Strongly connected components reachable from `roots` (iterative Tarjan), each with
    whether an edge inside it is flagged."""
    index: dict[Any, int] = {}
    low: dict[Any, int] = {}
    on_stack: set[Any] = set()
    stack: list[Any] = []
    flagged_edges: list[tuple[Any, Any]] = []
    counter = 0
    for root in roots:
        if root in index:
            continue
        work = [(root, iter(successors(root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            advanced = False
            for succ, flag in edges:
                if flag:
                    flagged_edges.append((node, succ))
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(successors(succ))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                flagged = any(a in component and b in component for a, b in flagged_edges)
                yield component, flagged


@lru_cache(maxsize=4096)
def _in_category(category: str, char: str) -> bool:
    return _CATEGORY_RE[category].match(char) is not None


def _alternatives(infos: list[Info]) -> Info:
    first = last = chars = 0
    for i in infos:
        first |= i[1]
        last |= i[2]
        chars |= i[3]
    return any(i[0] for i in infos), first, last, chars


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-sequences directly inside an item."""
    if op == _sre.SUBPATTERN:
        return [av[-1]]
    if op in _REPEATS or op in _POSSESSIVE:
        return [av[2]]
    if _ATOMIC is not None and op == _ATOMIC:
        return [av]
    if op == _sre.BRANCH:
        return list(av[1])
    if op in _LOOKAROUND:
        return [av[1]]
    if op == _sre.GROUPREF_EXISTS:
        return [a for a in av[1:] if a is not None]
    return []


def _sequences(seq: Any) -> Iterator[Any]:
    """`seq` and every sequence nested in it."""
    yield seq
    for op, av in seq:
        for child in _children(op, av):
            yield from _sequences(child)


def _flatten(seq: Any) -> Iterator[tuple[Any, Any]]:
    """Items of a sequence, with plain (unrepeated) groups opened up."""
    for op, av in seq:
        if op == _sre.SUBPATTERN:
            yield from _flatten(av[-1])
        else:
            yield op, av


def _walk(seq: Any) -> Iterator[tuple[Any, Any]]:
    for sub in _sequences(seq):
        for op, av in sub:
            yield op, av
            if op == _sre.IN:
                yield from av
