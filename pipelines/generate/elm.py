"""European Digital Credentials (ELM v3 / EDC) issued by a few universities, modelled on the real examples.

Each credential carries awards that are *not* in the providers' CSV files (the provider issued them
through Europass instead), so nothing is counted twice. Half are bare credentials, half arrive in a
signing envelope, as the two reference files do.
"""

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from .learners import Learners
from .period import ENROLMENTS_FROM, ENROLMENTS_UNTIL, day, random_days
from .providers import ELM_PROVIDERS, PROVIDERS
from .themes import THEMES
from .writers import write_json

MAX_CREDENTIALS = 400
_MIN_CREDENTIALS = 4
_SHARE_OF_AWARDS = 0.01
_SHARE_TWO_CLAIMS = 0.25
_SHARE_NEW_SPECIFICATION = 0.15
_NEW_SPECIFICATIONS_PER_PROVIDER = 3
_COUNTRY = "http://publications.europa.eu/resource/authority/country/"
_ENGLISH_NAMES = {"Universiteit Gent": "Ghent University", "Howest": "Howest University of Applied Sciences"}
_MODES = {"FYSIEK": "On-site", "ONLINE": "Online", "HYBRIDE": "Blended"}
_FOREIGN_IDS = (("NLD", "Netherlands", "123456782"), ("ESP", "Spain", "12345678Z"), ("DEU", "Germany", "L01X00T47"))
_FIRST_NAMES = ("Lotte", "Jonas", "Emma", "Wout", "Fien", "Lars", "Noor", "Arne", "Hanne", "Ruben", "Elise", "Stijn")
_LAST_NAMES = (
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Vermeulen",
    "Van den Broeck",
)


def choose_elm_awards(rng: np.random.Generator, enrolments: pd.DataFrame) -> np.ndarray:
    """Indices of the awards that the ELM universities deliver as credentials instead of CSV rows."""
    elm_providers = [i for i, p in enumerate(PROVIDERS) if p.slug in ELM_PROVIDERS]
    awarded = (enrolments["status"] == "BEHAALD").to_numpy()
    candidates = np.flatnonzero(awarded & enrolments["provider"].isin(elm_providers).to_numpy())
    wanted = max(_MIN_CREDENTIALS, round(_SHARE_OF_AWARDS * awarded.sum()))
    count = min(len(candidates), wanted, MAX_CREDENTIALS)
    return np.sort(rng.choice(candidates, size=count, replace=False))


def _uuid(rng: np.random.Generator) -> str:
    h = rng.integers(0, 256, 16, dtype=np.uint8).tobytes().hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:]}"


def _concept(uri: str, label: str, scheme: str) -> dict[str, object]:
    return {
        "id": uri,
        "type": "Concept",
        "inScheme": {"id": scheme, "type": "ConceptScheme"},
        "prefLabel": {"en": label},
    }


def _country(code: str, label: str) -> dict[str, object]:
    concept = _concept(_COUNTRY + code, label, _COUNTRY.rstrip("/"))
    concept["notation"] = "country"
    return concept


def _organisation(rng: np.random.Generator, provider: int, kbo: np.ndarray) -> dict[str, object]:
    name = PROVIDERS[provider].name
    org_id = _uuid(rng)
    return {
        "id": f"urn:epass:org:{org_id}",
        "type": "Organisation",
        "legalName": {"nl": name, "en": _ENGLISH_NAMES.get(name, name)},
        "registration": {
            "id": f"urn:epass:legalIdentifier:{org_id}",
            "type": "LegalIdentifier",
            "notation": str(kbo[provider]),
            "spatial": _country("BEL", "Belgium"),
        },
        "location": {
            "id": f"urn:epass:location:{org_id}",
            "type": "Location",
            "address": {
                "id": f"urn:epass:address:{org_id}",
                "type": "Address",
                "countryCode": _country("BEL", "Belgium"),
            },
        },
    }


def _duration(hours: float) -> str:
    whole, minutes = int(hours), round((hours - int(hours)) * 60)
    return f"PT{whole}H{minutes}M" if minutes else f"PT{whole}H"


