"""Train the learned relation step (``samverkan/extract/pairs.py``) on the development pages and
write ``samverkan/extract/models/relations.json``; print the recall ceiling of the candidate
windows and the figures cross-validated across sets (GroupKFold, six folds of whole sets).

    pip install -e .[train]
    python training/train_types.py      # first: the pairs carry the types the type step gives
    python training/train_relations.py

The regularisation and the probability threshold are chosen by that cross-validation; the
never-seen sets are never read here. The same data, rules and type model give the same file,
byte for byte.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's package, not an installed one
from align import DEVELOPMENT, Document, documents  # noqa: E402

from samverkan.extract.model import LinearModel  # noqa: E402
from samverkan.extract.pairs import (  # noqa: E402
    BACK,
    MODEL,
    NONE,
    SYMMETRIC,
    candidates,
    features,
)

# Every development page (747): on 275 to 395 pages the model found fewer right relations on the
# next never-seen round than on the first 71; on 747 it finds more (see the README).
TRAINING = DEVELOPMENT
FOLDS = 6  # cross-validation folds, each a sixth of the sets, a set never split
C_GRID = (0.1, 0.3, 1.0)  # inverse regularisation strengths tried
THRESHOLDS = [t / 100 for t in range(30, 96, 5)]
MIN_PRECISION = 0.70  # what the relations pre-marked in the review sheet should reach
PRUNE = 0.05  # a feature whose weights all stay under this is left out of the file
RARE = 5  # a class with fewer examples than this is learnt as none


def gold_class(doc: Document, a: str, b: str) -> str | None:
    """The annotated relation of a pair of found ids, as a class (``rel``, or ``rel<`` when it
    goes from ``b`` to ``a``); None when an end names no annotated entity."""
    if a not in doc.to_gold or b not in doc.to_gold:
        return None
    na, nb = doc.to_gold[a][0], doc.to_gold[b][0]
    for source, relation, target in sorted(doc.relations):
        if {source, target} == {na, nb} and na != nb:
            return relation if relation in SYMMETRIC or source == na else relation + BACK
    return NONE


def examples(docs: list[Document]):
    """(features, class, set, page, pair ids) of every candidate pair; an end that names nothing
    annotated makes the pair a ``none``."""
    rows = []
    for doc in docs:
        for pair in candidates(doc.found):
            label = gold_class(doc, pair.a.id, pair.b.id) or NONE
            rows.append((features(doc.found, pair), label, doc.set, doc.name, (pair.a.id, pair.b.id)))
    counts = Counter(r[1] for r in rows)
    return [r if counts[r[1]] >= RARE else (r[0], NONE, *r[2:]) for r in rows]


def ceiling(docs: list[Document]) -> None:
    """How many annotated relations have both ends found, and within which window they lie."""
    total, both, within = 0, 0, Counter()
    for doc in docs:
        names = {}
        for fid, (name, _) in doc.to_gold.items():
            names.setdefault(name, set()).add(fid)
        windows: dict[frozenset, set[str]] = {}
        for pair in candidates(doc.found):
            key = frozenset((doc.to_gold.get(pair.a.id, ("?",))[0], doc.to_gold.get(pair.b.id, ("!",))[0]))
            windows.setdefault(key, set()).update(pair.windows)
        for source, _, target in doc.relations:
            total += 1
            if source in names and target in names:
                both += 1
                seen = windows.get(frozenset((source, target)), set())
                within.update(seen | ({"any"} if seen else set()))
    print(f"annotated relations {total}; both ends found {both} ({both / total:.2f})")
    for window, n in sorted(within.items()):
        print(f"  within {window:<10} {n} ({n / total:.2f})")


def fit(rows, c: float) -> LinearModel:
    """A multinomial logistic regression on the rows, as a LinearModel (weights under PRUNE left out)."""
    import numpy
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectors = DictVectorizer(sort=True)
    x = vectors.fit_transform([r[0] for r in rows])
    clf = LogisticRegression(C=c, max_iter=5000, random_state=0).fit(x, [r[1] for r in rows])
    coef, intercept = clf.coef_, clf.intercept_
    if len(clf.classes_) == 2:  # a binary model: the first class's weights at zero
        coef, intercept = numpy.vstack([0 * coef, coef]), numpy.concatenate([0 * intercept, intercept])
    weights = {
        name: [round(float(w), 3) + 0.0 for w in coef[:, j]]
        for j, name in enumerate(vectors.get_feature_names_out())
        if max(abs(coef[:, j])) >= PRUNE
    }
    return LinearModel([str(k) for k in clf.classes_], [round(float(b), 3) + 0.0 for b in intercept], weights)


def triples(doc: Document, relations) -> set[tuple[str, str, str]]:
    """Found relations in annotated names (an end matched to nothing keeps its id), as the
    benchmark counts them; collaborates_with with its ends in one order."""
    alive = {m.id for m in doc.found.mentions}
    out = set()
    for a, relation, b in relations:
        if a in alive and b in alive:
            na, nb = doc.to_gold.get(a, (a,))[0], doc.to_gold.get(b, (b,))[0]
            out.add((min(na, nb), relation, max(na, nb)) if relation in SYMMETRIC else (na, relation, nb))
    return out


def predicted(model: LinearModel, rows) -> list[tuple[float, tuple[str, str, str], str]]:
    """Each row's best relation other than none: (probability, (source id, relation, target id), page)."""
    out = []
    for feats, _, _, page, (a, b) in rows:
        p = model.probabilities(feats)
        best = max((k for k in model.classes if k != NONE), key=p.__getitem__)
        relation = best.removesuffix(BACK)
        out.append((p[best], (b, relation, a) if best.endswith(BACK) else (a, relation, b), page))
    return out


