"""`tolltrack serve`: the REST API and pages over a ledger, with uvicorn."""

from __future__ import annotations

import ipaddress
import os

import typer

app = typer.Typer()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: str | None = typer.Option(
        None, "--db", help="Store URL (default $TOLLTRACK_DB or sqlite:///tolltrack.db)."
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    no_auth: bool = typer.Option(
        False, "--no-auth", help="Allow uploads without a token (loopback demo only)."
    ),
) -> None:
    """Serve the REST API under /api/ and the pages. Uploads need TOLLTRACK_TOKEN (a bearer token)."""
    import uvicorn

    from tolltrack.web import create_app

    token = os.environ.get("TOLLTRACK_TOKEN") or None
    if token is None and not no_auth:
        typer.echo(
            "error: TOLLTRACK_TOKEN is not set; set it to allow uploads, or pass --no-auth for a "
            "loopback-only demo without a write API",
            err=True,
        )
        raise typer.Exit(2)
    if no_auth and not is_loopback(host):
        typer.echo(f"error: --no-auth is only allowed on a loopback address, not {host}", err=True)
        raise typer.Exit(2)
    typer.echo(f"tolltrack serving on http://{host}:{port}/ (API at /api/, schema at /docs)", err=True)
    app_ = create_app(db, token=token, open_writes=no_auth)
    uvicorn.run(app_, host=host, port=port, log_level="warning")
