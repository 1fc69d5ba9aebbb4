"""The plan, without python-pptx or a renderer: sizes within their limits, boxes that never
overlap, and continuation slides that carry everything on, in order, headers repeated."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import plan_checks
from deck_samples import normalise, write_overlong
from statusrapport.slides import common
from statusrapport.slides import status as status_slide
from statusrapport.slides.agenda import AGENDA_SIZES
from statusrapport.slides.kpi import KPI_SIZES
from statusrapport.slides.order import plan_deck
from statusrapport.slides.layout import STATUS, Rect, Table, default_geometry, pt
from statusrapport.text.fit import para_height
from statusrapport.data.loader import load
from statusrapport.report.context import report_context
from statusrapport.report.view import LABELS, report_view

GEOMETRY = default_geometry()


def _plan(folder: Path):
    loaded = load(folder, "uke-33")
    view = report_view(report_context(loaded.programme, loaded.week))
    return view, plan_deck(view, GEOMETRY)


@pytest.fixture(scope="module")
def seed(seed_dir):
    return _plan(seed_dir)


@pytest.fixture(scope="module")
def overlong(tmp_path_factory):
    return _plan(write_overlong(tmp_path_factory.mktemp("data") / "overlong"))


def _tables(slide, name):
    return [s for s in slide.shapes if isinstance(s, Table) and s.name == name]


def _size(slide) -> float:
    return _tables(slide, LABELS["progress"])[0].rows[0][0].paras[0].size


def test_the_planned_default_geometry_is_the_templates():
    from statusrapport.writer import template

    assert template.geometry(template.open_template(), looks=False) == GEOMETRY


@pytest.mark.parametrize("which", ["seed", "overlong"])
def test_regions_never_overlap_and_panels_stay_in_the_area(request, which):
    _, plan = request.getfixturevalue(which)
    assert plan_checks.region_problems(plan, GEOMETRY) == []


@pytest.mark.parametrize("which", ["seed", "overlong"])
def test_titles_bodies_and_text_boxes_hold_their_text(request, which):
    _, plan = request.getfixturevalue(which)
    assert plan_checks.frame_problems(plan, GEOMETRY) == []


def test_seed_status_slides_fit_one_slide_each_at_a_readable_size(seed):
    _, plan = seed
    status = [s for s in plan.slides if s.kind == "status"]
    assert len(status) == 3 and not any(s.continued for s in status)
    assert all(_size(s) >= 10 for s in status)


def test_overlong_status_continues_at_the_smallest_size(overlong):
    _, plan = overlong
    status = [s for s in plan.slides if s.kind == "status" and s.initiative == "overlang"]
    assert len(status) >= 3
    assert {_size(s) for s in status} == {status_slide.SIZES[-1]}
    assert status[0].title_text == "Lang gruppe – Statusrapport"
    assert all(s.title_text == "Lang gruppe – Statusrapport (forts.)" for s in status[1:])
    assert [r.name for r in status[0].regions][:2] == ["title", "info"]
    assert not any(r.name == "info" for s in status[1:] for r in s.regions)


def test_overlong_tables_repeat_their_headers(overlong):
    _, plan = overlong
    for slide in plan.slides:
        for name, labels in ((LABELS["milestones"], ["id", "description", "planned", "delivered"]),
                             (LABELS["progress"], ["done", "next", "risks"])):
            for table in _tables(slide, name):
                assert [c.paras[0].text for c in table.rows[0]] == [LABELS[k] for k in labels]


def test_every_milestone_once_in_order(overlong):
    view, plan = overlong
    status = [s for s in plan.slides if s.kind == "status" and s.initiative == "overlang"]
    shown = [row[0].paras[0].text for s in status for t in _tables(s, LABELS["milestones"])
             for row in t.rows[1:]]
    assert shown == [m.id for m in view.groups[0].initiatives[0].status.milestones]


def _column_text(status, column):
    pieces = []
    for slide in status:
        for table in _tables(slide, LABELS["progress"]):
            pieces += [p for p in table.rows[1][column].paras]
    return pieces


@pytest.mark.parametrize("column, field", [(0, "done"), (1, "planned"), (2, "risks")])
def test_every_progress_bullet_carried_on_in_order(overlong, column, field):
    view, plan = overlong
    status = [s for s in plan.slides if s.kind == "status" and s.initiative == "overlang"]
    pieces = _column_text(status, column)
    expected = []
    for bullet in getattr(view.groups[0].initiatives[0].status, field):
        expected.append(bullet.text)
        expected += [child.text for child in bullet.children]
    # a bullet split over two slides continues without a bullet of its own
    joined, current = [], None
    for piece in pieces:
        if piece.bullet is None and joined:
            joined[-1] += " " + piece.text
        else:
            joined.append(piece.text)
    assert [normalise(t) for t in joined] == [normalise(t) for t in expected]
    assert any(p.bullet is None for p in pieces) or column == 2


def test_economy_comments_carried_on(overlong):
    view, plan = overlong
    status = [s for s in plan.slides if s.kind == "status" and s.initiative == "overlang"]
    v = view.groups[0].initiatives[0].status
    text = " ".join(p.text for s in status for t in _tables(s, LABELS["economy"])
                    for row in t.rows for c in row for p in c.paras)
    for comment in (v.costs_as_of, *v.budget_comments):
        words = comment.split()
        assert " ".join(words[:5]) in text and " ".join(words[-5:]) in text


def test_planned_table_rows_hold_their_text(overlong):
    """Each row is drawn at least as high as LibreOffice needs for its cells' text."""
    _, plan = overlong
    assert plan_checks.row_problems(plan, GEOMETRY) == []


