"""Alembic environment for the tolltrack store.

``tolltrack.store.schema.upgrade`` runs the migrations on a connection it has opened (and locked); it
passes it in ``config.attributes["connection"]``. Run by hand (``alembic -c ...``), the URL comes
from ``sqlalchemy.url`` or ``$TOLLTRACK_DB``.
"""

from __future__ import annotations

from alembic import context

from tolltrack.store.schema import make_engine, metadata

config = context.config


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or None)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
