"""Casualty claims in one sentence: triggers, nouns, patterns, custody, moved tolls, headlines."""
