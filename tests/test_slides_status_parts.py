"""slides/status_content.py, status_measure.py and status_draw.py: the status slide's texts,
its measures and its panels at one size (status.py's layout is tested in test_deck_layout)."""

from __future__ import annotations

from statusrapport.report.view import report_view
from statusrapport.slides.common import CELL_MARGINS
from statusrapport.slides.layout import (GREY, HEADER_FILL, ORANGE, STATUS, Table, default_geometry,
                                         pt)
from statusrapport.slides.status_content import StatusContent
from statusrapport.slides.status_draw import StatusDrawing
from statusrapport.slides.status_measure import GAP_H, StatusMeasure

GEOMETRY = default_geometry()


def _endre(seed_context):
    return next(i.status for i in report_view(seed_context).initiatives()
                if i.status.initiative_id == "selvbetjening-endre")


def test_content_moved_dates_struck_through_then_the_new_one(seed_context):
    content = StatusContent(_endre(seed_context), 10.0)
    mp4 = next(r for r in content.v.milestones if r.id == "MP4")
    planned = content.milestone_cells(mp4)[2][0].spans
    assert [(s.text, s.strike, s.colour) for s in planned if s.text.strip()] == [
        ("01.09.21", True, GREY), ("21.09.21", False, ORANGE)]
    assert content.milestone_cells(mp4) is content.milestone_cells(mp4)  # made once
    assert content.header(["A", "B"]) is content.header(["A", "B"])
    assert all(p.size == 10.0 for cell in content.header(["A"]) for p in cell)


def test_measure_columns_fill_their_panels(seed_context):
    measure = StatusMeasure(StatusContent(_endre(seed_context), 10.0), GEOMETRY.status_area,
                            GEOMETRY.font, GEOMETRY.heading_font)
    width = pt(GEOMETRY.status_area.w)
    assert abs(sum(measure.middle_w) + GAP_H - width) < 1e-9
    assert abs(sum(measure.ms_cols) - measure.middle_w[0]) < 1e-9
    assert abs(sum(measure.economy_columns()) - measure.middle_w[1]) < 1e-9
    widths, rows = measure.info()
    assert abs(sum(widths) - width) < 1e-9 and len(rows) == 2
    assert measure.row_h(rows[1], widths, safe=False) <= measure.row_h(rows[1], widths)
    assert measure.info_h() > measure.heading_h


def test_drawing_a_panel_adds_its_heading_table_and_region(seed_context):
    measure = StatusMeasure(StatusContent(_endre(seed_context), 10.0), GEOMETRY.status_area,
                            GEOMETRY.font, GEOMETRY.heading_font)
    drawing = StatusDrawing(measure, GEOMETRY.footer(STATUS))
    shapes, regions = [], []
    y = pt(GEOMETRY.status_area.y)
    bottom = drawing.info_panel(y, shapes, regions)
    heading, table = shapes
    assert isinstance(table, Table) and table.margins == CELL_MARGINS
    assert heading.frame.paras[0].text == "Informasjon"
    assert all(c.fill == HEADER_FILL for c in table.rows[0])
    assert [r.name for r in regions] == ["info"] and regions[0].rect.contains(table.rect)
    assert bottom > y + measure.heading_h
