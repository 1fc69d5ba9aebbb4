"""`statusrapport template check`: the layout each role will use and why, the fonts the
template names and what each is measured with (a stand-in said), and every problem with its
fix (the same ones a build stops at)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from statusrapport.errors import Problem


@dataclass(frozen=True)
class Checked:
    lines: list[str]  # what a person reads: per role, the layout and why; the fonts
    roles: list[dict[str, str]]  # the same per role, for --json
    layouts: list[str]  # every layout of the template, in its order
    fonts: list[str]
    problems: list[Problem]
    measured: list[dict] = field(default_factory=list)  # per font: what it is measured with


def check_template(file: Path, data: Path | None = None) -> Checked:
    from statusrapport.build import map_problems
    from statusrapport.data.loader import load_font_folder, load_template_choice
    from statusrapport.text.fontfiles import choose_fonts
    from statusrapport.writer import template

    choice = load_template_choice(data) if data is not None else None
    folder = load_font_folder(data) if data is not None else None
    opened = template.open_template(file)  # a UserError for the file itself
    resolution = template.resolve(opened, choice.layouts if choice else None)
    problems = list(opened.problems) + (map_problems(resolution, choice) if choice else [])
    problems += template.role_problems(opened, resolution)
    fonts = template.fonts_named(opened.prs, resolution)
    chosen = choose_fonts(fonts, folder).values()  # as a build measures them
    roles = [{"role": role, "layout": c.name, "reason": c.reason, "detail": c.detail}
             for role, c in resolution.choices.items()]
    layouts = template.layout_names(opened.prs)
    named = ", ".join(f'"{name}"' for name in dict.fromkeys(layouts)) or "none"
    lines = template.describe(opened, resolution) + [
        f"fonts: {', '.join(fonts) or 'none'}", *(c.describe() for c in chosen),
        f"layouts (for template: layouts: in programme.yaml): {named}"]
    return Checked(lines, roles, layouts, fonts, problems, [c.as_json() for c in chosen])
