"""What every DrawingML writer here shares: the namespaces, the colour roles as theme or fixed
colours, text made safe for XML, and a shape's position."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from statusrapport.slides.layout import (ACCENT, BAND_FILL, FAINT, GREEN, GREY, HEADER_FILL,
                                         ORANGE, RED, WHITE, Rect)

LANG = "nb-NO"
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())

COLOURS = {
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
# Characters XML 1.0 does not allow (YAML's "\x07" escapes can produce them).
_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return _ILLEGAL.sub("", text)


def attr(text: str) -> str:
    """`text` as the value of an XML attribute in double quotes."""
    return escape(clean(text), {'"': "&quot;"})


def text(value: str) -> str:
    """`value` as XML character data."""
    return escape(clean(value))


def xfrm(rect: Rect, prefix: str) -> str:
    """A shape's position and size (`prefix` "a" in a shape's spPr, "p" on a graphic frame)."""
    return (f'<{prefix}:xfrm><a:off x="{rect.x}" y="{rect.y}"/>'
            f'<a:ext cx="{rect.w}" cy="{rect.h}"/></{prefix}:xfrm>')
