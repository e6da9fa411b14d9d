"""Shared fixtures: ``db_url`` gives a fresh, empty store on SQLite and on PostgreSQL.

The PostgreSQL cases use the server named by ``$TOLLTRACK_TEST_PG`` (``scripts/services`` starts
one and writes the variable into ``.tolltrack-test-env``, which ``scripts/test`` sources); each test
gets its own schema, dropped afterwards. Without the variable those cases skip, except under CI
(``CI=true``), where they fail: CI must test PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest

PG_ENV = "TOLLTRACK_TEST_PG"


def _pg_base_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        msg = (
            f"${PG_ENV} is not set: no PostgreSQL server to test against "
            "(run ./scripts/services, then `. ./.tolltrack-test-env`)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg + " — under CI this is an error, not a skip")
        pytest.skip(msg)
    return url


def _with_search_path(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose connections work in a fresh schema of their own."""
    from sqlalchemy import create_engine, text

    base = _pg_base_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # the variable is set but the server is not there
        admin.dispose()
        if os.environ.get("CI", "").lower() == "true":
            raise
        pytest.skip(f"PostgreSQL at ${PG_ENV} is not reachable: {exc}")
    try:
        yield _with_search_path(base, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A URL of an empty store: a SQLite file in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def ledger(db_url):
    from tolltrack.ledger.api import Ledger

    with Ledger(db_url) as led:
        yield led


def pytest_report_header(config) -> str:
    """Which BLAS kernels numpy's BLAS picked (``OPENBLAS_CORETYPE`` forces others): method A's
    networks multiply through it, so a run says which kernels its numerics were tested on."""
    from tolltrack.nlp.fast.blas import kernels

    forced = os.environ.get("OPENBLAS_CORETYPE")
    return f"BLAS: {kernels()}" + (f" (OPENBLAS_CORETYPE={forced})" if forced else "")


@pytest.fixture
def fresh_pipeline(monkeypatch):
    """Method A's pipeline (``nlp.fast_pipeline``, cached per process) cached anew for the test: a
    test that patches the stages clears it (``nlp.fast_pipeline.cache_clear()``) to have them built
    as patched, and the process's pipeline is left as it was."""
    from functools import lru_cache

    from tolltrack.nlp import pipeline as nlp

    monkeypatch.setattr(nlp, "fast_pipeline", lru_cache(maxsize=4)(nlp.fast_pipeline.__wrapped__))
