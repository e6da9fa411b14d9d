"""The ingest stage: files, folders, feeds, JSONL and uploads become Documents, or errors naming the file."""
