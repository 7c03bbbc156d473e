"""The kind of credential (`soort`) and its recognition (`erkenning`) of each offer: the v2 offer columns.

Drawn from a random stream of their own, after the catalogue is built, so that adding them left every
other value of a landing zone as it was. A few providers still export the v1 layout without the two
columns (`V1_EXPORTERS`): their files load, the offers' kind and recognition are unknown.
"""

from dataclasses import replace

import numpy as np
import pandas as pd

from .offers import Catalogue
from .providers import PROVIDERS

KIND_COLUMNS = ("soort", "erkenning")
V1_EXPORTERS = ("cvo-groeipunt", "ligo-brussel", "xylos", "vormingplus-limburg")
UNIVERSITIES = (
    "ku-leuven",
    "universiteit-gent",
    "universiteit-antwerpen",
    "vrije-universiteit-brussel",
    "universiteit-hasselt",
)

_KINDS = ("MICROCREDENTIAL", "DEELCERTIFICAAT", "DEELKWALIFICATIE", "OPLEIDINGSONDERDEEL", "EVC", "ANDER")
# Per kind of provider: the chance of each kind, in the order of _KINDS.
_KIND_SHARES = {
    "UNIVERSITEIT": (0.45, 0.02, 0.0, 0.5, 0.0, 0.03),
    "HO": (0.75, 0.03, 0.0, 0.2, 0.0, 0.02),
    "CVO": (0.45, 0.5, 0.02, 0.0, 0.0, 0.03),
    "CBE": (0.8, 0.18, 0.0, 0.0, 0.0, 0.02),
    "SYNTRA": (0.75, 0.05, 0.15, 0.0, 0.03, 0.02),
    "VDAB": (0.45, 0.0, 0.35, 0.0, 0.18, 0.02),
    "SECTOR": (0.55, 0.0, 0.3, 0.0, 0.12, 0.03),
}
_DEFAULT_SHARES = (0.93, 0.0, 0.0, 0.0, 0.0, 0.07)
# What a kind gives elsewhere: the values it may hold, each with its chance (independent draws).
_RECOGNITION = {
    "OPLEIDINGSONDERDEEL": {"CREDITBEWIJS": 0.9, "VRIJSTELLING": 0.4},
    "DEELCERTIFICAAT": {"VRIJSTELLING": 0.7, "BEROEPSKWALIFICATIE": 0.3},
    "DEELKWALIFICATIE": {"BEROEPSKWALIFICATIE": 0.9, "VRIJSTELLING": 0.2},
    "EVC": {"BEROEPSKWALIFICATIE": 0.8, "VRIJSTELLING": 0.4},
}
_MICRO_RECOGNITION = {
    "HO": {"CREDITBEWIJS": 0.45, "VRIJSTELLING": 0.2},
    "CVO": {"VRIJSTELLING": 0.3},
    "SYNTRA": {"BEROEPSKWALIFICATIE": 0.2},
    "VDAB": {"BEROEPSKWALIFICATIE": 0.35},
    "SECTOR": {"BEROEPSKWALIFICATIE": 0.25},
}
_ORDER = ("VRIJSTELLING", "CREDITBEWIJS", "BEROEPSKWALIFICATIE")
_SHARE_KIND_EMPTY = 0.06
_SHARE_RECOGNITION_EMPTY = 0.15
# Defects of the contract's code rules (field issues): a kind not on the list, a recognition list with one.
_INVALID_KINDS = ("MICRO-CREDENTIAL", "Deelattest", "POSTGRADUAAT")
_INVALID_RECOGNITIONS = ("ECTS", "VRIJSTELLINGEN|CREDITBEWIJS", "erkend")
_INVALID_PER_OFFERS = 150


def add_credential_kinds(rng: np.random.Generator, catalogue: Catalogue, with_defects: bool) -> Catalogue:
    """The catalogue with `soort` and `erkenning` on every offer; a re-delivered version keeps its offer's."""
    offers = catalogue.offers
    n = len(offers)
    slugs = [PROVIDERS[p].slug for p in offers["provider"]]
    groups = ["UNIVERSITEIT" if s in UNIVERSITIES else k for s, k in zip(slugs, offers["aanbieder_type"], strict=True)]
    draw = rng.random(n)
    cumulative = np.array([np.cumsum(_KIND_SHARES.get(g, _DEFAULT_SHARES)) for g in groups])
    kind = np.array(_KINDS, dtype=object)[np.minimum((draw[:, None] >= cumulative).sum(axis=1), len(_KINDS) - 1)]

    chances = rng.random((n, len(_ORDER)))
    recognition = np.empty(n, dtype=object)
    for i, (k, provider_kind) in enumerate(zip(kind, offers["aanbieder_type"], strict=True)):
        table = _RECOGNITION.get(k) or (_MICRO_RECOGNITION.get(provider_kind, {}) if k == "MICROCREDENTIAL" else {})
        held = [code for j, code in enumerate(_ORDER) if chances[i, j] < table.get(code, 0.0)]
        recognition[i] = "|".join(held) or "GEEN"

    kind[rng.random(n) < _SHARE_KIND_EMPTY] = ""
    recognition[rng.random(n) < _SHARE_RECOGNITION_EMPTY] = ""
    # Codes are read case-insensitively: some exports write them in lower case.
    lower = rng.random(n) < 0.05
    kind[lower] = [k.lower() for k in kind[lower]]
    if with_defects:
        count = max(len(_INVALID_KINDS), n // _INVALID_PER_OFFERS)
        # Only where the file has the columns, so that every defect reaches the pipeline.
        pool = np.flatnonzero(~np.isin(slugs, V1_EXPORTERS))
        bad_kind = rng.choice(pool, size=count, replace=False)
        kind[bad_kind] = [_INVALID_KINDS[i % len(_INVALID_KINDS)] for i in range(count)]
        bad_recognition = rng.choice(pool, size=count, replace=False)
        recognition[bad_recognition] = [_INVALID_RECOGNITIONS[i % len(_INVALID_RECOGNITIONS)] for i in range(count)]

    values = pd.DataFrame({"soort": kind, "erkenning": recognition}, index=offers.index)
    return replace(
        catalogue,
        offers=offers.assign(**values),
        updates=catalogue.updates.assign(**values.loc[catalogue.updates.index]),
    )
