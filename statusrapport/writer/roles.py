"""Which layout of a template each of the deck's roles is drawn on, and why.

For each role (slides/layout.py ROLES), the first of:
    1. the map in programme.yaml (`template: layouts: {status: "Tittel og innhold"}`);
    2. the project's own layout names ("Status", "KPI", ...: templates/statusrapport.pptx);
    3. PowerPoint's standard names and their localised forms, and LibreOffice's;
    4. the layout's type in its XML (type="titleOnly", "obj", ...);
    5. any layout with a title placeholder (and a body one where the role fills a body).
Names are compared case-insensitively, without PowerPoint's "1_" copy prefixes. Every layout of
every master is considered, in the template's order. Placeholders are told apart by their type
(a LibreOffice-saved template numbers its date placeholder idx=1), never by idx alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from statusrapport.slides.layout import (AGENDA, BODY_ROLES, COSTS, COVER, GROUP_TITLE, KPI,
                                         OVERVIEW, ROLES, SECTION, STATUS, TIMELINE)

TITLE_TYPES = ("title", "ctrTitle")
BODY_TYPES = ("body", "obj")  # a placeholder without a type is "obj"

# What a user reads in `template check` and writes in programme.yaml.
ROLE_NAMES = {COVER: "the cover (programme title)", GROUP_TITLE: "a group's divider",
              SECTION: "a one-initiative group's divider", AGENDA: "the agenda",
              STATUS: "the status slides", KPI: "the KPI slides", OVERVIEW: "the overview",
              TIMELINE: "the milestone timelines", COSTS: "the cost charts"}

# 2. The bundled template's names (tools/make_template.py).
OWN_NAMES = {COVER: "Group title", GROUP_TITLE: "Group title", SECTION: "Section",
             AGENDA: "Agenda", STATUS: "Status", KPI: "KPI", OVERVIEW: "Status",
             TIMELINE: "Status", COSTS: "Status"}

# 3. and 4. PowerPoint's standard layouts by their XML type: the English name, LibreOffice's
# name for it (as its .pptx export writes them), and the localised names Office gives it.
STANDARD: dict[str, dict[str, tuple[str, ...]]] = {
    "title": {"en": ("Title Slide",), "LibreOffice": ("Title Slide",),
              "nb": ("Tittellysbilde",), "nn": ("Tittellysbilete", "Tittellysbilde"),
              "sv": ("Rubrikbild",), "da": ("Titeldias",), "de": ("Titelfolie",),
              "fr": ("Diapositive de titre",)},
    "obj": {"en": ("Title and Content",), "LibreOffice": ("Title, Content",),
            "nb": ("Tittel og innhold",), "nn": ("Tittel og innhald",),
            "sv": ("Rubrik och innehåll",), "da": ("Titel og indhold", "Titel og indholdsobjekt"),
            "de": ("Titel und Inhalt",), "fr": ("Titre et contenu",)},
    "secHead": {"en": ("Section Header",), "nb": ("Deloverskrift",),
                "nn": ("Deloverskrift", "Bolkoverskrift"), "sv": ("Avsnittsrubrik",),
                "da": ("Afsnitsoverskrift", "Sektionsoverskrift"),
                "de": ("Abschnittsüberschrift",),
                "fr": ("En-tête de section", "Titre de section")},
    "titleOnly": {"en": ("Title Only",), "LibreOffice": ("Title Only",),
                  "nb": ("Bare tittel",), "nn": ("Berre tittel",), "sv": ("Endast rubrik",),
                  "da": ("Kun titel",), "de": ("Nur Titel",), "fr": ("Titre seul",)},
    "twoObj": {"en": ("Two Content",), "LibreOffice": ("Title, 2 Content",),
               "nb": ("To innholdsdeler",), "nn": ("To innhaldsdelar",),
               "sv": ("Två innehållsdelar",), "da": ("To indholdsobjekter",),
               "de": ("Zwei Inhalte",), "fr": ("Deux contenus",)},
    "twoTxTwoObj": {"en": ("Comparison",), "nb": ("Sammenligning",), "nn": ("Samanlikning",),
                    "sv": ("Jämförelse",), "da": ("Sammenligning",), "de": ("Vergleich",),
                    "fr": ("Comparaison",)},
    "blank": {"en": ("Blank",), "LibreOffice": ("Blank Slide",), "nb": ("Tom",),
              "nn": ("Tom",), "sv": ("Tom",), "da": ("Tom",), "de": ("Leer",),
              "fr": ("Vide",)},
}

# Which standard layouts suit a role, best first. The slides that draw their own shapes under
# the title want "Title Only" (a content placeholder would stay empty beneath them).
PREFERRED: dict[str, tuple[str, ...]] = {
    COVER: ("title", "secHead"), GROUP_TITLE: ("secHead", "title"),
    SECTION: ("secHead", "title"), AGENDA: ("obj", "twoObj"), KPI: ("obj", "twoObj"),
    **{role: ("titleOnly", "obj") for role in (STATUS, OVERVIEW, TIMELINE, COSTS)},
}

MAP, OWN, STANDARD_NAME, LOCALISED, TYPE, FALLBACK = (
    "map", "own name", "standard name", "localised name", "type", "fallback")


@dataclass(frozen=True)
class Choice:
    role: str
    layout: object | None  # a python-pptx SlideLayout; None: no usable layout
    reason: str  # MAP, OWN, STANDARD_NAME, LOCALISED, TYPE, FALLBACK
    detail: str = ""  # e.g. "nb", 'type="titleOnly"', "programme.yaml"

    @property
    def name(self) -> str:
        return self.layout.name if self.layout is not None else ""

    def why(self) -> str:
        return f"{self.reason} ({self.detail})" if self.detail else self.reason


@dataclass(frozen=True)
class Resolution:
    choices: dict[str, Choice]
    # role -> what is wrong with the map's entry for it (located by the caller)
    map_problems: dict[str, str] = field(default_factory=dict)

    def layout(self, role: str):
        return self.choices[role].layout


def normalised(name: str) -> str:
    """"1_Title Only " -> "title only": as PowerPoint's copies and a user's typing differ."""
    name = re.sub(r"^\d+_", "", name.strip())
    return " ".join(name.split()).casefold()


def all_layouts(prs) -> list:
    """Every layout of every master, in the template's order."""
    return [layout for master in prs.slide_masters for layout in master.slide_layouts]


