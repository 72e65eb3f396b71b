"""National scale: light startup, derived state kept with the store's generation, progress."""

import subprocess
import sys

from click.testing import CliRunner

from samverkan.cli import GAP_KINDS, main


def test_light_commands_import_no_analysis_or_drawing_library():
    code = ("import sys, samverkan.cli; print(sorted(m for m in ('igraph', 'spacy', 'matplotlib', "
            "'pyvis', 'networkx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_choices_read_without_import_are_the_analyses_own():
    from samverkan.network.boundaries import PARTITIONS
    from samverkan.network.gaps import KINDS

    assert GAP_KINDS == KINDS
    help_text = CliRunner().invoke(main, ["boundaries", "--help"]).output
    assert all(p in help_text for p in PARTITIONS)
