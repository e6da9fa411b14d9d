"""Evaluations against gold data, through the product's own path."""
