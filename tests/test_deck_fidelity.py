"""The built seed deck carries every fact of the hand-made deck (../shared/seed), slide by slide.

Texts are compared as a reader compares them: no-break spaces as spaces, runs of whitespace as
one, every dash alike. Where the tool deliberately writes a fact differently from the hand-made
deck, DIFFERENCES says so and checks the tool's version instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import PP_PLACEHOLDER

from deck_samples import normalise, slide_texts, slide_titled, status_slide

URL = ("https://intranett.pasientreiser.no/intranett/med-rekvisisjon/tiltak/paagaaende-tiltak/"
       "selvbetjeningsloesning")

PROGRESS_HEADERS = ("Hva er gjort siden forrige rapportering? Hva planlegges gjennomført frem "
                    "til neste rapportering? Risiko/avhengigheter")

# Our slide number (1-based) -> the facts of the corresponding hand-made slide, in its words.
SEED_FACTS = {
    3: ["Selvbetjening"],
    5: ["Agenda", "Selvbetjening - «endre»"],
    6: [
        "Selvbetjening - Statusrapport", "Informasjon", "Tiltak Tiltaksleder Periode",
        "Selvbetjening – «avbestille/bekrefte» David Låås Uke 22 – 33",
        "Status milepæler", "ID Beskrivelse av milepæler Planlagt ferdig Levert",
        "MP1 Kartlegging og analyse 30.11.19 22.11.19",
        "MP2 Spesifisering 31.12.19 20.12.19",
        "MP3 Utvikling og test 30.09.20 28.09.20",
        "MP4 Oppstart pilotering av løsning 15.10.20 29.10.20",
        "MP5 Utrulling nasjonalt 15.02.21 15.02.21",
        "Status økonomi", "Budsjett Kommentar",
        "Totalbudsjett for tiltaket: 2,25 MNOK inkl. mva.", "Tiltaket er levert iht. budsjett.",
        "Status fremdrift", PROGRESS_HEADERS,
        "Fulgt opp løsningen for «avbestill» og «bekrefte» i produksjon.",
        "Dialog og oppfølging med kompetansegruppe PRK. Gjennomført ett møte i "
        "kompetansegruppe PRK den 23.6 med status, avklaringer og oppfølging. "
        "Fått innspill til kommende RADAR-rapport.",
        "Release av helsenorge.no den 8. juni – Mulighet for å avbestille tur/retur samtidig.",
        "Gjennomført aktiviteter i informasjons- og opplæringsplan.",
        "Ukentlig oppfølging med NHN (helsenorge.no) i forhold til utvikling og "
        "lansering på helsenorge.no.",
        "Oppfølging av «avbestill» og «bekrefte» i produksjon.",
        "Jevnlige møter og dialog med kompetansegruppe PRK.",
        "Evaluering i kompetansegruppe PRK.",
        "Det er etablert samhandling og koordinering på tvers av pågående aktiviteter/tiltak.",
    ],
    7: [
        "Selvbetjening – status «avbestille» og «bekrefte»",
        "Nasjonal lansering - 15. februar", "Status den 18.8:",
        "Antall avbestilte reiser: 3167 (26.05.21: 1944)",
        "Antall bekreftede reiser: 5774 (26.05.21: 3229)",
        "Ingen feil i produksjon", "Tilbakemeldinger på løsningen:",
        "373 svar hittil for avbestill og 356 for bekrefte",
        f"Resultatene publiseres også på intranett under «Statistikk» på {URL}",
    ],
    8: ["Agenda", "Selvbetjening - «endre»"],
    9: [
        "Selvbetjening - Statusrapport", "Informasjon", "Tiltak Tiltaksleder Periode",
        "Selvbetjening – «endre» David Låås Uke 22 – 33",
        "Status milepæler", "ID Beskrivelse av milepæler Planlagt ferdig Levert",
        "MP1 Kartlegging og analyse 15.12.20 17.12.20",
        "MP2 Spesifisering 15.02.21 11.02.21",
        "Status økonomi", "Budsjett Kommentar",
        "Totalbudsjett for tiltaket: 4,8 MNOK inkl. mva.", "Periodisering",
        "Kostnader så langt:", "Plan/budsjett Virkelig Avvik", "2 900 000 2 597 000 -303 000",
        "Status økonomi er per utgangen av juli 2021.",
        "Budsjettavvik skyldes underforbruk ift ressurser hos NHN.",
        "Status fremdrift", PROGRESS_HEADERS,
        "Ukentlig oppfølging med NHN (helsenorge.no) i forhold til utvikling av helsenorge.no.",
        "Dialog og oppfølging med arbeidsgruppe og kompetansegruppe PRK.",
        "Fortsatt utvikling og test (iht. MP3) med første versjon av implementering "
        "og regresjonstest.",
        "Avklart pilotkontor for «endre». Pilotene for «endre» blir Pasientreiser "
        "Østfold, Pasientreiser OUS og Pasientreiser Møre og Romsdal.",
        "Utarbeidet informasjons- og opplæringsmateriell.",
        "Ferdigstille utvikling og test (iht. MP3) for «endre».",
        "Pilotere første del av «endre» i Helsenorge-release den 21.9.",
        "Videre dialog og oppfølging med arbeidsgruppe, kompetansegruppe PRK og brukerutvalg.",
        "Løse oppslag av folkeregistret adresse.",
        "Risiko knyttet til tilgang til ressurser hos NHN (helsenorge.no).",
        "Ingen avhengigheter p.t.  til ressurser utover de som inngår i kompetansegruppene.",
        "Det er etablert samhandling og koordinering på tvers av pågående aktiviteter/tiltak.",
    ],
    10: ["Ny rekvisisjonspraksis"],
    12: [
        "Informasjon", "Tiltak Tiltaksleder Periode",
        "Status milepæler", "ID Beskrivelse av milepæler Planlagt ferdig Levert",
        "MP1 Etablere arbeidsgruppe 30.01.21 30.01.21",
        "MP2 Utarbeide en detaljert plan for gjennomføring av tiltaket 20.02.21 20.02.21",
        "MP2 Beskrive dagens utfordringer på bakgrunn av vurderinger gjort i utredningen RMR "
        "01.04.21 (05.04.21)",
        "MP3 Utarbeide forslag til ny rekvisisjonspraksis i tråd med målbildet 10.12.21",
        "MP4 Beskrive forventede kvalitative og kvantitative gevinster 10.12.21",
        "Status økonomi", "Budsjett Kommentar", "Periodisering", "Kostnader så langt:",
        "Plan/budsjett Virkelig Avvik",
        "Kompensasjon til behandlere og brukere er ikke er ikke tatt med.",
        "Det er ikke påløpt møte- og reisekost",
        "Status fremdrift", PROGRESS_HEADERS,
        "Samlet innspill og konkrete endringsforslag til rekvisisjonspraksis",
        "Konkretisert og spisset endringsforslagene  til rekvisisjonspraksis. Arbeidet med "
        "usikkerhetsmomenter og avklaringsbehov.",
        "Utfordringer avdekket i prosesskartleggingen som  ikke er del av rekvisisjonspraksis "
        "er sendt til respektive faggrupper",
        "Jobbet med gevinstpotensial i forslagene",
        "Startet arbeidet med format på sluttleveransen",
        "Avtalt første runde med forankring og høring",
        "Skrive ut endringsforslagene på et format som egner seg for beslutningstakere som "
        "ikke har vært involvert i prosessen tidligere.",
        "Gjennomføre første runde med forankring og høring.",
        "Verifisere gevinstpotensial i forslagene.",
        "Jobbe videre med forslagene i arbeidsgruppen og referansegrupper",
        "Deltakere til kompetansegruppe for behandlerorganisasjoner er på plass, samtidig er "
        "det utfordringer med å finne representasjon fra enkelte grupper, og noen "
        "fagforeninger /organisasjoner som er kontaktet for bistand til å finne representanter "
        "har takket nei til å bistå oss med dette.",
        "Få gode tall som belyser utfordringene på best mulig måte. Ikke sikkert det finnes "
        "tallgrunnlag til å belyse omfanget av alle utfordringene.",
        "Medlemmene i arbeidsgruppen har ulike innfallsvinkler og ønsker for arbeidet som "
        "gjennomføres, noe som kan forsinke fremdriften.",
    ],
}

# Where the tool writes a fact differently: (our slide, the hand-made text, ours, why).
DIFFERENCES = [
    (5, "Selvbetjening - «avbestille» og «bekrefte»", "Selvbetjening - «avbestille/bekrefte»",
     "the agenda lists each initiative by its name in the data"),
    (8, "Selvbetjening - «avbestille» og «bekrefte»", "Selvbetjening - «avbestille/bekrefte»",
     "the agenda lists each initiative by its name in the data"),
    (9, "MP3 Utvikling og test 31.08.21 NA", "MP3 Utvikling og test 31.08.21",
     "NA only for an overdue milestone: 31.08.21 is after the report's 18.08.21"),
    (9, "MP4 Oppstart pilotering av løsning 01.09.21 21.09.21 NA",
     "MP4 Oppstart pilotering av løsning 01.09.21 21.09.21",
     "moved, not due yet: no NA (the original date is struck through)"),
    (9, "MP5 Utrulling nasjonalt 01.11.21 Jan 2022 NA",
     "MP5 Utrulling nasjonalt 01.11.21 Jan 2022", "moved, not due yet: no NA"),
    (12, "Ny rekvisisjonspraksis Hilde Holt Uke 23-33",
     "Ny rekvisisjonspraksis Hilde Holt Uke 23 – 33", "one period format: spaced en dash"),
    (12, "Totalbudsjett for tiltaket: 3.5 MNOK", "Totalbudsjett for tiltaket: 3,5 MNOK",
     "Norwegian decimal comma"),
    (12, "3,5 MNOK 1,5 MNOK", "3 500 000 1 500 000 -2 000 000",
     "cost figures in kroner like the other initiative's, deviation computed (was blank)"),
    (12, "", "Ny rekvisisjonspraksis – Statusrapport",
     "every status slide has a title (the hand-made one had none here)"),
]

# The hand-made deck's sequence, with the portfolio's slides (issue 7) where they come in: the
# overview after the title (2), and each group's milestone timeline after its divider (4, 11).
SEQUENCE = [("programme", "Group title"), ("overview", "Status"), ("group", "Group title"),
            ("timeline", "Status"), ("agenda", "Agenda"), ("status", "Status"), ("kpi", "KPI"),
            ("agenda", "Agenda"), ("status", "Status"), ("section", "Section"),
            ("timeline", "Status"), ("status", "Status")]


AVBESTILLE, ENDRE = "Selvbetjening – «avbestille/bekrefte»", "Selvbetjening – «endre»"


@pytest.fixture(scope="module")
def deck(seed_deck) -> Path:
    return seed_deck.path


@pytest.fixture(scope="module")
def texts(deck) -> list[str]:
    return slide_texts(deck)


@pytest.fixture(scope="module")
def prs(deck):
    return Presentation(str(deck))


def test_slide_sequence(prs):
    layouts = [slide.slide_layout.name for slide in prs.slides]
    assert layouts == [layout for _, layout in SEQUENCE]


def test_programme_title_slide_first(texts):
    assert texts[0] == "Pasientreiser Statusrapport uke 33 2021"


@pytest.mark.parametrize("number", sorted(SEED_FACTS))
def test_every_seed_fact_is_on_its_slide(texts, number):
    text = texts[number - 1]
    missing = [fact for fact in SEED_FACTS[number] if normalise(fact) not in text]
    assert not missing, f"slide {number} lacks {missing}\n{text}"


@pytest.mark.parametrize("number, seed, ours, why", DIFFERENCES,
                         ids=[f"{d[0]}:{d[3][:30]}" for d in DIFFERENCES])
def test_deliberate_differences_from_the_hand_made_deck(texts, number, seed, ours, why):
    text = texts[number - 1]
    assert normalise(ours) in text, why
    if seed and not ours.startswith(seed):
        assert normalise(seed) not in text, why


def test_slide_numbers_on_every_slide_but_the_title_slides(prs):
    """The KPI slide is number 7 here, 6 in the hand-made deck (we add the overview and a
    timeline before it; the hand-made deck had a slide we don't)."""
    for number, slide in enumerate(prs.slides, start=1):
        shown = [shape.text_frame.text for shape in slide.placeholders
                 if shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
        if slide.slide_layout.name == "Group title":
            assert shown == [], number
        else:
            assert shown == [str(number)], number


def _runs(slide):
    for shape in slide.shapes:
        if shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                yield from paragraph.runs
        elif shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    for paragraph in cell.text_frame.paragraphs:
                        yield from paragraph.runs


def _run(slide, text):
    found = [run for run in _runs(slide) if run.text == text]
    assert found, text
    return found[0]


def test_hyperlink_is_clickable(prs):
    kpi = slide_titled(prs, "Selvbetjening – status «avbestille» og «bekrefte»", layout="KPI")
    link = _run(kpi, URL)
    assert link.hyperlink.address == URL


def _agenda_before(prs, slide):
    """The agenda that opens an initiative: the slide before its status slide."""
    slides = list(prs.slides)
    agenda = slides[slides.index(slide) - 1]
    assert agenda.slide_layout.name == "Agenda"
    return agenda


@pytest.mark.parametrize("current, other", [(AVBESTILLE, ENDRE), (ENDRE, AVBESTILLE)])
def test_agenda_current_item_stands_out(prs, current, other):
    slide = _agenda_before(prs, status_slide(prs, "Selvbetjening", current))
    now, rest = _run(slide, current), _run(slide, other)
    assert now.font.bold and now.font.color.theme_color == MSO_THEME_COLOR.ACCENT_1
    assert rest.font.bold is False
    assert rest.font.color.theme_color == MSO_THEME_COLOR.TEXT_1 and rest.font.color.brightness > 0


RED, ORANGE = RGBColor(0xC0, 0x00, 0x00), RGBColor(0xC5, 0x5A, 0x11)


def test_late_and_overdue_milestones_are_red(prs):
    avbestille = status_slide(prs, "Selvbetjening", AVBESTILLE)
    late = _run(avbestille, "29.10.20")  # MP4 delivered after 15.10.20
    assert late.font.color.rgb == RED and late.font.bold
    ny = status_slide(prs, "Ny rekvisisjonspraksis", "Ny rekvisisjonspraksis")
    overdue = _run(ny, "(05.04.21)")  # due 01.04.21, not delivered
    assert overdue.font.color.rgb == RED
    on_time = _run(avbestille, "22.11.19")
    assert on_time.font.color.type is None


def test_moved_date_shows_the_original_struck_through(prs):
    endre = status_slide(prs, "Selvbetjening", ENDRE)
    original = _run(endre, "01.09.21")
    assert original._r.rPr.get("strike") == "sngStrike"
    assert original.font.color.theme_color == MSO_THEME_COLOR.TEXT_1  # grey
    assert _run(endre, "21.09.21").font.color.rgb == ORANGE
    assert _run(endre, "Jan 2022").font.color.rgb == ORANGE


def test_deviation_under_plan_is_not_marked(prs):
    endre = status_slide(prs, "Selvbetjening", ENDRE)
    assert _run(endre, "-303\u00a0000").font.color.type is None
