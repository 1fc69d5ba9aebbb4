"""`statusrapport build`: data folder in, deck out — load, resolve, plan, draw, write safely."""

from __future__ import annotations

import contextlib
import gc
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from statusrapport.errors import Problem, UserError
from statusrapport.slides.layout import DeckPlan, Geometry
from statusrapport.report.view import ReportView

if TYPE_CHECKING:
    from statusrapport.provenance import Provenance

_NORDIC = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


@dataclass(frozen=True)
class Built:
    path: Path
    view: ReportView
    plan: DeckPlan
    warnings: list[Problem]
    fonts: tuple = ()  # the template's fonts as measured (text.fontfiles.FontChoice)
    font_folder: Path | None = None  # the office's own fonts (programme.yaml's `fonts:`)

    @property
    def font_notices(self) -> list[str]:
        """One line for each template font that another stood in for."""
        return list(dict.fromkeys(f.notice for f in self.fonts if f.notice))


def slug(text: str) -> str:
    """"Pasientreiser Øst" -> "pasientreiser-ost" (for file names)."""
    text = unicodedata.normalize("NFKD", text.translate(_NORDIC))
    text = text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "statusrapport"


def default_output(view: ReportView, group: str | None = None) -> Path:
    name = f"{slug(view.programme)}-{view.week.year}-uke-{view.week.week}"
    return Path("build") / (f"{name}-{slug(group)}.pptx" if group else f"{name}.pptx")


@contextlib.contextmanager
def _rare_collections(every: int = 100_000):
    """A build makes millions of small objects that live until the deck is written, and hardly
    any garbage in cycles: the cyclic collector, run every 700 new objects, examined them over
    and over (a quarter of a 1,000-initiative build). It runs every `every` new ones instead."""
    saved = gc.get_threshold()
    gc.set_threshold(every, *saved[1:])
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def build(data: Path, report: str, output: Path | None = None,
          template: Path | None = None, group: str | None = None,
          origin: Provenance | None = None) -> Built:
    """Build the deck of `report`; `origin` (verify's rebuild) replaces the provenance that
    would be recorded, which is otherwise read from git and the template."""
    from statusrapport.writer import deck
    from statusrapport.writer.package import Properties
    from statusrapport.writer.template import DEFAULT_TEMPLATE
    from statusrapport.data.loader import load
    from statusrapport.files.atomic import write_atomic
    from statusrapport.report.context import report_context
    from statusrapport.files.destinations import check_deck_output
    from statusrapport.report.portfolio import portfolio, select_group
    from statusrapport.slides.order import plan_deck
    from statusrapport.text.fontfiles import FontQuery
    from statusrapport.report.view import report_view
    from statusrapport.provenance import provenance_of
    from statusrapport.words import speaking

    if output is not None and not Path(output).is_dir():  # said before the long build
        check_deck_output(output, data, [Path(template or DEFAULT_TEMPLATE)])
    with _rare_collections():
        loaded = load(data, report)
        assert loaded.week is not None
        choice = loaded.programme.template
        template = template or (choice.file if choice else None)
        opened, resolution, geometry = prepared_template(template, choice)
        with FontQuery([geometry.font, geometry.heading_font]) as query:  # fc-match meanwhile
            programme = select_group(loaded.programme, group)
            context = report_context(programme, loaded.week)  # derived once, read by every slide
            with speaking(context.words):  # the programme's language, for every word planned
                view = report_view(context)
                fonts = query.choices(loaded.programme.fonts)
                plan = plan_deck(view, measured_with(geometry, fonts), portfolio(context))
        week = f"{loaded.week.year}-uke-{loaded.week.week}"
        if origin is None:
            origin = provenance_of(data, week, group, template, opened.sha256)
        titles = tuple(slide.title_text for slide in plan.slides)
        blob = deck.render(opened.prs, plan, Properties(view.title, view.programme, view.date,
                                                        titles, origin.properties()),
                           resolution)
    templates = [Path(template or DEFAULT_TEMPLATE)]
    path = output if output is not None else default_output(view, group)
    if path.is_dir():  # -o build/: the default name in that folder
        path = path / default_output(view, group).name
    check_deck_output(path, data, templates)  # again: the default name, or changed meanwhile
    try:
        write_atomic(path, blob)
    except OSError as exc:  # a folder that cannot be created or written to, a full disk
        raise UserError(f"{path}: cannot write the deck: {exc.strerror or exc}") from None
    return Built(path, view, plan, loaded.warnings, tuple(fonts.values()),
                 loaded.programme.fonts)


def measured_with(geometry: Geometry, fonts: dict) -> Geometry:
    """The template's geometry with its font names replaced by what text.metrics measures them
    with (`fonts`: text.fontfiles' choice for each name)."""
    return replace(geometry, font=fonts[geometry.font].key,
                   heading_font=fonts[geometry.heading_font].key)


def prepared_template(template: Path | None, choice=None):
    """The template opened, its roles resolved (programme.yaml's map first) and its geometry
    read; a UserError with every problem, the map's located in programme.yaml."""
    from statusrapport.writer.template import (DEFAULT_TEMPLATE, geometry, open_template, resolve,
                                               role_problems)

    opened = open_template(template)
    resolution = resolve(opened, choice.layouts if choice else None)
    problems = map_problems(resolution, choice)
    problems += [p for p in role_problems(opened, resolution) if p.severity.value == "error"]
    if problems:
        raise UserError(problems)
    own = Path(template or DEFAULT_TEMPLATE).resolve() == DEFAULT_TEMPLATE
    return opened, resolution, geometry(opened, resolution, looks=not own)


def map_problems(resolution, choice) -> list[Problem]:
    """The map's entries the template cannot honour, each at its line in programme.yaml."""
    out = []
    for role, message in resolution.map_problems.items():
        line, column = choice.where.get(role, (0, 0))
        out.append(Problem(str(choice.source), line, column, f"template.layouts.{role}", message))
    return out
