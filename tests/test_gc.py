"""The garbage collector around the building of large tables: paused while they are built; in a
process that ends with its command (``samverkan``), what was built is frozen out of its later
passes; a server (and a library caller) keeps the collector's full view."""

import gc
import sys

import pytest

from samverkan import records
from samverkan.cli import command


@pytest.fixture(autouse=True)
def thawed(monkeypatch):
    monkeypatch.setattr(records, "FREEZE", False)
    yield
    gc.unfreeze()


def test_paused_while_building_and_nothing_frozen_by_default():
    before = gc.get_freeze_count()
    with records.paused_gc():
        assert not gc.isenabled()
        built = [[i] for i in range(1000)]  # lists are tracked by the collector
    assert gc.isenabled() and gc.get_freeze_count() == before and len(built) == 1000


def test_a_command_process_freezes_what_it_built(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["samverkan", "--help"])
    assert command() == 0 and records.FREEZE is True  # ``run`` then ends the process
    before = gc.get_freeze_count()
    with records.paused_gc():
        built = [[i] for i in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= before + len(built)


def test_the_collector_stays_off_when_it_was_off():
    gc.disable()
    try:
        with records.paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
