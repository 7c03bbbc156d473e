"""Which offer files the providers deliver, and in what shape."""

import numpy as np
import pandas as pd

from .delivery import SourceFile
from .kinds import KIND_COLUMNS, V1_EXPORTERS
from .offers import Catalogue
from .providers import (
    EXCEL_PROVIDERS,
    EXTRA_COLUMN_PROVIDER,
    PROVIDERS,
    delivery_style,
)

_REMARKS = (
    "",
    "",
    "",
    "ook als avondopleiding; start in september",
    "wachtlijst",
    "nieuw in het aanbod",
    "in samenwerking met VDAB; beperkte plaatsen",
)
_BLANK_LINE_PROVIDERS = ("hogent", "cvo-kisp", "cefora")
BINARY_FILE = "offers/aanbod_scan.csv"


def offer_source_files(rng: np.random.Generator, catalogue: Catalogue, with_defects: bool) -> list[SourceFile]:
    offers, updates = catalogue.offers, catalogue.updates
    files = []
    for index, provider in enumerate(PROVIDERS):
        own = offers[offers["provider"] == index].reset_index(drop=True)
        excel = provider.slug in EXCEL_PROVIDERS
        extra = None
        if provider.slug == EXTRA_COLUMN_PROVIDER:
            extra = {"opmerking": np.array(_REMARKS, dtype=object)[rng.integers(len(_REMARKS), size=len(own))]}
        files.append(
            SourceFile(
                f"offers/{provider.slug}.{'xlsx' if excel else 'csv'}",
                own,
                delivery_style(index, provider),
                excel=excel,
                blank_lines=with_defects and provider.slug in _BLANK_LINE_PROVIDERS,
                carry_group=provider.slug,
                extra_columns=extra,
                omit_columns=KIND_COLUMNS if provider.slug in V1_EXPORTERS else (),
            )
        )
        redelivered = updates[updates["provider"] == index].reset_index(drop=True)
        if len(redelivered):
            files.append(
                SourceFile(
                    f"offers/{provider.slug}_update_2026.csv",
                    redelivered,
                    delivery_style(index, provider),
                    carry_group=provider.slug,
                )
            )
    return files


def offer_eligibility(offers: pd.DataFrame) -> dict[str, np.ndarray]:
    # Quarantining an offer that learners enrolled in would turn its awards into unknown_offer as well.
    never_enrolled = (offers["popularity"] == 0).to_numpy()
    return {
        name: never_enrolled
        for name in (
            "missing_required",
            "invalid_code_provider_type",
            "invalid_code_kbo",
            "invalid_date",
            "malformed_row",
        )
    }


def binary_scan(rng: np.random.Generator) -> bytes:
    """What a spreadsheet saved in its binary format under a .csv name looks like: an OLE2 header and NULs."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(24) + bytes.fromhex("3e000300feff0900")
    return header + bytes(480) + rng.integers(0, 256, 3584, dtype=np.uint8).tobytes()
