"""The same workspace gives the same figure, map and analyses in every run: Python's string
hashing changes from process to process, and with it the order of sets the network is built
through; the layout, the permutation test and the output must not follow that order."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "samverkan" / "examples" / "seeds"


def samverkan(ws: Path, *args: str, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "samverkan", "-q", "-w", str(ws), *args], env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    ws = tmp_path_factory.mktemp("det") / "ws"
    samverkan(ws, "load", str(EXAMPLE), seed="0")
    return ws


def test_two_runs_with_different_hash_seeds_write_the_same_bytes(loaded, tmp_path):
    outputs = []
    for seed in ("1", "2"):
        ws = tmp_path / f"ws{seed}"
        shutil.copytree(loaded, ws)
        boundaries = samverkan(
            ws, "boundaries", "--scope", "trollhattans-stad", "--format", "json", seed=seed
        )
        samverkan(ws, "figure", "--out", str(tmp_path / f"f{seed}.svg"), seed=seed)
        samverkan(ws, "map", "--out", str(tmp_path / f"m{seed}.html"), seed=seed)
        outputs.append(
            [
                boundaries,
                *((tmp_path / f"{k}{seed}.{x}").read_bytes() for k, x in [("f", "svg"), ("m", "html")]),
            ]
        )
    assert outputs[0][0] == outputs[1][0]  # ties, expected E-I and p-value
    assert outputs[0][1] == outputs[1][1]  # the figure
    assert outputs[0][2] == outputs[1][2]  # the map
