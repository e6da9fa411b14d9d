"""The web interface: a REST API under ``/api/`` and server-rendered pages over a Ledger.

``create_app(db_url, token=...)`` builds the FastAPI application; ``tolltrack serve`` runs it with
uvicorn. Reading is open; writing (``POST /api/documents``) needs ``Authorization: Bearer <token>``.
Every page escapes report text (Jinja2 autoescaping, SVG labels escaped) and is served with a strict
Content-Security-Policy: no inline script, nothing from another host.
"""

from .app import create_app

__all__ = ["create_app"]