def _specification(rng: np.random.Generator, spec_id: str, offer: dict[str, object]) -> dict[str, object]:
    spec: dict[str, object] = {
        "id": spec_id,
        "type": "Qualification",
        "title": {"nl": offer["title_nl"], "en": offer["title_en"]},
    }
    volume, unit = offer["omvang_waarde"], offer["omvang_eenheid"]
    if unit == "ECTS" and not np.isnan(volume):
        spec["creditPoint"] = {
            "id": f"urn:epass:creditPoint:{_uuid(rng)[:8]}",
            "type": "CreditPoint",
            "point": f"{volume:g}",
            "framework": _concept(
                "http://data.europa.eu/snb/education-credit/6fcec5c5af",
                "ECTS",
                "http://data.europa.eu/snb/education-credit/25831c2",
            ),
        }
    else:
        spec["volumeOfLearning"] = _duration(float(rng.choice([12.5, 20, 24, 45, 60])))
    if not np.isnan(offer["niveau"]):
        level = int(offer["niveau"])
        spec["eqfLevel"] = _concept(
            f"http://data.europa.eu/snb/eqf/{level}", f"Level {level}", "http://data.europa.eu/snb/eqf/25831c2"
        )
    skills = [s for s in str(offer["esco_skills"]).split("|") if s]
    outcomes = [o for o in str(offer["leeruitkomsten"]).split("|") if o]
    spec["learningOutcome"] = []
    for i, outcome in enumerate(outcomes):
        entry: dict[str, object] = {
            "id": f"urn:epass:learningOutcome:{_uuid(rng)[:8]}",
            "type": "LearningOutcome",
            "title": {"nl": outcome},
        }
        related = [
            _concept(skill, "ESCO skill", "http://data.europa.eu/esco/skill") for skill in skills[i :: len(outcomes)]
        ]
        if related:
            entry["relatedESCOSkill"] = related
        spec["learningOutcome"].append(entry)
    if offer["deelnamevorm"] in _MODES:
        spec["mode"] = _concept(
            f"http://data.europa.eu/snb/learning-assessment/{_uuid(rng)[:10]}",
            _MODES[str(offer["deelnamevorm"])],
            "http://data.europa.eu/snb/learning-assessment/25831c2",
        )
    return spec


def _claim(
    rng: np.random.Generator,
    number: int,
    organisation: dict[str, object],
    spec: dict[str, object],
    issued: str,
    grade: str,
) -> dict[str, object]:
    assessment: dict[str, object] = {
        "id": f"urn:epass:learningAssessment:{number}",
        "type": "LearningAssessment",
        "title": {"nl": "Eindbeoordeling", "en": "Final assessment"},
        "dateIssued": issued,
    }
    if grade:
        assessment["grade"] = {
            "id": f"urn:epass:note:{number}",
            "type": "Note",
            "noteLiteral": {"nl": grade, "en": grade},
        }
    return {
        "id": f"urn:epass:learningAchievement:{number}",
        "type": "LearningAchievement",
        "title": spec["title"],
        "awardedBy": {
            "id": f"urn:epass:awardingProcess:{number}",
            "type": "AwardingProcess",
            "awardingBody": organisation,
        },
        "provenBy": assessment,
        "specifiedBy": spec,
    }


def _timestamp(rng: np.random.Generator, when: np.datetime64) -> str:
    seconds = int(rng.integers(8 * 3600, 18 * 3600))
    return f"{np.datetime_as_string(when, unit='D')}T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}Z"


def _credential(
    credential_id: str,
    person: dict[str, object],
    claims: list[dict[str, object]],
    issuer: dict[str, object],
    issued: str,
) -> dict[str, object]:
    return {
        "@context": ["https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"],
        "id": f"urn:credential:{credential_id}",
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialSchema": {"id": "http://data.europa.eu/snb/model/ap/edc-generic-full", "type": "ShaclValidator2017"},
        "issuer": issuer,
        "issuanceDate": issued,
        "issued": issued,
        "validFrom": issued,
        "credentialSubject": {**person, "hasClaim": claims[0] if len(claims) == 1 else claims},
        "displayParameter": {
            "id": "urn:epass:displayParameter:1",
            "type": "DisplayParameter",
            "title": {"nl": "Microcredential", "en": "Microcredential"},
        },
    }


def _person(rng: np.random.Generator, notation: str, country: tuple[str, str]) -> dict[str, object]:
    name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
    return {
        "id": "urn:epass:person:1",
        "type": "Person",
        "fullName": {"nl": name},
        "nationalID": {
            "id": f"urn:epass:nationalID:{_uuid(rng)[:8]}",
            "type": "LegalIdentifier",
            "notation": notation,
            "spatial": _country(*country),
        },
    }


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _envelope(rng: np.random.Generator, credential: dict[str, object], issued: str) -> dict[str, object]:
    header = {
        "alg": "ES256",
        "cty": "json",
        "kid": _b64(rng.integers(0, 256, 24, dtype=np.uint8).tobytes()),
        "sigT": issued,
    }
    return {
        "payload": json.dumps(credential, ensure_ascii=False, separators=(",", ":")),
        "signatures": [
            {
                "protected": _b64(json.dumps(header).encode()),
                "header": {"etsiU": [_b64(rng.integers(0, 256, 96, dtype=np.uint8).tobytes())]},
                "signature": _b64(rng.integers(0, 256, 64, dtype=np.uint8).tobytes()),
            }
        ],
    }


