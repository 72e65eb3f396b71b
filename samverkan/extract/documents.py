"""The main text of documents — .txt, .html, .pdf (pdfminer.six), .docx (python-docx) — without
the boilerplate of web pages: navigation, opening hours, contact boxes, footers and "Senast
granskad ..." signatures are not content, nor are teasers that link to other documents (a title,
a snippet that repeats it, and "Läs mer"): what they say comes from those documents.

:func:`main_text` returns the kept paragraphs joined by blank lines, so character offsets into
it are stable for quotes and spans.
"""

from __future__ import annotations

import re
from pathlib import Path

from samverkan.records import LoadError, Origin

SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
NOT_CONTENT = {"nav", "header", "footer", "aside", "script", "style", "form", "noscript", "template",
               "button", "svg"}
BOILERPLATE_CLASS = re.compile(r"nav|menu|footer|header|cookie|breadcrumb|contact|kontakt|share|social|sidebar",
                               re.IGNORECASE)
BOILERPLATE_LINE = re.compile(
    r"""^(senast\s+(granskad|uppdaterad|ändrad)\b.*
        |öppettider|besök\s+oss|kontakta\s+oss|kontaktcenter\b.*|vad\s+kan\s+kontaktcenter.*
        |relaterad\s+information|läs\s+mer.*|dela\s+sidan.*|storlek:.*|starta\s+visningen.*|download\s.*|transkript|prenumerera|twitter|facebook|youtube|rss|linkedin|instagram
        |(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)\S*\s*[:–-].*\d{1,2}[:.]\d{2}.*
        |(hem|start|startsida|du\s+är\s+här:?)\s*[>›»/|].*
        |.*\b\d{3}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]+$)$""",
    re.IGNORECASE | re.VERBOSE)


def is_boilerplate(paragraph: str) -> bool:
    """Opening hours, contact and sharing boxes, addresses and page signatures."""
    text = " ".join(paragraph.split())
    return not text or bool(BOILERPLATE_LINE.match(text))


def paragraphs(path: Path) -> list[str]:
    """The document's paragraphs, in order, as the file holds them."""
    suffix = path.suffix.casefold()
    try:
        if suffix == ".txt":
            return path.read_text(encoding="utf-8-sig").splitlines()
        if suffix in (".html", ".htm"):
            return _html(path.read_bytes())
        if suffix == ".pdf":
            from pdfminer.high_level import extract_text

            return re.split(r"\n\s*\n", extract_text(str(path)))
        if suffix == ".docx":
            from docx import Document

            return [p.text for p in Document(str(path)).paragraphs]
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as e:
        raise LoadError([(Origin(str(path)), f"cannot read the document: {e}")]) from e
    except Exception as e:  # pdfminer and python-docx raise their own kinds for broken files
        raise LoadError([(Origin(str(path)), f"not a readable {suffix[1:].upper()} document ({type(e).__name__})")]) from e
    raise LoadError([(Origin(str(path)), f"not a document type samverkan reads: {suffix!r}")])


def _html(data: bytes) -> list[str]:
    import lxml.html

    declared = re.search(rb"""charset=["']?([\w-]+)""", data[:4096])
    root = lxml.html.fromstring(data.decode(declared.group(1).decode() if declared else "utf-8", errors="replace"))
    doomed = [e for e in root.iter() if isinstance(e.tag, str) and e.getparent() is not None and (
        e.tag in NOT_CONTENT or BOILERPLATE_CLASS.search(f"{e.get('class', '')} {e.get('id', '')} {e.get('role', '')}"))]
    for element in doomed:
        element.drop_tree()
    main = next((e for e in (root.find(".//main"), root.find(".//article")) if e is not None), root)
    blocks = main.xpath(".//p|.//h1|.//h2|.//h3|.//h4|.//li|.//td|.//blockquote")
    return [" ".join(b.text_content().split()) for b in blocks if not b.xpath(".//p|.//li")]


READ_MORE = re.compile(r"^(läs\s+mer|read\s+more)\W*$", re.IGNORECASE)


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


def main_text(path: Path) -> str:
    """The main text: non-empty paragraphs that are neither boilerplate nor teasers, joined by
    blank lines."""
    paras = [" ".join(p.split()) for p in paragraphs(Path(path))]
    return "\n\n".join(p for p in without_teasers([p for p in paras if p]) if not is_boilerplate(p))
