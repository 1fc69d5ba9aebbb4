"""Shared test settings and fixtures.

The Hypothesis profiles: `default` runs in every test run (CI); `HYPOTHESIS_PROFILE=long` runs
ten times as many examples, for a nightly job. Tests that set their own example count scale it
by the loaded profile through `fuzz_inputs.examples`.

The fixtures every kind of test needs: the seed folder (`seed_dir`, read only, and
`seed_copy`, a copy to change), the CLI run in-process (`run_cli`), the seed's uke-33
report context (`seed_context`) and its deck, built once for the whole run (`seed_deck`).
Module-level code (parametrize lists, helpers that are not tests) takes the same things from
deck_samples: `SEED`, `invoke`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from deck_samples import SEED, copy_seed, invoke

settings.register_profile("default", max_examples=100, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", settings.get_profile("default"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    """The example programme in initiatives/: never written to by a test."""
    return SEED


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A copy of the seed as tmp_path/initiatives (the default --data beside tmp_path)."""
    return copy_seed(tmp_path / "initiatives")


@pytest.fixture(scope="session")
def run_cli():
    """run_cli("build", "uke-33", ...) -> typer's Result; keyword arguments go to invoke."""
    return invoke


@pytest.fixture(scope="session")
def seed_context():
    """The seed's uke-33 report context (report.context), derived once for the run."""
    from statusrapport.data.loader import load
    from statusrapport.report.context import report_context

    loaded = load(SEED, "uke-33")
    return report_context(loaded.programme, loaded.week)


@pytest.fixture(scope="session")
def seed_deck(tmp_path_factory):
    """The seed's uke-33 deck, built once: its .path, .view, .plan and .warnings."""
    from statusrapport.build import build

    return build(SEED, "uke-33", tmp_path_factory.mktemp("seed-deck") / "seed.pptx")