def scores(docs: list[Document], guesses, threshold: float) -> tuple[float, float, float, float]:
    """Relations P, R, F1 of the rules plus the guesses at or over the threshold on pairs the rules
    left alone, and the precision of those guesses alone."""
    tp = n = gold = added_tp = added = 0
    for doc in docs:
        rules = {(s, t) for s, _, t in doc.found.relations} | {(t, s) for s, _, t in doc.found.relations}
        mine = [g for p, g, page in guesses if page == doc.name and p >= threshold and g[::2] not in rules]
        ruled, learnt = (
            triples(doc, doc.found.relations),
            triples(doc, mine) - triples(doc, doc.found.relations),
        )
        got = ruled | learnt
        tp, n, gold = tp + len(got & doc.relations), n + len(got), gold + len(doc.relations)
        added_tp, added = added_tp + len(learnt & doc.relations), added + len(learnt)
    p, r = tp / max(n, 1), tp / max(gold, 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0, added_tp / max(added, 1)


def cross_validated(docs: list[Document], rows, c: float) -> list:
    """Every row's guess from a model trained on the other folds' sets (GroupKFold by set)."""
    from sklearn.model_selection import GroupKFold

    guesses = []
    groups = [r[2] for r in rows]
    for train, test in GroupKFold(n_splits=min(FOLDS, len(set(groups)))).split(rows, groups=groups):
        model = fit([rows[i] for i in train], c)
        guesses += predicted(model, [rows[i] for i in test])
    return guesses


def alone(docs: list[Document], guesses, threshold: float) -> tuple[float, float, float]:
    """Relations P, R, F1 of the guesses at or over the threshold alone, without the rules': the
    learned step's own figures (the rules were tuned on these pages, the model was not)."""
    tp = n = gold = 0
    for doc in docs:
        got = triples(doc, [g for p, g, page in guesses if page == doc.name and p >= threshold])
        tp, n, gold = tp + len(got & doc.relations), n + len(got), gold + len(doc.relations)
    p, r = tp / max(n, 1), tp / max(gold, 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def choose(docs: list[Document], rows) -> tuple[float, float]:
    """The regularisation and threshold whose cross-validated guesses reach MIN_PRECISION with the
    best F1; prints the figures of each, alone and with the rules' relations."""
    best = (-1.0, C_GRID[0], THRESHOLDS[-1])
    guesses = {c: cross_validated(docs, rows, c) for c in C_GRID}
    for c, t in ((c, t) for c in C_GRID for t in THRESHOLDS):
        p, r, f = alone(docs, guesses[c], t)
        both = scores(docs, guesses[c], t)
        print(f"C {c:<4} threshold {t:.2f}: learned alone P {p:.2f} R {r:.2f} F1 {f:.2f}", end="")
        print(f"; with the rules P {both[0]:.2f} R {both[1]:.2f} F1 {both[2]:.2f}")
        if p >= MIN_PRECISION and f > best[0]:
            best = (f, c, t)
    f, c, t = best
    p, r, f, added = scores(docs, guesses[c], t)
    print(f"chosen C {c}, threshold {t}; with the rules' relations P {p:.2f} R {r:.2f} F1 {f:.2f}")
    print(f"  (the learned relations added to the rules' on pairs they left alone: P {added:.2f})")
    return c, t


def main() -> None:
    docs = list(documents(TRAINING, learned=True))  # typed as at run time: after the learned types
    ceiling(docs)
    rows = examples(docs)
    print(f"{len(rows)} candidate pairs; classes {Counter(r[1] for r in rows).most_common()}")
    print("rules alone, P R F1:", " ".join(f"{x:.2f}" for x in scores(docs, [], 1.0)[:3]))
    c, threshold = choose(docs, rows)
    model = fit(rows, c)
    LinearModel(model.classes, model.intercept, model.weights, threshold).save(MODEL)
    print(f"wrote {MODEL.relative_to(ROOT)}: {len(model.weights)} features, {MODEL.stat().st_size} bytes")


if __name__ == "__main__":
    main()
