"""The archive audit (a placeholder so the layer contract names it; its own branch fills it)."""
