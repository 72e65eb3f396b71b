"""Train the learned entity types (``samverkan/extract/models/types.json``) on the annotated
development pages, and print the figures of a cross-validation across pages.

    python training/train_types.py          # rewrites the model file (see the README's Learned types)

Each candidate the rules find (themes left out) is an example, labelled with the type of the
annotated entity it names, or ``none`` when it names nothing annotated. A multinomial logistic
regression (scikit-learn) learns the types from the features of ``samverkan.extract.retype``.
Regularisation and the two thresholds (re-type from, drop from) are chosen on out-of-fold
probabilities of a GroupKFold by page; the never-seen sets are never read here.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]  # this tree's package first, then align
from align import DEVELOPMENT, documents  # noqa: E402
from bench_extraction import SETS  # noqa: E402

from samverkan.extract.documents import main_text  # noqa: E402
from samverkan.extract.found import LIKELY, LISTED  # noqa: E402
from samverkan.extract.retype import LEXICAL, MODEL, NONE, WORD, candidates, features  # noqa: E402

# Every development page (747; on 275 it dropped more of the rules' candidates than on the first 71,
# among them a project page's title and a group named over its members: see the README).
TRAINING = DEVELOPMENT
EXTRA = ["seeds", *(f"round-{n}" for n in range(1, 17))]  # hand-written texts: training only
C_GRID = [0.03, 0.1, 0.3, 1.0, 3.0]
THRESHOLDS = [x / 20 for x in range(6, 21)]  # 0.30 ... 1.0 (1.0: never)
# A candidate is dropped only when "none" is at least this likely: on 747 pages the cross-validated
# F1 with type hardly differed from 0.4 up (0.753 against 0.750), and lower thresholds dropped names
# the hand-written tests hold right ("Föreningen Citysamverkan i Helsingborg").
DROP_FROM = 0.65
FOLDS = 5
PRUNE = 0.01  # weights smaller than this (in every class) are left out of the file
DIGITS = 4


@dataclass
class Example:
    page: str  # set/document: the cross-validation's group
    rule: str  # the rules' type
    confidence: float
    label: str  # the annotated type, or none
    gold: str | None  # the annotated entity's name
    features: dict[str, float]


def written(sets: list[str], pages: int = 3) -> frozenset[str]:
    """The words written in lower case on at least ``pages`` pages of the sets: common words, the
    only words a feature may name (a name, "Boverket", "Göteborg", is never written so)."""
    seen: Counter = Counter()
    for name in sets:
        for path in (SETS[name] / "texts").iterdir():
            seen.update(set(WORD.findall(main_text(path))))
    return frozenset(w for w, n in seen.items() if n >= pages and w.islower())


def general(features: dict[str, float], words: frozenset[str]) -> dict[str, float]:
    """The features without a word that is not a common word."""
    return {
        f: v
        for f, v in features.items()
        if f.split("=")[0] not in LEXICAL or not f.split("=", 1)[1].isalpha() or f.split("=", 1)[1] in words
    }


def examples(sets: list[str], words: frozenset[str]) -> tuple[list[Example], dict[str, int]]:
    """The candidates of every page of the sets, and each page's number of annotated entities."""
    out, annotated = [], {}
    for doc in documents(sets):
        page = f"{doc.set}/{doc.name}"
        annotated[page] = sum(1 for _, kind, _ in doc.entities if kind != "theme")
        for candidate in candidates(doc.found):
            entity = candidate[0]
            name, label = doc.to_gold.get(entity.id, (None, NONE))
            out.append(
                Example(
                    page,
                    entity.type,
                    entity.confidence or 0,
                    label if label != "theme" else NONE,
                    name,
                    general(features(doc.found, candidate), words),
                )
            )
    return out, annotated


def fit(train: list[Example], c: float):
    """A multinomial logistic regression on the examples (features seen at least twice)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(f for x in train for f in x.features)
    vectoriser = DictVectorizer(sort=True)
    matrix = vectoriser.fit_transform([{f: v for f, v in x.features.items() if seen[f] > 1} for x in train])
    classifier = LogisticRegression(C=c, max_iter=5000, random_state=0)
    classifier.fit(matrix, [x.label for x in train])
    return vectoriser, classifier


def out_of_fold(data: list[Example], extra: list[Example], c: float) -> list[dict[str, float]]:
    """Each development example's probabilities from a model that never saw its page."""
    from sklearn.model_selection import GroupKFold

    pages = [x.page for x in data]
    probabilities: list[dict[str, float]] = [{} for _ in data]
    for train, test in GroupKFold(n_splits=FOLDS).split(data, groups=pages):
        vectoriser, classifier = fit([data[i] for i in train] + extra, c)
        rows = classifier.predict_proba(vectoriser.transform([data[i].features for i in test]))
        for i, row in zip(test, rows):
            probabilities[i] = dict(zip(classifier.classes_, row))
    return probabilities


def decided(x: Example, p: dict[str, float], retype: float, drop: float, protect: bool) -> str | None:
    """As ``retype.decide``: the type kept, a new type, or None (dropped)."""
    if protect and x.confidence >= LISTED:
        return x.rule
    if p.get(NONE, 0) >= drop:
        return None
    best = max((c for c in p if c != NONE), key=p.__getitem__)
    return best if p[best] >= retype else x.rule


