"""Documents by address: a web page (or a PDF or DOCX behind a link) fetched over http or https
with httpx — a timeout, a User-Agent that names the tool, redirects followed, and a size limit —
and read like a saved file of the same kind. The address stays the document's source."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from samverkan.i18n import _
from samverkan.loaders import ADDRESS, is_address  # noqa: F401 -- told apart before loading
from samverkan.records import LoadError, Origin

TIMEOUT_SECONDS = 20.0
MAX_BYTES = 50_000_000
USER_AGENT = "samverkan (knowledge graph of collaboration; +https://pypi.org/project/samverkan/)"
SUFFIXES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


@dataclass(frozen=True)
class Page:
    """What an address gave: its final address, its bytes and the suffix of a file of that kind."""

    url: str
    data: bytes
    suffix: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def name_of(url: str) -> str:
    """A short name for a page: its host and the last part of its path."""
    parts = urlsplit(url)
    last = [p for p in parts.path.split("/") if p]
    return parts.netloc + ("/" + last[-1] if last else "")


FRESH_SECONDS = 60.0  # a page fetched this recently is not fetched again (loading checks, then reads it)
_fetched: dict[str, tuple[float, Page]] = {}


def fetch(url: str) -> Page:
    """The page at an http(s) address; :class:`LoadError` naming the address when it cannot be read."""
    at, page = _fetched.get(url, (0.0, None))
    if page is None or time.monotonic() - at > FRESH_SECONDS:
        page = _fetch(url)
        _fetched.clear()
        _fetched[url] = (time.monotonic(), page)
    return page


def _fetch(url: str) -> Page:
    import httpx

    def refuse(why: str):
        return LoadError([(Origin(url), why)])

    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise refuse(_("only http and https addresses are read"))
    try:
        with httpx.stream(
            "GET", url, timeout=TIMEOUT_SECONDS, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        ) as response:
            if response.status_code >= 400:
                raise refuse(
                    _(
                        "the server answered {code} {reason}",
                        code=response.status_code,
                        reason=response.reason_phrase,
                    )
                )
            data = bytearray()
            for chunk in response.iter_bytes():
                data += chunk
                if len(data) > MAX_BYTES:
                    raise refuse(_("the page is larger than {mb} MB", mb=MAX_BYTES // 1_000_000))
            kind = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
            final = str(response.url)
    except httpx.HTTPError as e:
        raise refuse(_("cannot fetch the page: {error}", error=e or type(e).__name__)) from e
    suffix = SUFFIXES.get(kind) or next(
        (s for s in SUFFIXES.values() if urlsplit(final).path.lower().endswith(s)), None
    )
    if suffix is None:
        raise refuse(_("not a document type samverkan reads: {kind}", kind=kind))
    return Page(final, bytes(data), suffix)