def test_long_agenda_shows_the_part_with_the_current_initiative(overlong):
    view, plan = overlong
    agendas = [s for s in plan.slides if s.kind == "agenda"]
    names = [i.status.name for i in view.groups[0].initiatives]
    assert len(agendas) == len(names)
    sizes = {s.body.paras[0].size for s in agendas}
    assert len(sizes) == 1 and min(sizes) >= AGENDA_SIZES[-1]
    for agenda, name in zip(agendas, names):
        current = [p.text for p in agenda.body.paras if p.bold]
        assert current == [name]
        assert agenda.title_text == ("Agenda (forts.)" if agenda.continued else "Agenda")


def test_very_long_agenda_paginates(tmp_path):
    view, _ = _plan(write_overlong(tmp_path / "data", others=29))
    plan = plan_deck(view, GEOMETRY)
    agendas = [s for s in plan.slides if s.kind == "agenda"]
    assert any(a.continued for a in agendas) and not agendas[0].continued
    assert {a.body.paras[0].size for a in agendas} == {AGENDA_SIZES[-1]}


def test_overlong_kpi_slide_continues(overlong):
    _, plan = overlong
    kpi = [s for s in plan.slides if s.kind == "kpi"]
    titles = [s.title_text for s in kpi][:2]
    assert titles == ["Overlang – status", "Overlang – status (forts.)"]
    assert {s.body.paras[0].size for s in kpi} == {KPI_SIZES[-1]}
    links = [span.url for s in kpi for p in s.body.paras for span in p.spans if span.url]
    assert links == ["https://intranett.pasientreiser.no/overlang"]


def test_long_titles_shrink_to_fit_their_box(seed):
    view, _ = seed
    group = dataclasses.replace(view.groups[1], name="N" * 20 + " lang gruppe " * 8)
    frame = common.title_frame(group.name + " – Statusrapport (forts.)",
                               GEOMETRY.titles[STATUS], GEOMETRY)
    size = frame.paras[0].size
    assert size < common.TITLE_SIZES[0] and size in common.TITLE_SIZES
    width = pt(GEOMETRY.titles[STATUS].w)
    height = pt(GEOMETRY.titles[STATUS].h) - 7.2
    assert para_height(frame.paras[0], width, GEOMETRY.heading_font) <= height


def test_slide_numbers_count_every_slide(seed):
    _, plan = seed
    numbers = [s.number for s in plan.slides]
    assert numbers == [None, None, 3, 4, 5, 6, 7, 8, 9]


def test_rect_helpers():
    outer, inner = Rect(0, 0, 100, 100), Rect(10, 10, 20, 20)
    assert outer.contains(inner) and not inner.contains(outer)
    assert outer.overlaps(inner) and not Rect(100, 0, 10, 10).overlaps(outer)


@pytest.mark.parametrize("which", ["seed", "overlong"])
def test_the_quick_fit_test_agrees_with_the_pages_drawn(request, which):
    """status_pages() measures each size with fits() and draws only the one it picks: fits()
    may be stricter than the pages (a size too small, rarely), never laxer (checked anyway)."""
    view, _ = request.getfixturevalue(which)
    variants = [i.status for i in view.initiatives()]
    variants += [dataclasses.replace(s, done=s.done[:k] * 2, risks=s.risks * 2)
                 for s in variants[:3] for k in range(0, 7, 2)]
    for status in variants:
        for size in status_slide.SIZES:
            planner = status_slide._Status(status, GEOMETRY.status_area, GEOMETRY.footer(STATUS),
                                     GEOMETRY.font, GEOMETRY.heading_font, size)
            one_page = len(planner.pages()) == 1
            assert one_page or not planner.fits(), (status.name, size)
            if which == "seed" and status in variants[:3]:
                assert planner.fits() == one_page, (status.name, size)


def test_status_pages_picks_the_largest_size_that_fits(seed, overlong):
    for view, _ in (seed, overlong):
        for initiative in view.initiatives():
            status = initiative.status
            pages = status_slide.status_pages(status, GEOMETRY.status_area, GEOMETRY.footer(STATUS),
                                        GEOMETRY.font, GEOMETRY.heading_font)
            size = _size(SlideLike(pages[0].shapes))
            fitting = [s for s in status_slide.SIZES if status_slide._Status(
                status, GEOMETRY.status_area, GEOMETRY.footer(STATUS), GEOMETRY.font,
                GEOMETRY.heading_font, s).fits()]
            assert size == (fitting[0] if fitting else status_slide.SIZES[-1]), status.name
            assert (len(pages) == 1) == bool(fitting)


@dataclasses.dataclass
class SlideLike:
    shapes: tuple
