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
from samverkan.i18n import _
from samverkan.graph.workspace import WorkspaceError
from samverkan.records import LoadError
from samverkan.serve import questions, review, views
from samverkan.serve.edits import Journal, actor_entry, relation_entry
from samverkan.serve.data import Data, save_view, saved_views

HERE = Path(__file__).parent
VENDOR = ("vendor/graphology-0.26.0.umd.min.js", "vendor/sigma-3.0.2.min.js")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
WRITES = ("POST", "PUT", "PATCH", "DELETE")
COOKIE = "samverkan_token"
UI = {  # key -> English msgid; the page receives them translated
    "search": "Search an actor by name", "no_match": "No actor by that name", "ties": "Ties",
    "relations": "Facts", "aliases": "Also called", "part_of": "Part of", "type": "Type",
    "sector": "Sector", "source": "Source", "loaded": "loaded", "open_quote": "Show the quote in its document",
    "no_quote": "no quote", "weight": "reasons", "close": "Close", "not_on_map": "Not drawn on the map",
    "actors_shown": "{n} of {total} actors, {ties} ties",
    "view": "View", "color_by": "Colour by", "size_by": "Size by", "community": "community",
    "degree": "number of ties", "betweenness": "betweenness", "filters": "Filters", "all": "all",
    "theme": "Theme", "place": "Place", "persons": "Persons", "show": "shown", "initials": "initials",
    "hide": "hidden", "role": "by role", "time": "Time", "as_of": "As of", "compare": "Compare with",
    "today": "today", "saved": "Saved views", "save": "Save the view as", "save_button": "Save",
    "findings": "Findings", "gaps": "Gaps", "brokers": "Brokers", "boundaries": "Boundaries",
    "show_findings": "Show the findings", "questions": "Questions", "named": "Ready-made questions",
    "edit": "Edit", "editor": "Your name", "add_actor": "Add an actor", "add_relation": "Add a relation",
    "name": "Name", "from": "From", "to": "To", "relation": "Relation", "undo": "Undo the last edit",
    "review": "Review", "document": "Document (path on the server)", "open_queue": "Open the queue",
    "accept": "Accept", "reject": "Reject", "merge": "Merge with", "decided": "decided: {action} by {editor}",
    "candidates": "Candidates", "role_field": "Role", "done": "Saved", "add": "Add",
    "run": "Run", "download": "Download as CSV", "rows": "{n} rows", "engine": "Engine", "legend": "Legend", "cross": "across a boundary",
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
                headers = message.setdefault("headers", [])
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                if self.token and request.query_params.get("token") == self.token:
                    headers.append((b"set-cookie", f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
                                    .encode()))
            await send(message)

        await self.app(scope, receive, with_headers)

    def refusal(self, request: Request) -> Response | None:
        host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]")
        if host not in self.hosts:
            return _refuse(400, _("This server does not answer for host {host}.", host=host))
        if self.token:
            given = request.query_params.get("token") or request.cookies.get(COOKIE) or \
                request.headers.get("authorization", "").removeprefix("Bearer ")
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
            raise ValueError(_("No single actor is called {name}", name=given) if found or given else
                             _("A relation needs two actors and a kind of relation."))
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


