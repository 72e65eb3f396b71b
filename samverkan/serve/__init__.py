"""The explorer: ``samverkan serve``, a local web app over a workspace (see :mod:`.app`)."""

from __future__ import annotations

import secrets
from pathlib import Path

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def address(host: str, port: int, token: str | None) -> str:
    """The address to open, with the token when there is one."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def prepare(host: str, token: str | None) -> str | None:
    """The token a server on ``host`` needs: the one given, a new one for a host other than
    loopback, else none."""
    if token is None and host not in LOOPBACK:
        return secrets.token_urlsafe(18)
    return token


def run(
    workspace: Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    read_only: bool = False,
    token: str | None = None,
    on_ready=None,
) -> None:
    """Serve the explorer until interrupted; ``on_ready(url)`` is called once it listens."""
    import uvicorn

    from samverkan.serve.app import create_app

    hosts = {"127.0.0.1", "localhost", "::1", host}
    app = create_app(workspace, read_only=read_only, token=token, hosts=tuple(hosts))
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    if on_ready:
        original = server.startup

        async def startup(sockets=None):
            await original(sockets)
            on_ready(address(host, port, token))

        server.startup = startup  # type: ignore[method-assign]  # uvicorn has no "listening" hook
    server.run()