def placeholder_type(ph) -> str:
    return ph._element.ph.get("type") or "obj"


def find_placeholder(layout, types: tuple[str, ...]):
    for ph in layout.placeholders:
        if placeholder_type(ph) in types:
            return ph
    return None


def lacks(layout, role: str) -> str | None:
    """What `role` needs that `layout` does not have, in words; None: it will do."""
    if find_placeholder(layout, TITLE_TYPES) is None:
        return "a title placeholder"
    if role in BODY_ROLES and find_placeholder(layout, BODY_TYPES) is None:
        return "a content (body) placeholder"
    return None


# The cover and the dividers may stand on a template's title artwork; the other roles fill the
# slide with text, and of layouts found at the same step take the one with the least artwork.
DECORATED_ROLES = (COVER, GROUP_TITLE, SECTION)


def artwork(layout, slide_w: int, slide_h: int) -> float:
    """How much of the slide the layout's and its master's own shapes and pictures cover (a
    share of the slide, bounding boxes summed; a background picture counts as the slide)."""
    owners = [layout]
    if layout._element.get("showMasterSp") != "0":
        owners.append(layout.slide_master)
    covered = 0.0
    for owner in owners:
        background = owner._element.cSld.find(f"{{{_P}}}bg")
        if background is not None and background.find(f".//{{{_A}}}blip") is not None:
            covered += 1.0
        for shape in owner.shapes:
            if shape.is_placeholder or None in (shape.left, shape.top, shape.width, shape.height):
                continue
            w = min(shape.left + shape.width, slide_w) - max(shape.left, 0)
            h = min(shape.top + shape.height, slide_h) - max(shape.top, 0)
            if w > 0 and h > 0:
                covered += w * h / (slide_w * slide_h)
    return covered


_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def resolve(prs, mapping: dict[str, str] | None = None) -> Resolution:
    layouts = all_layouts(prs)
    size = (int(prs.slide_width or 1), int(prs.slide_height or 1))
    plain = sorted(layouts, key=lambda layout: artwork(layout, *size))  # stable: ties in order
    usable = {role: [layout for layout in (layouts if role in DECORATED_ROLES else plain)
                     if lacks(layout, role) is None]
              for role in ROLES}
    choices, problems = {}, {}
    for role in ROLES:
        wanted = (mapping or {}).get(role)
        if wanted is not None:
            chosen, problem = _mapped(layouts, role, wanted)
            if problem is None:
                choices[role] = chosen
                continue
            problems[role] = problem
        choices[role] = _found(usable[role], role)
    return Resolution(choices, problems)


def _mapped(layouts: list, role: str, wanted: str) -> tuple[Choice | None, str | None]:
    named = [layout for layout in layouts if layout.name.strip() == wanted.strip()]
    named = named or [layout for layout in layouts if normalised(layout.name) == normalised(wanted)]
    if not named:
        known = ", ".join(f'"{name}"' for name in dict.fromkeys(l.name for l in layouts))
        return None, f'the template has no layout named "{wanted}"; its layouts: {known or "none"}'
    for layout in named:
        if lacks(layout, role) is None:
            return Choice(role, layout, MAP, "programme.yaml"), None
    return None, (f'layout "{wanted}" lacks {lacks(named[0], role)}, needed for '
                  f"{ROLE_NAMES[role]}; name another layout")


def _found(usable: list, role: str) -> Choice:
    own = normalised(OWN_NAMES[role])
    for layout in usable:
        if normalised(layout.name) == own:
            return Choice(role, layout, OWN)
    for kind in PREFERRED[role]:
        for language, names in STANDARD[kind].items():
            wanted = {normalised(name) for name in names}
            for layout in usable:
                if normalised(layout.name) in wanted:
                    if language in ("en", "LibreOffice"):
                        detail = "LibreOffice" if language == "LibreOffice" else ""
                        return Choice(role, layout, STANDARD_NAME, detail)
                    return Choice(role, layout, LOCALISED, language)
    for kind in PREFERRED[role]:
        for layout in usable:
            if layout._element.get("type") == kind:
                return Choice(role, layout, TYPE, f'type="{kind}"')
    if usable:
        return Choice(role, usable[0], FALLBACK, "the first layout with "
                      + ("a title and a body" if role in BODY_ROLES else "a title"))
    return Choice(role, None, FALLBACK)
