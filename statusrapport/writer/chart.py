"""The cost chart: a native line chart, its data also in an embedded workbook that python-pptx's
worksheet writer fills (so the chart stays editable in PowerPoint), and the graphic frame that
shows it on a slide."""

from __future__ import annotations

import contextlib
import itertools
from datetime import datetime

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part

from statusrapport.slides.layout import Chart
from statusrapport.writer.markup import attr, text, xfrm

CHART_COLOURS = ("7F7F7F", "4472C4")  # plan grey, actual blue: the bundled template's
# A template's own: plan in its text colour at half strength, actual in its first accent.
THEME_COLOURS = ('<a:schemeClr val="tx1"><a:lumMod val="50000"/><a:lumOff val="50000"/>'
                 "</a:schemeClr>", '<a:schemeClr val="accent1"/>')


# Kroner grouped as the deck writes them (2 150 000; 2,150,000 in English), in whatever locale
# the deck is opened: "#,##0" would be drawn with the viewer's separators (2,150,000 in an
# English PowerPoint or LibreOffice, for a Norwegian deck). A literal separator needs one
# section per size; two conditions are the most a format code allows, so from a billion on up
# to the model's bound (10^12) the groups hold. A figure under a thousand keeps a leading
# space on the axis.
def number_format(thousands: str) -> str:
    sep = "\\" + thousands  # escaped: a literal in Excel's format code ("," is a code there)
    return (f"[>=1000000000]#{sep}###{sep}###{sep}##0;[>=1000000]#{sep}###{sep}##0;"
            f"#{sep}##0")


def chart_frame(chart: Chart, shape_id: int, r_id: str) -> str:
    """The slide's graphic frame showing the chart part related as `r_id`."""
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" '
            f'name="{attr(chart.name)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks '
            f'noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f"{xfrm(chart.rect, 'p')}<a:graphic><a:graphicData "
            f'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart '
            f'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            f'r:id="{r_id}"/></a:graphicData></a:graphic></p:graphicFrame>')


class ChartParts:
    """Makes chart parts. A part holds the bytes of its XML (python-pptx's ChartPart would keep
    a tree of elements per chart until the save: 45 KB each), named by a counter: python-pptx's
    own naming scans every part of the package for each new one."""

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

        data = CategoryChartData(number_format=number_format(chart.thousands))
        data.categories = chart.categories
        for name, values in chart.series:
            data.add_series(name, values)
        workbook = _workbook_writer(data, self.created)
        number = next(self.numbers)
        part = Part(PackURI(f"/ppt/charts/chart{number}.xml"), CT.DML_CHART, self.package)
        r_id = part.relate_to(EmbeddedXlsxPart(
            PackURI(f"/ppt/embeddings/Microsoft_Excel_Sheet{number}.xlsx"), CT.SML_SHEET,
            self.package, workbook.xlsx_blob), RT.PACKAGE)
        part.blob = _chart_xml(data, workbook, r_id, number_format(chart.thousands),
                               chart.theme)
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
    '<c:majorGridlines/><c:numFmt formatCode="{number_format}" sourceLinked="0"/>'
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
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


def _colour(series: int, theme: bool) -> str:
    if theme:
        return THEME_COLOURS[series % len(THEME_COLOURS)]
    return f'<a:srgbClr val="{CHART_COLOURS[series % len(CHART_COLOURS)]}"/>'


def _chart_xml(data, workbook, workbook_id: str, number_format: str,
               theme: bool = False) -> bytes:
    """The chart XML for `data`, its references into the sheet as `workbook` lays it out, and
    the workbook related as `workbook_id`."""
    def points(values) -> str:
        return f'<c:ptCount val="{len(values)}"/>' + "".join(
            f'<c:pt idx="{i}"><c:v>{text(str(v))}</c:v></c:pt>' for i, v in enumerate(values))

    categories = points([category.label for category in data.categories])
    series = "".join(_CHART_SERIES.format(
        i=i, name=text(s.name), name_ref=workbook.series_name_ref(s),
        fill=f"<a:solidFill>{_colour(i, theme)}</a:solidFill>",
        categories_ref=workbook.categories_ref, categories=categories,
        values_ref=workbook.values_ref(s), number_format=text(number_format),
        values=points(s.values)) for i, s in enumerate(data))
    return _CHART_XML.format(series=series, axis_text=_CHART_AXIS_TEXT, workbook=workbook_id,
                             number_format=attr(number_format)).encode("utf-8")
