"""The store: SQLAlchemy tables, rows, migrations and the write lock."""
