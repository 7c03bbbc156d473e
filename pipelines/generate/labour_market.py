"""Labour-market context: Steunpunt Werk projections, VDAB bottleneck occupations, Statbel population."""

from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.landing.contract import PROJECTIONS

from .formatting import FileStyle
from .writers import write_csv, write_xlsx

# ISCO-08 sub-major group, Dutch label, share of Flemish employees, sectors where it is over-represented.
_GROUPS: tuple[tuple[int, str, float, dict[str, float]], ...] = (
    (1, "Officieren van de krijgsmacht", 0.001, {"O": 60}),
    (2, "Onderofficieren van de krijgsmacht", 0.002, {"O": 60}),
    (3, "Overige militairen", 0.0015, {"O": 60}),
    (11, "Hogere leidinggevenden en topfunctionarissen", 0.005, {"O": 3, "K": 2}),
    (12, "Bedrijfsbeheerders en commerciële managers", 0.015, {"K": 2, "M": 2, "N": 1.5}),
    (13, "Productie- en gespecialiseerde dienstenmanagers", 0.025, {"C": 2, "F": 2, "H": 2, "Q": 1.5}),
    (14, "Managers in horeca, handel en overige diensten", 0.008, {"I": 5, "G": 3}),
    (21, "Wetenschappers en ingenieurs", 0.045, {"C": 3, "M": 4, "J": 2, "D": 3}),
    (22, "Gezondheidsprofessionals", 0.055, {"Q": 15}),
    (23, "Onderwijsprofessionals", 0.055, {"P": 20}),
    (24, "Bedrijfs- en beheersspecialisten", 0.06, {"K": 4, "M": 3, "O": 2}),
    (25, "ICT-specialisten", 0.03, {"J": 10, "K": 3, "M": 2}),
    (26, "Juridische, sociale en culturele specialisten", 0.025, {"M": 3, "O": 3, "R": 5, "Q": 2}),
    (31, "Technici in wetenschap en techniek", 0.04, {"C": 3, "F": 2, "D": 3, "M": 2}),
    (32, "Gezondheidstechnici en paramedici", 0.02, {"Q": 12}),
    (33, "Zakelijke en administratieve vakspecialisten", 0.065, {"K": 3, "G": 2, "N": 2}),
    (34, "Juridische, sociale en culturele vakspecialisten", 0.018, {"Q": 3, "R": 4, "S": 4, "O": 2}),
    (35, "ICT-technici", 0.012, {"J": 8, "K": 2}),
    (41, "Algemene administratieve medewerkers", 0.045, {"O": 3, "K": 2, "N": 2}),
    (42, "Klantgerichte medewerkers", 0.022, {"K": 3, "N": 3, "I": 2}),
    (43, "Cijfermatige en materiaalregistrerende medewerkers", 0.035, {"H": 4, "G": 2, "C": 1.5}),
    (44, "Overige administratieve medewerkers", 0.01, {"O": 3, "H": 2}),
    (51, "Persoonlijke dienstverleners", 0.03, {"I": 8, "S": 4}),
    (52, "Verkopers", 0.05, {"G": 10}),
    (53, "Verzorgend personeel", 0.045, {"Q": 12, "P": 1.5, "T": 5}),
    (54, "Beveiligingspersoneel", 0.012, {"N": 8, "O": 2}),
    (61, "Marktgerichte geschoolde landbouwers", 0.006, {"A": 60}),
    (62, "Geschoolde bosbouwers en vissers", 0.001, {"A": 50}),
    (63, "Zelfvoorzienende landbouwers en vissers", 0.0002, {"A": 60}),
    (71, "Bouwarbeiders (excl. elektriciens)", 0.035, {"F": 15}),
    (72, "Metaalarbeiders en machinebankwerkers", 0.03, {"C": 5, "G": 1.5}),
    (73, "Ambachtslieden en drukkers", 0.006, {"C": 4}),
    (74, "Elektriciens en elektronicamonteurs", 0.02, {"F": 5, "C": 2, "D": 3}),
    (75, "Ambachten in voeding, hout en kleding", 0.015, {"C": 6}),
    (81, "Bedieners van machines en installaties", 0.03, {"C": 8, "E": 3, "B": 5}),
    (82, "Assembleurs", 0.015, {"C": 10}),
    (83, "Bestuurders van voertuigen en mobiele installaties", 0.035, {"H": 10, "F": 2}),
    (91, "Schoonmakers en helpers", 0.035, {"N": 8, "Q": 1.5, "T": 10}),
    (92, "Ongeschoolde arbeiders in land- en bosbouw", 0.005, {"A": 30}),
    (93, "Ongeschoolde arbeiders in industrie, bouw en vervoer", 0.04, {"C": 3, "H": 3, "N": 3, "F": 2}),
    (94, "Hulpkrachten in de keuken", 0.006, {"I": 8}),
    (95, "Straatverkopers en straatdienstverleners", 0.0005, {"G": 2, "S": 5}),
    (96, "Vuilnisophalers en andere elementaire beroepen", 0.01, {"E": 15, "N": 2}),
)
_SECTOR_SHARES = {
    "A": 0.01,
    "B": 0.001,
    "C": 0.15,
    "D": 0.005,
    "E": 0.008,
    "F": 0.06,
    "G": 0.14,
    "H": 0.065,
    "I": 0.035,
    "J": 0.035,
    "K": 0.03,
    "L": 0.006,
    "M": 0.055,
    "N": 0.085,
    "O": 0.07,
    "P": 0.085,
    "Q": 0.17,
    "R": 0.012,
    "S": 0.02,
    "T": 0.002,
    "U": 0.001,
}
_EMPLOYEES_FLANDERS = 2_900_000
_MIN_CELL_EMPLOYMENT = 15
# Edition → (first observed year, title and note rows above the header).
_EDITIONS = {
    "2024-06": (
        2018,
        (
            "Steunpunt Werk – Beroepenprojecties Vlaanderen",
            "Aanwervingsbehoefte per beroepsgroep (ISCO-08) en sector, editie juni 2024",
            None,
        ),
    ),
    "2025-06": (
        2019,
        (
            "Steunpunt Werk – Beroepenprojecties Vlaanderen",
            "Aanwervingsbehoefte per beroepsgroep (ISCO-08) en sector, editie juni 2025",
            "Bron: Steunpunt Werk op basis van RSZ, EAK (Statbel) en Cedefop-vaardighedenprognoses",
            "Noot: historische jaren zijn waarnemingen; projectiejaren volgen het scenario.",
            None,
        ),
    ),
}


