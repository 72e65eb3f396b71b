"""Bounds on the queries people type: Cypher on the embedded view is read-only and touches no
file, SPARQL calls no other server unless asked (``SERVICE``), and every query has a time limit.

The checks read the keywords of a statement outside its strings, comments, quoted names and IRIs
(openCypher 9 and SPARQL 1.1 lexical rules), so a name such as ``'SET'`` or ``?service`` passes;
the word lists are data below. The database is opened read-only as well: the check gives the
clear message, the read-only database is the second wall.
"""

from __future__ import annotations

import re

from samverkan.i18n import _

#: Cypher clauses that write, read or write files, or change the database and its settings.
CYPHER_REFUSED = frozenset(
    """CREATE MERGE DELETE DETACH SET REMOVE FOREACH DROP ALTER RENAME COPY LOAD
    INSTALL UNINSTALL ATTACH DETACH USE EXPORT IMPORT CHECKPOINT BEGIN COMMIT ROLLBACK""".split()
)
#: LadybugDB's ``CALL name = value`` changes a setting of the connection (its time limit, say).
CYPHER_SETTING = re.compile(r"\bCALL\s+\w+\s*=", re.IGNORECASE)
CYPHER_LEXEMES = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|//[^\n]*|/\*.*?\*/""", re.DOTALL
)
CYPHER_WORD = re.compile(r"(?<![\w.$:`])([A-Za-z_]\w*)\b(?!\s*:)")
SPARQL_LEXEMES = re.compile(
    r"""'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|"""
    r"""<[^<>"{}|^`\\\s]*>|#[^\n]*""",
    re.DOTALL,
)
SPARQL_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)


class QueryRefused(ValueError):
    """A statement that the workspace does not run (a write, a file access, a remote call)."""


class QueryTimeout(RuntimeError):
    """A query stopped at its time limit."""

    def __init__(self, seconds: float):
        super().__init__(
            _(
                "the query ran for {seconds} s, its time limit, and was stopped; "
                "give --timeout SECONDS for a longer one",
                seconds=f"{seconds:g}",
            )
        )


def _code(text: str, lexemes: re.Pattern) -> str:
    """``text`` with its strings, comments, quoted names and IRIs blanked out."""
    return lexemes.sub(" ", text)


def check_cypher(text: str) -> None:
    """Refuse a Cypher statement that writes, reads or writes files, or changes settings."""
    code = re.sub(r":\s+", ":", _code(text, CYPHER_LEXEMES))
    words = [w.upper() for w in CYPHER_WORD.findall(code)]
    refused = next((w for w in words if w in CYPHER_REFUSED), None)
    if refused is None and CYPHER_SETTING.search(code):
        refused = "CALL ... ="
    if refused:
        raise QueryRefused(
            _(
                "Cypher on the workspace is read-only: {word} is refused (the embedded "
                "database is a view of the RDF store; change the data with load, unload "
                "or sparql --update)",
                word=refused,
            )
        )
    if ";" in code.strip().rstrip(";"):
        raise QueryRefused(_("Cypher: one statement at a time, please (found ';' between statements)"))


def check_sparql(text: str, allow_service: bool = False) -> None:
    """Refuse a SPARQL query that calls another server (``SERVICE``) unless allowed."""
    if not allow_service and SPARQL_SERVICE.search(_code(text, SPARQL_LEXEMES)):
        raise QueryRefused(
            _("SPARQL: SERVICE calls another server and is off; give --allow-service to allow it")
        )
