"""What a newsroom does around a run: baselines, changed-lines mode (git diff) and fixing."""
