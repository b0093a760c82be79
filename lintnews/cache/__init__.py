"""Caches that keep a run short (all under one roof): where they live, the rule plans and pack
data, compiled patterns. A cache only ever costs time, never changes a result."""
