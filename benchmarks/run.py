"""Benchmark statusrapport as whole processes, each beside a floor measured in the same run.

    python benchmarks/run.py [--runs N] [--quick]      # --quick: the seed only
    python benchmarks/run.py --scale-only [--runs N]   # the seed build, then 100 and 1,000

The synthetic programmes: 30 and 300 initiatives (marginal cost), 100 and 1,000 (scale: time,
ratio and peak memory).

Machines are noisy: every figure is a median of N runs, candidate and floor interleaved,
and each is reported as a ratio to its floor.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_programme  # noqa: E402

PY = sys.executable
TEMPLATE = ROOT / "templates" / "statusrapport.pptx"
SEED = ROOT / "initiatives"
CLI = [PY, "-m", "statusrapport"]

FLOOR_VALIDATE = [PY, "-c", "import pydantic, yaml"]
FLOOR_TERMINAL = [PY, "-c", "import pydantic, yaml, rich"]
FLOOR_PPTX = [PY, "-c", "import sys, pptx; pptx.Presentation(sys.argv[1]).save(sys.argv[2])",
              str(TEMPLATE)]


# An installed package has its bytecode compiled; measure that case even where the
# environment sets PYTHONDONTWRITEBYTECODE (which would recompile our modules every run).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, cwd=ROOT, env=ENV)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr.decode(errors='replace')}")
    return elapsed


def median_pair(candidate: list[str], floor: list[str], runs: int) -> tuple[float, float]:
    """Medians of candidate and floor, run alternately so both see the same machine."""
    timed(candidate), timed(floor)  # warm the file cache
    a, b = [], []
    for _ in range(runs):
        a.append(timed(candidate))
        b.append(timed(floor))
    return statistics.median(a), statistics.median(b)


def row(name: str, candidate: float, floor: float, target: float | None) -> str:
    ratio = candidate / floor
    verdict = "" if target is None else ("ok" if ratio <= target else f"over {target}×")
    return f"{name:<34} {candidate * 1000:8.1f} ms  floor {floor * 1000:7.1f} ms  " \
           f"{ratio:5.2f}×  {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="skip the synthetic programmes")
    parser.add_argument("--scale-only", action="store_true",
                        help="only the seed build and the 100 and 1,000 builds (issue 7)")
    args = parser.parse_args()
    runs = args.runs
    compileall.compile_dir(ROOT / "statusrapport", quiet=1)
    print(f"python {sys.version.split()[0]}, {runs} runs each, medians\n")
    if args.scale_only:
        with tempfile.TemporaryDirectory() as tmp:
            floor_pptx = [*FLOOR_PPTX, str(Path(tmp) / "floor.pptx")]
            build = [*CLI, "build", "uke-33", "-d", str(SEED), "-o", str(Path(tmp) / "deck.pptx")]
            print(row("build uke-33 (seed)", *median_pair(build, floor_pptx, runs), 1.3))
            scale(Path(tmp), floor_pptx, max(3, runs // 5))
        return

    print(row("validate (seed)", *median_pair([*CLI, "validate", "-d", str(SEED)],
                                               FLOOR_VALIDATE, runs), 1.5))
    for name, command in [("--help", ["--help"]), ("list", ["list", "-d", str(SEED)]),
                          ("show uke-33", ["show", "uke-33", "-d", str(SEED)]),
                          ("diff", ["diff", "-d", str(SEED)])]:
        if _has_command(command[0]):
            print(row(name, *median_pair([*CLI, *command], FLOOR_TERMINAL, runs), 1.5))

    if not _has_command("build"):
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "deck.pptx"
        floor_pptx = [*FLOOR_PPTX, str(Path(tmp) / "floor.pptx")]
        build = [*CLI, "build", "uke-33", "-d", str(SEED), "-o", str(out)]
        print(row("build uke-33 (seed)", *median_pair(build, floor_pptx, runs), 1.3))
        if args.quick:
            return
        sizes = {}
        for n in (30, 300):
            folder = write_programme(Path(tmp) / f"p{n}", n)
            command = [*CLI, "build", "uke-33", "-d", str(folder), "-o", str(Path(tmp) / f"{n}.pptx")]
            sizes[n] = median_pair(command, floor_pptx, max(3, runs // 3))
            print(row(f"build {n} initiatives", *sizes[n], None))
        marginal = (sizes[300][0] - sizes[30][0]) / 270
        print(f"\nmarginal cost per initiative (30 → 300): {marginal * 1000:.1f} ms  "
              f"(target ≤ 15 ms: {'ok' if marginal <= 0.015 else 'over'})")
        scale(Path(tmp), floor_pptx, max(3, runs // 5))


def scale(tmp: Path, floor: list[str], runs: int) -> None:
    """100 and 1,000 initiatives (two reports each): the 1,000 build within 10 s, at most
    10.5× the 100 build, in at most 250 MB."""
    print()
    times, peaks = {}, {}
    for n in (100, 1000):
        folder = write_programme(tmp / f"s{n}", n)
        command = [*CLI, "build", "uke-33", "-d", str(folder), "-o", str(tmp / f"s{n}.pptx")]
        times[n] = median_pair(command, floor, runs)[0]
        peaks[n] = peak_rss(command)
        print(f"build {n:>5} initiatives           {times[n] * 1000:8.1f} ms  "
              f"peak {peaks[n] / 1024:6.1f} MB")
    ratio = times[1000] / times[100]
    print(f"\n1,000 initiatives: {times[1000]:.2f} s (≤ 10 s: "
          f"{'ok' if times[1000] <= 10 else 'over'}), {ratio:.2f}× the 100 build (≤ 10.5×: "
          f"{'ok' if ratio <= 10.5 else 'over'}), peak {peaks[1000] / 1024:.0f} MB (≤ 250 MB: "
          f"{'ok' if peaks[1000] <= 250 * 1024 else 'over'})")


def peak_rss(command: list[str]) -> int:
    """The peak resident memory (KB) of `command`, as its parent sees its waited-for child."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([PY, "-c", probe, *command], capture_output=True, cwd=ROOT, env=ENV,
                            check=True, text=True)
    return int(result.stdout.strip())


def _has_command(name: str) -> bool:
    if name.startswith("-"):
        return True
    result = subprocess.run([*CLI, name, "--help"], capture_output=True, cwd=ROOT)
    return result.returncode == 0


if __name__ == "__main__":
    main()
