"""The deck as a plan: boxes, tables and text runs at fixed sizes and positions, all measured.

Pure data and arithmetic, no python-pptx: the planners in slides/ fill these types (measured
by statusrapport.text.fit), the writer (statusrapport.writer) draws exactly what they say.
Lengths are EMU in rectangles (what the file stores) and points in text (what the font
metrics speak).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

EMU_PER_PT = 12700

# The deck's roles: each slide is drawn on the template layout resolved for its role
# (writer/roles.py). The plan keys its boxes by role, never by a template's layout name.
COVER, GROUP_TITLE, SECTION, AGENDA, STATUS, KPI = ("cover", "group", "section", "agenda",
                                                    "status", "kpi")
OVERVIEW, TIMELINE, COSTS = "overview", "timeline", "costs"
ROLES = (COVER, GROUP_TITLE, SECTION, AGENDA, STATUS, KPI, OVERVIEW, TIMELINE, COSTS)
BODY_ROLES = (AGENDA, KPI)  # these fill the layout's body placeholder too
AREA_ROLES = (STATUS, OVERVIEW, TIMELINE, COSTS)  # these draw their own shapes under the title

# Colour roles; writer/markup.py maps them to theme colours, or to fixed colours where the meaning
# must not change with a corporate theme (late is red whatever accent6 is).
TEXT, GREY, ACCENT, WHITE, RED, ORANGE = None, "grey", "accent", "white", "red", "orange"
HEADER_FILL, BAND_FILL = "header", "band"
GREEN, FAINT = "green", "faint"


def emu(points: float) -> int:
    return int(round(points * EMU_PER_PT))


def pt(length: int) -> float:
    return length / EMU_PER_PT


def emu_up(points: float) -> int:
    """`points` in EMU, rounded up (a height that must hold its content)."""
    return int(-(-points * EMU_PER_PT // 1))


def rect_pt(x: float, y: float, w: float, h: float) -> Rect:
    """A rectangle given in points; its height rounded up."""
    return Rect(emu(x), emu(y), emu(w), emu_up(h))


def distribute(total: int, widths: list[float]) -> tuple[int, ...]:
    """Column widths in EMU that sum exactly to `total`, in the proportions given."""
    whole = sum(widths)
    out, used = [], 0
    for i, w in enumerate(widths):
        part = total - used if i == len(widths) - 1 else int(total * w / whole)
        out.append(part)
        used += part
    return tuple(out)


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def contains(self, other: Rect) -> bool:
        return (self.x <= other.x and self.y <= other.y and other.right <= self.right
                and other.bottom <= self.bottom)

    def overlaps(self, other: Rect) -> bool:
        return (self.x < other.right and other.x < self.right and self.y < other.bottom
                and other.y < self.bottom)

    def points(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) in points, as a PDF of the slide measures them."""
        return pt(self.x), pt(self.y), pt(self.right), pt(self.bottom)


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    colour: str | None = TEXT
    strike: bool = False
    url: str | None = None


@dataclass(frozen=True)
class Para:
    """A paragraph at one size; `margin`: the left margin of its text (pt), where bullets hang."""

    spans: tuple[Span, ...]
    size: float
    level: int = 0
    bullet: str | None = None
    margin: float = 0.0
    space_before: float = 0.0
    align: str | None = None  # None: as the placeholder's style says
    line_spacing: float = 1.0
    hang: float = 0.0  # how far left of the text margin the bullet hangs

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def bold(self) -> bool:
        return any(span.bold for span in self.spans)

    def split_at(self, end: int, start: int) -> tuple[Para, Para]:
        """The text before `end`, and the text from `start` on continuing it (no bullet, no
        space above): the halves of a paragraph that text.fit splits over two boxes."""
        head = self._slice(0, end)
        tail = replace(self._slice(start, len(self.text)), bullet=None, space_before=0.0,
                       hang=0.0)
        return head, tail

    def _slice(self, start: int, end: int) -> Para:
        """The characters start..end, keeping each span's style and link."""
        spans = []
        position = 0
        for span in self.spans:
            a, b = max(start, position), min(end, position + len(span.text))
            if a < b:
                spans.append(Span(span.text[a - position:b - position], span.bold, span.colour,
                                  span.strike, span.url))
            position += len(span.text)
        return replace(self, spans=tuple(spans))


@dataclass(frozen=True)
class Frame:
    """Paragraphs in a box with known insets (l, t, r, b in pt); never autofit, always wrapped."""

    paras: tuple[Para, ...]
    insets: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class TextBox:
    name: str
    rect: Rect
    frame: Frame
    anchor: str = "t"


@dataclass(frozen=True)
class Cell:
    paras: tuple[Para, ...] = ()
    fill: str | None = None
    grid_span: int = 1
    row_span: int = 1
    h_merge: bool = False  # covered by the cell to its left
    v_merge: bool = False  # covered by the cell above


@dataclass(frozen=True)
class Table:
    name: str
    rect: Rect
    columns: tuple[int, ...]  # EMU, summing to rect.w
    heights: tuple[int, ...]  # EMU, summing to rect.h; every row at least its content's height
    rows: tuple[tuple[Cell, ...], ...]
    margins: tuple[float, float, float, float]  # cell insets l, r, t, b (pt)
    header_rows: int = 1


