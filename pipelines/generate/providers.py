"""The fixed list of Flemish providers and how each one delivers its files.

Names and types are real-looking on purpose (the dashboards should read like the real monitor); the
KBO numbers are drawn from the seed and are not the real ones.
"""

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from .formatting import FileStyle
from .identifiers import random_kbo_numbers


@dataclass(frozen=True)
class Provider:
    name: str
    kind: str
    prefix: str
    weight: float
    # None: every theme of its kind; sector funds and niche providers only teach their own field.
    domains: tuple[str, ...] | None = None

    @property
    def slug(self) -> str:
        ascii_name = unicodedata.normalize("NFKD", self.name).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


PROVIDERS: tuple[Provider, ...] = (
    Provider("KU Leuven", "HO", "KUL", 6.0),
    Provider("Universiteit Gent", "HO", "UGENT", 5.5),
    Provider("Universiteit Antwerpen", "HO", "UA", 3.5),
    Provider("Vrije Universiteit Brussel", "HO", "VUB", 3.0),
    Provider("Universiteit Hasselt", "HO", "UHASSELT", 1.8),
    Provider("HOGENT", "HO", "HOGENT", 3.2),
    Provider("Howest", "HO", "HOWEST", 2.0),
    Provider("AP Hogeschool Antwerpen", "HO", "AP", 2.5),
    Provider("Thomas More", "HO", "TM", 3.0),
    Provider("Hogeschool PXL", "HO", "PXL", 2.4),
    Provider("Odisee", "HO", "ODISEE", 2.0),
    Provider("Karel de Grote Hogeschool", "HO", "KDG", 2.5),
    Provider("Arteveldehogeschool", "HO", "ARTEVELDE", 2.5),
    Provider("VIVES", "HO", "VIVES", 2.2),
    Provider("UCLL", "HO", "UCLL", 2.4),
    Provider("Erasmushogeschool Brussel", "HO", "EHB", 1.6),
    Provider("LUCA School of Arts", "HO", "LUCA", 0.6, ("kunst",)),
    Provider("CVO Antwerpen", "CVO", "CVOA", 4.0),
    Provider("CVO VIVO", "CVO", "VIVO", 2.5),
    Provider("CVO Leerdorp", "CVO", "LEERDORP", 2.0),
    Provider("CVO Groeipunt", "CVO", "GROEIPUNT", 2.8),
    Provider("CVO Kisp", "CVO", "KISP", 2.0),
    Provider("CVO Vitant", "CVO", "VITANT", 2.2),
    Provider("CVO De Oranjerie", "CVO", "ORANJERIE", 1.5),
    Provider("CVO Sint-Niklaas", "CVO", "CVOSN", 1.6),
    Provider("CVO Lethas", "CVO", "LETHAS", 1.5),
    Provider("CVO Crescendo", "CVO", "CRESCENDO", 1.4),
    Provider("Ligo Antwerpen", "CBE", "LIGOA", 1.2),
    Provider("Ligo Brussel", "CBE", "LIGOB", 0.7),
    Provider("Ligo Gent-Meetjesland-Leieland", "CBE", "LIGOG", 1.0),
    Provider("Ligo Limburg", "CBE", "LIGOL", 0.9),
    Provider("Ligo Brugge-Oostende-Westhoek", "CBE", "LIGOW", 0.8),
    Provider("Syntra West", "SYNTRA", "SW", 3.0),
    Provider("Syntra AB", "SYNTRA", "SAB", 3.2),
    Provider("Syntra Midden-Vlaanderen", "SYNTRA", "SMV", 2.6),
    Provider("Syntra Limburg", "SYNTRA", "SL", 2.0),
    Provider("Syntra Vlaanderen", "SYNTRA", "SV", 0.8),
    Provider("Academie De Kunstbrug", "DKO", "KUNSTBRUG", 0.7),
    Provider("Stedelijke Academie voor Schone Kunsten Sint-Niklaas", "DKO", "SASK", 0.5),
    Provider("Academie voor Muziek, Woord en Dans Leuven", "DKO", "AMWD", 0.6),
    Provider("Kunstacademie Hasselt", "DKO", "KAH", 0.5),
    Provider("VDAB", "VDAB", "VDAB", 8.0),
    Provider("Cefora", "SECTOR", "CEFORA", 2.4, ("economie", "ict", "talen", "persoonlijk")),
    Provider("Constructiv", "SECTOR", "CONSTRUCTIV", 1.8, ("bouw", "veiligheid", "energie")),
    Provider("Educam", "SECTOR", "EDUCAM", 1.5, ("techniek", "energie")),
    Provider("Alimento", "SECTOR", "ALIMENTO", 1.0, ("horeca", "veiligheid")),
    Provider("Volta", "SECTOR", "VOLTA", 1.2, ("energie", "techniek")),
    Provider("Co-valent", "SECTOR", "COVALENT", 0.8, ("techniek", "veiligheid")),
    Provider("Mobilant", "SECTOR", "MOBILANT", 1.0, ("logistiek", "veiligheid")),
    Provider("Xylos", "PRIVAAT", "XYLOS", 0.9, ("ict", "economie")),
    Provider("Cronos Academy", "PRIVAAT", "CRONOS", 0.7, ("ict",)),
    Provider("NCOI Learning", "PRIVAAT", "NCOI", 0.8, ("economie", "zorg", "sociaal")),
    Provider("Wolters Kluwer Opleidingen", "PRIVAAT", "WKO", 0.6, ("economie",)),
    Provider("Vlerick Business School", "PRIVAAT", "VLERICK", 0.7, ("economie", "persoonlijk")),
    Provider("Leerhuis Zorg", "PRIVAAT", "LHZ", 0.5, ("zorg",)),
    Provider("Bouwacademie Kempen", "PRIVAAT", "BAK", 0.4, ("bouw", "energie")),
    Provider("Vormingplus Gent-Eeklo", "OVERIG", "VPGE", 0.6),
    Provider("Vormingplus Limburg", "OVERIG", "VPL", 0.5),
    Provider("Rode Kruis-Vlaanderen", "OVERIG", "RKV", 0.8, ("veiligheid", "zorg")),
    Provider("Agentschap Opgroeien", "OVERIG", "OPGROEIEN", 0.5, ("sociaal", "onderwijs")),
)

