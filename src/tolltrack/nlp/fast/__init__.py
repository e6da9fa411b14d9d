"""Fast paths of the spaCy stage, each accepted at load by a probe of its decisions."""
