"""The landing-zone contract (`docs/spec/landing-zone.md`) as data: folders, file kinds, columns.

Only what ingestion needs lives here: which files belong to a source and which columns a file must
have. Typing, validation and the English names are in `models/staging/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    name: str
    folder: str
    description: str
    kinds: tuple[str, ...]
    columns: tuple[str, ...]
    required: frozenset[str]
    file_name: re.Pattern[str] | None = None
    # Excel sources whose table does not start at row 1 (projections): sheet name and header marker.
    sheet: str | None = None
    header_marker: str | None = None
    excluded_subfolders: tuple[str, ...] = field(default=())
    # Columns holding personal identifiers: blanked in malformed rows, which are kept as raw text.
    personal_columns: tuple[str, ...] = field(default=())

    @property
    def raw_table(self) -> str:
        """The table in schema `raw` holding the source's rows."""
        return "elm_claims" if self.name == "elm" else self.name

    @property
    def file_name_hint(self) -> str:
        return self.file_name.pattern if self.file_name else ""


OFFERS = Source(
    description="Micro-credential catalogues of the providers (HOR, CVO, SYNTRA, ... exports).",
    name="offers",
    folder="offers",
    kinds=("csv", "xlsx"),
    columns=(
        "mc_id",
        "aanbieder_id",
        "aanbieder_naam",
        "aanbieder_type",
        "titel",
        "land_regio",
        "leeruitkomsten",
        "esco_skills",
        "isco_doelberoepen",
        "isced_f",
        "omvang_waarde",
        "omvang_eenheid",
        "niveau_kader",
        "niveau",
        "beoordelingstype",
        "deelnamevorm",
        "kwaliteitszorg",
        "doel",
        "stapelbaar",
        "partners",
        "odb_erkenningsnummer",
        "prijs_eur",
        "taal",
        "startdatum",
        "einddatum",
        "laatst_gewijzigd",
        # v2 of the contract: optional, so a file in the v1 layout without them still loads.
        "soort",
        "erkenning",
    ),
    required=frozenset({"mc_id", "aanbieder_id", "aanbieder_type", "startdatum"}),
)

ODB = Source(
    description="Opleidingsdatabank: register of trainings that give right to the Flemish training incentives.",
    name="odb",
    folder="odb",
    kinds=("csv",),
    columns=(
        "erkenningsnummer",
        "opleidingsnaam",
        "aanbieder_id",
        "studiepunten",
        "totaal_uren",
        "vov",
        "opleidingscheques",
        "opleidingskrediet",
        "criteria",
        "status",
        "geldig_tot",
    ),
    required=frozenset({"erkenningsnummer", "aanbieder_id", "status"}),
)

AWARDS = Source(
    description="Enrolment and award records (LED-like), one row per enrolment of one learner.",
    name="awards",
    folder="awards",
    kinds=("csv",),
    columns=(
        "insz",
        "aanbieder_id",
        "mc_id",
        "inschrijvingsdatum",
        "status",
        "uitreikingsdatum",
        "woonplaats_nis",
        "onderwijsniveau",
        "arbeidsmarktstatus",
        "resultaat",
    ),
    required=frozenset({"insz", "aanbieder_id", "mc_id", "inschrijvingsdatum", "status", "uitreikingsdatum"}),
    excluded_subfolders=("elm",),
    personal_columns=("insz",),
)

ELM = Source(
    description="European Digital Credentials (ELM v3 / EDC), one credential per file, one row per claim.",
    name="elm",
    folder="awards/elm",
    kinds=("json", "jsonld", "jwt"),
    columns=(),
    required=frozenset(),
)

# The contract names no required columns for these three; a file without the columns that identify
# a row or carry its only measure cannot be used at all, so those are required.
PROJECTIONS = Source(
    description="Steunpunt Werk occupation projections (hiring need per ISCO sub-major group).",
    name="projections",
    folder="projections",
    kinds=("xlsx",),
    columns=(
        "isco_code",
        "beroepsgroep",
        "sector",
        "scenario",
        "jaar",
        "type",
        "werkgelegenheid",
        "uitbreidingsvraag",
        "vervangingsvraag_25_54",
        "vervangingsvraag_55plus",
        "aanwervingsbehoefte",
    ),
    required=frozenset(
        {
            "isco_code",
            "sector",
            "scenario",
            "jaar",
            "type",
            "werkgelegenheid",
            "uitbreidingsvraag",
            "vervangingsvraag_25_54",
            "vervangingsvraag_55plus",
        }
    ),
    file_name=re.compile(r"beroepenprojecties_\d{4}-\d{2}\.xlsx"),
    sheet="Aanwervingsbehoefte",
    header_marker="isco_code",
)

BOTTLENECKS = Source(
    description="VDAB list of bottleneck occupations (knelpuntberoepen).",
    name="bottlenecks",
    folder="bottlenecks",
    kinds=("csv",),
    columns=("jaar", "beroep", "isco_code", "oorzaken"),
    required=frozenset({"jaar", "isco_code"}),
    file_name=re.compile(r"knelpuntberoepen_\d{4}\.csv"),
)

POPULATION = Source(
    description="Statbel population on 1 January by province, sex and age band.",
    name="population",
    folder="population",
    kinds=("csv",),
    columns=("jaar", "provincie_nis", "geslacht", "leeftijdsklasse", "aantal"),
    required=frozenset({"jaar", "provincie_nis", "geslacht", "leeftijdsklasse", "aantal"}),
)

SOURCES: tuple[Source, ...] = (OFFERS, ODB, AWARDS, ELM, PROJECTIONS, BOTTLENECKS, POPULATION)

# The projections sheet may start with up to 15 title and note rows above its header.
MAX_TITLE_ROWS = 15