_TRUE_FALSE = (("J", "N"), ("ja", "nee"), ("Y", "N"), ("true", "false"), ("1", "0"), ("Ja", "Nee"))
_LAYOUTS = ("dotted", "plain", "mixed")
_INSZ_LAYOUTS = ("plain", "dotted", "plain", "mixed")

# The quirks the contract must survive, each tied to a named provider so the sample is explainable.
_STYLE_OVERRIDES: dict[str, dict[str, object]] = {
    "cvo-groeipunt": {"encoding": "cp1252", "newline": "\r\n", "delimiter": ";"},
    "universiteit-gent": {"encoding": "utf-8-sig"},
    "vdab": {"encoding": "utf-8-sig", "delimiter": ";"},
    "thomas-more": {"newline": "\r\n"},
    "syntra-limburg": {"newline": "\r\n", "upper_header": True},
    "hogent": {"delimiter": ",", "decimal_comma": True},
    "howest": {"delimiter": ",", "decimal_comma": True, "date_style": "mixed"},
}

EXCEL_PROVIDERS = ("syntra-west", "cefora", "xylos")
EXTRA_COLUMN_PROVIDER = "cvo-antwerpen"
REDELIVERING_PROVIDERS = ("ku-leuven", "syntra-ab", "cvo-vivo")
# The universities that issue European Digital Credentials, and where they publish their micro-credentials'
# specifications: a catalogue's mc_id is that URI, so a credential's specification id names the same offer.
ELM_SPECIFICATIONS = {
    "ku-leuven": "https://www.kuleuven.be/microcredentials/",
    "universiteit-gent": "https://www.ugent.be/microcredentials/",
    "vrije-universiteit-brussel": "https://www.vub.be/microcredentials/",
    "howest": "https://www.howest.be/microcredentials/",
}
ELM_PROVIDERS = tuple(ELM_SPECIFICATIONS)
CP1252_PROVIDER = "cvo-groeipunt"


def delivery_style(index: int, provider: Provider) -> FileStyle:
    """A fixed style per provider: rotating defaults, then the named quirks."""
    settings: dict[str, object] = {
        "delimiter": "," if index % 3 == 1 else ";",
        "date_style": ("iso", "belgian", "iso", "mixed")[index % 4],
        "kbo_layout": _LAYOUTS[index % 3],
        "insz_layout": _INSZ_LAYOUTS[index % 4],
        "decimal_comma": index % 5 != 2,
        "true_false": _TRUE_FALSE[index % len(_TRUE_FALSE)],
    }
    settings.update(_STYLE_OVERRIDES.get(provider.slug, {}))
    return FileStyle(**settings)  # type: ignore[arg-type]


def provider_kbo_numbers(rng: np.random.Generator) -> np.ndarray:
    return random_kbo_numbers(rng, len(PROVIDERS))
