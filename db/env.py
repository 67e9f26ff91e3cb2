"""Alembic environment: runs the migrations on a connection passed in by annotator.store, or on a URL from the CLI."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from annotator.store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    """Same options for SQLite and PostgreSQL; SQLite needs batch mode to alter tables."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_offline() -> None:
    """Write the SQL to stdout instead of running it (``alembic upgrade --sql``)."""
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=bool(url and url.startswith("sqlite")),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Use the caller's connection (and its transaction) when there is one, else connect to sqlalchemy.url."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("error: set sqlalchemy.url (alembic -x or alembic.ini) or pass a connection")
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as fresh:
            _configure(fresh)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
