"""Shared by the explorer's tests: a small workspace with quotes, dates and a hostile name, a real
``samverkan serve`` in a subprocess, and headless Chromium that records every request."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import free_ports, unavailable, wait_for

from samverkan import Workspace

ROOT = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = '<img src=x onerror="window.__xss=1">'
TEXT = (
    "Rapport om samverkan i Ale.\n\nAle kommun och Rädda Barnen driver tillsammans projektet Trygga "
    "skolvägar sedan 2021.\n\nRISE utvärderar arbetet."
)
QUOTE = "Ale kommun och Rädda Barnen driver tillsammans projektet Trygga skolvägar"


def write_sources(folder: Path) -> Path:
    """Entities and relations with quotes from a document beside them; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rapport.txt").write_text(TEXT, encoding="utf-8")
    hostile = HOSTILE.replace('"', '""')
    (folder / "entities.csv").write_text(
        "id,name,type,sector,part_of,aliases,start,end,source,quote\n"
        "ale,Ale kommun,municipality,,,Ale,,,rapport.txt,Ale kommun\n"
        "kultur,Kultur och fritid,department,,ale,,,,,\n"
        "rb,Rädda Barnen,civil_society,,,RB;Save the Children Sverige,,,rapport.txt,Rädda Barnen\n"
        "rise,RISE,research,,,Research Institutes of Sweden,,,rapport.txt,RISE utvärderar arbetet\n"
        f'x,"{hostile}",civil_society,,,,,,,\n'
        "trygga,Trygga skolvägar,project,,,,2021-01-01,2023-12-31,,\n"
        "lasa,Läsfrämjande,project,,,,2024-01-01,,,\n"
        "tema,trygghet,theme,,,,,,,\n",
        encoding="utf-8",
    )
    (folder / "relations.csv").write_text(
        "from,relation,to,role,start,end,source,quote\n"
        f"ale,leads,trygga,,,,rapport.txt,{QUOTE}\n"
        f"rb,participates_in,trygga,,,,rapport.txt,{QUOTE}\n"
        "rise,participates_in,trygga,,,,rapport.txt,RISE utvärderar arbetet\n"
        "kultur,leads,lasa,,,,,\n"
        "x,participates_in,lasa,,,,,\n"
        "trygga,about_theme,tema,,,,,\n",
        encoding="utf-8",
    )
    return folder


def make_workspace(root: Path) -> Path:
    with Workspace.open(root / "ws", create=True) as ws:
        ws.load([write_sources(root / "sources")])
    return root / "ws"


@contextmanager
def server(workspace: Path, *options: str):
    """``samverkan serve`` on a free loopback port; yields its base address."""
    [port] = free_ports(1)
    command = [
        sys.executable,
        "-c",
        "from samverkan.cli import main; main()",
        "-w",
        str(workspace),
        "serve",
        "--port",
        str(port),
        *options,
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(port, process, seconds=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        unavailable("chromium is required (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Page:
    """A page that records every request, console error and page error."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.set_default_timeout(90_000)  # a write to the workspace can take long on a busy machine
        self.requests, self.errors = [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, url: str):
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        return self.page

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("http://127.0.0.1:", "data:"))]


def screenshots() -> Path | None:
    folder = os.environ.get("SAMVERKAN_SCREENSHOTS")
    return Path(folder) if folder else None
