"""The micro-credential catalogue: one typed row per offer, and how each provider writes it out."""

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from pipelines.landing.contract import OFFERS

from .formatting import FileStyle, format_booleans, format_dates, format_decimals, format_kbo
from .period import LAST_OFFER_START, OFFERS_FROM, TODAY, day, random_days
from .providers import CP1252_PROVIDER, ELM_SPECIFICATIONS, PROVIDERS, REDELIVERING_PROVIDERS, Provider
from .themes import THEMES, Theme

ESCO_PREFIX = "http://data.europa.eu/esco/skill/"
_ESCO_SKILLS_PER_THEME = 6
_OFFERS_PER_LEARNERS = 400
_MIN_OFFERS = 150
_SHARE_NEVER_ENROLLED = 0.08
_SHARE_REDELIVERED = 0.3

_TITLE_SUFFIXES = (
    ("", ""),
    (" – gevorderd", " – advanced"),
    (" voor beginners", " for beginners"),
    (": verdieping", ": in depth"),
    (" (online)", " (online)"),
    (" – module 2", " – module 2"),
)
_QUALITY = {
    "HO": ("NVAO instellingsreview",),
    "CVO": ("Onderwijsinspectie",),
    "CBE": ("Onderwijsinspectie",),
    "DKO": ("Onderwijsinspectie",),
    "SYNTRA": ("Onderwijsinspectie", "Syntra Vlaanderen kwaliteitskader"),
    "VDAB": ("ISO 9001", "EFQM"),
    "SECTOR": ("WSE kwaliteitslabel", "ISO 9001"),
    "PRIVAAT": ("ISO 9001", "WSE kwaliteitslabel", "Cedeo-erkenning"),
    "OVERIG": ("WSE kwaliteitslabel", "ISO 9001"),
}
_ASSESSMENT = {
    "HO": ("SCHRIFTELIJK", "PROJECT", "PORTFOLIO", "MONDELING"),
    "DKO": ("PORTFOLIO", "PRAKTIJK", "PROJECT"),
    "OVERIG": ("GEEN", "PRAKTIJK", "GEEN"),
}
_VOCATIONAL_ASSESSMENT = ("PRAKTIJK", "PRAKTIJK", "SCHRIFTELIJK", "PROJECT", "MONDELING")


@dataclass(frozen=True)
class Catalogue:
    offers: pd.DataFrame
    # Later versions of some offers, re-delivered with a later laatst_gewijzigd.
    updates: pd.DataFrame


def _eligible_themes(provider: Provider) -> np.ndarray:
    def fits(theme: Theme, strict_kind: bool) -> bool:
        in_domain = provider.domains is None or theme.domain in provider.domains
        return in_domain and (provider.kind in theme.kinds or not strict_kind)

    strict = [i for i, theme in enumerate(THEMES) if fits(theme, True)]
    return np.array(strict if len(strict) >= 2 else [i for i, theme in enumerate(THEMES) if fits(theme, False)])


