"""Synthetic landing zone for the Microcredentials Monitor Vlaanderen.

`generate_landing_zone` writes all seven sources of the landing-zone contract
(docs/spec/landing-zone.md) with realistic Flemish content and every defect class the pipeline
must handle. The output depends only on the arguments: the same seed gives byte-identical files.
"""

from pathlib import Path

import numpy as np

from .awards import award_cells, award_eligibility, award_files, build_enrolments
from .defects import AWARD_DEFECTS, ODB_DEFECTS, OFFER_DEFECTS
from .delivery import deliver
from .elm import choose_elm_awards, write_elm_files
from .kinds import add_credential_kinds
from .labour_market import write_bottlenecks, write_population, write_projections
from .learners import build_learners
from .odb import odb_cells, odb_eligibility, odb_files
from .offer_files import BINARY_FILE, binary_scan, offer_eligibility, offer_source_files
from .offers import build_catalogue, offer_cells
from .period import TODAY
from .providers import provider_kbo_numbers

__all__ = ["TODAY", "generate_landing_zone"]

# One independent random stream per part, so that changing one part leaves the others' files unchanged.
_STREAMS = (
    "providers",
    "offers",
    "learners",
    "enrolments",
    "elm",
    "offer_files",
    "odb",
    "awards",
    "projections",
    "bottlenecks",
    "population",
    # Added last (v2 offer columns), so the streams above and the files they write stay as they were.
    "kinds",
)


def generate_landing_zone(
    out: Path,
    learners: int,
    seed: int = 42,
    defect_rate: float = 0.02,
    progress: bool = True,
    elm_credentials: int | None = None,
) -> dict[str, int]:
    """Write a complete landing zone into `out` (absent or empty); returns {relative path: data rows}.

    For ELM files the count is the number of claims; for files that cannot be read as a table it is 0.
    `defect_rate` is the share of offer, ODB and award rows given a defect; with 0 the zone is clean
    (no row defects and none of the fixed file-level defects). `elm_credentials` sets how many awards arrive
    as European Digital Credentials (default: 1 % of the awards, at most 400; at most the awards of the
    universities that issue them).
    """
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is niet leeg: de generator schrijft alleen in een nieuw landingsgebied")
    if learners < 1:
        raise ValueError("learners must be at least 1")
    rng = {name: np.random.default_rng([seed, number]) for number, name in enumerate(_STREAMS)}
    with_defects = defect_rate > 0

    kbo = provider_kbo_numbers(rng["providers"])
    catalogue = add_credential_kinds(rng["kinds"], build_catalogue(rng["offers"], learners, kbo), with_defects)
    people = build_learners(rng["learners"], learners)
    enrolments = build_enrolments(rng["enrolments"], people, catalogue.offers)
    elm_rows = choose_elm_awards(rng["elm"], enrolments, elm_credentials)
    csv_enrolments = enrolments.drop(index=elm_rows)

    written: dict[str, int] = {}
    offer_files = offer_source_files(rng["offer_files"], catalogue, with_defects)
    written |= deliver(
        out,
        offer_files,
        offer_cells,
        OFFER_DEFECTS,
        offer_eligibility,
        defect_rate,
        rng["offer_files"],
        "offers",
        progress,
    )
    if with_defects:
        (out / BINARY_FILE).write_bytes(binary_scan(rng["offer_files"]))
        written[BINARY_FILE] = 0
    odb = odb_files(rng["odb"], catalogue.offers, kbo, with_defects)
    written |= deliver(out, odb, odb_cells, ODB_DEFECTS, odb_eligibility, defect_rate, rng["odb"], "odb", progress)
    written |= deliver(
        out,
        award_files(csv_enrolments, people, catalogue.offers, kbo, with_defects),
        award_cells,
        AWARD_DEFECTS,
        award_eligibility,
        defect_rate,
        rng["awards"],
        "awards",
        progress,
    )
    written |= write_elm_files(
        out, rng["elm"], enrolments.iloc[elm_rows], enrolments, catalogue.offers, people, kbo, with_defects, progress
    )
    written |= write_projections(out, rng["projections"], with_defects)
    written |= write_bottlenecks(out, rng["bottlenecks"])
    written |= write_population(out, rng["population"])
    return dict(sorted(written.items()))