def _employment_base(rng: np.random.Generator) -> np.ndarray:
    """Employees per (group, sector) in the base year, Flanders-sized."""
    sectors = list(_SECTOR_SHARES)
    shares = np.array([g[2] for g in _GROUPS])
    # Groups bound to one sector (soldiers, farmers) hardly occur elsewhere.
    affinity = np.array(
        [[_SECTOR_SHARES[s] * g[3].get(s, 0.02 if max(g[3].values()) >= 30 else 1.0) for s in sectors] for g in _GROUPS]
    )
    affinity *= rng.lognormal(0, 0.25, affinity.shape)
    affinity /= affinity.sum(axis=1, keepdims=True)
    return _EMPLOYEES_FLANDERS * (shares / shares.sum())[:, None] * affinity


def _projection_frame(rng: np.random.Generator, first_year: int) -> pd.DataFrame:
    base = _employment_base(rng)
    sectors = list(_SECTOR_SHARES)
    years = np.arange(first_year, first_year + 12)
    observed = years < first_year + 6
    growth = rng.normal(0.006, 0.012, len(_GROUPS))
    replacement_core = rng.uniform(0.01, 0.02, len(_GROUPS))
    replacement_old = rng.uniform(0.015, 0.035, len(_GROUPS))
    observed_noise = np.exp(rng.normal(0, 0.01, (len(_GROUPS), len(sectors), observed.sum())))
    frames = []
    for scenario, extra in (("BASIS", 0.0), ("HOOG", 0.004)):
        # Observed years are the same in both scenarios; only the projection differs.
        rate = growth[:, None] + np.where(observed, 0.0, extra)[None, :]
        level = np.cumprod(1 + rate, axis=1) / (1 + rate[:, :1])
        noise = np.exp(rng.normal(0, 0.01, (len(_GROUPS), len(sectors), len(years))))
        noise[:, :, observed] = observed_noise
        employment = np.round(base[:, :, None] * level[:, None, :] * noise)
        previous = np.concatenate(
            [np.round(employment[:, :, :1] / (1 + rate[:, None, :1])), employment[:, :, :-1]], axis=2
        )
        frames.append(
            pd.DataFrame(
                {
                    "group": np.repeat(np.arange(len(_GROUPS)), len(sectors) * len(years)),
                    "sector": np.tile(np.repeat(sectors, len(years)), len(_GROUPS)),
                    "scenario": scenario,
                    "jaar": np.tile(years, len(_GROUPS) * len(sectors)),
                    "type": np.tile(np.where(observed, "HISTORISCH", "PROJECTIE"), len(_GROUPS) * len(sectors)),
                    "werkgelegenheid": employment.ravel(),
                    "uitbreidingsvraag": (employment - previous).ravel(),
                    "vervangingsvraag_25_54": np.round(employment * replacement_core[:, None, None]).ravel(),
                    "vervangingsvraag_55plus": np.round(employment * replacement_old[:, None, None]).ravel(),
                }
            )
        )
    rows = pd.concat(frames, ignore_index=True)
    # Cells too small to publish are left out, as in the published tables.
    kept = rows.groupby(["group", "sector"])["werkgelegenheid"].transform("min") >= _MIN_CELL_EMPLOYMENT
    rows = rows[kept]
    totals = rows.groupby(["group", "scenario", "jaar", "type"], as_index=False)[
        ["werkgelegenheid", "uitbreidingsvraag", "vervangingsvraag_25_54", "vervangingsvraag_55plus"]
    ].sum()
    totals["sector"] = "TOTAAL"
    rows = pd.concat([rows, totals], ignore_index=True)
    rows["sector_order"] = rows["sector"].map({s: i for i, s in enumerate([*sectors, "TOTAAL"])})
    rows = rows.sort_values(["group", "sector_order", "scenario", "jaar"], kind="stable").reset_index(drop=True)
    rows["isco_code"] = [_GROUPS[g][0] for g in rows["group"]]
    rows["beroepsgroep"] = [_GROUPS[g][1] for g in rows["group"]]
    parts = ["uitbreidingsvraag", "vervangingsvraag_25_54", "vervangingsvraag_55plus"]
    rows[[*parts, "werkgelegenheid"]] = rows[[*parts, "werkgelegenheid"]].astype(np.int64)
    rows["aanwervingsbehoefte"] = rows[parts].sum(axis=1)
    return rows.loc[:, list(PROJECTIONS.columns)]


