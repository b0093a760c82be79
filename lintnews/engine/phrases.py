"""Phrase patterns for declarative rules: words, inflections and alternatives, never raw code.

An entry is a phrase of words separated by spaces. In an entry:
- `(a|b|c)` is a choice of words or phrases;
- `word?` makes a word optional;
- `*` is any one word;
- `word~` inflects a verb: `slam~` matches slam, slams, slammed and slamming;
- an apostrophe matches both ' and ’.
Everything else is literal. Entries compile to one regular expression per rule, matched with
word boundaries and, unless the rule says otherwise, without regard to case.
"""

from __future__ import annotations

import re

from lintnews.cache.patterns import regex

_VOWEL_RUN_RE = regex(r"[aeiou]+")

_VOWELS = "aeiou"
ANY_WORD = r"[\w'’-]+"
_IRREGULAR = {
    "hit": ("hit", "hits", "hitting"),
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "rip": ("rip", "rips", "ripped", "ripping"),
    "lash": ("lash", "lashes", "lashed", "lashing"),
    "see": ("see", "sees", "saw", "seen", "seeing"),
    "take": ("take", "takes", "took", "taken", "taking"),
    "make": ("make", "makes", "made", "making"),
    "give": ("give", "gives", "gave", "given", "giving"),
    "hold": ("hold", "holds", "held", "holding"),
    "think": ("think", "thinks", "thought", "thinking"),
    "fight": ("fight", "fights", "fought", "fighting"),
    "go": ("go", "goes", "went", "gone", "going"),
    "come": ("come", "comes", "came", "coming"),
    "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
    "win": ("win", "wins", "won", "winning"),
    "lose": ("lose", "loses", "lost", "losing"),
    "be": ("be", "is", "are", "was", "were", "been", "being"),
}
_DOUBLE_FINAL = {"admit", "commit", "regret", "refer", "occur", "prefer", "control", "patrol",
                 "compel", "rebel", "propel", "repel", "expel", "permit", "submit", "omit",
                 "equip", "forget", "begin", "upset", "abet", "acquit"}


def verb_forms(verb: str) -> tuple[str, ...]:
    """Base, third person, past and present participle of a regular or listed verb."""
    word = verb.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = word + "es"
    elif word.endswith("y") and word[-2:-1] not in _VOWELS:
        third = word[:-1] + "ies"
    else:
        third = word + "s"
    vowel_groups = len(_VOWEL_RUN_RE.findall(word))
    cvc = (len(word) >= 3 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS
           and word[-3] not in _VOWELS)
    double = cvc and (vowel_groups == 1 or word in _DOUBLE_FINAL)
    stem = word + word[-1] if double else word
    if word.endswith("e"):
        past, ing = word + "d", (word[:-2] + "ying" if word.endswith("ie") else
                                 word + "ing" if word.endswith("ee") else word[:-1] + "ing")
    elif word.endswith("y") and word[-2:-1] not in _VOWELS:
        past, ing = word[:-1] + "ied", word + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    return (word, third, past, ing)


def _word_pattern(token: str) -> str:
    whole_group = (token.startswith("(") and token.endswith(")?")
                   and _closing(token, 0) == len(token) - 2)
    optional = token.endswith("?") and len(token) > 1 and (whole_group or not token.endswith(")?"))
    if optional:
        token = token[:-1]
    if token == "*":
        body = ANY_WORD
    elif token.endswith("~") and len(token) > 1 and "(" not in token:
        body = "(?:" + "|".join(_literal(f) for f in verb_forms(token[:-1])) + ")"
    else:
        body = _token_body(token)
    return f"(?:{body}\\s+)?" if optional else body + "\\s+"


def _token_body(token: str) -> str:
    """Literal text with (a|b) choices anywhere in it: 'inescapabl(e|y)', '(can't|cannot)'."""
    out = []
    i = 0
    while i < len(token):
        if token[i] == "(":
            depth, j = 1, i + 1
            while j < len(token) and depth:
                depth += {"(": 1, ")": -1}.get(token[j], 0)
                j += 1
            inner = token[i + 1 : j - 1]
            raw_options = _split_options(inner)
            for option in raw_options:
                if option.strip() and _all_optional(option):
                    raise ValueError(f"choice {option.strip()!r} in {token!r} can match nothing; "
                                     "list the forms instead, e.g. (show|shows)")
            bodies = [_phrase_body(o.strip()) for o in raw_options]
            group = "(?:" + "|".join(bodies) + ")"
            if token[j : j + 1] == "?":  # "(be )?word": an optional word inside the token
                spaced = any(o.endswith(" ") for o in raw_options)
                group, j = "(?:" + group + ("\\s+" if spaced else "") + ")?", j + 1
            out.append(group)
            i = j
        else:
            j = token.find("(", i)
            j = len(token) if j < 0 else j
            out.append(ANY_WORD.join(_literal(part) for part in token[i:j].split("*")))
            i = j
    return "".join(out)


