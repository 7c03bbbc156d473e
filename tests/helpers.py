"""Test helpers: write a landing zone, run the real pipeline on it, query the result."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd

from pipelines.definitions import defs
from pipelines.defs.reports.assets import REPORT_KEY
from pipelines.defs.resources import build_resources
from pipelines.settings import Settings

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
ELM_EXAMPLES = SHARED_DIR / "reference" / "elm-examples"


def write(root: Path, relative: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    """Write a landing file; text is dedented so tests can show files as they look."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = textwrap.dedent(content).lstrip("\n").encode(encoding)
    path.write_bytes(content)
    return path


# Everything a run publishes from, without its checks: the raw, staging, intermediate, marts and dq tables of
# the internal database. A test of what a model computes needs no Great Expectations worker, warehouse,
# Excel export, feedback files or site, which cost two thirds of a run of a small zone.
PUBLISHING = dg.AssetSelection.groups("publish", "dashboards", "reports")
MODELS = (PUBLISHING.upstream() - PUBLISHING).without_checks()


def run_pipeline(
    landing: Path,
    data: Path,
    selection: dg.AssetSelection | None = None,
    raise_on_error: bool = True,
    partition_key: str | None = None,
    run_config: dict | None = None,
    **overrides: int,
) -> dg.ExecuteInProcessResult:
    """Materialise the project's assets (all, or a selection) on `landing`, writing under `data`.

    Keyword arguments are Settings fields, e.g. min_cell=3 or report_year=2024. A test of the internal
    tables passes selection=MODELS.
    """
    settings = Settings(landing_dir=landing, data_dir=data, **overrides)
    definitions = defs()
    assets = [*definitions.assets, *definitions.asset_checks]
    if selection is None:
        # The quarterly report is partitioned; it runs on its own (as its schedule does).
        selection = dg.AssetSelection.all() - dg.AssetSelection.assets(REPORT_KEY)
    return dg.materialize(
        assets,
        resources=build_resources(settings),
        selection=selection,
        raise_on_error=raise_on_error,
        partition_key=partition_key,
        run_config=run_config,
    )


def query(database: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def misread_texts(workbook: Path, database: Path) -> list[tuple[str, object, str]]:
    """The texts of a workbook that a reader would misread: `nan`, `None` or an English code of ref.codes
    (alone, or in a comma-separated list) in a column a reader reads as text. Read as pandas reads it through
    calamine, as many analysts' tools do; the code columns ("code …") keep the codes, for joins with the
    warehouse. Each as (sheet, column header, text)."""
    english = {
        code
        for (code,) in query(
            database,
            # ISO 639-1 language codes (nl, ja) are no English words.
            "SELECT code FROM ref.codes WHERE code = lower(code) AND regexp_matches(code, '[a-z]') "
            "AND code <> label_nl AND list <> 'language'",
        )
    }
    assert {"total", "provider_type", "percent", "count", "per_1000", "flag"} <= english
    misread = []
    for sheet, frame in pd.read_excel(workbook, sheet_name=None, engine="calamine", header=None).items():
        headers = [None] * frame.shape[1] if sheet == "Lees mij" else list(frame.iloc[0])
        for column, header in enumerate(headers):
            if isinstance(header, str) and header.startswith("code "):
                continue
            for text in frame.iloc[1:, column]:
                if isinstance(text, str) and (
                    text in {"nan", "NaN", "None", "NaT"}
                    or set(text.split(", ")) & english
                    or re.search(r"(?i)micro-credential|ingelezen", text)
                ):
                    misread.append((sheet, header, text))
    return misread


# Building blocks for hand-made landing zones.

P1 = "0123456749"  # Hogeschool Test (HO)
P2 = "0403563451"  # CVO Test (CVO)

OFFER_HEADER = (
    "mc_id;aanbieder_id;aanbieder_naam;aanbieder_type;titel;land_regio;leeruitkomsten;isco_doelberoepen;isced_f;"
    "omvang_waarde;omvang_eenheid;niveau_kader;niveau;beoordelingstype;deelnamevorm;kwaliteitszorg;doel;stapelbaar;"
    "partners;odb_erkenningsnummer;startdatum;einddatum"
)
AWARD_HEADER = (
    "insz;aanbieder_id;mc_id;inschrijvingsdatum;status;uitreikingsdatum;woonplaats_nis;onderwijsniveau;"
    "arbeidsmarktstatus"
)


def insz(birth: str, sequence: int, month_offset: int = 0) -> str:
    """A valid INSZ (or BIS number with month_offset 20/40) for a birth date YYYY-MM-DD."""
    year, month, day = (int(part) for part in birth.split("-"))
    base = int(f"{year % 100:02d}{month + month_offset:02d}{day:02d}{sequence:03d}")
    check = 97 - ((2_000_000_000 + base) if year >= 2000 else base) % 97
    return f"{base:09d}{check:02d}"


def reference_insz(digits: str) -> tuple[int, str] | None:
    """The contract's INSZ rule in Python, for checking the SQL one: (birth year, sex) of a valid INSZ or BIS
    number of 11 digits, None when it is not valid."""
    base, check = int(digits[:9]), int(digits[9:])
    month, day = int(digits[2:4]), int(digits[4:6])
    if 97 - base % 97 == check:
        century = 1900
    elif 97 - (2_000_000_000 + base) % 97 == check:
        century = 2000
    else:
        return None
    if not (month <= 12 or 20 <= month <= 32 or 40 <= month <= 52) or day > 31:
        return None
    sex = "X" if 20 <= month <= 32 else "M" if int(digits[6:9]) % 2 else "V"
    return century + int(digits[:2]), sex


def offer(
    mc,
    provider,
    kind,
    title="Titel",
    region="BE-VLG",
    outcomes="Leerresultaat",
    isco="",
    isced="0613",
    volume="3",
    unit="ECTS",
    framework="VKS",
    level="5",
    assessment="SCHRIFTELIJK",
    form="ONLINE",
    quality="NVAO instellingsreview",
    purpose="ARBEIDSMARKT",
    stackable="N",
    partners="",
    odb="",
    start="2024-01-01",
    end="",
):
    return ";".join(
        [
            mc,
            provider,
            f"Aanbieder {provider}",
            kind,
            title,
            region,
            outcomes,
            isco,
            isced,
            volume,
            unit,
            framework,
            level,
            assessment,
            form,
            quality,
            purpose,
            stackable,
            partners,
            odb,
            start,
            end,
        ]
    )


@dg.op
def _nothing() -> None:
    pass


@dg.job
def tiny_job() -> None:
    """A job to create runs with, where what it does does not matter."""
    _nothing()