def _offer_counts(learners: int) -> np.ndarray:
    weights = np.array([p.weight for p in PROVIDERS])
    total = max(_MIN_OFFERS, learners // _OFFERS_PER_LEARNERS)
    return np.maximum(2, np.round(total * weights / weights.sum())).astype(int)


def _mc_ids(provider: Provider, numbers: np.ndarray, start_years: np.ndarray) -> list[str]:
    # Each kind of back-office numbers its offers its own way.
    if provider.slug in ELM_SPECIFICATIONS:
        return [f"{ELM_SPECIFICATIONS[provider.slug]}{provider.prefix}-MC-{n:04d}" for n in numbers]
    if provider.kind == "HO":
        return [f"{provider.prefix}-MC-{n:04d}" for n in numbers]
    if provider.kind == "CVO":
        return [f"{provider.prefix}/{y}/{n:03d}" for n, y in zip(numbers, start_years, strict=True)]
    if provider.kind == "SYNTRA":
        return [f"{provider.prefix}{n + 10000:05d}" for n in numbers]
    if provider.kind == "VDAB":
        return [f"VDAB-OPL-{n + 400000:06d}" for n in numbers]
    return [f"{provider.prefix}-{n:04d}" for n in numbers]


def _pick_list(rng: np.random.Generator, pool: tuple[str, ...], low: int, high: int) -> str:
    if not pool:
        return ""
    count = min(len(pool), int(rng.integers(low, high + 1)))
    chosen = np.sort(rng.choice(len(pool), size=count, replace=False))
    return "|".join(pool[i] for i in chosen)


def _volumes(rng: np.random.Generator, kinds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(kinds)
    value = np.round(rng.uniform(20, 120, n) / 2) * 2
    unit = np.where(rng.random(n) < 0.6, "LESTIJD", "UUR").astype(object)
    ho = kinds == "HO"
    value[ho] = rng.choice([3, 4, 5, 6, 10, 1.5], size=ho.sum(), p=[0.3, 0.15, 0.25, 0.15, 0.08, 0.07])
    unit[ho] = "ECTS"
    short = np.isin(kinds, ["SECTOR", "PRIVAAT", "OVERIG", "VDAB"])
    value[short] = rng.integers(4, 60, short.sum())
    unit[short | (kinds == "SYNTRA")] = "UUR"
    other = ~ho & (rng.random(n) < 0.03)
    value[other] = rng.integers(1, 4, other.sum())
    unit[other] = "ANDER"
    missing = rng.random(n) < 0.06
    value[missing] = np.nan
    unit[missing] = ""
    return value, unit


def _levels(rng: np.random.Generator, kinds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(kinds)
    low, high, levelled = np.full(n, 3), np.full(n, 6), np.full(n, 0.35)
    for kind, (lo, hi, share) in {
        "HO": (5, 7, 0.9),
        "CVO": (2, 5, 0.7),
        "CBE": (1, 2, 0.5),
        "SYNTRA": (4, 5, 0.85),
        "DKO": (2, 4, 0.15),
        "VDAB": (2, 4, 0.6),
    }.items():
        low[kinds == kind], high[kinds == kind], levelled[kinds == kind] = lo, hi, share
    draw = rng.random(n)
    framework = np.where(draw < levelled, np.where(rng.random(n) < 0.7, "VKS", "EQF"), "NVT").astype(object)
    framework[(draw >= levelled) & (draw < levelled + (1 - levelled) * 0.4)] = ""
    level = np.where(np.isin(framework, ["VKS", "EQF"]), rng.integers(low, high + 1), np.nan)
    return framework, level


def _prices(rng: np.random.Generator, kinds: np.ndarray, volume: np.ndarray, unit: np.ndarray) -> np.ndarray:
    n = len(kinds)
    hours = np.where(unit == "ECTS", volume * 27, np.nan_to_num(volume, nan=30.0))
    rate = np.select(
        [kinds == "HO", kinds == "CVO", kinds == "SYNTRA", kinds == "PRIVAAT", kinds == "DKO"],
        [
            rng.uniform(1.5, 3.2, n),
            np.full(n, 1.5),
            rng.uniform(8, 15, n),
            rng.uniform(25, 60, n),
            rng.uniform(2, 5, n),
        ],
        default=0.0,
    )
    price = np.round(hours * rate + np.where(kinds == "CVO", rng.integers(0, 5, n) * 10, 0), 2)
    price[(kinds == "OVERIG") & (rng.random(n) < 0.5)] = rng.integers(10, 90)
    price[rng.random(n) < 0.08] = np.nan
    return price


def _start_dates(rng: np.random.Generator, kinds: np.ndarray) -> np.ndarray:
    n = len(kinds)
    years = rng.choice(np.arange(2021, 2027), size=n, p=[0.26, 0.2, 0.18, 0.15, 0.13, 0.08])
    first = np.array([f"{y}-01-01" for y in years], dtype="datetime64[D]")
    last = np.minimum(np.array([f"{y}-12-31" for y in years], dtype="datetime64[D]"), day(LAST_OFFER_START))
    start = random_days(rng, np.maximum(first, day(OFFERS_FROM)), last)
    # Higher education opens its offers at the start of a semester.
    semester = (kinds == "HO") & (rng.random(n) < 0.6)
    months = np.where(rng.random(n) < 0.65, "09", "02")
    semester_start = np.array([f"{y}-{m}-01" for y, m in zip(years, months, strict=True)], dtype="datetime64[D]")
    use_semester = semester & (semester_start <= day(LAST_OFFER_START))
    return np.where(use_semester, semester_start, start)


def _esco_pools(rng: np.random.Generator) -> list[tuple[str, ...]]:
    raw = rng.integers(0, 256, size=(len(THEMES), _ESCO_SKILLS_PER_THEME, 16), dtype=np.uint8)
    raw[..., 6] = (raw[..., 6] & 0x0F) | 0x40
    raw[..., 8] = (raw[..., 8] & 0x3F) | 0x80
    pools = []
    for theme_bytes in raw:
        hexes = [b.tobytes().hex() for b in theme_bytes]
        pools.append(tuple(f"{ESCO_PREFIX}{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}" for h in hexes))
    return pools


def build_catalogue(rng: np.random.Generator, learners: int, kbo: np.ndarray) -> Catalogue:
    counts = _offer_counts(learners)
    provider = np.repeat(np.arange(len(PROVIDERS)), counts)
    kinds = np.array([PROVIDERS[p].kind for p in provider])
    n = len(provider)
    theme = np.concatenate([rng.choice(_eligible_themes(p), size=c) for p, c in zip(PROVIDERS, counts, strict=True)])
    start = _start_dates(rng, kinds)
    start_years = start.astype("datetime64[Y]").astype(int) + 1970
    mc_ids: list[str] = []
    offset = 0
    for p, c in zip(PROVIDERS, counts, strict=True):
        numbers = np.sort(rng.choice(np.arange(1, 999), size=c, replace=False))
        mc_ids += _mc_ids(p, numbers, start_years[offset : offset + c])
        offset += c

    language = rng.choice(["nl", "en", "fr"], size=n, p=[0.88, 0.09, 0.03])
    suffix = rng.choice(len(_TITLE_SUFFIXES), size=n, p=[0.5, 0.12, 0.12, 0.1, 0.1, 0.06])
    title_nl = [THEMES[t].title_nl + _TITLE_SUFFIXES[s][0] for t, s in zip(theme, suffix, strict=True)]
    title_en = [THEMES[t].title_en + _TITLE_SUFFIXES[s][1] for t, s in zip(theme, suffix, strict=True)]
    titel = np.where(language == "en", title_en, title_nl).astype(object)
    titel[rng.random(n) < 0.05] = ""

    esco_pools = _esco_pools(rng)
    outcomes = [_pick_list(rng, THEMES[t].outcomes, 2, 4) for t in theme]
    esco = [_pick_list(rng, esco_pools[t], 1, 4) for t in theme]
    isco = [_pick_list(rng, THEMES[t].isco, 1, 3) for t in theme]
    outcomes_arr = np.where(rng.random(n) < 0.1, "", outcomes).astype(object)
    esco_arr = np.where(rng.random(n) < 0.25, "", esco).astype(object)
    isco_arr = np.where(rng.random(n) < 0.12, "", isco).astype(object)
    isced_full = np.array([THEMES[t].isced for t in theme])
    isced_digits = rng.choice([4, 3, 2], size=n, p=[0.7, 0.2, 0.1])
    isced = np.array([code[:d] for code, d in zip(isced_full, isced_digits, strict=True)], dtype=object)
    isced[rng.random(n) < 0.1] = ""

    volume, unit = _volumes(rng, kinds)
    framework, level = _levels(rng, kinds)
    region = rng.choice(["BE-VLG", "BE", "BE-BRU", "NL", ""], size=n, p=[0.8, 0.08, 0.03, 0.01, 0.08]).astype(object)
    assessment = np.array([str(rng.choice(_ASSESSMENT.get(k, _VOCATIONAL_ASSESSMENT))) for k in kinds], dtype=object)
    assessment[rng.random(n) < 0.1] = ""
    participation = rng.choice(
        ["FYSIEK", "HYBRIDE", "ONLINE", "WERKPLEK", ""], size=n, p=[0.47, 0.24, 0.19, 0.03, 0.07]
    ).astype(object)
    quality = np.array([str(rng.choice(_QUALITY[k])) for k in kinds], dtype=object)
    quality[rng.random(n) < 0.15] = ""
    personal = np.isin(kinds, ["DKO", "OVERIG"])
    purpose = np.where(
        personal,
        rng.choice(["PERSOONLIJK", "BEIDE"], size=n, p=[0.7, 0.3]),
        rng.choice(["ARBEIDSMARKT", "BEIDE", "PERSOONLIJK"], size=n, p=[0.65, 0.27, 0.08]),
    )
    purpose = np.where(rng.random(n) < 0.05, "", purpose).astype(object)
    stackable = pd.array(rng.random(n) < np.where(kinds == "HO", 0.6, 0.3), dtype="boolean")
    stackable[rng.random(n) < 0.1] = pd.NA

    partners = np.full(n, "", dtype=object)
    joint = np.flatnonzero(rng.random(n) < 0.08)
    for i in joint:
        others = np.flatnonzero(np.arange(len(PROVIDERS)) != provider[i])
        chosen = np.sort(rng.choice(others, size=int(rng.integers(1, 3)), replace=False))
        partners[i] = "|".join(kbo[chosen])

    odb = np.full(n, "", dtype=object)
    linked = np.flatnonzero((kinds != "HO") & (rng.random(n) < 0.4))
    odb[linked] = [
        f"EO-{number}" for number in np.sort(rng.choice(np.arange(1_000_000, 1_100_000), len(linked), replace=False))
    ]

    end = start + rng.integers(365, 1800, n).astype("timedelta64[D]")
    end = np.maximum(end, day(date(2022, 6, 30)))
    end[rng.random(n) < 0.55] = np.datetime64("NaT")
    modified = np.minimum(start + rng.integers(-120, 200, n).astype("timedelta64[D]"), day(TODAY))

    popularity = rng.lognormal(0.0, 0.7, n)
    popularity[rng.random(n) < _SHARE_NEVER_ENROLLED] = 0.0
    first_of_provider = np.r_[0, np.cumsum(counts)[:-1]]
    popularity[first_of_provider] = np.maximum(popularity[first_of_provider], 0.5)

    name = np.array([PROVIDERS[p].name for p in provider], dtype=object)
    name[rng.random(n) < 0.03] = ""
    offers = pd.DataFrame(
        {
            "provider": provider,
            "kbo": kbo[provider],
            "theme": theme,
            "title_nl": title_nl,
            "title_en": title_en,
            "mc_id": mc_ids,
            "aanbieder_naam": name,
            "aanbieder_type": kinds,
            "titel": titel,
            "land_regio": region,
            "leeruitkomsten": outcomes_arr,
            "esco_skills": esco_arr,
            "isco_doelberoepen": isco_arr,
            "isced_f": isced,
            "omvang_waarde": volume,
            "omvang_eenheid": unit,
            "niveau_kader": framework,
            "niveau": level,
            "beoordelingstype": assessment,
            "deelnamevorm": participation,
            "kwaliteitszorg": quality,
            "doel": purpose,
            "stapelbaar": stackable,
            "partners": partners,
            "odb_erkenningsnummer": odb,
            "prijs_eur": _prices(rng, kinds, volume, unit),
            "taal": language,
            "startdatum": start,
            "einddatum": end,
            "laatst_gewijzigd": modified,
            "popularity": popularity,
        }
    )
    _show_windows_1252_characters(offers)
    return Catalogue(offers, _redeliveries(rng, offers))


def _show_windows_1252_characters(offers: pd.DataFrame) -> None:
    """The Windows-1252 export must hold é, ë and €, whose bytes differ from UTF-8, whatever the seed drew."""
    theme_index = next(
        i
        for i, t in enumerate(THEMES)
        if "€" in " ".join(t.outcomes) and "ë" in t.title_nl and "é" in " ".join(t.outcomes)
    )
    theme = THEMES[theme_index]
    row = offers.index[[PROVIDERS[p].slug == CP1252_PROVIDER for p in offers["provider"]]][0]
    offers.loc[row, ["theme", "title_nl", "title_en", "titel", "leeruitkomsten", "taal"]] = [
        theme_index,
        theme.title_nl,
        theme.title_en,
        theme.title_nl,
        "|".join(theme.outcomes),
        "nl",
    ]


def _redeliveries(rng: np.random.Generator, offers: pd.DataFrame) -> pd.DataFrame:
    """New versions of some offers of a few providers: same key, later date, changed fields."""
    slugs = np.array([PROVIDERS[p].slug for p in offers["provider"]])
    candidates = np.flatnonzero(np.isin(slugs, REDELIVERING_PROVIDERS))
    chosen = np.sort(rng.choice(candidates, size=max(2, int(len(candidates) * _SHARE_REDELIVERED)), replace=False))
    updates = offers.iloc[chosen].copy()
    n = len(updates)
    later = random_days(rng, np.full(n, day(date(2026, 1, 5))), np.full(n, day(TODAY)))
    updates["laatst_gewijzigd"] = np.maximum(later, updates["laatst_gewijzigd"].to_numpy() + np.timedelta64(1, "D"))
    updates["prijs_eur"] = np.round(updates["prijs_eur"] * 1.04, 2)
    updates["titel"] = updates["titel"].where(updates["titel"] != "", updates["title_nl"])
    updates["kwaliteitszorg"] = updates["kwaliteitszorg"].where(
        updates["kwaliteitszorg"] != "", [_QUALITY[k][0] for k in updates["aanbieder_type"]]
    )
    closes = rng.random(n) < 0.5
    updates.loc[closes, "einddatum"] = np.datetime64("2027-08-31")
    return updates


def offer_cells(offers: pd.DataFrame, style: FileStyle, rng: np.random.Generator, excel: bool) -> pd.DataFrame:
    """The offers as the provider's export writes them: text for CSV, typed cells for Excel."""
    cells = offers.loc[:, [c for c in OFFERS.columns if c in offers.columns and c != "aanbieder_id"]].copy()
    cells.insert(1, "aanbieder_id", format_kbo(offers["kbo"].to_numpy(), style.kbo_layout, rng).to_numpy())
    if style.kbo_layout != "plain":
        cells["partners"] = offers["partners"].str.replace(r"(\d{4})(\d{3})(\d{3})", r"\1.\2.\3", regex=True)
    if excel:
        cells = cells.astype(object).where(cells != "", None)
        for column in ("startdatum", "einddatum", "laatst_gewijzigd"):
            cells[column] = _objects([None if pd.isna(d) else d.date() for d in pd.to_datetime(offers[column])])
        cells["omvang_waarde"] = _objects([_excel_number(v) for v in offers["omvang_waarde"]])
        cells["niveau"] = _objects([_excel_number(v) for v in offers["niveau"]])
        cells["prijs_eur"] = _objects([_excel_number(v) for v in offers["prijs_eur"]])
        cells["stapelbaar"] = _objects([None if pd.isna(v) else bool(v) for v in offers["stapelbaar"]])
        return cells
    for column in ("startdatum", "einddatum", "laatst_gewijzigd"):
        cells[column] = format_dates(offers[column].to_numpy(), style.date_style, rng).to_numpy()
    cells["omvang_waarde"] = format_decimals(offers["omvang_waarde"].to_numpy(), None, style.decimal_comma).to_numpy()
    cells["niveau"] = format_decimals(offers["niveau"].to_numpy(), None, False).to_numpy()
    cells["prijs_eur"] = format_decimals(offers["prijs_eur"].to_numpy(), 2, style.decimal_comma).to_numpy()
    cells["stapelbaar"] = format_booleans(offers["stapelbaar"].reset_index(drop=True), style.true_false).to_numpy()
    return cells.astype(object)


def _objects(values: list[object]) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _excel_number(value: float) -> float | int | None:
    """Whole numbers as int so that Excel shows 5, not 5.0, as a real export does."""
    if np.isnan(value):
        return None
    return int(value) if value == int(value) else float(value)