def _all_optional(phrase: str) -> bool:
    """Can this phrase match nothing at all? (Every token is an optional word.)"""
    return all((t.endswith("?") and not t.endswith(")?")) or (t.startswith("(") and t.endswith(")?")
               and _closing(t, 0) == len(t) - 2) for t in _tokenise(phrase))


def _closing(token: str, start: int) -> int:
    """Index of the parenthesis closing the one at `start`."""
    depth = 0
    for i in range(start, len(token)):
        depth += {"(": 1, ")": -1}.get(token[i], 0)
        if depth == 0:
            return i
    return -1


def _split_options(inner: str) -> list[str]:
    options, depth, current = [], 0, ""
    for ch in inner:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            options.append(current)
            current = ""
        else:
            current += ch
    options.append(current)
    return options


def _literal(text: str) -> str:
    return re.sub("['’]", "['’]", re.escape(text))


def _phrase_body(phrase: str) -> str:
    if not phrase.strip():
        return ""
    return phrase_regex(phrase)


def _tokenise(phrase: str) -> list[str]:
    tokens: list[str] = []
    depth = 0
    current = ""
    for ch in phrase.strip():
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch.isspace() and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += ch
    if current:
        tokens.append(current)
    if depth != 0:
        raise ValueError(f"unbalanced parentheses in phrase {phrase!r}")
    return tokens


def phrase_regex(phrase: str) -> str:
    """The regular expression for one entry (without word boundaries)."""
    tokens = _tokenise(phrase)
    if not tokens:
        raise ValueError("empty phrase")
    parts = []
    for i, token in enumerate(tokens):
        piece = _word_pattern(token)
        last = i == len(tokens) - 1
        if last:
            piece = piece[:-3] if piece.endswith("\\s+") else piece
            if piece.startswith("(?:") and piece.endswith("\\s+)?"):
                # a trailing optional word attaches to the left: "(?:\s+word)?"
                piece = "(?:\\s+" + piece[3:-5] + ")?"
                if parts and parts[-1].endswith("\\s+"):
                    parts[-1] = parts[-1][:-3]
        parts.append(piece)
    return "".join(parts)


def compile_phrases(phrases: list[str], *, case_sensitive: bool = False,
                    inflect_first: bool = False) -> re.Pattern[str]:
    """One compiled pattern for all entries, longest first, with word boundaries."""
    flags = 0 if case_sensitive else re.IGNORECASE
    return regex(phrases_source(phrases, inflect_first=inflect_first), flags)


def ordered(phrases: list[str]) -> list[str]:
    """The order in which a rule's phrases are tried: longest first, then alphabetical, so
    that the result never depends on the process (set order varies with hash seeds)."""
    return sorted(set(phrases), key=lambda p: (-len(p), p))


# The padding around a rule's phrases: PHRASES_OPEN + "|".join(bodies) + PHRASES_CLOSE.
PHRASES_OPEN = r"(?<![\w-])(?:"
PHRASES_CLOSE = r")(?![\w])(?!-\w)"


def phrases_source(phrases: list[str], *, inflect_first: bool = False) -> str:
    """The regular expression for all entries, longest first, with word boundaries."""
    bodies = phrase_bodies(phrases, inflect_first=inflect_first)
    return PHRASES_OPEN + "|".join(bodies) + PHRASES_CLOSE


def phrase_bodies(phrases: list[str], *, inflect_first: bool = False) -> list[str]:
    """Each entry's regular expression, in the order they are tried (`ordered`)."""
    bodies = [phrase_regex(_inflected(phrase) if inflect_first else phrase)
              for phrase in ordered(phrases)]
    for phrase in phrases:
        if _all_optional(phrase):
            raise ValueError(f"phrase {phrase!r} can match nothing at all")
    return bodies


def _inflected(phrase: str) -> str:
    """The phrase with its first word inflected (`word~`), unless it is a choice, optional
    or already inflected."""
    head, _, rest = phrase.strip().partition(" ")
    if head and not head.startswith("(") and not head.endswith(("~", "?")):
        return f"{head}~ {rest}".strip()
    return phrase


