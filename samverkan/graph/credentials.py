"""Credentials written into a server address (``bolt://user:secret@host``,
``http://user:secret@host/sparql``, RFC 3986 userinfo): taken out of the address before it is
used, and kept out of every message."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit


def split(url: str) -> tuple[str, str | None, str | None]:
    """The address without userinfo, and the user and password it held (None when absent)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, sep, password = userinfo.partition(":")
    return urlunsplit(parts._replace(netloc=host)), unquote(user) or None, unquote(password) if sep else None


def scrub(message: str, url: str) -> str:
    """``message`` with the userinfo of ``url`` (and its parts) removed wherever it appears."""
    clean, user, password = split(url)
    message = message.replace(url, clean)
    for secret in (password, urlsplit(url).netloc.rpartition("@")[0]):
        if secret:
            message = message.replace(secret, "***")
    return message