def create_app(workspace: Path, read_only: bool = False, token: str | None = None,
               hosts: tuple[str, ...] = ("127.0.0.1", "localhost")) -> Guard:
    """The explorer over the workspace at ``workspace``."""
    data = Data(Path(workspace))
    csrf = secrets.token_urlsafe(24)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))

    def page(request: Request) -> Response:
        with i18n.use(language(request)):
            text = {k: _(v) for k, v in UI.items()}
            html = env.get_template("index.html").render(
                lang=i18n.lang(), title=_("Samverkan: explorer"), text=_json(text),
                csrf=csrf, vendor=VENDOR, read_only=read_only)
        return HTMLResponse(html)

    def answer(build):
        async def endpoint(request: Request) -> Response:
            with i18n.use(language(request)):
                try:
                    snap = data.current().persons(request.query_params.get("persons") or "show")
                    result = build(request, snap)
                except ValueError as e:
                    return _refuse(400, str(e))
            return result if isinstance(result, Response) else JSONResponse(result)
        return endpoint

    def actor(request, snap):
        found = views.actor(snap, request.path_params["eid"], as_of(request))
        return found if found is not None else _refuse(404, _("No actor with id {id}", id=request.path_params["eid"]))

    def doc(request, snap):
        q = request.query_params
        span = tuple(int(x) for x in q["span"].split("-")) if q.get("span") else None
        return views.document(snap, q.get("name", ""), q.getlist("source"), q.get("quote"), span)

    def ask(request: Request) -> Response:
        q = request.query_params
        given = {k[2:]: v for k, v in q.items() if k.startswith("p.")}
        with i18n.use(language(request)):
            try:
                found = data.read(lambda ws: questions.ask(ws, q.get("kind", ""), q.get("text", ""),
                                                           q.get("engine", "sparql"), given))
            except ValueError as e:
                return _refuse(400, str(e))
        if q.get("format") == "csv":
            return Response(questions.as_csv(found), media_type="text/csv; charset=utf-8",
                            headers={"content-disposition": 'attachment; filename="samverkan.csv"'})
        return JSONResponse(found)

    async def save(request: Request) -> Response:
        with i18n.use(language(request)):
            try:
                body = dict(await request.json())
            except ValueError:
                return _refuse(400, _("The request is not a JSON object."))
            name, query = str(body.get("name", "")).strip(), str(body.get("query", "")).lstrip("?")
            if not name or len(name) > 100:
                return _refuse(400, _("A view needs a name of at most 100 characters."))
            return JSONResponse(save_view(data.path, name, query))

    async def body_of(request: Request) -> dict:
        try:
            return dict(await request.json())
        except ValueError:
            raise ValueError(_("The request is not a JSON object.")) from None

    def change(handler):
        async def endpoint(request: Request) -> Response:
            with i18n.use(language(request)):
                try:
                    return JSONResponse(handler(await body_of(request), data.current()))
                except (ValueError, LoadError, WorkspaceError) as e:
                    return _refuse(400, str(e))
        return endpoint

    def edit(body, snap):
        entry = (actor_entry(body, body.get("editor"), snap.entities) if body.get("op") == "actor"
                 else relation_entry(resolve(snap, body), body.get("editor")))
        return data.write(lambda ws: Journal(data.path, "edits").apply(ws, entry))

    def undo(body, snap):
        name = review.journal_name(Path(body["document"])) if body.get("document") else "edits"
        return data.write(lambda ws: Journal(data.path, name).apply(ws, None))

    def decide(body, snap):
        entry = review.entry(snap, body)
        return data.write(lambda ws: Journal(data.path, review.journal_name(Path(body["document"]))).apply(ws, entry))

    routes = [
        Route("/", page),
        Route("/api/graph", answer(lambda request, snap: views.graph(snap, as_of(request)))),
        Route("/api/actor/{eid:path}", answer(actor)),
        Route("/api/document", answer(doc)),
        Route("/api/findings", answer(lambda request, snap: views.findings(snap, as_of(request)))),
        Route("/api/changes", answer(lambda request, snap: views.changes(
            snap, as_of(request, "compare"), as_of(request)))),
        Route("/api/views", answer(lambda request, snap: saved_views(data.path))),
        Route("/api/questions", answer(lambda request, snap: questions.catalogue())),
        Route("/api/ask", ask),
        Route("/api/views", save, methods=["POST"]),
        Route("/api/edit", change(edit), methods=["POST"]),
        Route("/api/undo", change(undo), methods=["POST"]),
        Route("/api/review", answer(lambda request, snap: review.queue(data.path, request.query_params.get("document", "")))),
        Route("/api/review", change(decide), methods=["POST"]),
        Route("/api/edits", answer(lambda request, snap: Journal(data.path, "edits").entries)),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.data = data
    return Guard(app, set(hosts), token, csrf, read_only)
