"""Article files: reading and decoding them, with exact positions, and finding them in folders."""
