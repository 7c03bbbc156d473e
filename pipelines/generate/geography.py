"""Where learners live: real NIS municipality codes, weighted by population (thousands, about 2024)."""

import numpy as np

FLEMISH_MUNICIPALITIES: tuple[tuple[str, str, int], ...] = (
    ("11002", "Antwerpen", 536),
    ("11008", "Brasschaat", 39),
    ("11009", "Brecht", 30),
    ("11029", "Mortsel", 26),
    ("11040", "Schoten", 35),
    ("11022", "Kapellen", 28),
    ("12025", "Mechelen", 88),
    ("12014", "Heist-op-den-Berg", 43),
    ("12021", "Lier", 37),
    ("12040", "Willebroek", 27),
    ("13040", "Turnhout", 46),
    ("13008", "Geel", 41),
    ("13021", "Mol", 37),
    ("13010", "Herentals", 29),
    ("23088", "Vilvoorde", 46),
    ("23009", "Dilbeek", 43),
    ("23027", "Halle", 41),
    ("23016", "Grimbergen", 38),
    ("23094", "Zaventem", 35),
    ("23002", "Asse", 34),
    ("24062", "Leuven", 103),
    ("24107", "Tienen", 35),
    ("24001", "Aarschot", 31),
    ("24020", "Diest", 24),
    ("31005", "Brugge", 119),
    ("31043", "Knokke-Heist", 33),
    ("33011", "Ieper", 35),
    ("34022", "Kortrijk", 78),
    ("34040", "Waregem", 39),
    ("34027", "Menen", 34),
    ("35013", "Oostende", 72),
    ("36015", "Roeselare", 65),
    ("36008", "Izegem", 28),
    ("37015", "Tielt", 21),
    ("38014", "Koksijde", 22),
    ("41002", "Aalst", 89),
    ("41048", "Ninove", 40),
    ("42006", "Dendermonde", 47),
    ("43005", "Eeklo", 21),
    ("44021", "Gent", 267),
    ("44019", "Evergem", 36),
    ("45035", "Oudenaarde", 32),
    ("46021", "Sint-Niklaas", 80),
    ("46003", "Beveren", 50),
    ("46014", "Lokeren", 43),
    ("71022", "Hasselt", 80),
    ("71016", "Genk", 67),
    ("71053", "Sint-Truiden", 41),
    ("71004", "Beringen", 47),
    ("72020", "Lommel", 35),
    ("72021", "Maaseik", 26),
    ("73083", "Tongeren", 31),
    ("73107", "Maasmechelen", 38),
    ("73006", "Bilzen", 33),
)

OUTSIDE_FLANDERS: tuple[tuple[str, str, int], ...] = (
    ("21004", "Brussel", 196),
    ("21015", "Schaarbeek", 133),
    ("21001", "Anderlecht", 124),
    ("25072", "Ottignies-Louvain-la-Neuve", 32),
    ("62063", "Luik", 195),
    ("92094", "Namen", 113),
    ("52011", "Charleroi", 202),
    ("53053", "Bergen", 96),
)

SHARE_OUTSIDE_FLANDERS = 0.04
SHARE_UNKNOWN_RESIDENCE = 0.015


def _weighted_pick(rng: np.random.Generator, table: tuple[tuple[str, str, int], ...], count: int) -> np.ndarray:
    weights = np.array([population for _, _, population in table], dtype=float)
    codes = np.array([code for code, _, _ in table])
    return codes[rng.choice(len(table), size=count, p=weights / weights.sum())]


def residence_codes(rng: np.random.Generator, count: int) -> np.ndarray:
    """5-digit NIS codes, a few from Brussels or Wallonia and a few left empty as in real records."""
    where = rng.random(count)
    codes = _weighted_pick(rng, FLEMISH_MUNICIPALITIES, count).astype(object)
    outside = where < SHARE_OUTSIDE_FLANDERS
    codes[outside] = _weighted_pick(rng, OUTSIDE_FLANDERS, int(outside.sum()))
    codes[(where >= SHARE_OUTSIDE_FLANDERS) & (where < SHARE_OUTSIDE_FLANDERS + SHARE_UNKNOWN_RESIDENCE)] = ""
    return codes
