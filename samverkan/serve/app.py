"""The explorer's ASGI app (Starlette): the page, its JSON, and the guard every request passes.

Safe by default: bound to loopback; with a token every request must carry it (``?token=`` once,
then a cookie); only the hosts the server was started for are answered (no DNS rebinding); a
write must come from the page's own origin with its CSRF token, and ``--read-only`` refuses
every write; a Content-Security-Policy allows nothing from outside the server.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from samverkan import i18n
from samverkan.export.map import _json
from samverkan.graph.workspace import WorkspaceError, WorkspaceInUse
from samverkan.i18n import _
from samverkan.records import LoadError
from samverkan.serve import downloads, questions, review, views
from samverkan.serve.data import Data, save_view, saved_views
from samverkan.serve.edits import Journal, actor_entry, relation_entry

HERE = Path(__file__).parent
VENDOR = ("vendor/graphology-0.26.0.umd.min.js", "vendor/sigma-3.0.2.min.js")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
WRITES = ("POST", "PUT", "PATCH", "DELETE")
COOKIE = "samverkan_token"
UI = {  # key -> English msgid; the page receives them translated
    "search": "Search an actor by name",
    "no_match": "No actor by that name",
    "ties": "Ties",
    "relations": "Facts",
    "aliases": "Also called",
    "part_of": "Part of",
    "type": "Type",
    "sector": "Sector",
    "source": "Source",
    "loaded": "loaded",
    "open_quote": "Show the quote in its document",
    "no_quote": "no quote",
    "weight": "reasons",
    "close": "Close",
    "not_on_map": "Not drawn on the map",
    "actors_shown": "{n} of {total} actors, {ties} ties",
    "view": "View",
    "color_by": "Colour by",
    "size_by": "Size by",
    "community": "community",
    "degree": "number of ties",
    "betweenness": "betweenness",
    "filters": "Filters",
    "all": "all",
    "theme": "Theme",
    "place": "Place",
    "persons": "Persons",
    "show": "shown",
    "initials": "initials",
    "hide": "hidden",
    "role": "by role",
    "time": "Time",
    "as_of": "As of",
    "compare": "Compare with",
    "today": "today",
    "saved": "Saved views",
    "save": "Save the view as",
    "save_button": "Save",
    "findings": "Findings",
    "gaps": "Gaps",
    "brokers": "Brokers",
    "boundaries": "Boundaries",
    "show_findings": "Show the findings",
    "questions": "Questions",
    "named": "Ready-made questions",
    "edit": "Edit",
    "editor": "Your name",
    "add_actor": "Add an actor",
    "add_relation": "Add a relation",
    "name": "Name",
    "from": "From",
    "to": "To",
    "relation": "Relation",
    "undo": "Undo the last edit",
    "review": "Review",
    "document": "Document (path on the server)",
    "open_queue": "Open the queue",
    "accept": "Accept",
    "reject": "Reject",
    "merge": "Merge with",
    "decided": "decided: {action} by {editor}",
    "candidates": "Candidates",
    "role_field": "Role",
    "done": "Saved",
    "add": "Add",
    "run": "Run",
    "download": "Download as CSV",
    "rows": "{n} rows",
    "engine": "Engine",
    "export": "Export",
    "report": "report",
    "figure": "figure",
    "legend": "Legend",
    "cross": "across a boundary",
}


class Guard:
    """ASGI middleware: host check, token, same-origin and CSRF for writes, read-only, CSP."""

    def __init__(self, app, hosts: set[str], token: str | None, csrf: str, read_only: bool):
        self.app, self.hosts, self.token, self.csrf, self.read_only = app, hosts, token, csrf, read_only

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        refused = self.refusal(request)
        if refused:
            return await refused(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = message["headers"] = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                if self.token and request.query_params.get("token") == self.token:
                    headers.append(
                        (b"set-cookie", f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode())
                    )
            await send(message)

        await self.app(scope, receive, with_headers)

    def refusal(self, request: Request) -> Response | None:
        host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]")
        if host not in self.hosts:
            return _refuse(400, _("This server does not answer for host {host}.", host=host))
        if self.token:
            given = (
                request.query_params.get("token")
                or request.cookies.get(COOKIE)
                or request.headers.get("authorization", "").removeprefix("Bearer ")
            )
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return _refuse(401, _("A token is needed: open the address the server printed."))
        if request.method not in WRITES:
            return None
        if self.read_only:
            return _refuse(403, _("The explorer runs read-only: nothing can be changed."))
        origin = request.headers.get("origin")
        own = f"{request.url.scheme}://{request.headers.get('host')}"
        if origin != own:
            return _refuse(403, _("A change must come from the explorer's own page."))
        if not hmac.compare_digest(request.headers.get("x-csrf-token", "").encode(), self.csrf.encode()):
            return _refuse(403, _("The page's form token is missing or wrong: reload the page."))
        return None


def _refuse(status: int, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=status)


def resolve(snap, body: dict) -> dict:
    """A relation's ends given by id or by exact name, as ids."""
    out = dict(body)
    for end in ("from", "to"):
        given = str(body.get(end, "")).strip()
        if given in snap.entities:
            continue
        found = [e.id for e in snap.records.entities if e.name.casefold() == given.casefold()]
        if len(found) != 1:
            raise ValueError(
                _("No single actor is called {name}", name=given)
                if found or given
                else _("A relation needs two actors and a kind of relation.")
            )
        out[end] = found[0]
    return out


