"""Checks of a deck plan by the measure the planning itself uses (statusrapport.text.fit):
regions apart and on the slide, panels in the status area, every table row and text frame
tall enough for its text. Each returns a list of problems (empty: the plan holds).

Not a test module: tests/test_deck_layout.py and tests/test_fuzz_valid.py use these.
"""

from __future__ import annotations

import itertools

from statusrapport.slides.layout import Frame, Geometry, Rect, Table, TextBox, pt
from statusrapport.text.fit import para_height

PANELS = ("info", "milestones", "economy", "progress")


def region_problems(plan, geometry: Geometry) -> list[str]:
    """Regions never overlap and lie on the slide; panels stay in the status area; every
    table lies inside a region (on a status slide: a panel), the legend has its region."""
    problems = []
    area = geometry.status_area
    slide_rect = Rect(0, 0, geometry.slide_w, geometry.slide_h)
    for number, slide in enumerate(plan.slides, start=1):
        for a, b in itertools.combinations(slide.regions, 2):
            if a.rect.overlaps(b.rect):
                problems.append(f"slide {number}: {a.name} overlaps {b.name}")
        for region in slide.regions:
            if not slide_rect.contains(region.rect):
                problems.append(f"slide {number}: {region.name} off the slide")
            if region.name in PANELS and not area.contains(region.rect):
                problems.append(f"slide {number}: {region.name} outside the status area")
        for shape in slide.shapes:
            if isinstance(shape, Table):
                owners = [r.name for r in slide.regions if r.rect.contains(shape.rect)]
                if slide.kind == "status" and not set(owners) & set(PANELS) or not owners:
                    problems.append(f"slide {number}: table {shape.name} outside its region")
            elif shape.name == "Forklaring" and not any(r.name == "legend"
                                                        for r in slide.regions):
                problems.append(f"slide {number}: legend without its region")
    return problems


def row_problems(plan, geometry: Geometry) -> list[str]:
    """Each table row is at least as high as LibreOffice needs for its cells' text."""
    problems = []
    for number, slide in enumerate(plan.slides, start=1):
        for table in (s for s in slide.shapes if isinstance(s, Table)):
            ml, mr, mt, mb = table.margins
            for row, height in zip(table.rows, table.heights):
                for col, cell in enumerate(row):  # one cell per grid column, merged or not
                    if cell.row_span > 1 or cell.v_merge or cell.h_merge:
                        continue
                    width = pt(sum(table.columns[col:col + cell.grid_span])) - ml - mr
                    need = sum(para_height(p, width, geometry.font, safe=False, table=True)
                               for p in cell.paras) + mt + mb
                    if pt(height) < need - 0.01:
                        problems.append(f"slide {number} ({slide.title_text!r}): a row of "
                                        f"{table.name} is {pt(height):.1f} pt, its text needs "
                                        f"{need:.1f} pt")
    return problems


def _frame_problem(where: str, frame: Frame, box: Rect, font: str) -> str | None:
    left, top, right, bottom = frame.insets
    width, height = pt(box.w) - left - right, pt(box.h) - top - bottom
    need = sum(para_height(p, width, font, safe=False) + (p.space_before if i else 0.0)
               for i, p in enumerate(frame.paras))
    if need > height + 0.01:
        return f"{where}: the text needs {need:.1f} pt, the box holds {height:.1f} pt"
    return None


def frame_problems(plan, geometry: Geometry) -> list[str]:
    """Titles, bodies and text boxes: their paragraphs as LibreOffice lays them out fit the box."""
    problems = []
    for number, slide in enumerate(plan.slides, start=1):
        frames = [("title", slide.title, geometry.titles[slide.layout], geometry.heading_font)]
        if slide.body is not None:
            frames.append(("body", slide.body, geometry.bodies[slide.layout], geometry.font))
        frames += [(s.name, s.frame, s.rect, geometry.font) for s in slide.shapes
                   if isinstance(s, TextBox)]
        for name, frame, box, font in frames:
            problem = _frame_problem(f"slide {number} {name}", frame, box, font)
            if problem:
                problems.append(problem)
    return problems


def plan_problems(plan, geometry: Geometry) -> list[str]:
    return (region_problems(plan, geometry) + row_problems(plan, geometry)
            + frame_problems(plan, geometry))
