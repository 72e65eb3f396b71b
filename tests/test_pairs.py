"""The learned relation step: candidate pairs and their features, the shipped model, training on a
hand-made set, and what it adds to the rules' relations."""

import math
import sys
from pathlib import Path

import pytest
from conftest import unavailable

from samverkan.extract.found import GUESS, LIKELY, WEAK, Found
from samverkan.extract.model import LinearModel
from samverkan.extract.pairs import BACK, MODEL, NONE, candidates, confidence, features

TRAINING = Path(__file__).parents[1] / "training"


def _found(text: str, names: list[tuple[str, str]]) -> Found:
    """A text with the given names found where they first stand, as one sentence."""
    found = Found(text, "t.txt")
    for name, kind in names:
        at = text.index(name)
        found.entity(name, kind, 0.9, at, at + len(name))
    found.sentences = [(0, len(text))]
    return found


def test_features_of_a_sentence_worked_out_by_hand():
    text = "Rädda Barnen och Borås Stad samarbetar kring läxhjälp."
    found = _found(text, [("Rädda Barnen", "civil_society"), ("Borås Stad", "municipality")])
    [pair] = candidates(found)
    assert (found.entities[pair.a.id].name, found.entities[pair.b.id].name) == ("Rädda Barnen", "Borås Stad")
    types = "civil_society|municipality"
    assert features(found, pair) == {
        "bias": 1.0,
        f"types={types}": 1.0,
        "a=civil_society": 1.0,
        "b=municipality": 1.0,
        "dist<=1": 1.0,  # one word between: "och"
        "a_first": 1.0,
        "in=sentence": 1.0,
        f"in=sentence&{types}": 1.0,
        "names_between=0": 1.0,
        f"listed&{types}": 1.0,
        "sentence~och": 1.0,  # the sentence's lower-case words, cut to six letters
        "sentence~samarb": 1.0,
        "sentence~kring": 1.0,
        "sentence~läxhjä": 1.0,
        "between=och": 1.0,
        "between~och": 1.0,
        "before=^": 1.0,  # nothing before the first name
        "after=samarbetar": 1.0,
    }


def test_a_name_is_never_a_feature_only_its_shape():
    text = "Anna Berg på Fryshuset i Malmö leder projektet."
    found = _found(text, [("Anna Berg", "person"), ("Malmö", "municipality")])
    [pair] = candidates(found)
    words = features(found, pair)
    assert "between=Xx" in words and "between=på" in words and "between=i" in words
    assert not any("fryshus" in w.lower() or "malmö" in w.lower() for w in words)


def test_the_shipped_model_loads_small_with_its_classes():
    model = LinearModel.load(MODEL)
    assert MODEL.stat().st_size < 1_500_000  # read in about 15 ms
    assert NONE in model.classes and {"holds_role_in", "collaborates_with", "funds"} <= set(model.classes)
    relations = {"holds_role_in", "collaborates_with", "member_of", "about_theme", "funds", "leads"}
    relations |= {"participates_in", "located_in", "part_of", "initiated_by"}
    assert all(c == NONE or c.removesuffix(BACK) in relations for c in model.classes)
    assert "collaborates_with" + BACK not in model.classes  # symmetric: one class
    assert 0.3 <= model.threshold < 1
    assert all(len(w) == len(model.classes) for w in model.weights.values())
    assert confidence(model.threshold, model.threshold) == GUESS  # never pre-marked: under LIKELY
    assert confidence(1.0, model.threshold) == WEAK


