"""``tolltrack.Ledger`` and what it does with the store: ingest, queries, figures, repair, exports."""
