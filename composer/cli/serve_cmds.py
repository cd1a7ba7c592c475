"""``compose serve``: the library, compose, compare and agreed language in a local web page.

The web app (``composer.web``) and its server are imported only when this command runs, so
every other command starts as fast as before and the ``serve`` extra stays optional.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

import typer

from composer.cli.common import project_root
from composer.errors import UsageError


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="Port to listen on."),
    allow_host: list[str] = typer.Option(
        None, "--allow-host", help="Extra host name the pages may be reached by (repeatable); others are refused."
    ),
    max_upload_mb: float = typer.Option(20.0, "--max-upload-mb", min=0.01, help="Largest request body (uploads), MiB."),
    render_workers: int = typer.Option(1, "--render-workers", min=1, max=8, help="Renders run at the same time."),
    corpus: Path = typer.Option(None, "--corpus", help="Folder of draft series (SERIES_vN_... files) the History "
                                "page offers besides uploads.", exists=True, file_okay=False, dir_okay=True),
) -> None:
    """Serve the pages and the JSON API at http://HOST:PORT (127.0.0.1:8000 by default)."""
    try:
        import uvicorn

        from composer.web import WebSettings, create_app
        from composer.web.settings import LOOPBACK_HOSTS
    except ImportError as exc:  # the optional extra is missing
        raise UsageError(f"compose serve needs the 'serve' extra ({exc.name} is missing): "
                         "pip install 'compact-composer[serve]'") from None
    hosts = list(LOOPBACK_HOSTS)
    if not _is_loopback(host):
        print(f"compose serve: warning: listening on {host}, not only this machine: anyone who can reach "
              f"port {port} can read the library and change clause files", file=sys.stderr)
        if host not in ("0.0.0.0", "::"):
            hosts.append(host)
        if not allow_host:
            print("compose serve: warning: only requests naming 127.0.0.1 or localhost are answered; "
                  "add --allow-host NAME for the name others use", file=sys.stderr)
    hosts += [h.strip() for h in allow_host or [] if h.strip()]
    settings = WebSettings(root=project_root().resolve(), allowed_hosts=tuple(dict.fromkeys(hosts)),
                           max_upload_bytes=int(max_upload_mb * 1024 * 1024), job_workers=render_workers,
                           corpus=corpus.resolve() if corpus is not None else None)
    shown = f"[{host}]" if ":" in host else host
    print(f"compose serve: http://{shown}:{port}/ (library {settings.root}); Ctrl-C stops", file=sys.stderr)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False,
                server_header=False)


def register(app: typer.Typer) -> None:
    """Add ``compose serve`` to ``app``."""
    app.command("serve")(serve)