def test_training_on_a_symmetric_set_gives_the_weight_worked_out_by_hand():
    """Two pairs, feature x = +1 (related) and x = -1 (none). By symmetry the intercept is 0, and
    the L2-penalised loss C·2·log(1 + e^-w) + w²/2 is least where w = 2C·σ(-w): with C = 1,
    w ≈ 0.675 (0.6748 = 2/(1 + e^0.6748)), so P(related | x = 1) = σ(0.675) ≈ 0.663."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        unavailable("scikit-learn is not installed (pip install -e '.[train]')")
    sys.path.insert(0, str(TRAINING))
    from train_relations import fit

    rows = [({"x": 1.0}, "related", "s", "p1", ("a", "b")), ({"x": -1.0}, NONE, "s", "p2", ("c", "d"))]
    model = fit(rows, 1.0)
    assert model.classes == [NONE, "related"]
    assert model.weights["x"][0] == 0 and model.weights["x"][1] == pytest.approx(0.675, abs=0.002)
    assert model.intercept == pytest.approx([0, 0], abs=0.002)
    p = model.probabilities({"x": 1.0})["related"]
    assert p == pytest.approx(1 / (1 + math.exp(-0.6748)), abs=0.002)


def _named(records, relation):
    names = {e.id: e.name for e in records.entities}
    return (names[relation.source], relation.relation, names[relation.target])


def test_the_learned_step_adds_a_collaboration_no_rule_states(monkeypatch):
    """No rule knows "arbetar nära varandra"; the model reads two organisations joined by "och"
    before a verb as collaborating with probability p, quoting the sentence. With the shipped
    weights: listed unmarked (GUESS … WEAK, under LIKELY) when p reaches the threshold, nothing under it."""
    from samverkan.extract import extract, find, pairs

    text = "Hylte kommun och Arbetsförmedlingen arbetar nära varandra."
    found = find(text, "t.txt", learned=False)
    assert found.records().relations == []
    [pair] = candidates(found)
    shipped = pairs.model()
    p = shipped.probabilities(features(found, pair, {}))["collaborates_with"]
    for threshold in (p - 0.1, p + 0.01):
        model = LinearModel(shipped.classes, shipped.intercept, shipped.weights, threshold)
        monkeypatch.setattr(pairs, "model", lambda model=model: model)
        records = extract(text, "t.txt")
        if threshold > p:
            assert records.relations == []
            continue
        [relation] = records.relations
        assert _named(records, relation) == ("Hylte kommun", "collaborates_with", "Arbetsförmedlingen")
        assert GUESS <= relation.confidence <= WEAK < LIKELY
        assert relation.evidence[0].quote == text and relation.evidence[0].span == (0, len(text))


def test_the_rules_relations_stay_as_they_are():
    from samverkan.extract import extract, find

    text = "Projektet Nya Kraft finansieras av Allmänna arvsfonden."
    ruled = find(text, "t.txt").records()
    assert [_named(ruled, r) for r in ruled.relations] == [("Allmänna arvsfonden", "funds", "Nya Kraft")]
    learnt = extract(text, "t.txt")
    assert [(_named(learnt, r), r.confidence) for r in learnt.relations] == [
        (_named(ruled, r), r.confidence) for r in ruled.relations
    ]


def test_a_pair_the_rules_refused_gets_no_learned_relation(monkeypatch):
    """With a threshold of 0 the learned step relates every candidate pair the rules left alone —
    but not a person and the organisation of a past title, nor a person and the town after them."""
    from samverkan.extract import extract, pairs

    shipped = pairs.model()
    model = LinearModel(shipped.classes, shipped.intercept, shipped.weights, 0.0)
    monkeypatch.setattr(pairs, "model", lambda: model)

    def related(text: str, a: str, b: str) -> bool:
        records = extract(text, "t.txt")
        return any({x for x in _named(records, r)[::2]} == {a, b} for r in records.relations)

    assert related(
        "Gunnar Ågren och Folkhälsomyndigheten talade om hälsa.", "Gunnar Ågren", "Folkhälsomyndigheten"
    )
    text = "Gunnar Ågren, f.d. generaldirektör på Folkhälsomyndigheten, talade om hälsa."
    assert not related(text, "Gunnar Ågren", "Folkhälsomyndigheten")
    text = "Under sommaren har Gunnar Ström i Malmö gjort en sammanställning av läget."
    assert not related(text, "Gunnar Ström", "Malmö")
