"""Draw a planned deck into a .pptx: the one module that imports python-pptx.

The plan (slides.py, panels.py) has decided every position, size and line; this module only
writes it down as DrawingML, fills the layouts' title and body placeholders, and saves the
package byte-reproducibly (fixed zip dates and order, document properties from the data).
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree
from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part

from statusrapport.errors import Problem, UserError
from statusrapport.slides.layout import (ACCENT, BAND_FILL, BODY_LAYOUTS, FAINT, GREEN, GREY,
                                  HEADER_FILL, LAYOUTS, ORANGE, RED, STATUS, WHITE, Cell, Chart,
                                  DeckPlan, Frame, Geometry, Para, Rect, Shape, SlidePlan, Span,
                                  Table, TextBox, emu)

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "statusrapport.pptx"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
LANG = "nb-NO"
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
TITLE_TYPES = ("title", "ctrTitle")

_COLOURS = {
    ACCENT: '<a:schemeClr val="accent1"/>',
    GREY: '<a:schemeClr val="tx1"><a:lumMod val="65000"/><a:lumOff val="35000"/></a:schemeClr>',
    WHITE: '<a:schemeClr val="bg1"/>',
    # The meaning of these must not change with a corporate theme's accents.
    RED: '<a:srgbClr val="C00000"/>',
    ORANGE: '<a:srgbClr val="C55A11"/>',
    HEADER_FILL: '<a:schemeClr val="accent1"><a:lumMod val="20000"/><a:lumOff val="80000"/>'
                 '</a:schemeClr>',
    BAND_FILL: '<a:schemeClr val="bg2"/>',
    "rule": '<a:schemeClr val="bg1"><a:lumMod val="75000"/></a:schemeClr>',
    GREEN: '<a:srgbClr val="548235"/>',
    FAINT: '<a:srgbClr val="BFBFBF"/>',
}
CHART_COLOURS = ("7F7F7F", "4472C4")  # plan grey, actual blue: fixed, as the legend names them
CHART_NUMBER_FORMAT = "#,##0"
# Characters XML 1.0 does not allow (YAML's "\x07" escapes can produce them).
_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Properties:
    title: str
    author: str
    day: date


# --- the template ----------------------------------------------------------------------------

def open_template(path: Path | None = None):
    """The template as a python-pptx Presentation, or a UserError saying why it cannot be."""
    path = Path(path) if path is not None else DEFAULT_TEMPLATE
    if not path.is_file():
        raise UserError(f"{path}: no such template file")
    try:
        return Presentation(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            etree.XMLSyntaxError) as exc:
        detail = f" ({exc})" if isinstance(exc, ValueError) else ""
        raise UserError(f"{path}: not a PowerPoint presentation (.pptx){detail}") from None


def _layouts(prs) -> dict[str, object]:
    """Layouts by name, over every slide master (the first of a name wins)."""
    found: dict[str, object] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name.strip(), layout)
    return found


def _placeholder(layout, *, title: bool = False, idx: int | None = None,
                 kind: str | None = None):
    for ph in layout.placeholders:
        element = ph._element.ph
        if title and element.get("type") in TITLE_TYPES:
            return ph
        if idx is not None and ph.placeholder_format.idx == idx and element.get(
                "type") not in TITLE_TYPES:
            return ph
        if kind is not None and element.get("type") == kind:
            return ph
    return None


def missing(prs) -> list[str]:
    """What the deck needs from a template and this one lacks (empty: the template will do)."""
    layouts = _layouts(prs)
    out = []
    for name in LAYOUTS:
        layout = layouts.get(name)
        if layout is None:
            out.append(f'layout "{name}"')
            continue
        if _placeholder(layout, title=True) is None:
            out.append(f'layout "{name}": a title placeholder')
        if name in BODY_LAYOUTS and _placeholder(layout, idx=1) is None:
            out.append(f'layout "{name}": a body placeholder (idx 1)')
    return out


def check(prs, path: Path) -> None:
    """A UserError naming everything the template lacks, one line each."""
    lacking = missing(prs)
    if lacking:
        raise UserError([Problem(str(path), 0, 0, "", f"the template lacks {item}")
                         for item in lacking])


def describe(prs) -> list[str]:
    """The template's layouts and their placeholders, one line each (for `template check`)."""
    lines = []
    for name, layout in _layouts(prs).items():
        kinds = [f"{ph._element.ph.get('type') or 'obj'}(idx {ph.placeholder_format.idx})"
                 for ph in layout.placeholders]
        mark = "used" if name in LAYOUTS else "not used"
        lines.append(f'layout "{name}" ({mark}): {", ".join(kinds) or "no placeholders"}')
    return lines


