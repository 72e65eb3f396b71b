"""The explorer is safe by default: loopback, a token for other hosts, same-origin writes with a
CSRF token, read-only mode, a Content-Security-Policy with no outside source."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from serve_fixtures import (
    Page,
    browser,  # noqa: F401 (a fixture)
    make_workspace,
    server,
)

from samverkan.serve import address, prepare

VIEW = json.dumps({"name": "mine", "query": "sector=public"}).encode()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return make_workspace(tmp_path_factory.mktemp("safety"))


def call(url: str, data: bytes | None = None, **headers) -> tuple[int, dict | str, dict]:
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request) as r:
            body, status, answer_headers = r.read().decode(), r.status, dict(r.headers)
    except urllib.error.HTTPError as e:
        body, status, answer_headers = e.read().decode(), e.code, dict(e.headers)
    try:
        return status, json.loads(body), answer_headers
    except ValueError:
        return status, body, answer_headers


def csrf_of(url: str) -> str:
    _, page, _ = call(url + "/")
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def test_writes_need_the_same_origin_and_the_csrf_token(workspace):
    with server(workspace) as url:
        token = csrf_of(url)
        json_type = {"Content-Type": "application/json"}
        assert call(url + "/api/views", VIEW, **json_type)[0] == 403  # no origin
        status, body, _ = call(
            url + "/api/views", VIEW, Origin="http://evil.example", **{"X-CSRF-Token": token}, **json_type
        )
        assert (status, body["error"]) == (403, "En ändring måste komma från utforskarens egen sida.")
        status, body, _ = call(url + "/api/views", VIEW, Origin=url, **json_type)
        assert (status, body["error"]) == (403, "Sidans formulärnyckel saknas eller är fel: ladda om sidan.")
        assert not (workspace / "serve" / "views.json").exists()
        status, body, _ = call(url + "/api/views", VIEW, Origin=url, **{"X-CSRF-Token": token}, **json_type)
        assert (status, body) == (200, {"mine": "sector=public"})


def test_read_only_refuses_every_write_and_hides_the_forms(workspace, browser):
    with server(workspace, "--read-only") as url:
        status, body, _ = call(
            url + "/api/views",
            VIEW,
            Origin=url,
            **{"X-CSRF-Token": csrf_of(url)},
            **{"Content-Type": "application/json"},
        )
        assert (status, body["error"]) == (403, "Utforskaren körs skrivskyddad: inget kan ändras.")
        page = Page(browser).open(url + "/")
        assert page.locator("#save-view").count() == 0


def test_a_token_is_needed_for_every_request_and_the_page_works_with_it(workspace, browser):
    with server(workspace, "--token", "s3cret") as url:
        assert call(url + "/")[0] == 401
        assert call(url + "/api/graph")[0] == 401
        assert call(url + "/static/app.js")[0] == 401
        assert call(url + "/api/graph", Authorization="Bearer s3cret")[0] == 200
        p = Page(browser)
        page = p.open(url + "/?token=s3cret&focus=rb")  # the page's own requests carry the cookie
        assert page.locator("#panel .actor-name").inner_text() == "Rädda Barnen"
        assert p.errors == []


def test_only_the_servers_own_host_names_are_answered(workspace):
    with server(workspace) as url:
        assert call(url + "/api/graph", Host="evil.example")[0] == 400
        assert call(url + "/api/graph", Host="localhost")[0] == 200


def test_the_page_allows_no_outside_source(workspace):
    with server(workspace) as url:
        _, page, headers = call(url + "/")
        policy = headers["content-security-policy"]
        assert (
            "default-src 'none'" in policy
            and "script-src 'self'" in policy
            and "connect-src 'self'" in policy
        )
        assert "http" not in policy and "*" not in policy
        assert not re.search(r'(src|href)="(https?:)?//', page)


def test_another_host_gets_a_token_made_for_it():
    assert prepare("127.0.0.1", None) is None
    made = prepare("0.0.0.0", None)
    assert made and len(made) >= 20 and prepare("0.0.0.0", None) != made
    assert prepare("0.0.0.0", "given") == "given"
    assert address("0.0.0.0", 8765, "t") == "http://0.0.0.0:8765/?token=t"


def test_a_document_is_only_looked_for_by_its_plain_name(workspace):
    secret = workspace.parent / "secret.txt"
    secret.write_text("hemligt", encoding="utf-8")
    with server(workspace) as url:
        for name in ("../secret.txt", str(secret)):
            query = urllib.parse.urlencode({"name": name, "source": "sources", "quote": "hemligt"})
            status, body, _ = call(url + "/api/document?" + query)
            assert status == 200 and "hemligt" not in json.dumps(body, ensure_ascii=False).replace(name, "")
            assert body["missing"].startswith("Dokumentet")
