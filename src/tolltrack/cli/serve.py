"""`tolltrack serve`: the REST API and the pages over a ledger, with uvicorn."""

from __future__ import annotations

import ipaddress
import os

import typer

app = typer.Typer()


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_serve_options(host: str, token: str | None, no_auth: bool) -> str | None:
    """Why the server must not start with these options, or None."""
    if no_auth and not is_loopback(host):
        return f"--no-auth opens the write API to anyone; it is allowed only on a loopback host, not {host!r}"
    if not token and not no_auth:
        return (
            "TOLLTRACK_TOKEN is not set: set it to the bearer token that POST /api/documents must carry, "
            "or pass --no-auth for a loopback-only demo"
        )
    return None


@app.command()
def serve(
    db: str | None = typer.Option(
        None, help="Database URL (default: $TOLLTRACK_DB or sqlite:///tolltrack.db)."
    ),
    host: str = typer.Option("127.0.0.1", help="Address to bind (default loopback only)."),
    port: int = typer.Option(8000, min=0, max=65535, help="Port to listen on."),
    no_auth: bool = typer.Option(
        False, "--no-auth", help="Open the write API without a token (loopback only)."
    ),
    max_upload_mb: float = typer.Option(20.0, min=0.001, help="Largest upload accepted, in MiB."),
) -> None:
    """Serve the REST API under /api/ and the browsable pages."""
    token = os.environ.get("TOLLTRACK_TOKEN") or None
    problem = check_serve_options(host, token, no_auth)
    if problem:
        typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(2)

    import uvicorn

    from tolltrack.web import create_app
    from tolltrack.web.app import settle_heap

    try:
        web = create_app(db, token=None if no_auth else token, open_writes=no_auth,
                         max_upload=int(max_upload_mb * 1024 * 1024))  # fmt: skip
    except Exception as exc:  # a bad URL or an unreachable database: say so, no traceback
        typer.echo(f"error: cannot open the ledger: {exc}", err=True)
        raise typer.Exit(1) from exc
    if web.state.ledger.created:
        typer.echo(f"created a new store at {web.state.ledger.store_name}", err=True)
    settle_heap()
    typer.echo(f"tolltrack serving on http://{host}:{port}/ (API schema at /api/openapi.json)", err=True)
    uvicorn.run(web, host=host, port=port, log_level="info", server_header=False)
