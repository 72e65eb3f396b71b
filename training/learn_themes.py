"""Learn theme words from the annotated pages: every word or phrase an annotator marked as a
theme, kept when it is marked on at least MIN_PAGES pages and on at least MIN_SHARE of the pages
that use it; written to ``samverkan/extract/gazetteers/themes_learned.csv`` under the theme of
``themes.csv`` it names, or as a theme of its own.

    python training/learn_themes.py     # the same pages give the same file, byte for byte

A word many pages use without being about it ("forskning", "kultur") is left out by the share; a
form ``themes.csv`` already matches is not repeated. The never-seen sets are never read here.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "training")]
from align import DEVELOPMENT  # noqa: E402
from bench_extraction import SETS  # noqa: E402

from samverkan.extract.documents import main_text  # noqa: E402
from samverkan.extract.words import GAZETTEERS, read_themes, theme_pattern  # noqa: E402
from samverkan.identity import normalise  # noqa: E402

OUT = GAZETTEERS / "themes_learned.csv"
MIN_PAGES = 2  # marked on at least this many pages
# and on at least this share of the pages whose text uses the form: a form right that often adds
# more to F1 than it costs while F1 is under 0.8. Learnt from the 877 pages before holdout-65 and
# scored on its 39 pages: 0.5 gave F1 with type 0.69 and 86 right relations of 144, 0.4 gave 0.70
# and 89 of 148, 0.33 gave 0.69 and 89 of 150.
MIN_SHARE = 0.4
MIN_LETTERS = 4


def marked(sets: list[str]) -> tuple[dict[str, str], dict[str, set[str]], dict[str, Counter]]:
    """Each page's lower-cased text, the pages each form is marked on as a theme, and the theme
    names each form is marked under."""
    texts, pages, names = {}, defaultdict(set), defaultdict(Counter)
    for name in sets:
        for path in (SETS[name] / "texts").iterdir():
            texts[f"{name}/{path.name}"] = main_text(path).lower()
        with open(SETS[name] / "entities.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["type"] != "theme":
                    continue
                for form in {row["name"], *row["mentions"].split(";")}:
                    form = " ".join(form.lower().split()).strip(" -,.")
                    if len(form) >= MIN_LETTERS and not any(c.isdigit() for c in form):
                        pages[form].add(f"{name}/{row['document']}")
                        names[form][row["name"].lower()] += 1
    return texts, pages, names


def kept(marked: int, using: int) -> bool:
    """Whether a form marked as a theme on ``marked`` of the ``using`` pages that use it is one."""
    return marked >= MIN_PAGES and marked >= MIN_SHARE * using


def learned(sets: list[str]) -> dict[str, list[tuple[str, int, int]]]:
    """Theme -> [(form, pages marked, pages using it)] for the forms kept."""
    texts, pages, names = marked(sets)
    known = [(theme, theme_pattern(forms)) for theme, forms in read_themes("themes.csv")]
    own = {normalise(theme): theme for theme, _ in known}
    out = defaultdict(list)
    for form in sorted(pages):
        if any(p.fullmatch(form) for _, p in known):
            continue
        word = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")
        using = {page for page, text in texts.items() if word.search(text)}
        hits = len(pages[form] & using)
        if kept(hits, len(using)):
            name = names[form].most_common(1)[0][0]
            theme = own.get(normalise(name)) or next((t for t, p in known if p.fullmatch(name)), name)
            out[theme].append((form, hits, len(using)))
    return out


def main() -> None:
    rows = learned(DEVELOPMENT)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["theme", "forms", "pages_marked", "pages_using"])
        for theme in sorted(rows):
            forms = rows[theme]
            w.writerow(
                [theme, ";".join(x[0] for x in forms), sum(x[1] for x in forms), sum(x[2] for x in forms)]
            )
    print(f"wrote {OUT.relative_to(ROOT)}: {sum(map(len, rows.values()))} forms of {len(rows)} themes")


if __name__ == "__main__":
    main()
