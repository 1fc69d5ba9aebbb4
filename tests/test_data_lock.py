"""Two writers at once (files/lock.py): `new report uke-35` and `new report uke-37` started
together as real processes, 20 times. The lock lets them run one after the other: every file
has both reports (35 first), or the second command refused because 37 came first, and the
files then have 37 alone; never a file that lacks a report its command said it wrote."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deck_samples import ROOT, SEED_UKE_33 as SEED  # new report opens uke 34, 35 after it
from uke_33_fixtures import seed_copy, seed_dir  # noqa: F401  (fixtures: the seed at uke 33)
from statusrapport.errors import UserError
from statusrapport.files.lock import data_lock

INITIATIVES = sorted(p.name for p in SEED.glob("*.yaml") if p.name != "programme.yaml")


TRIALS = 20


def _start(data: Path, week: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "statusrapport", "new", "report", week,
                             "--data", str(data)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_two_new_reports_at_once_never_lose_one(seed_dir, tmp_path):
    outcomes = []
    for trial in range(TRIALS):
        data = Path(shutil.copytree(seed_dir, tmp_path / f"trial-{trial}"))
        first, second = _start(data, "uke-35"), _start(data, "uke-37")
        results = {}
        for week, process in (("35", first), ("37", second)):
            _, err = process.communicate(timeout=300)
            results[week] = (process.returncode, err)
            assert "Traceback" not in err, err
        texts = [(data / n).read_text(encoding="utf-8") for n in INITIATIVES]
        has = {week: [f"2021-uke-{week}:" in t for t in texts] for week in ("35", "37")}
        for week, (code, err) in results.items():
            assert code in (0, 1), err
            if code == 0:  # what a command says it wrote is in every file
                assert all(has[week]), (trial, week, err)
            else:  # refused: it wrote nowhere, and says why
                assert not any(has[week]), (trial, week, err)
                assert "a new report comes after it" in err, err
        assert results["37"][0] == 0, results["37"][1]  # 37 is never refused
        outcomes.append("both" if results["35"][0] == 0 else "35 refused")
        assert sorted(p.name for p in data.iterdir()) == sorted(p.name for p in seed_dir.iterdir())
    print(f"{TRIALS} trials: {outcomes.count('both')} both, "
          f"{outcomes.count('35 refused')} with uke-35 refused")


def test_a_writer_waits_for_the_lock_and_gives_up_with_a_message(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from statusrapport.files.lock import data_lock\n"
        "with data_lock(sys.argv[1]):\n    print('held', flush=True); time.sleep(30)"),
        str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline() == "held\n"
        started = time.monotonic()
        with pytest.raises(UserError, match="another statusrapport command is writing"):
            with data_lock(tmp_path, wait=0.5):
                pass
        assert time.monotonic() - started >= 0.5
    finally:
        holder.kill()
        holder.wait()
    with data_lock(tmp_path, wait=5):  # a killed holder's lock is gone with it
        pass
    assert list(tmp_path.iterdir()) == []  # and no lock file is left in the folder