def _new_specifications(rng: np.random.Generator, offers: pd.DataFrame) -> dict[int, list[tuple[str, dict]]]:
    """Per ELM provider a few micro-credentials that exist only as credentials (no catalogue row)."""
    academic = [i for i, t in enumerate(THEMES) if "HO" in t.kinds]
    specs: dict[int, list[tuple[str, dict]]] = {}
    for index, provider in enumerate(PROVIDERS):
        if provider.slug not in ELM_PROVIDERS:
            continue
        specs[index] = []
        for k in range(_NEW_SPECIFICATIONS_PER_PROVIDER):
            theme = THEMES[int(rng.choice(academic))]
            specs[index].append(
                (
                    f"{provider.prefix}-MC-E{k + 1:03d}",
                    {
                        "title_nl": theme.title_nl + " (digitaal certificaat)",
                        "title_en": theme.title_en + " (digital credential)",
                        "omvang_waarde": float(rng.choice([3, 4, 6])) if rng.random() < 0.6 else np.nan,
                        "omvang_eenheid": "ECTS",
                        "niveau": float(rng.integers(5, 8)),
                        "esco_skills": "",
                        "leeruitkomsten": "|".join(theme.outcomes[:2]),
                        "deelnamevorm": str(rng.choice(list(_MODES))),
                    },
                )
            )
    return specs


def _credential_plans(
    rng: np.random.Generator,
    chosen: pd.DataFrame,
    enrolments: pd.DataFrame,
    offers: pd.DataFrame,
    learners: Learners,
    foreign: int,
) -> Iterator[tuple[str, tuple[str, str], int, np.datetime64, list[tuple[str, dict, str]]]]:
    """(notation, country, provider, issue day, [(spec id, spec fields, grade)]) per credential."""
    new_specs = _new_specifications(rng, offers)
    offer_rows = offers.to_dict("records")
    theirs = enrolments[enrolments["learner"].isin(chosen["learner"])]
    taken = set(zip(theirs["learner"], theirs["offer"], strict=True))
    # Only offers that learners enrol in: those are never picked for a quarantine defect.
    enrollable = offers["popularity"].to_numpy() > 0
    by_provider = {p: np.flatnonzero((offers["provider"].to_numpy() == p) & enrollable) for p in new_specs}

    def specification(provider: int, offer: int) -> tuple[str, dict]:
        if rng.random() < _SHARE_NEW_SPECIFICATION:
            return new_specs[provider][int(rng.integers(len(new_specs[provider])))]
        return str(offer_rows[offer]["mc_id"]), offer_rows[offer]

    for position, row in enumerate(chosen.itertuples(index=False)):
        claims = [(*specification(row.provider, row.offer), str(row.grade))]
        # The second credential always has two claims, so both shapes of hasClaim occur in any sample.
        if position == 1 or rng.random() < _SHARE_TWO_CLAIMS:
            others = [o for o in by_provider[row.provider] if o != row.offer and (row.learner, o) not in taken]
            if others:
                claims.append((*specification(row.provider, int(rng.choice(others))), str(row.grade)))
        notation = str(learners.insz[row.learner]).zfill(11)
        yield notation, ("BEL", "Belgium"), row.provider, np.datetime64(row.awarded, "D"), claims
    for k in range(foreign):
        provider = int(rng.choice(list(new_specs)))
        code, label, notation = _FOREIGN_IDS[k % len(_FOREIGN_IDS)]
        issued = random_days(rng, np.array([day(ENROLMENTS_FROM)]), np.array([day(ENROLMENTS_UNTIL)]))[0]
        offer = int(rng.choice(by_provider[provider]))
        yield notation, (code, label), provider, issued, [(*specification(provider, offer), "15/20")]


def write_elm_files(
    root: Path,
    rng: np.random.Generator,
    chosen: pd.DataFrame,
    enrolments: pd.DataFrame,
    offers: pd.DataFrame,
    learners: Learners,
    kbo: np.ndarray,
    with_defects: bool,
    progress: bool,
) -> dict[str, int]:
    """Write the credentials (plus the two unreadable ones when defects are on); returns {path: claims}."""
    foreign = max(2, round(0.02 * len(chosen))) if with_defects else 0
    plans = list(_credential_plans(rng, chosen, enrolments, offers, learners, foreign))
    written: dict[str, int] = {}
    for number, (notation, country, provider, issued_day, claims) in enumerate(
        tqdm(plans, desc="awards/elm", unit="file", disable=not progress)
    ):
        issued = _timestamp(rng, issued_day)
        organisation = _organisation(rng, provider, kbo)
        claim_objects = [
            _claim(rng, i + 1, organisation, _specification(rng, spec_id, fields), issued, grade)
            for i, (spec_id, fields, grade) in enumerate(claims)
        ]
        credential_id = _uuid(rng)
        credential = _credential(credential_id, _person(rng, notation, country), claim_objects, organisation, issued)
        signed = number % 2 == 1 if number < 2 else rng.random() < 0.5
        path = f"awards/elm/{credential_id}.{'jsonld' if signed else 'json'}"
        write_json(root / path, _envelope(rng, credential, issued) if signed else credential)
        written[path] = len(claim_objects)
        if with_defects and number == 0:
            text = json.dumps(credential, ensure_ascii=False, indent=2)
            (root / "awards/elm/kapot.json").write_text(text[: len(text) // 3], encoding="utf-8")
            written["awards/elm/kapot.json"] = 0
            subjectless = {k: v for k, v in credential.items() if k != "credentialSubject"}
            subjectless["id"] = f"urn:credential:{_uuid(rng)}"
            path = f"awards/elm/{subjectless['id'].split(':')[-1]}.json"
            write_json(root / path, subjectless)
            written[path] = 0
    return written