def _with_projection_defects(rng: np.random.Generator, rows: pd.DataFrame) -> pd.DataFrame:
    """A few hiring needs that do not add up, and one row delivered twice."""
    wrong = np.sort(rng.choice(len(rows), size=5, replace=False))
    column = rows.columns.get_loc("aanwervingsbehoefte")
    rows.iloc[wrong, column] = rows.iloc[wrong, column] + rng.integers(5, 250, len(wrong))
    repeated = int(rng.integers(len(rows)))
    return pd.concat([rows.iloc[: repeated + 1], rows.iloc[[repeated]], rows.iloc[repeated + 1 :]], ignore_index=True)


def write_projections(root: Path, rng: np.random.Generator, with_defects: bool) -> dict[str, int]:
    written = {}
    for edition, (first_year, notes) in _EDITIONS.items():
        rows = _projection_frame(rng, first_year)
        if with_defects:
            rows = _with_projection_defects(rng, rows)
        path = f"projections/beroepenprojecties_{edition}.xlsx"
        sheet_rows = [[note] if note else [] for note in notes]
        sheet_rows.append(list(PROJECTIONS.columns))
        sheet_rows.extend(list(r) for r in rows.itertuples(index=False, name=None))
        write_xlsx(root / path, "Aanwervingsbehoefte", sheet_rows)
        written[path] = len(rows)
    return written


