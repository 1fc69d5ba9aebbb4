"""Fixtures for the writing commands' tests: the seed as it was at uke 33, in place of
conftest's (the example data has a report of uke 37 since), so that `new report` can open
uke 34 and 35 after it. A test module takes them with
`from uke_33_fixtures import seed_copy, seed_dir  # noqa: F401` (pytest finds imported fixtures)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deck_samples import SEED_UKE_33


@pytest.fixture
def seed_dir() -> Path:
    return SEED_UKE_33


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    return Path(shutil.copytree(SEED_UKE_33, tmp_path / "initiatives"))
