"""Synthetic programmes for benchmarks and scale tests: N initiatives shaped like the seed's."""

from __future__ import annotations

from pathlib import Path

GROUP_SIZE = 10  # 1,000 initiatives in 100 groups, the most a programme file may list


def write_programme(folder: Path, initiatives: int, reports: int = 2) -> Path:
    """Write a programme of `initiatives` initiatives with `reports` reports each (weeks 31, 33, …)."""
    folder.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[str]] = {}
    for n in range(initiatives):
        group = f"Gruppe {n // GROUP_SIZE + 1}"
        slug = f"tiltak-{n + 1:04d}"
        groups.setdefault(group, []).append(slug)
        (folder / f"{slug}.yaml").write_text(_initiative(n, group, reports), encoding="utf-8")
    lines = ["programme: Syntetisk program", "groups:"]
    for group, members in groups.items():
        lines += [f"  - name: {group}", "    initiatives:"] + [f"      - {m}" for m in members]
    (folder / "programme.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _initiative(n: int, group: str, reports: int) -> str:
    milestones = "\n".join(
        f"""  - id: MP{m}
    description: Delleveranse {m} – kartlegging, spesifisering og test av løsningen
    planned: {10 + m:02d}.0{1 + m % 8}.2021
""" + ("    delivered: 01.0{}.2021\n".format(1 + m % 8) if m < 3 else "")
        + ("    revised: [Jan 2022]\n" if m == 4 else "")
        for m in range(1, 6))
    out = [f"name: Tiltak {n + 1} – «syntetisk»", f"group: {group}", "leader: Kari Nordmann", "",
           "milestones:", milestones, "budget:", f"  total: {2_000_000 + 10_000 * n}",
           "  vat_included: true", "", "reports:"]
    for r in range(reports):
        week = 33 - 2 * (reports - 1 - r)
        out += [f"  2021-uke-{week}:",
                "    done:"] + [f"      - Gjennomført aktivitet {i} med arbeidsgruppe og "
                                f"kompetansegruppe, oppfølging av NHN." for i in range(4)] + [
                "    planned:"] + [f"      - Planlagt aktivitet {i} frem til neste rapportering."
                                   for i in range(3)] + [
                "    risks:", "      - Risiko knyttet til tilgang til ressurser hos NHN.",
                "    costs:", f"      plan: {1_000_000 + 100_000 * r}",
                f"      actual: {950_000 + 120_000 * r}", "      as_of: 31.07.2021",
                "    kpis:", "      - name: Antall reiser", f"        value: {1000 + 100 * r}",
                f"        measured: {10 + r:02d}.08.2021"]
    return "\n".join(out) + "\n"