# VDAB bottleneck occupations: ISCO-08 unit group and the occupations as the list names them.
_BOTTLENECK_OCCUPATIONS: tuple[tuple[str, str], ...] = tuple(
    (line[:4], line[5:])
    for line in """
1321 Productieverantwoordelijke
1324 Logistiek verantwoordelijke
1342 Hoofdverpleegkundige
1345 Directeur onderwijsinstelling
2141 Industrieel ingenieur
2142 Burgerlijk ingenieur bouwkunde
2144 Ingenieur elektromechanica
2145 Ingenieur chemie
2151 Ingenieur elektrotechniek
2161 Architect
2165 Landmeter-expert
2211 Huisarts
2212 Geneesheer-specialist
2221 Verpleegkundige (algemene zorg)
2221 Verpleegkundige (geriatrie)
2221 Verpleegkundige (psychiatrie)
2221 Verpleegkundige (thuisverpleging)
2221 Verpleegkundige (spoedgevallen en intensieve zorg)
2221 Verpleegkundige (pediatrie)
2222 Vroedvrouw
2261 Tandarts
2262 Apotheker
2264 Kinesitherapeut
2265 Diëtist
2266 Logopedist
2269 Ergotherapeut
2330 Leraar secundair onderwijs - wiskunde
2330 Leraar secundair onderwijs - Nederlands
2330 Leraar secundair onderwijs - Frans
2330 Leraar secundair onderwijs - wetenschappen
2330 Leraar technische vakken
2330 Leraar praktijkvakken
2341 Leraar lager onderwijs
2342 Kleuteronderwijzer
2352 Zorgcoördinator buitengewoon onderwijs
2411 Accountant
2411 Boekhouder-fiscalist
2412 Financieel adviseur
2421 Business analist
2423 HR-adviseur
2431 Marketingspecialist
2434 Technisch-commercieel vertegenwoordiger ICT
2511 ICT-analist
2512 Softwareontwikkelaar
2512 Full-stack ontwikkelaar
2513 Webontwikkelaar
2514 Applicatieprogrammeur
2521 Databankbeheerder
2522 Systeembeheerder
2523 Netwerkbeheerder
2529 Cybersecurity-specialist
2529 Data scientist
2611 Jurist
2634 Psycholoog
2635 Maatschappelijk werker
2635 Sociaal werker
3112 Technicus bouwkunde
3112 Werfleider
3113 Elektrotechnicus
3114 Elektronicatechnicus
3115 Technicus mechanica
3115 Onderhoudstechnicus
3116 Technicus chemie
3118 Technisch tekenaar
3119 Technicus HVAC
3122 Ploegbaas productie
3123 Ploegbaas bouw
3141 Laborant
3211 Technoloog medische beeldvorming
3212 Medisch laboratoriumtechnoloog
3213 Apothekersassistent
3221 Zorgkundige
3221 Verpleegassistent
3251 Tandartsassistent
3256 Medisch secretaris
3257 Preventieadviseur
3313 Boekhoudkundig medewerker
3322 Vertegenwoordiger
3323 Aankoper
3331 Expediteur
3339 Technisch-commercieel medewerker
3343 Directieassistent
3412 Opvoeder-begeleider
3412 Begeleider in de gehandicaptenzorg
3434 Chef-kok
3434 Souschef
3512 ICT-helpdeskmedewerker
3513 Netwerktechnicus
4110 Administratief bediende met talenkennis
4311 Loonadministratief medewerker
4321 Magazijnbeheerder
4323 Planner transport
5120 Kok
5120 Zelfstandig werkend kok
5131 Kelner
5132 Barman
5141 Kapper
5142 Schoonheidsspecialist
5223 Verkoopmedewerker vers (slager)
5223 Verkoopmedewerker vers (bakkerij)
5311 Kinderbegeleider
5311 Begeleider buitenschoolse opvang
5321 Zorgkundige in de ouderenzorg
5322 Polyvalent verzorgende
5322 Verzorgende thuiszorg
5414 Bewakingsagent
6113 Tuinaanlegger
6113 Groenbeheerder
6121 Veehouder
7112 Metselaar
7113 Steenhouwer
7114 Betonwerker
7115 Dakwerker (hout)
7115 Timmerman
7115 Bouwtimmerman
7119 Stukadoor
7121 Dakwerker
7122 Vloerder-tegelzetter
7123 Plafonneerder
7124 Isolatiewerker
7125 Glazenmaker
7126 Loodgieter
7126 Sanitair installateur
7126 Installateur centrale verwarming
7127 Koeltechnicus
7127 Installateur warmtepompen
7131 Schilder
7132 Spuiter
7211 Vormenmaker
7212 Lasser
7212 Lasser-monteerder
7213 Plaatwerker
7214 Constructiebankwerker
7222 Gereedschapsmaker
7223 CNC-operator
7223 Insteller-operator
7224 Slijper
7231 Mechanicien personenwagens
7231 Mechanicien vrachtwagens
7232 Vliegtuigtechnicus
7233 Onderhoudsmecanicien
7233 Mecanicien landbouwmachines
7311 Fijnmechanicus
7412 Elektromecanicien
7411 Elektricien
7411 Residentieel elektricien
7411 Industrieel elektricien
7413 Installateur hoogspanningslijnen
7421 Installateur zonnepanelen
7421 Domoticus
7422 Installateur telecommunicatie
7511 Slager
7512 Bakker
7512 Banketbakker
7522 Meubelmaker
7522 Schrijnwerker
7543 Kwaliteitscontroleur
8131 Procesoperator chemie
8160 Operator voedingsindustrie
8182 Stoomketelbediener
8212 Monteur elektrische apparaten
8322 Koerier
8331 Buschauffeur
8332 Vrachtwagenchauffeur
8332 Chauffeur internationaal transport
8342 Machinist grondverzet
8343 Kraanman
8344 Heftruckchauffeur
8344 Reachtruckchauffeur
9112 Schoonmaker in kantoren
9112 Schoonmaker in ziekenhuizen
9412 Keukenhulp
""".strip().splitlines()
)
_CAUSES = ("KWANTITATIEF", "KWALITATIEF", "ARBEIDSOMSTANDIGHEDEN")


