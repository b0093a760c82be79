"""The document model: paragraphs, sentences, quotations and attribution, built from prose with
its original offsets; readability metrics."""
