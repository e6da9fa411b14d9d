"""The spaCy stage: the English model loaded once per process, the pre-filter and the fast paths."""
