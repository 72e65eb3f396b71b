"""Long texts: where a sentence starts is found by looking back a short way, and agrees with a
scan of the whole text before it (the rules' old way, quadratic on a long page)."""

import random
import re

from samverkan.extract.found import BOUNDARY, sentence_starts
from samverkan.extract.pages import PERIOD

PIECES = ["a", "b ", ". ", ".\n ", "\n", ":  ", "x" * 50, " " * 7, "\n\n", "!", "?\n"]


def test_sentence_starts_agree_with_a_scan_of_the_whole_text():
    rng = random.Random(3)
    for _ in range(5000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 300)))
        end = rng.randint(0, len(text))
        for boundary in (BOUNDARY, PERIOD):
            whole = [0] + [b.end() for b in re.finditer(boundary.pattern, text[:end])]
            got = sentence_starts(text, end, boundary, window=rng.choice([1, 5, 20, 2000]))
            assert got[-2:] == whole[-2:], (text, end)


def test_the_sentence_a_word_is_in():
    text = "Första meningen. Andra: här\n\nTredje. Fjärde med Ordet i sig."
    at = text.index("Ordet")
    assert sentence_starts(text, at)[-1] == text.index("Fjärde")
    assert sentence_starts(text, at)[-2] == text.index("Tredje")
    assert sentence_starts(text, text.index("här"), PERIOD)[-1] == text.index("Andra")