def write_bottlenecks(root: Path, rng: np.random.Generator) -> dict[str, int]:
    """Two yearly lists drawn from the same occupations; the newer list adds and drops a few."""
    style = FileStyle(delimiter=";")
    written = {}
    for year, share in ((2025, 0.88), (2026, 0.93)):
        listed = np.flatnonzero(rng.random(len(_BOTTLENECK_OCCUPATIONS)) < share)
        causes = [
            "|".join(
                _CAUSES[i]
                for i in np.sort(rng.choice(3, size=int(rng.choice([1, 2, 3], p=[0.4, 0.4, 0.2])), replace=False))
            )
            for _ in listed
        ]
        rows = pd.DataFrame(
            {
                "jaar": str(year),
                "beroep": [_BOTTLENECK_OCCUPATIONS[i][1] for i in listed],
                "isco_code": [_BOTTLENECK_OCCUPATIONS[i][0] for i in listed],
                "oorzaken": causes,
            }
        )
        path = f"bottlenecks/knelpuntberoepen_{year}.csv"
        written[path] = write_csv(root / path, rows, style)
    return written


# Statbel population on 1 January 2024 by province (thousands) and the share of each adult age band.
_PROVINCES = {"10000": 1_901, "20001": 1_183, "30000": 1_224, "40000": 1_553, "70000": 893}
_AGE_SHARES = {"18-24": 0.077, "25-34": 0.124, "35-44": 0.128, "45-54": 0.129, "55-64": 0.137, "65+": 0.215}
_WOMEN_SHARE = {"18-24": 0.49, "25-34": 0.5, "35-44": 0.5, "45-54": 0.5, "55-64": 0.5, "65+": 0.56}
_ANNUAL_GROWTH = 0.005


def write_population(root: Path, rng: np.random.Generator) -> dict[str, int]:
    names = ["jaar", "provincie_nis", "geslacht", "leeftijdsklasse"]
    keys = pd.MultiIndex.from_product(
        [range(2021, 2027), list(_PROVINCES), ["M", "V"], list(_AGE_SHARES)], names=names
    ).to_frame(index=False)
    province = keys["provincie_nis"].map(_PROVINCES).to_numpy() * 1000
    age_share = keys["leeftijdsklasse"].map(_AGE_SHARES).to_numpy()
    women = keys["leeftijdsklasse"].map(_WOMEN_SHARE).to_numpy()
    sex_share = np.where(keys["geslacht"] == "V", women, 1 - women)
    trend = (1 + _ANNUAL_GROWTH) ** (keys["jaar"].to_numpy() - 2024)
    count = np.round(province * age_share * sex_share * trend * rng.normal(1, 0.004, len(keys))).astype(np.int64)
    rows = keys.astype(str).assign(aantal=count.astype(str))
    path = "population/bevolking_2021-2026.csv"
    return {path: write_csv(root / path, rows, FileStyle(delimiter=","))}
