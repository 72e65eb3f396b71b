"""The main text of documents — .txt, .html, .pdf (pdfminer.six), .docx (python-docx) — without
the boilerplate of web pages: navigation, opening hours, contact boxes, footers and "Senast
granskad ..." signatures are not content, nor are teasers that link to other documents (a title,
a snippet that repeats it, and "Läs mer"): what they say comes from those documents.

:func:`main_text` returns the kept paragraphs joined by blank lines, so character offsets into
it are stable for quotes and spans.
"""

from __future__ import annotations

import re
from functools import cache
from io import BytesIO
from pathlib import Path

from samverkan.i18n import _
from samverkan.records import LoadError, Origin

SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
RULES = Path(__file__).parent / "rules"
NOT_CONTENT = {
    "nav",
    "header",
    "footer",
    "aside",
    "script",
    "style",
    "form",
    "noscript",
    "template",
    "button",
    "svg",
}
BOILERPLATE_CLASS = re.compile(
    r"nav|menu|footer|header|cookie|breadcrumb|contact|kontakt|share|social|sidebar", re.IGNORECASE
)


@cache
def _boilerplate() -> re.Pattern:
    lines = (RULES / "boilerplate.txt").read_text(encoding="utf-8").splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in patterns) + ")$", re.IGNORECASE)


def is_boilerplate(paragraph: str) -> bool:
    """Opening hours, contact and sharing boxes, cookie banners, skip links, addresses and page
    signatures: the lines of ``rules/boilerplate.txt``."""
    text = " ".join(paragraph.split())
    return not text or bool(_boilerplate().match(text))


def paragraphs(path: Path) -> list[str]:
    """The document's paragraphs, in order, as the file holds them."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise LoadError(
            [(Origin(str(path)), _("cannot read the document: {error}", error=e.strerror or e))]
        ) from e
    return read_paragraphs(data, path.suffix, str(path))


def read_paragraphs(data: bytes, suffix: str, origin: str) -> list[str]:
    """The paragraphs of a document's bytes, read as a file with ``suffix``; a :class:`LoadError`
    naming ``origin`` when they cannot be read."""
    suffix = suffix.casefold()
    try:
        if suffix == ".txt":
            return data.decode("utf-8-sig").splitlines()
        if suffix in (".html", ".htm"):
            return _html(data)
        if suffix == ".pdf":
            from pdfminer.high_level import extract_text

            return re.split(r"\n\s*\n", extract_text(BytesIO(data)))
        if suffix == ".docx":
            from docx import Document

            return [p.text for p in Document(BytesIO(data)).paragraphs]
    except LoadError as e:
        raise LoadError([(Origin(origin), why) for _where, why in e.problems]) from e
    except (UnicodeDecodeError, ValueError, KeyError) as e:
        raise LoadError([(Origin(origin), _("cannot read the document: {error}", error=e))]) from e
    except Exception as e:  # pdfminer and python-docx raise their own kinds for broken files
        why = _("not a readable {kind} document ({error})", kind=suffix[1:].upper(), error=type(e).__name__)
        raise LoadError([(Origin(origin), why)]) from e
    raise LoadError([(Origin(origin), _("not a document type samverkan reads: {kind}", kind=repr(suffix)))])


def _html(data: bytes) -> list[str]:
    """Content blocks of a page. lxml reads it with ``huge_tree`` (libxml2 otherwise stops at a
    text node over 10 MB and gives nothing); a page with text that still yields none is refused."""
    import lxml.html

    declared = re.search(rb"""charset=["']?([\w-]+)""", data[:4096])
    text = data.decode(declared.group(1).decode() if declared else "utf-8", errors="replace")
    root = lxml.html.fromstring(text, parser=lxml.html.HTMLParser(huge_tree=True))
    if not root.text_content().strip() and re.search(r">\s*[^<\s]", text):
        raise LoadError([("", _("the HTML could not be parsed: it has text, but none was read"))])
    doomed = [
        e
        for e in root.iter()
        if isinstance(e.tag, str)
        and e.getparent() is not None
        and (
            e.tag in NOT_CONTENT
            or BOILERPLATE_CLASS.search(f"{e.get('class', '')} {e.get('id', '')} {e.get('role', '')}")
        )
    ]
    for element in doomed:
        element.drop_tree()
    main = next((e for e in (root.find(".//main"), root.find(".//article")) if e is not None), root)
    blocks = main.xpath(".//p|.//h1|.//h2|.//h3|.//h4|.//li|.//td|.//dt|.//dd|.//blockquote")
    if not blocks:  # a page of bare text in <body>
        return main.text_content().splitlines()
    return [" ".join(b.text_content().split()) for b in blocks if not b.xpath(".//p|.//li")]


READ_MORE = re.compile(r"^(läs\s+mer|read\s+more)[^\w:]*$", re.IGNORECASE)  # "Läs mer:" heads links


def without_teasers(paras: list[str]) -> list[str]:
    """Drop link teasers: a paragraph followed by a bare "Läs mer", and the title before it when
    the teaser starts with that title or follows another teaser."""
    doomed = set()
    for i, p in enumerate(paras):
        if READ_MORE.match(p) and i > 0:
            doomed |= {i, i - 1}
            if i > 1 and (paras[i - 1].startswith(paras[i - 2]) or i > 2 and READ_MORE.match(paras[i - 3])):
                doomed.add(i - 2)
    return [p for i, p in enumerate(paras) if i not in doomed]


def main_text(source) -> str:
    """The main text of a file or of a web address: non-empty paragraphs that are neither
    boilerplate nor teasers, joined by blank lines."""
    from samverkan.extract import web

    if web.is_address(source):
        page = web.fetch(source)
        found = read_paragraphs(page.data, page.suffix, source)
    else:
        found = paragraphs(Path(source))
    paras = [" ".join(p.split()) for p in found]
    return "\n\n".join(p for p in without_teasers([p for p in paras if p]) if not is_boilerplate(p))