def opening_options(phrase: str, *, inflect_first: bool = False
                    ) -> tuple[list[str], str] | None:
    """(the options, the rest of the phrase) for a phrase that opens with a choice of plain
    words, "(very|extremely) unique" or an inflected verb ("slam~ the door" with its forms);
    None for any other phrase."""
    tokens = _tokenise(_inflected(phrase) if inflect_first else phrase)
    first, rest = tokens[0], " ".join(tokens[1:])
    if first.endswith("~") and "(" not in first:
        options = list(verb_forms(first[:-1]))
    elif first.startswith("(") and first.endswith(")"):
        options = [option.strip() for option in first[1:-1].split("|")]
    else:
        return None
    if any(not option or set(option) & set("()*?~") for option in options):
        return None
    return options, rest


_RUN_RE = regex(r"[^\W_]+")
MAX_SPELLINGS = 500  # words one token may stand for and still give index keys


def _expand(token: str) -> list[str] | None:
    """The literal texts a token can match, or None if it is open-ended or optional."""
    if token == "*" or token.endswith("?"):
        return None
    if token.endswith("~") and "(" not in token:
        return list(verb_forms(token[:-1]))
    texts = [""]
    i = 0
    while i < len(token):
        if token[i] == "(":
            j = _closing(token, i)
            if j < 0:
                return None
            options = _split_options(token[i + 1: j])
            if any(set(o) & set("()*?~") for o in options):
                return None
            if len(texts) * len(options) > MAX_SPELLINGS:
                return None  # spelt out, "(a|b)(a|b)…" would take exponential time
            texts = [t + o for t in texts for o in options]
            i = j + 1
        else:
            j = token.find("(", i)
            j = len(token) if j < 0 else j
            if set(token[i:j]) & set("*?~)"):
                return None
            texts = [t + token[i:j] for t in texts]
            i = j
    return texts


def phrase_keys(phrases: list[str], common_words: frozenset[str], *,
                inflect_first: bool = False) -> frozenset[str] | None:
    """Index keys for a list of phrases: "w:first-word", or "b:first second" when the first
    word is a common one (see lintnews.engine.matcher). None if any phrase is open-ended."""
    keys: set[str] = set()
    for phrase in phrases:
        if inflect_first:
            phrase = _inflected(phrase)
        variants = _without_optional(_tokenise(phrase))
        if variants is None:
            return None
        for tokens in variants:
            first = _expand(tokens[0]) if tokens else None
            if first is None:
                return None
            second = _expand(tokens[1]) if len(tokens) > 1 else None
            for text in first:
                runs = _RUN_RE.findall(text.lower())
                if not runs or not text[:1].isalnum():
                    return None
                if runs[0] not in common_words:
                    keys.add("w:" + runs[0])
                elif len(runs) > 1:
                    keys.add(f"b:{runs[0]} {runs[1]}")
                elif second is None or any(not _RUN_RE.match(s.lower()) for s in second):
                    keys.add("w:" + runs[0])
                else:
                    keys.update(f"b:{runs[0]} {_RUN_RE.match(s.lower()).group()}"
                                for s in second)
    return frozenset(keys)


_OPTIONAL_GROUP_RE = regex(r"\(([^()]*)\)\?")
MAX_VARIANTS = 16


def _without_optional(tokens: list[str]) -> list[list[str]] | None:
    """The phrase's first two words spelled out with and without each optional part
    ("word?", "(the )?final"), as token lists with no optional parts left; None if that
    takes more than MAX_VARIANTS lists."""
    variants: list[list[str]] = [[]]
    for token in tokens:
        if all(len(v) >= 2 for v in variants):
            break  # keys only look at the first two words
        if token.endswith("?") and "(" not in token:
            choices = [token[:-1], ""]
        elif _OPTIONAL_GROUP_RE.search(token):
            with_group = _OPTIONAL_GROUP_RE.sub(lambda m: f"({m.group(1)})", token, count=1)
            without = _OPTIONAL_GROUP_RE.sub("", token, count=1)
            expanded = []
            for choice in (with_group, without):
                more = _without_optional([choice])
                if more is None:
                    return None
                expanded += [" ".join(v) for v in more]
            choices = expanded
        else:
            choices = [token]
        variants = [variant + ([choice] if choice.strip() else [])
                    for variant in variants for choice in choices]
        if len(variants) > MAX_VARIANTS:
            return None
    return variants
