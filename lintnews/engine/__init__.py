"""The rule engine: rule types, declarative packs, matching, the lexicon, selection,
suppression and the runner."""
