"""Texts the text-engine tests (metrics, wrapping, fitting) measure."""

NORSK = (
    "Risikoen for at «Fase 2 – gevinstrealisering» ikke starter som planlagt er "
    "vurdert som middels. Årsaken er usikkerhet rundt finansieringen for 2025–2026 "
    "og avhengigheter til andre prosjekter i porteføljen, særlig ERP-moderniseringen "
    "og e-post-migreringen. Økonomi: forbruket per 31. mai er 14,2 MNOK mot et "
    "budsjett på 15,0 MNOK (95 %). Tiltak: styringsgruppen får en ny vurdering før "
    "sommeren, og tjenesteeierne involveres tettere i brukertestingen."
)

SAMPLES = [
    "Statusrapport",
    "Fremdriftsplan for prosjektporteføljen",
    "AVWAVATo Ta Te Yo",
    "æøå ÆØÅ «sitat» – — … € %",
    "office affine fjell tiltak etter ttf",
    NORSK,
]
