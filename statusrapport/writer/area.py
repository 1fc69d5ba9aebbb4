"""Where a layout lets the deck draw: its content area, the strip for a legend, the artwork
(pictures, bands, rules, text boxes such as a copyright line) that its master and it draw, and
the look of its title placeholder.

The content area is the layout's body/obj placeholder where it has one, else the space between
the title's bottom and the footer placeholders' top, inside the margins the master's
placeholders keep; either way shrunk to stay clear of the artwork. Placeholders are told apart
by their type, never by idx alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from statusrapport.slides.layout import (AREA_ROLES, COVER, EMU_PER_PT, Footer, Geometry, Rect,
                                         TitleLook)
from statusrapport.writer.markup import NS

GAP_BELOW_TITLE = 228600  # 0.25 in between the title and the content
GAP_ABOVE_FOOTER = 137160  # 0.15 in between the content and the footer placeholders
GAP_BESIDE = 182880  # 0.2 in between the legend and a footer placeholder or artwork
MIN_LINE = 12700  # a rule or line is at least 1 pt thick where it lies
ART_GAP = 91440  # 0.1 in kept between the deck's content and the template's artwork
BACKGROUND_SHARE = 0.9  # artwork covering this much of the slide is a background
LEGEND_SHARE = 0.5  # the footer strip holds the legend when it is at least this share wide
FOOTER_TYPES = ("dt", "ftr", "sldNum")
CONTENT_TYPES = ("body", "obj")
# A footer placeholder holding only its prompt (LibreOffice writes "Footer") says nothing.
PROMPTS = frozenset({"footer", "footer text", "<footer>", "bunntekst", "botntekst", "sidfot",
                     "sidefod", "fußzeile", "pied de page"})
TITLE_TYPES = ("title", "ctrTitle")
# PowerPoint's defaults where neither the layout nor its master says (ECMA-376 21.1.2.1.1).
DEFAULT_INSETS = (91440, 45720, 91440, 45720)
DEFAULT_TITLE_SIZE = 44.0

_A, _P = f"{{{NS['a']}}}", f"{{{NS['p']}}}"


@dataclass(frozen=True)
class Placeholder:
    kind: str  # the ph type, "obj" where it has none
    rect: Rect
    text: str  # what the layout's placeholder holds (a footer's own text)


def placeholders(layout) -> list[Placeholder]:
    """The layout's placeholders with their boxes (inherited from the master where the layout
    leaves them out); a placeholder placed nowhere is left out."""
    out = []
    for ph in layout.placeholders:
        values = (ph.left, ph.top, ph.width, ph.height)
        if None in values:
            continue
        kind = ph._element.ph.get("type") or "obj"
        text = "".join(t.text or "" for t in ph._element.iter(f"{_A}t"))
        if kind == "sldNum" or ph._element.find(f".//{_A}fld") is not None:
            text = ""  # a field's text is the renderer's, not the template's
        text = "" if text.strip().casefold() in PROMPTS else text.strip()
        out.append(Placeholder(kind, Rect(*(int(v) for v in values)), text))
    return out


def artwork(layout, slide_w: int, slide_h: int) -> list[Rect]:
    """The boxes of what the layout and (unless the layout hides them) its master draw beside
    their placeholders: pictures, filled or outlined shapes, lines, text boxes, groups."""
    trees = [layout.part._element]
    if layout._element.get("showMasterSp") != "0":
        trees.append(layout.slide_master.part._element)
    boxes = []
    for root in trees:
        tree = root.find(f"{_P}cSld/{_P}spTree")
        for child in tree if tree is not None else ():
            rect = _drawn(child)
            if rect is not None and rect.w * rect.h < BACKGROUND_SHARE * slide_w * slide_h:
                boxes.append(rect)
    return boxes


def _drawn(element) -> Rect | None:
    """The box of a visible non-placeholder shape of a spTree, or None."""
    tag = element.tag.rpartition("}")[2]
    if tag not in ("sp", "pic", "cxnSp", "grpSp", "graphicFrame"):
        return None
    if element.find(f"./*/{_P}nvPr/{_P}ph") is not None:
        return None
    c_nv_pr = element.find(f"./*/{_P}cNvPr")
    if c_nv_pr is not None and c_nv_pr.get("hidden") in ("1", "true"):
        return None
    xfrm = element.find(f"./{_P}spPr/{_A}xfrm")
    if tag == "grpSp":
        xfrm = element.find(f"./{_P}grpSpPr/{_A}xfrm")
    elif tag == "graphicFrame":
        xfrm = element.find(f"./{_P}xfrm")
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
    if off is None or ext is None:
        return None
    if tag == "sp" and not _visible_sp(element):
        return None
    x, y = int(off.get("x", 0)), int(off.get("y", 0))
    w, h = int(ext.get("cx", 0)), int(ext.get("cy", 0))
    if w < MIN_LINE:  # a vertical line is drawn with its width
        x, w = x - (MIN_LINE - w) // 2, MIN_LINE
    if h < MIN_LINE:
        y, h = y - (MIN_LINE - h) // 2, MIN_LINE
    return Rect(x, y, w, h)


def _visible_sp(sp) -> bool:
    """A shape that paints something: a fill, an outline or text."""
    sp_pr = sp.find(f"{_P}spPr")
    if sp_pr is None:
        return False
    if any(sp_pr.find(f"{_A}{fill}") is not None
           for fill in ("solidFill", "gradFill", "blipFill", "pattFill")):
        return True
    style = sp.find(f"{_P}style")
    no_fill = sp_pr.find(f"{_A}noFill") is not None
    if style is not None and not no_fill:
        ref = style.find(f"{_A}fillRef")
        if ref is not None and ref.get("idx", "0") != "0":
            return True
    line = sp_pr.find(f"{_A}ln")
    if line is not None and line.find(f"{_A}noFill") is None and (
            line.find(f"{_A}solidFill") is not None or style is not None):
        return True
    if line is None and style is not None:
        ref = style.find(f"{_A}lnRef")
        if ref is not None and ref.get("idx", "0") != "0":
            return True
    return any((t.text or "").strip() for t in sp.iter(f"{_A}t"))


def content_area(layout, title: Rect, slide_w: int, slide_h: int) -> Rect:
    """The box the deck's own content may fill on a slide of `layout`."""
    phs = placeholders(layout)
    footers = [p.rect for p in phs if p.kind in FOOTER_TYPES and p.rect.y > slide_h // 2]
    bodies = [p.rect for p in phs if p.kind in CONTENT_TYPES]
    if bodies:
        area = _union(bodies)
        bottom = min([area.bottom] + [f.y - GAP_ABOVE_FOOTER for f in footers
                                      if f.overlaps(area)])
        area = Rect(area.x, area.y, area.w, max(bottom - area.y, 0))
    else:
        left, right = _margins(layout, title, slide_w)
        top = title.bottom + GAP_BELOW_TITLE
        bottom = min([f.y for f in footers] or [_master_footer_top(layout, slide_h)])
        bottom -= GAP_ABOVE_FOOTER
        area = Rect(left, top, right - left, max(bottom - top, 0))
    return clear_of(area, artwork(layout, slide_w, slide_h))


def _margins(layout, title: Rect, slide_w: int) -> tuple[int, int]:
    """The left and right edges the master's title and body placeholders keep."""
    boxes = [title]
    for ph in layout.slide_master.placeholders:
        kind = ph._element.ph.get("type") or "obj"
        if kind in TITLE_TYPES + CONTENT_TYPES and None not in (ph.left, ph.width):
            boxes.append(Rect(int(ph.left), int(ph.top or 0), int(ph.width),
                              int(ph.height or 0)))
    left = max(min(b.x for b in boxes), 0)
    right = min(max(b.right for b in boxes), slide_w)
    return left, right


def _master_footer_top(layout, slide_h: int) -> int:
    tops = [int(ph.top) for ph in layout.slide_master.placeholders
            if (ph._element.ph.get("type") or "obj") in FOOTER_TYPES and ph.top is not None
            and ph.top > slide_h // 2]
    return min(tops) if tops else slide_h - 457200


def _union(rects: list[Rect]) -> Rect:
    x, y = min(r.x for r in rects), min(r.y for r in rects)
    right, bottom = max(r.right for r in rects), max(r.bottom for r in rects)
    return Rect(x, y, right - x, bottom - y)


def clear_of(area: Rect, boxes: list[Rect], gap: int = ART_GAP) -> Rect:
    """The roomiest part of `area` above, below, left or right of each box it overlaps (each
    box widened by `gap` on every side), width counting twice."""
    boxes = [Rect(b.x - gap, b.y - gap, b.w + 2 * gap, b.h + 2 * gap) for b in boxes]
    for _ in range(len(boxes) + 1):
        hit = next((b for b in boxes if area.overlaps(b)), None)
        if hit is None:
            return area
        parts = [Rect(area.x, area.y, area.w, hit.y - area.y),
                 Rect(area.x, hit.bottom, area.w, area.bottom - hit.bottom),
                 Rect(area.x, area.y, hit.x - area.x, area.h),
                 Rect(hit.right, area.y, area.right - hit.right, area.h)]
        # the widest room wins over the tallest: tables and timelines run across
        area = max(parts, key=lambda r: max(r.w, 0) ** 2 * max(r.h, 0))
    return area


def legend_strip(area: Rect, number: Rect, shown: list[Rect],
                 art: list[Rect]) -> tuple[Rect, Rect]:
    """The legend's box and the content area left beside it: the widest free stretch of the
    slide number's row under the content, clear of the footer placeholders shown and the
    artwork; where that is too narrow, a strip at the bottom of the content area."""
    row_top, row_bottom = number.y, number.bottom
    blocked = sorted((b.x - GAP_BESIDE, b.right + GAP_BESIDE) for b in [number, *shown, *art]
                     if b.y < row_bottom and row_top < b.bottom)
    free, start = [], area.x
    for a, b in blocked:
        if a > start:
            free.append((start, min(a, area.right)))
        start = max(start, b)
    if start < area.right:
        free.append((start, area.right))
    best = max(free, key=lambda f: f[1] - f[0], default=(area.x, area.x))
    if best[1] - best[0] >= LEGEND_SHARE * area.w:
        return Rect(best[0], row_top, best[1] - best[0], number.h), area
    legend = Rect(area.x, area.bottom - number.h, area.w, number.h)
    return legend, Rect(area.x, area.y, area.w, max(legend.y - GAP_ABOVE_FOOTER - area.y, 0))


def title_look(layout) -> TitleLook:
    """The title placeholder's own size and insets: the layout's, else its master's
    placeholder, else the master's title style, else PowerPoint's defaults."""
    master = layout.slide_master
    elements = [_title_sp(layout.part._element), _title_sp(master.part._element)]
    insets = list(DEFAULT_INSETS)
    for i, name in enumerate(("lIns", "tIns", "rIns", "bIns")):
        for sp in elements:
            body = sp.find(f"{_P}txBody/{_A}bodyPr") if sp is not None else None
            if body is not None and body.get(name) is not None:
                insets[i] = int(body.get(name))
                break
    size = None
    for sp in elements:
        found = sp.find(f"{_P}txBody/{_A}lstStyle/{_A}lvl1pPr/{_A}defRPr") if sp is not None \
            else None
        if found is not None and found.get("sz"):
            size = int(found.get("sz")) / 100
            break
    if size is None:
        style = master.part._element.find(f"{_P}txStyles/{_P}titleStyle/{_A}lvl1pPr/"
                                          f"{_A}defRPr")
        size = int(style.get("sz")) / 100 if style is not None and style.get("sz") else \
            DEFAULT_TITLE_SIZE
    return TitleLook(size, tuple(v / EMU_PER_PT for v in insets))


def _title_sp(root):
    tree = root.find(f"{_P}cSld/{_P}spTree")
    for sp in tree.iter(f"{_P}sp") if tree is not None else ():
        ph = sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if ph is not None and ph.get("type") in TITLE_TYPES:
            return sp
    return None


def read(plain: Geometry, layouts: dict[str, object], *, looks: bool = True) -> Geometry:
    """`plain` (the placeholders' boxes, by role) with what each role's layout adds: the content
    area and legend strip of the roles that draw their own shapes, clear of their artwork; the
    bodies, moved clear of it; the footer placeholders kept; no number on title-slide layouts;
    with `looks`, each title's own size and insets."""
    w, h = plain.slide_w, plain.slide_h
    footers = {role: tuple(Footer(p.kind, p.rect, p.text) for p in placeholders(layout)
                           if p.kind in ("dt", "ftr"))
               for role, layout in layouts.items()}
    areas, legends = {}, {}
    for role in AREA_ROLES:
        layout = layouts[role]
        shown = [f.rect for f in footers[role] if f.kind == "dt" or f.text]
        content = content_area(layout, plain.titles[role], w, h)
        legends[role], areas[role] = legend_strip(content, plain.number_box(role), shown,
                                                  artwork(layout, w, h))
    bodies = {role: clear_of(box, artwork(layouts[role], w, h))
              for role, box in plain.bodies.items()}
    moved = frozenset(role for role, box in bodies.items() if box != plain.bodies[role])
    unnumbered = frozenset(role for role, layout in layouts.items()
                           if role == COVER or layout._element.get("type") == "title")
    return replace(plain, areas=areas, legends=legends, bodies=bodies, moved=moved,
                   theme_chart=looks,
                   footers={k: v for k, v in footers.items() if v}, unnumbered=unnumbered,
                   looks={role: title_look(layout) for role, layout in layouts.items()}
                   if looks else {})
