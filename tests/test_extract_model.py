"""The shipped linear model gives the probabilities worked out by hand."""

import math

from samverkan.extract.model import LinearModel


def test_binary_model_is_the_logistic_function(tmp_path):
    model = LinearModel(["no", "yes"], [0.0, -1.0], {"a": [0.0, 2.0], "b": [0.0, 0.5]})
    model.save(tmp_path / "m.json")
    again = LinearModel.load(tmp_path / "m.json")
    p = again.probabilities({"a": 1.0, "b": 2.0, "unknown": 5.0})  # -1 + 2 + 1 = 2
    assert math.isclose(p["yes"], 1 / (1 + math.exp(-2)))
    assert math.isclose(p["no"] + p["yes"], 1.0)


def test_three_classes_softmax():
    model = LinearModel(["a", "b", "c"], [0.0, 0.0, 0.0], {"x": [1.0, 0.0, -1.0]})
    p = model.probabilities({"x": math.log(2)})  # scores ln2, 0, -ln2 -> 2, 1, 0.5
    assert math.isclose(p["a"], 2 / 3.5) and math.isclose(p["c"], 0.5 / 3.5)
