"""The baseline for big programmes: the deck's content written with python-pptx's own API, naively.

    python benchmarks/naive_pptx.py DATA_FOLDER REPORT OUT.pptx [TEMPLATE]

The same slides as `statusrapport build` writes for a report (title, overview, per group a title
and a milestone timeline; per initiative an agenda, the status slide's info, milestone and budget
tables and its three columns, a cost chart and the KPIs), read from the YAML with PyYAML, with
no validation and no text fitting: what a hand-written script costs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu, Pt


def layout(prs, name: str, fallback: int):
    return prs.slide_layouts.get_by_name(name) or prs.slide_layouts[fallback]


def titled(prs, name: str, title: str, fallback: int):
    slide = prs.slides.add_slide(layout(prs, name, fallback))
    if slide.shapes.title is not None:
        slide.shapes.title.text = title
    return slide


def table(slide, rows: list[list[str]], left: int, top: int, width: int, height: int) -> None:
    shape = slide.shapes.add_table(len(rows), len(rows[0]), Emu(left), Emu(top), Emu(width),
                                   Emu(height))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = shape.table.cell(r, c)
            cell.text = str(text)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(10)


def bullets(slide, items: list[str], left: int, top: int, width: int, height: int,
            heading: str | None = None) -> None:
    frame = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height)).text_frame
    frame.word_wrap = True
    lines = ([heading] if heading else []) + [f"• {item}" for item in items]
    frame.text = lines[0] if lines else ""
    for line in lines[1:]:
        paragraph = frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(11)


def report_key(report: str, reports: dict) -> str | None:
    for key in reports:
        if str(key).endswith(report) or str(key).endswith(report.replace("uke-", "W")):
            return key
    return None


def main() -> None:
    folder, report, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    prs = Presentation(sys.argv[4]) if len(sys.argv) > 4 else Presentation(
        Path(__file__).resolve().parent.parent / "templates" / "statusrapport.pptx")
    programme = yaml.safe_load((folder / "programme.yaml").read_text(encoding="utf-8"))
    w, h = prs.slide_width, prs.slide_height
    titled(prs, "Group title", f"{programme['programme']} – statusrapport {report}", 0)
    initiatives = {}
    for group in programme["groups"]:
        for slug in group["initiatives"]:
            initiatives[slug] = yaml.safe_load((folder / f"{slug}.yaml").read_text(encoding="utf-8"))
    overview = titled(prs, "Status", "Oversikt", 3)
    table(overview, [["Tiltak", "Gruppe", "Milepæler"]] + [
        [i["name"], i["group"], str(len(i.get("milestones") or []))]
        for i in list(initiatives.values())[:12]], w // 20, h // 5, w * 9 // 10, h * 7 // 10)
    for group in programme["groups"]:
        titled(prs, "Group title", group["name"], 0)
        timeline = titled(prs, "Status", f"{group['name']}: milepæler", 3)
        table(timeline, [["Tiltak", "Milepæl", "Planlagt"]] + [
            [initiatives[s]["name"], m["id"], str(m.get("planned", ""))]
            for s in group["initiatives"][:4] for m in (initiatives[s].get("milestones") or [])[:3]],
            w // 20, h // 5, w * 9 // 10, h * 7 // 10)
        for slug in group["initiatives"]:
            data = initiatives[slug]
            reports = data.get("reports") or {}
            key = report_key(report, reports)
            current = reports.get(key) or {}
            agenda = titled(prs, "Agenda", data["name"], 2)
            bullets(agenda, [m["description"] for m in data.get("milestones") or []],
                    w // 20, h // 5, w * 9 // 10, h * 7 // 10)
            status = titled(prs, "Status", data["name"], 3)
            table(status, [["Gruppe", data["group"]], ["Leder", data.get("leader", "")]],
                  w // 20, h // 6, w * 3 // 10, h // 8)
            table(status, [["Milepæl", "Beskrivelse", "Planlagt", "Levert"]] + [
                [m["id"], m["description"], str(m.get("planned", "")), str(m.get("delivered", ""))]
                for m in data.get("milestones") or []], w * 4 // 10, h // 6, w * 11 // 20, h * 3 // 10)
            costs = current.get("costs") or {}
            table(status, [["Budsjett", "Plan", "Faktisk"],
                           [str((data.get("budget") or {}).get("total", "")),
                            str(costs.get("plan", "")), str(costs.get("actual", ""))]],
                  w // 20, h * 5 // 16, w * 3 // 10, h // 8)
            for n, (field, heading) in enumerate([("done", "Gjennomført siden sist"),
                                                  ("planned", "Planlagt til neste"),
                                                  ("risks", "Risiko og avhengigheter")]):
                bullets(status, [str(x) for x in current.get(field) or []],
                        w // 20 + n * w * 3 // 10, h * 11 // 20, w * 3 // 10 - w // 40, h * 2 // 5,
                        heading)
            chart_slide = titled(prs, "Status", f"{data['name']}: kostnader", 3)
            chart_data = CategoryChartData()
            keys = list(reports)
            chart_data.categories = [str(k) for k in keys]
            chart_data.add_series("Plan", [(reports[k].get("costs") or {}).get("plan", 0) for k in keys])
            chart_data.add_series("Faktisk", [(reports[k].get("costs") or {}).get("actual", 0)
                                              for k in keys])
            chart_slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, Emu(w // 20), Emu(h // 5),
                                         Emu(w * 9 // 10), Emu(h * 7 // 10), chart_data)
            kpi = titled(prs, "KPI", f"{data['name']}: KPI", 4)
            bullets(kpi, [f"{k['name']}: {k.get('value', '')} ({k.get('measured', '')})"
                          for k in current.get("kpis") or []], w // 20, h // 5, w * 9 // 10, h // 2)
    prs.save(out)


if __name__ == "__main__":
    main()