def geometry(prs) -> Geometry:
    layouts = _layouts(prs)

    def box(ph) -> Rect:
        values = (ph.left, ph.top, ph.width, ph.height)
        if None in values:  # neither the layout nor its master places it
            raise UserError(f'placeholder "{ph.name}" of a layout has no position, '
                            "neither its own nor its master's")
        return Rect(*(int(v) for v in values))

    titles = {name: box(_placeholder(layouts[name], title=True)) for name in LAYOUTS}
    bodies = {name: box(_placeholder(layouts[name], idx=1)) for name in BODY_LAYOUTS}
    numbers = {}
    for name in LAYOUTS:
        ph = _placeholder(layouts[name], kind="sldNum")
        if ph is not None:
            numbers[name] = box(ph)
    major, minor = _theme_fonts(layouts[STATUS].slide_master)
    return Geometry(int(prs.slide_width), int(prs.slide_height), titles, bodies, numbers,
                    font=minor, heading_font=major)


def _theme_fonts(master) -> tuple[str, str]:
    """The theme's heading and body fonts (the ones the text will be measured in)."""
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    fonts = []
    for which in ("majorFont", "minorFont"):
        latin = theme.find(f".//a:fontScheme/a:{which}/a:latin", NS)
        fonts.append(latin.get("typeface") if latin is not None else "Calibri")
    return fonts[0], fonts[1]


# --- drawing ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _LayoutInfo:
    """What a slide copies from its layout: the placeholders' kinds (their position, size and
    style are inherited), and the slide-number field's id."""

    part: object
    title: str  # the <p:ph .../> element of the title placeholder
    body: str | None
    number: str | None
    field_id: str = "{B2F0A1C3-5D4E-4F60-8A7B-9C0D1E2F3A4B}"


def _layout_info(layout) -> _LayoutInfo:
    found: dict[str, str] = {}
    field_id = _LayoutInfo.field_id
    for ph in layout.placeholders:
        element = ph._element.ph
        kind = element.get("type") or "obj"
        attrs = " ".join(f'{k}="{_attr(v)}"' for k, v in sorted(element.attrib.items()))
        if kind in TITLE_TYPES:
            found.setdefault("title", f"<p:ph {attrs}/>")
        elif kind == "sldNum":
            found.setdefault("number", f"<p:ph {attrs}/>")
            fld = ph._element.find(f".//{{{NS['a']}}}fld")
            if fld is not None and fld.get("id"):
                field_id = fld.get("id")
        elif ph.placeholder_format.idx == 1:
            found.setdefault("body", f"<p:ph {attrs}/>")
    return _LayoutInfo(layout.part, found["title"], found.get("body"), found.get("number"),
                       field_id)


