"""The extraction stage: a parsed report becomes claims with counts, victims, sources and events."""