def typed_f1(data, kinds, annotated: dict[str, int]) -> tuple[float, float, float]:
    """Entities with type, as the benchmark counts them: P over kept candidates, R over annotated."""
    kept = [(x, k) for x, k in zip(data, kinds) if k is not None]
    right = {(x.page, x.gold, k) for x, k in kept if k == x.label}
    p = sum(k == x.label for x, k in kept) / max(1, len(kept))
    r = len(right) / max(1, sum(annotated.values()))
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def best_thresholds(data, probabilities, annotated, protect: bool) -> tuple[float, float, float]:
    """The (retype, drop) thresholds with the highest cross-validated F1 with type, and that F1."""
    scored = []
    for retype in THRESHOLDS:
        for drop in (t for t in THRESHOLDS if t >= DROP_FROM):
            kinds = [decided(x, p, retype, drop, protect) for x, p in zip(data, probabilities)]
            scored.append((typed_f1(data, kinds, annotated)[2], -retype, -drop))
    f1, retype, drop = max(scored)
    return -retype, -drop, f1


def marked_from(data, kinds, probabilities, aim: float = 0.9) -> float:
    """The lowest probability of its type at which a kept candidate stays pre-marked (confidence from
    LIKELY) so that the pre-marked rows are right at least ``aim`` of the time."""
    for mark in THRESHOLDS:
        marked = [
            k == x.label
            for x, k, p in zip(data, kinds, probabilities)
            if k is not None and p[k] >= mark and x.confidence >= LIKELY
        ]
        if sum(marked) >= aim * max(1, len(marked)):
            return mark
    return 1.0


def choose(dev: list[Example], extra: list[Example], annotated: dict[str, int]) -> dict:
    """Regularisation, the hand-written texts or not, and thresholds, by cross-validated F1."""
    best: dict = {"f1": -1.0}
    for use in (False, True):
        for c in C_GRID:
            probabilities = out_of_fold(dev, extra if use else [], c)
            retype, drop, f1 = best_thresholds(dev, probabilities, annotated, protect=True)
            print(f"  C {c:<5} hand-written texts {'yes' if use else 'no ':<4} F1 with type {f1:.3f}")
            if f1 > best["f1"] + 1e-9:
                best = dict(f1=f1, C=c, extra=use, retype=retype, drop=drop, probabilities=probabilities)
    return best


def report(dev: list[Example], annotated: dict[str, int], best: dict) -> None:
    """The cross-validated figures of the chosen model beside the rules' own."""
    probabilities = best["probabilities"]
    kinds = [decided(x, p, best["retype"], best["drop"], True) for x, p in zip(dev, probabilities)]
    real = [(x, p) for x, p in zip(dev, probabilities) if x.label != NONE]
    learned = sum(max((c for c in p if c != NONE), key=p.__getitem__) == x.label for x, p in real)
    print(f"cross-validated ({FOLDS} folds by page, {len(dev)} candidates on {len(annotated)} pages):")
    rules = sum(x.rule == x.label for x, _ in real) / len(real)
    print(f"  type accuracy (annotated entities): rules {rules:.3f}, learned {learned / len(real):.3f}")
    for label, chosen in (("rules", [x.rule for x in dev]), ("learned", kinds)):
        p, r, f = typed_f1(dev, chosen, annotated)
        print(f"  entities with type, {label:<8} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(
        f"  chosen: C {best['C']}, re-type from {best['retype']}, drop from {best['drop']}, "
        f"pre-mark from {best['mark']}"
    )


def exported(vectoriser, classifier, thresholds: dict[str, float]) -> dict:
    """The model as ``retype.model()`` reads it: weights rounded, those near zero left out; a
    binary model (one row in scikit-learn) as two classes, the first with weights zero."""
    coef, intercept = classifier.coef_, classifier.intercept_
    if len(classifier.classes_) == 2:
        coef, intercept = [0 * coef[0], coef[0]], [0.0, intercept[0]]
    weights = {
        str(name): [round(float(w), DIGITS) + 0.0 for w in column]
        for name, column in zip(vectoriser.get_feature_names_out(), zip(*coef))
        if max(map(abs, column)) >= PRUNE
    }
    return {
        "classes": [str(c) for c in classifier.classes_],
        "intercept": [round(float(b), DIGITS) + 0.0 for b in intercept],
        "weights": weights,
        "thresholds": thresholds,
    }


def main() -> None:
    words = written(TRAINING)
    dev, annotated = examples(TRAINING, words)
    extra, _ = examples(EXTRA, words)
    best = choose(dev, extra, annotated)
    kinds = [decided(x, p, best["retype"], best["drop"], True) for x, p in zip(dev, best["probabilities"])]
    best["mark"] = marked_from(dev, kinds, best["probabilities"])
    report(dev, annotated, best)
    vectoriser, classifier = fit(dev + (extra if best["extra"] else []), best["C"])
    thresholds = {k: best[k] for k in ("retype", "drop", "mark")}
    data = exported(vectoriser, classifier, thresholds)
    MODEL.parent.mkdir(exist_ok=True)
    MODEL.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {MODEL} ({MODEL.stat().st_size // 1024} KB, {len(data['weights'])} features)")


if __name__ == "__main__":
    main()
