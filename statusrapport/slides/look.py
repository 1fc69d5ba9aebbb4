"""The template's own look in the plan: a title's sizes and insets from its placeholder, and
the footer and date placeholders a layout keeps on its slides."""

from __future__ import annotations

from statusrapport.slides.layout import Footer, Geometry, Region

Insets = tuple[float, float, float, float]


def title_look(geometry: Geometry, layout: str, sizes: tuple[float, ...],
               insets: Insets) -> tuple[tuple[float, ...], Insets]:
    """The sizes a title may take, largest first, and its insets: the deck's own ladder scaled
    to start at the placeholder's own size, so a title shrinks only when its text needs it.
    Without a look read from the template: the ladder and insets as given."""
    look = geometry.looks.get(layout)
    if look is None:
        return sizes, insets
    scale = look.size / sizes[0]
    scaled = []
    for size in sizes:
        value = round(size * scale * 2) / 2
        if value not in scaled:
            scaled.append(value)
    return tuple(scaled), look.insets


def footer_regions(geometry: Geometry, layout: str,
                   date: str) -> tuple[tuple[Footer, ...], tuple[Region, ...]]:
    """The layout's footer placeholders kept on a slide, with their text (a date placeholder
    shows the report's date), and the regions their words must stay inside."""
    footers, regions = [], []
    for footer in geometry.footers.get(layout, ()):
        text = date if footer.kind == "dt" else footer.text
        if not text:
            continue
        footers.append(Footer(footer.kind, footer.rect, text))
        regions.append(Region("date" if footer.kind == "dt" else "footer", footer.rect, text))
    return tuple(footers), tuple(regions)