@dataclass(frozen=True)
class Shape:
    """A native shape without text (a timeline's marker, line or grid): `geometry` is a preset
    (ellipse, diamond, rect) or "line" (from the top left to the bottom right of `rect`)."""

    name: str
    rect: Rect
    geometry: str
    fill: str | None = None  # a colour role; None: no fill
    line: str | None = None  # a colour role; None: no outline
    line_width: float = 0.75  # pt
    dashed: bool = False


@dataclass(frozen=True)
class Chart:
    """A native line chart of one value per category and series (kroner)."""

    name: str
    rect: Rect
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]  # (name, values)
    theme: bool = False  # the series in the theme's colours (else the bundled template's)
    thousands: str = "\u00a0"  # the separator the axis and the labels group kroner by


@dataclass(frozen=True)
class Region:
    """A box that all of a slide part's text must stay inside (exported for the tests)."""

    name: str
    rect: Rect
    text: str = ""


@dataclass(frozen=True)
class TitleLook:
    """A title placeholder's own text size (pt) and insets (l, t, r, b in pt)."""

    size: float
    insets: tuple[float, float, float, float]


@dataclass(frozen=True)
class Footer:
    """A footer or date placeholder of a layout, kept on its slides: `kind` its type (ftr,
    dt), `text` the layout's own text (a footer) or empty (a date: the report's)."""

    kind: str
    rect: Rect
    text: str = ""


@dataclass(frozen=True)
class SlidePlan:
    kind: str  # programme, overview, group, section, timeline, agenda, status, costs, kpi
    layout: str  # the role whose layout the slide is drawn on (ROLES)
    title: Frame
    body: Frame | None = None  # the layout's body placeholder (type body or obj)
    shapes: tuple[TextBox | Table | Shape | Chart, ...] = ()
    number: int | None = None  # the slide number shown, or None on title slides
    regions: tuple[Region, ...] = ()
    initiative: str | None = None
    continued: bool = False
    footers: tuple[Footer, ...] = ()  # the layout's footer and date placeholders, with text
    body_box: Rect | None = None  # where the body goes when not where its layout puts it

    @property
    def title_text(self) -> str:
        return "\n".join(p.text for p in self.title.paras)


@dataclass(frozen=True)
class DeckPlan:
    slides: tuple[SlidePlan, ...]


@dataclass(frozen=True)
class Geometry:
    """What the plan needs to know about a template: sizes, fonts and placeholder boxes."""

    slide_w: int
    slide_h: int
    titles: dict[str, Rect]  # each role's title placeholder
    bodies: dict[str, Rect]  # the agenda's and the KPI slide's body placeholders
    numbers: dict[str, Rect] = field(default_factory=dict)  # slide-number placeholders found
    font: str = "Calibri"
    heading_font: str = "Calibri"
    # Read from a template by writer/area.py; where absent, the bundled template's values.
    areas: dict[str, Rect] = field(default_factory=dict)  # content areas, clear of artwork
    legends: dict[str, Rect] = field(default_factory=dict)  # each role's legend strip
    looks: dict[str, TitleLook] = field(default_factory=dict)  # title placeholders' own look
    footers: dict[str, tuple[Footer, ...]] = field(default_factory=dict)
    unnumbered: frozenset[str] = frozenset({COVER, GROUP_TITLE})  # title-slide layouts
    moved: frozenset[str] = frozenset()  # roles whose body was moved clear of artwork
    theme_chart: bool = False  # the cost chart in the theme's colours

    @property
    def status_area(self) -> Rect:
        return self.area(STATUS)

    def area(self, role: str) -> Rect:
        """The role's content area; by default below its title, above its slide number (0.5 in
        margins)."""
        if role in self.areas:
            return self.areas[role]
        title = self.titles[role]
        top = title.bottom + 228600
        number = self.number_box(role)
        # a slide number above the content (top right) does not end the content area
        bottom = number.y - 137160 if number.y > top else self.slide_h - 411480
        return Rect(title.x, top, title.w, bottom - top)

    def footer(self, role: str) -> Rect:
        """Where a legend goes: by default the strip left of the slide number, under the
        content."""
        if role in self.legends:
            return self.legends[role]
        area, number = self.area(role), self.number_box(role)
        right = min(number.x - 182880, area.right)
        return Rect(area.x, number.y, max(right - area.x, 0), number.h)

    def number_box(self, role: str) -> Rect:
        if role in self.numbers:
            return self.numbers[role]
        title = self.titles[role]
        width, height = 914400, 274320
        return Rect(title.right - width, self.slide_h - 411480 - height, width, height)


def default_geometry() -> Geometry:
    """The bundled template's boxes (tools/make_template.py), for planning without opening it."""
    title = Rect(457200, 365760, 11277600, 640080)
    body = Rect(457200, 1234440, 11277600, 4800600)
    number = Rect(10820400, 6172200, 914400, 274320)
    return Geometry(
        slide_w=12192000, slide_h=6858000,
        titles={COVER: Rect(914400, 2743200, 10363200, 1371600),
                GROUP_TITLE: Rect(914400, 2743200, 10363200, 1371600),
                SECTION: Rect(777240, 2743200, 10957560, 1371600),
                **{role: title for role in (AGENDA, KPI, *AREA_ROLES)}},
        bodies={AGENDA: body, KPI: body},
        numbers={role: number for role in ROLES},
        areas={role: body for role in AREA_ROLES},
        legends={role: Rect(457200, 6172200, 10180320, 274320) for role in AREA_ROLES},
    )