def render(prs, plan: DeckPlan, properties: Properties) -> bytes:
    """The deck as the bytes of a .pptx: reproducible for the same template, plan and date."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.packuri import PackURI

    layouts = _layouts(prs)
    infos = {name: _layout_info(layouts[name]) for name in {s.layout for s in plan.slides}}
    id_list = prs.part._element.get_or_add_sldIdLst()
    _drop_slides(prs, id_list)
    package = prs.part.package
    relate = _fast_relate(prs.part)
    charts = _Charts(package, _midnight(properties.day))
    slides = []
    for number, slide_plan in enumerate(plan.slides, start=1):
        # python-pptx's add_slide clones placeholders one by one (and scans them many times),
        # and every slide would stay in memory as a tree of elements until saved: a slide here
        # is a part written from its plan as the package is saved (_SlidePart).
        part = _SlidePart(PackURI(f"/ppt/slides/slide{number}.xml"), CT.PML_SLIDE, package)
        part.relate_to(infos[slide_plan.layout].part, RT.SLIDE_LAYOUT)
        part.slide = _Slide(part, infos[slide_plan.layout], slide_plan, charts)
        slides.append(part)
        # sldId: 256 up (python-pptx's add_sldId finds the next id by scanning all of them)
        etree.SubElement(id_list, f"{{{NS['p']}}}sldId",
                         {"id": str(255 + number), f"{{{NS['r']}}}id": relate(part)})
    _set_properties(prs, properties)
    blob = _package_bytes(prs)
    # The package is garbage now, in reference cycles only a full collection frees (at exit: a
    # second for 1,000 initiatives): it must not keep the plan alive with it.
    for part in slides:
        part.slide = None
    return blob


def _fast_relate(owner):
    """presentation -> slide relationships without python-pptx's scan of every existing one
    (quadratic in the number of slides); the public, scanning way where internals differ."""
    rels = owner.rels
    if hasattr(rels, "_add_relationship"):
        return lambda part: rels._add_relationship(RT.SLIDE, part)
    return lambda part: owner.relate_to(part, RT.SLIDE)  # pragma: no cover


def _drop_slides(prs, id_list) -> None:
    """A corporate template may carry example slides: the deck has only its own."""
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


class _Charts:
    """Chart parts: the chart XML below, its data also in an embedded workbook that python-pptx's
    worksheet writer fills (so the chart stays editable in PowerPoint). A part holds the bytes of
    its XML (python-pptx's ChartPart would keep a tree of elements per chart until the save:
    45 KB each), named by a counter: python-pptx's own naming scans every part of the package
    for each new one."""

    def __init__(self, package, created: datetime):
        self.package, self.created = package, created
        taken = {str(part.partname) for part in package.iter_parts()}
        self.numbers = (n for n in itertools.count(1)
                        if f"/ppt/charts/chart{n}.xml" not in taken
                        and f"/ppt/embeddings/Microsoft_Excel_Sheet{n}.xlsx" not in taken)

    def part(self, chart: Chart):
        from pptx.chart.data import CategoryChartData
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.packuri import PackURI
        from pptx.parts.embeddedpackage import EmbeddedXlsxPart

        data = CategoryChartData(number_format=CHART_NUMBER_FORMAT)
        data.categories = chart.categories
        for name, values in chart.series:
            data.add_series(name, values)
        workbook = _workbook_writer(data, self.created)
        number = next(self.numbers)
        part = Part(PackURI(f"/ppt/charts/chart{number}.xml"), CT.DML_CHART, self.package)
        r_id = part.relate_to(EmbeddedXlsxPart(
            PackURI(f"/ppt/embeddings/Microsoft_Excel_Sheet{number}.xlsx"), CT.SML_SHEET,
            self.package, workbook.xlsx_blob), RT.PACKAGE)
        part.blob = _chart_xml(data, workbook, r_id)
        return part


def _workbook_writer(data, created: datetime):
    """python-pptx's worksheet writer for `data` (the layout the chart's references point
    into), its workbook dated `created`: XlsxWriter in memory dates every zip member
    1980-01-01 itself, so the same data gives the same bytes in every build."""
    from pptx.chart.xlsx import CategoryWorkbookWriter
    from xlsxwriter import Workbook

    class Writer(CategoryWorkbookWriter):
        @contextlib.contextmanager
        def _open_worksheet(self, xlsx_file):
            workbook = Workbook(xlsx_file, {"in_memory": True})
            workbook.set_properties({"created": created})
            yield workbook, workbook.add_worksheet()
            workbook.close()

    return Writer(data)


# A line chart with markers as python-pptx writes it, styled here once (its object calls did
# the same per chart): legend at the bottom beside the plot, major gridlines, axis labels 11 pt,
# legend 12 pt, straight 2.25 pt lines and their markers in CHART_COLOURS; externalData names
# the embedded workbook.
_CHART_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<c:date1904 val="0"/><c:chart><c:autoTitleDeleted val="0"/><c:plotArea><c:lineChart>'
    '<c:grouping val="standard"/><c:varyColors val="0"/>{series}<c:marker val="1"/>'
    '<c:smooth val="0"/><c:axId val="2118791784"/><c:axId val="2140495176"/></c:lineChart>'
    '<c:catAx><c:axId val="2118791784"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
    '<c:delete val="0"/><c:axPos val="b"/><c:majorTickMark val="out"/>'
    '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{axis_text}'
    '<c:crossAx val="2140495176"/><c:crosses val="autoZero"/><c:auto val="1"/>'
    '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    '<c:valAx><c:axId val="2140495176"/><c:scaling/><c:delete val="0"/><c:axPos val="l"/>'
    '<c:majorGridlines/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
    '<c:tickLblPos val="nextTo"/>{axis_text}<c:crossAx val="2118791784"/>'
    '<c:crosses val="autoZero"/></c:valAx></c:plotArea><c:legend><c:legendPos val="b"/>'
    '<c:layout/><c:overlay val="0"/><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>'
    '<a:defRPr sz="1200"/></a:pPr></a:p></c:txPr></c:legend><c:plotVisOnly val="1"/>'
    '<c:dispBlanksAs val="gap"/><c:showDLblsOverMax val="0"/></c:chart><c:txPr><a:bodyPr/>'
    '<a:lstStyle/><a:p><a:pPr><a:defRPr sz="1800"/></a:pPr><a:endParaRPr lang="en-US"/>'
    '</a:p></c:txPr><c:externalData r:id="{workbook}"><c:autoUpdate val="0"/></c:externalData>'
    "</c:chartSpace>")
_CHART_AXIS_TEXT = ('<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1100"/>'
                    "</a:pPr></a:p></c:txPr>")
_CHART_SERIES = (
    '<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx><c:strRef><c:f>{name_ref}</c:f>'
    '<c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{name}</c:v></c:pt></c:strCache>'
    '</c:strRef></c:tx><c:spPr><a:ln w="28575">{fill}</a:ln></c:spPr><c:marker><c:spPr>'
    "{fill}<a:ln>{fill}</a:ln></c:spPr></c:marker><c:cat><c:strRef><c:f>{categories_ref}"
    "</c:f><c:strCache>{categories}</c:strCache></c:strRef></c:cat><c:val><c:numRef>"
    "<c:f>{values_ref}</c:f><c:numCache><c:formatCode>{number_format}</c:formatCode>"
    '{values}</c:numCache></c:numRef></c:val><c:smooth val="0"/></c:ser>')


def _chart_xml(data, workbook, workbook_id: str) -> bytes:
    """The chart XML for `data`, its references into the sheet as `workbook` lays it out, and
    the workbook related as `workbook_id`."""
    def points(values) -> str:
        return f'<c:ptCount val="{len(values)}"/>' + "".join(
            f'<c:pt idx="{i}"><c:v>{_text(str(v))}</c:v></c:pt>' for i, v in enumerate(values))

    categories = points([category.label for category in data.categories])
    series = "".join(_CHART_SERIES.format(
        i=i, name=_text(s.name), name_ref=workbook.series_name_ref(s),
        fill=f'<a:solidFill><a:srgbClr val="{CHART_COLOURS[i % len(CHART_COLOURS)]}"/>'
             "</a:solidFill>",
        categories_ref=workbook.categories_ref, categories=categories,
        values_ref=workbook.values_ref(s), number_format=_text(CHART_NUMBER_FORMAT),
        values=points(s.values)) for i, s in enumerate(data))
    return _CHART_XML.format(series=series, axis_text=_CHART_AXIS_TEXT,
                             workbook=workbook_id).encode("utf-8")


class _SlidePart(Part):
    """A slide whose XML is written from its plan when the package is serialised, and not kept
    (held until the save, the 4,485 slides of 1,000 initiatives were 80 MB of XML)."""

    slide: _Slide | None = None  # None once the deck is written

    @property
    def blob(self) -> bytes:
        if self.slide is None:
            raise RuntimeError(f"{self.partname}: written already, its plan let go")
        return self.slide.xml().encode("utf-8")


class _Slide:
    """A slide's XML from its plan; its relationships (charts, links) are made up front, so the
    part is complete before anything is serialised."""

    def __init__(self, part, layout: _LayoutInfo, plan: SlidePlan, charts: _Charts | None = None):
        self.part, self.layout, self.plan = part, layout, plan
        self.next_id = 2
        self.links: dict[str, str] = {}
        self.charts: dict[int, str] = {}  # id(Chart) -> rId
        for item in (plan.title, plan.body, *plan.shapes):  # in the order the XML has them
            if isinstance(item, Chart):
                self.charts[id(item)] = part.relate_to(charts.part(item), RT.CHART)
            for para in _paras_of(item):
                for span in para.spans:
                    if span.url and span.url not in self.links:
                        self.links[span.url] = part.relate_to(span.url, RT.HYPERLINK,
                                                              is_external=True)

    def xml(self) -> str:
        plan, layout = self.plan, self.layout
        self.next_id = 2
        shapes = [self._placeholder("Title", layout.title, plan.title)]
        if plan.body is not None:
            shapes.append(self._placeholder("Content", layout.body, plan.body))
        shapes += [self._shape(shape) for shape in plan.shapes]
        if plan.number is not None:
            shapes.append(self._number())
        return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<p:sld {NSDECL}>"
                f'<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
                f"<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{''.join(shapes)}"
                f"</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>")

    def _placeholder(self, name: str, ph: str | None, frame: Frame) -> str:
        """A placeholder of the layout: position and style inherited, our text and insets."""
        number = self._id()
        return (f'<p:sp><p:nvSpPr><p:cNvPr id="{number}" name="{name} {number - 1}"/>'
                f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr>'
                f"</p:nvSpPr><p:spPr/><p:txBody>{self._body_pr(frame)}<a:lstStyle/>"
                f"{self._paras(frame.paras)}</p:txBody></p:sp>")

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _link(self, url: str) -> str:
        return self.links[url]

    # -- text
    @staticmethod
    def _body_pr(frame: Frame, anchor: str | None = None) -> str:
        l, t, r, b = (emu(v) for v in frame.insets)
        anchor_attr = f' anchor="{anchor}"' if anchor else ""
        return (f'<a:bodyPr wrap="square" lIns="{l}" tIns="{t}" rIns="{r}" bIns="{b}"'
                f'{anchor_attr} rtlCol="0"><a:noAutofit/></a:bodyPr>')

    def _paras(self, paras: tuple[Para, ...]) -> str:
        if not paras:
            return f'<a:p><a:endParaRPr lang="{LANG}" dirty="0"/></a:p>'
        return "".join(self._para(p) for p in paras)

    def _para(self, para: Para) -> str:
        size = int(round(para.size * 100))
        hang = emu(para.hang) if para.bullet else 0
        attrs = f' marL="{emu(para.margin)}" indent="{-hang}"'
        if para.level:
            attrs += f' lvl="{para.level}"'
        if para.align:
            attrs += f' algn="{para.align}"'
        ppr = (f'<a:pPr{attrs}><a:lnSpc><a:spcPct val="{int(round(para.line_spacing * 100000))}"/>'
               f'</a:lnSpc><a:spcBef><a:spcPts val="{int(round(para.space_before * 100))}"/>'
               f'</a:spcBef>')
        if para.bullet:
            ppr += (f'<a:buClr>{_COLOURS[ACCENT]}</a:buClr><a:buFont typeface="Arial"/>'
                    f'<a:buChar char="{_attr(para.bullet)}"/>')
        else:
            ppr += "<a:buNone/>"
        ppr += "</a:pPr>"
        runs = "".join(self._run(span, size) for span in para.spans)
        return f'<a:p>{ppr}{runs}<a:endParaRPr lang="{LANG}" sz="{size}" dirty="0"/></a:p>'

    def _run(self, span: Span, size: int) -> str:
        attrs = f'lang="{LANG}" sz="{size}"'
        attrs += ' b="1"' if span.bold else ' b="0"'
        if span.strike:
            attrs += ' strike="sngStrike"'
        inner = f"<a:solidFill>{_COLOURS[span.colour]}</a:solidFill>" if span.colour else ""
        if span.url:
            inner += f'<a:hlinkClick r:id="{self._link(span.url)}"/>'
        rpr = f"<a:rPr {attrs} dirty=\"0\">{inner}</a:rPr>"
        pieces = re.split(r"\r\n|[\n\v\r]", _clean(span.text))
        out = []
        for i, piece in enumerate(pieces):
            if i:
                out.append(f"<a:br>{rpr}</a:br>")
            if piece:
                out.append(f"<a:r>{rpr}<a:t>{escape(piece)}</a:t></a:r>")
        return "".join(out)

    # -- shapes
    def _shape(self, shape: TextBox | Table | Shape | Chart) -> str:
        if isinstance(shape, Table):
            return self._table(shape)
        if isinstance(shape, Shape):
            return self._native(shape)
        if isinstance(shape, Chart):
            return self._chart(shape)
        return (f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{_attr(shape.name)}"/>'
                f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(shape.rect, "a")}'
                f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
                f"<p:txBody>{self._body_pr(shape.frame, shape.anchor)}<a:lstStyle/>"
                f"{self._paras(shape.frame.paras)}</p:txBody></p:sp>")

    def _native(self, shape: Shape) -> str:
        """A shape without text (a marker, a line), editable as any drawn shape."""
        fill = (f"<a:solidFill>{_COLOURS[shape.fill]}</a:solidFill>" if shape.fill
                else "<a:noFill/>")
        dash = '<a:prstDash val="dash"/>' if shape.dashed else ""
        line = (f'<a:ln w="{emu(shape.line_width)}"><a:solidFill>{_COLOURS[shape.line]}'
                f"</a:solidFill>{dash}</a:ln>" if shape.line else "<a:ln><a:noFill/></a:ln>")
        if shape.geometry == "line":
            return (f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{self._id()}" '
                    f'name="{_attr(shape.name)}"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>'
                    f'<p:spPr>{_xfrm(shape.rect, "a")}<a:prstGeom prst="line"><a:avLst/>'
                    f"</a:prstGeom>{line}</p:spPr></p:cxnSp>")
        return (f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{_attr(shape.name)}"/>'
                f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(shape.rect, "a")}'
                f'<a:prstGeom prst="{shape.geometry}"><a:avLst/></a:prstGeom>{fill}{line}'
                f"</p:spPr></p:sp>")

    def _chart(self, chart: Chart) -> str:
        r_id = self.charts[id(chart)]
        return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{self._id()}" '
                f'name="{_attr(chart.name)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks '
                f'noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
                f"{_xfrm(chart.rect, 'p')}<a:graphic><a:graphicData "
                f'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart '
                f'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
                f'r:id="{r_id}"/></a:graphicData></a:graphic></p:graphicFrame>')

    def _table(self, table: Table) -> str:
        grid = "".join(f'<a:gridCol w="{w}"/>' for w in table.columns)
        rows = "".join(
            f'<a:tr h="{h}">' + "".join(self._cell(c, table, i < table.header_rows)
                                        for c in row) + "</a:tr>"
            for i, (row, h) in enumerate(zip(table.rows, table.heights)))
        return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{self._id()}" '
                f'name="{_attr(table.name)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks '
                f'noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
                f"{_xfrm(table.rect, 'p')}<a:graphic><a:graphicData "
                f'uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
                f"<a:tblPr/><a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl></a:graphicData>"
                f"</a:graphic></p:graphicFrame>")

    def _cell(self, cell: Cell, table: Table, header: bool) -> str:
        attrs = ""
        if cell.grid_span > 1:
            attrs += f' gridSpan="{cell.grid_span}"'
        if cell.row_span > 1:
            attrs += f' rowSpan="{cell.row_span}"'
        if cell.h_merge:
            attrs += ' hMerge="1"'
        if cell.v_merge:
            attrs += ' vMerge="1"'
        ml, mr, mt, mb = (emu(v) for v in table.margins)
        side = f'<a:ln w="19050"><a:solidFill>{_COLOURS[WHITE]}</a:solidFill></a:ln>'
        below = (f'<a:lnB w="12700"><a:solidFill>{_COLOURS[ACCENT]}</a:solidFill></a:lnB>'
                 if header else
                 f'<a:lnB w="6350"><a:solidFill>{_COLOURS["rule"]}</a:solidFill></a:lnB>')
        fill = (f"<a:solidFill>{_COLOURS[cell.fill]}</a:solidFill>" if cell.fill
                else "<a:noFill/>")
        borders = (side.replace("a:ln ", "a:lnL ").replace("</a:ln>", "</a:lnL>")
                   + side.replace("a:ln ", "a:lnR ").replace("</a:ln>", "</a:lnR>")
                   + '<a:lnT w="0"><a:noFill/></a:lnT>' + below)
        return (f"<a:tc{attrs}><a:txBody><a:bodyPr/><a:lstStyle/>{self._paras(cell.paras)}"
                f'</a:txBody><a:tcPr marL="{ml}" marR="{mr}" marT="{mt}" marB="{mb}" '
                f'anchor="t">{borders}{fill}</a:tcPr></a:tc>')

    def _number(self) -> str:
        """The slide number: the layout's placeholder (python-pptx's add_slide leaves it out)
        holding a slide-number field, or a box of our own where the layout has none."""
        number, shape_id = str(self.plan.number), self._id()
        field = (f'<a:fld id="{_attr(self.layout.field_id)}" type="slidenum"><a:rPr lang="{LANG}"'
                 f'/><a:t>{number}</a:t></a:fld>')
        body = ('<a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b">'
                "<a:noAutofit/></a:bodyPr><a:lstStyle/>")
        if self.layout.number is not None:
            return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Slide Number {number}"/>'
                    f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{self.layout.number}'
                    f"</p:nvPr></p:nvSpPr><p:spPr/><p:txBody>{body}<a:p>{field}</a:p>"
                    f"</p:txBody></p:sp>")
        rect = next(r.rect for r in self.plan.regions if r.name == "number")
        field = field.replace(f'<a:rPr lang="{LANG}"/>', f'<a:rPr lang="{LANG}" sz="1200">'
                              f"<a:solidFill>{_COLOURS[GREY]}</a:solidFill></a:rPr>")
        return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Slide Number {number}"/>'
                f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(rect, "a")}'
                f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
                f'<p:txBody>{body}<a:p><a:pPr algn="r"/>{field}</a:p></p:txBody></p:sp>')


def _paras_of(item) -> tuple[Para, ...]:
    """The paragraphs of a frame, a text box or a table (cell by cell, row by row)."""
    if isinstance(item, Frame):
        return item.paras
    if isinstance(item, TextBox):
        return item.frame.paras
    if isinstance(item, Table):
        return tuple(para for row in item.rows for cell in row for para in cell.paras)
    return ()


def _xfrm(rect: Rect, prefix: str) -> str:
    return (f'<{prefix}:xfrm><a:off x="{rect.x}" y="{rect.y}"/>'
            f'<a:ext cx="{rect.w}" cy="{rect.h}"/></{prefix}:xfrm>')


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", text)


def _attr(text: str) -> str:
    return escape(_clean(text), {'"': "&quot;"})


def _text(text: str) -> str:
    return escape(_clean(text))


# --- saving ----------------------------------------------------------------------------------

def _set_properties(prs, properties: Properties) -> None:
    core = prs.core_properties
    midnight = _midnight(properties.day)
    core.title = _clean(properties.title)
    core.author = _clean(properties.author)
    core.last_modified_by = "statusrapport"
    core.revision = 1
    core.created = midnight
    core.modified = midnight


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _package_bytes(prs) -> bytes:
    """Serialise the package straight into a reproducible zip (one compression pass); falls
    back to python-pptx's save and a rewrite should its internals ever change."""
    try:
        from pptx.opc.oxml import serialize_part_xml
        from pptx.opc.serialized import _ContentTypesItem

        package = prs.part.package
        parts = tuple(package.iter_parts())
        members = [("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts))),
                   ("_rels/.rels", package._rels.xml)]
        for part in parts:  # each blob made as it is written (a slide's XML is made then)
            members.append((part.partname.membername, lambda part=part: part.blob))
            if part._rels:
                members.append((part.partname.rels_uri.membername, part.rels.xml))
    except (ImportError, AttributeError):  # pragma: no cover - another python-pptx
        buffer = io.BytesIO()
        prs.save(buffer)
        return reproducible_zip(buffer.getvalue())
    return _zip(members)


def reproducible_zip(data: bytes) -> bytes:
    """The same package with fixed member dates and attributes, in a stable order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return _zip([(info.filename, source.read(info)) for info in source.infolist()])


def _zip(members: list[tuple[str, bytes | Callable[[], bytes]]]) -> bytes:
    first = ("[Content_Types].xml", "_rels/.rels")
    members = sorted(members, key=lambda m: (m[0] not in first,
                                             first.index(m[0]) if m[0] in first else 0, m[0]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            data = blob() if callable(blob) else blob
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()
