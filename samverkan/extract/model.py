"""A linear classifier shipped as a JSON file: (multinomial) logistic regression over named
features, trained with scikit-learn by ``training/`` and applied here without it.

The file holds ``classes``, ``intercept`` (one number per class) and ``weights`` (feature name →
one weight per class), and ``threshold``: the probability from which training found a class other
than the first worth keeping (0 when it calibrated none). A binary model is stored as two classes
with the first class's weights at zero, so the softmax below gives scikit-learn's
``predict_proba`` in both cases.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LinearModel:
    classes: list[str]
    intercept: list[float]
    weights: dict[str, list[float]]
    threshold: float = 0.0

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["classes"], data["intercept"], data["weights"], data.get("threshold", 0.0))

    def save(self, path: Path) -> None:
        data = {"classes": self.classes, "intercept": self.intercept, "weights": self.weights}
        if self.threshold:
            data["threshold"] = self.threshold
        Path(path).write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    def probabilities(self, features: Mapping[str, float]) -> dict[str, float]:
        """Each class's probability for one example (features absent from the model count 0)."""
        scores = list(self.intercept)
        for name, value in features.items():
            for i, w in enumerate(self.weights.get(name, ())):
                scores[i] += w * value
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp)}
