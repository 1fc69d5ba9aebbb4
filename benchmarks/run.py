"""Benchmark statusrapport as whole processes, each beside a floor measured in the same run.

    python benchmarks/run.py [--runs N] [--quick]      # --quick: no 1,000-initiative rows
    python benchmarks/run.py --scale-only [--runs N]   # the seed build, then 100 and 1,000

Every row of issue 15's table: Tab completion, validate, show, list, diff, the seed build, each
against its floor; the seed on a template whose font is not installed against the seed build; 100 and 1,000 initiatives against the naive python-pptx script
(benchmarks/naive_pptx.py) and each other. The commands run through a console script made as
pip makes one from pyproject.toml's [project.scripts], importing this checkout.

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
FLOOR_START = [PY, "-c", "pass"]
FLOOR_VALIDATE = [PY, "-c", "from pydantic import BaseModel; import yaml"]
FLOOR_TERMINAL = [PY, "-c", "from pydantic import BaseModel; import yaml, rich.console, rich.table"]
NAIVE = [PY, str(ROOT / "benchmarks" / "naive_pptx.py")]
FLOOR_PPTX = [PY, "-c", "import sys, pptx; pptx.Presentation(sys.argv[1]).save(sys.argv[2])",
              str(TEMPLATE)]


# An installed package has its bytecode compiled; measure that case even where the
# environment sets PYTHONDONTWRITEBYTECODE (which would recompile our modules every run).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPATH"] = str(ROOT)


def console_script(folder: Path) -> list[str]:
    """The `statusrapport` script pip writes for pyproject's entry point (its wrapper, verbatim)."""
    import tomllib

    entry = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"]["statusrapport"]
    module, _, function = entry.partition(":")
    script = folder / "statusrapport"
    script.write_text(f"#!{PY}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\n"
                      f"from {module} import {function}\nif __name__ == '__main__':\n"
                      f"    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
                      f"    sys.exit({function}())\n", encoding="utf-8")
    script.chmod(0o755)
    return [str(script)]


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, cwd=ROOT, env={**ENV, **(env or {})})
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr.decode(errors='replace')}")
    return elapsed


