"""Word lists that several layers share."""

from __future__ import annotations

# Word lists often open with these; such entries are looked up by their first two words.
COMMON_WORDS = frozenset([
    "a", "an", "the", "and", "or", "but", "if", "of", "in", "on", "at", "to", "for", "from",
    "by", "with", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this",
    "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their",
    "our", "my", "your", "not", "no", "so", "than", "then", "there", "here", "all", "any",
    "some", "one", "two", "more", "most", "other", "into", "over", "under", "up", "down",
    "out", "about", "after", "before", "between", "through", "during", "without", "within",
    "can", "could", "will", "would", "shall", "should", "may", "might", "must", "do", "does",
    "did", "have", "has", "had", "what", "which", "who", "whom", "whose", "when", "where",
    "why", "how", "each", "every",
])