def language(request: Request) -> str:
    lang = request.query_params.get("lang")
    return lang if lang in i18n.LANGS else i18n.lang()


def as_of(request: Request, key: str = "as_of") -> date:
    value = request.query_params.get(key)
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        raise ValueError(_("{key}: {value!r} is not a date (YYYY-MM-DD)", key=key, value=value)) from None


BUSY = "The workspace is busy with another command; try again when it has finished."


class Explorer:
    """The endpoints over one workspace: reads answer from the in-memory snapshot (or open the
    workspace for a query), writes go through a journal loaded as a source of its own."""

    def __init__(self, data: Data, csrf: str, read_only: bool):
        self.data, self.csrf, self.read_only = data, csrf, read_only
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"])
        )

    def page(self, request: Request) -> Response:
        with i18n.use(language(request)):
            html = self.env.get_template("index.html").render(
                lang=i18n.lang(),
                title=_("Samverkan: explorer"),
                text=_json({k: _(v) for k, v in UI.items()}),
                csrf=self.csrf,
                vendor=VENDOR,
                read_only=self.read_only,
            )
        return HTMLResponse(html)

    def read(self, build):
        """An endpoint answering ``build(request, snapshot)`` as JSON (or the response it makes)."""

        async def endpoint(request: Request) -> Response:
            with i18n.use(language(request)):
                try:
                    snap = self.data.current().persons(request.query_params.get("persons") or "show")
                    result = build(request, snap)
                except WorkspaceInUse:
                    return _refuse(409, _(BUSY))
                except ValueError as e:
                    return _refuse(400, str(e))
            return result if isinstance(result, Response) else JSONResponse(result)

        return endpoint

    def write(self, handler):
        """An endpoint for a change: ``handler(body, snapshot)`` with the request's JSON object."""

        async def endpoint(request: Request) -> Response:
            with i18n.use(language(request)):
                try:
                    body = await request.json()
                    if not isinstance(body, dict):
                        raise ValueError
                except ValueError:
                    return _refuse(400, _("The request is not a JSON object."))
                try:
                    return JSONResponse(handler(body, self.data.current()))
                except WorkspaceInUse:
                    return _refuse(409, _(BUSY))
                except (ValueError, LoadError, WorkspaceError) as e:
                    return _refuse(400, str(e))

        return endpoint

    # -- reads ----------------------------------------------------------------------------
    @staticmethod
    def graph(snap, key) -> Response:
        """The network as JSON, encoded once per day and language (20,000 actors: 7 MB)."""
        return JSONResponse(views.graph(snap, key[1]))

    def actor(self, request, snap):
        eid = request.path_params["eid"]
        found = views.actor(snap, eid, as_of(request))
        return found if found is not None else _refuse(404, _("No actor with id {id}", id=eid))

    def document(self, request, snap):
        q = request.query_params
        span = tuple(int(x) for x in q["span"].split("-")) if q.get("span") else None
        return views.document(snap, q.get("name", ""), q.getlist("source"), q.get("quote"), span)

    def ask(self, request, snap):
        q = request.query_params
        given = {k[2:]: v for k, v in q.items() if k.startswith("p.")}
        found = self.data.read(
            lambda ws: questions.ask(
                ws, q.get("kind", ""), q.get("text", ""), q.get("engine", "sparql"), given
            )
        )
        if q.get("format") != "csv":
            return found
        return Response(
            questions.as_csv(found),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="samverkan.csv"'},
        )

    def download(self, request, snap):
        q = request.query_params
        persons, day = q.get("persons") or "show", as_of(request)
        name, media, content = self.data.read(
            lambda ws: downloads.download(ws, q.get("format", ""), persons, day)
        )
        return Response(
            content, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'}
        )

    # -- writes ---------------------------------------------------------------------------
    def save_view(self, body, snap):
        name, query = str(body.get("name", "")).strip(), str(body.get("query", "")).lstrip("?")
        if not name or len(name) > 100:
            raise ValueError(_("A view needs a name of at most 100 characters."))
        return save_view(self.data.path, name, query)

    def edit(self, body, snap):
        entry = (
            actor_entry(body, body.get("editor"), snap.entities)
            if body.get("op") == "actor"
            else relation_entry(resolve(snap, body), body.get("editor"))
        )
        return self.data.write(lambda ws: Journal(self.data.path, "edits").apply(ws, entry))

    def undo(self, body, snap):
        name = review.journal_name(Path(body["document"])) if body.get("document") else "edits"
        return self.data.write(lambda ws: Journal(self.data.path, name).apply(ws, None))

    def decide(self, body, snap):
        entry, name = review.entry(snap, body), review.journal_name(Path(str(body.get("document"))))
        return self.data.write(lambda ws: Journal(self.data.path, name).apply(ws, entry))

    def routes(self) -> list:
        path = self.data.path
        reads = {
            "/api/graph": lambda request, snap: snap.cached(
                ("graph", as_of(request), i18n.lang()), self.graph
            ),
            "/api/actor/{eid:path}": self.actor,
            "/api/document": self.document,
            "/api/findings": lambda request, snap: views.findings(snap, as_of(request)),
            "/api/changes": lambda request, snap: views.changes(
                snap, as_of(request, "compare"), as_of(request)
            ),
            "/api/views": lambda request, snap: saved_views(path),
            "/api/questions": lambda request, snap: questions.catalogue(),
            "/api/ask": self.ask,
            "/api/export": self.download,
            "/api/review": lambda request, snap: review.queue(path, request.query_params.get("document", "")),
            "/api/edits": lambda request, snap: Journal(path, "edits").entries,
        }
        writes = {
            "/api/views": self.save_view,
            "/api/edit": self.edit,
            "/api/undo": self.undo,
            "/api/review": self.decide,
        }
        return [
            Route("/", self.page),
            *(Route(p, self.read(f)) for p, f in reads.items()),
            *(Route(p, self.write(f), methods=["POST"]) for p, f in writes.items()),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]


def create_app(
    workspace: Path,
    read_only: bool = False,
    token: str | None = None,
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost"),
) -> Guard:
    """The explorer over the workspace at ``workspace``, behind its :class:`Guard`."""
    csrf = secrets.token_urlsafe(24)
    explorer = Explorer(Data(Path(workspace)), csrf, read_only)
    app = Starlette(routes=explorer.routes())
    app.state.data = explorer.data
    return Guard(app, set(hosts), token, csrf, read_only)