def median_pair(candidate: list[str], floor: list[str], runs: int,
                env: dict[str, str] | None = None) -> tuple[float, float]:
    """Medians of candidate and floor, run alternately so both see the same machine."""
    timed(candidate, env), timed(floor)  # warm the file cache
    a, b = [], []
    for _ in range(runs):
        a.append(timed(candidate, env))
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
    parser.add_argument("--quick", action="store_true", help="skip the 1,000-initiative rows")
    parser.add_argument("--scale-only", action="store_true",
                        help="only the seed build and the 100 and 1,000 builds")
    args = parser.parse_args()
    runs = args.runs
    compileall.compile_dir(ROOT / "statusrapport", quiet=1)
    print(f"python {sys.version.split()[0]}, {runs} runs each, medians\n")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        cli = console_script(tmp)
        floor_pptx = [*FLOOR_PPTX, str(tmp / "floor.pptx")]
        build = [*cli, "build", "uke-33", "-d", str(SEED), "-o", str(tmp / "deck.pptx")]
        if not args.scale_only:
            tab = {"_STATUSRAPPORT_COMPLETE": "complete_bash", "COMP_WORDS": "statusrapport build ",
                   "COMP_CWORD": "2"}
            print(row("Tab completion (build <TAB>)", *median_pair(cli, FLOOR_START, runs, tab), 1.5))
            print(row("validate (seed)", *median_pair([*cli, "validate", "-d", str(SEED)],
                                                       FLOOR_VALIDATE, runs), 1.7))
            for label, command in [("show uke-33", ["show", "uke-33", "-d", str(SEED)]),
                                   ("list", ["list", "-d", str(SEED)]),
                                   ("diff", ["diff", "-d", str(SEED)])]:
                print(row(label, *median_pair([*cli, *command], FLOOR_TERMINAL, runs), 1.8))
        print(row("build uke-33 (seed)", *median_pair(build, floor_pptx, runs), 2.0))
        uninstalled_font(tmp, build, runs)
        scale(tmp, cli, max(3, runs // 5), quick=args.quick)


#: fonts an Office template may name; the first this machine lacks is the uninstalled font
MISSING_FONTS = ("Verdana", "Century Gothic", "Aptos", "Segoe UI", "Tahoma")


def uninstalled_font(tmp: Path, build: list[str], runs: int) -> None:
    """The seed on a template whose theme font is not installed (measured as fontconfig's
    match, read from its files) against the same template on Calibri (the packaged table): at
    most 1.10×. Its first build on a machine reads the files with fontTools (shown, no target);
    every later one finds their table in the cache keyed by their bytes."""
    import zipfile

    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    installed = {n.strip().casefold() for line in listed.splitlines() for n in line.split(",")}
    font = next((n for n in MISSING_FONTS if n.casefold() not in installed), None)
    if font is None:
        print(f"{'build uke-33, uninstalled font':<34} not measured: {', '.join(MISSING_FONTS)} "
              "are all installed")
        return
    def template_in(name: str) -> Path:
        template = tmp / f"font-{name.replace(' ', '-')}.pptx"
        with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(template, "w") as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename.startswith("ppt/theme/"):
                    data = data.replace(b'typeface="Calibri"', f'typeface="{name}"'.encode())
                dst.writestr(info, data)
        return template

    cache = {"XDG_CACHE_HOME": str(tmp / "cache")}
    candidate = [*build, "-t", str(template_in(font))]
    cold = timed(candidate, cache)
    print(row(f"build, {font}, cold font cache", cold, timed(build), None)
          + "  (floor: the seed build on Calibri)")
    print(row(f"build, {font} not installed", *median_pair(candidate, build, runs, cache),
              1.10) + "  (floor: the seed build on Calibri)")
    # What standing in costs by itself: the same font named as installed (a wider font than
    # Carlito needs more of the fitting's tries, which the row above includes).
    stand_in = subprocess.run(["fc-match", "-f", "%{family[0]}", font], capture_output=True,
                              text=True).stdout
    named = [*build, "-t", str(template_in(stand_in))]
    print(row(f"build, {font} vs {stand_in}", *median_pair(candidate, named, runs, cache), None)
          + f"  (floor: the seed on {stand_in}, installed)")


def scale(tmp: Path, cli: list[str], runs: int, quick: bool) -> None:
    """100 and 1,000 initiatives (two reports each): build against the naive python-pptx script
    (at most 0.35×), the 1,000 build at most 10.5× the 100 build in at most 250 MB; show at most
    a quarter of the build; validate."""
    print()
    sizes = (100,) if quick else (100, 1000)
    times, peaks = {}, {}
    for n in sizes:
        folder = write_programme(tmp / f"s{n}", n)
        build = [*cli, "build", "uke-33", "-d", str(folder), "-o", str(tmp / f"s{n}.pptx")]
        naive = [*NAIVE, str(folder), "uke-33", str(tmp / f"naive{n}.pptx"), str(TEMPLATE)]
        times[n], naive_time = median_pair(build, naive, runs)
        peaks[n] = peak_rss(build)
        print(row(f"build {n} initiatives", times[n], naive_time, 0.35 if n == 1000 else None)
              + f"  (floor: naive python-pptx)  peak {peaks[n] / 1024:.0f} MB"
              + (f" (≤ 250 MB: {'ok' if peaks[n] <= 250 * 1024 else 'over'})" if n == 1000 else ""))
        show = [*cli, "show", "uke-33", "-d", str(folder)]
        print(row(f"show {n} initiatives", median_pair(show, build, runs)[0], times[n],
                  0.25 if n == 1000 else None) + "  (floor: the build of the same)")
        validate = [*cli, "validate", "-d", str(folder)]
        print(row(f"validate {n} initiatives", *median_pair(validate, FLOOR_VALIDATE, runs), None))
    if 1000 in times:
        ratio = times[1000] / times[100]
        print(f"\n1,000 build: {ratio:.2f}× the 100 build (≤ 10.5×: "
              f"{'ok' if ratio <= 10.5 else 'over'})")


def peak_rss(command: list[str]) -> int:
    """The peak resident memory (KB) of `command`, as its parent sees its waited-for child."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([PY, "-c", probe, *command], capture_output=True, cwd=ROOT, env=ENV,
                            check=True, text=True)
    return int(result.stdout.strip())


if __name__ == "__main__":
    main()
