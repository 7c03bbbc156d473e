"""European Digital Credentials (ELM v3 / EDC) issued by a few universities, modelled on the real examples.

Each credential carries awards that are *not* in the providers' CSV files (the provider issued them
through Europass instead), so nothing is counted twice. The credentials vary as real issuers' do
(landing-zone contract, awards/elm v2): every accepted shape (bare, with a BOM, signing envelope, EDC upload
wrapper, JWT, SD-JWT), language maps whose values are lists, the credit framework labelled "European Credit
Transfer System", local specification ids reused for different micro-credentials, award dates in
`awardedBy.awardingDate`, `provenBy.dateIssued` or only `validFrom`, `mode` as a list, joint awarding bodies,
accreditation, `thematicArea`, learners identified in `identifier[]`, and LearningActivity claims (a webinar)
that are not awards.
"""

import base64
import hashlib
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

_MAX_CREDENTIALS = 400
_MIN_CREDENTIALS = 4
_SHARE_OF_AWARDS = 0.01
_SHARE_TWO_CLAIMS = 0.25
_SHARE_NEW_SPECIFICATION = 0.15
_NEW_SPECIFICATIONS_PER_PROVIDER = 3
# Shapes as wallets and issuers deliver them; the first files take each shape once, so any sample has all.
_SHAPES = {"bare": 0.4, "bom": 0.05, "envelope": 0.3, "upload_wrapper": 0.1, "jwt": 0.08, "sd_jwt": 0.07}
_SHARE_LIST_LANGUAGE_MAPS = 0.5
_SHARE_ACTIVITY_CLAIM = 0.08
_SHARE_JOINT = 0.1
_SHARE_IDENTIFIER_LIST = 0.1
_SHARE_DAYS_DURATION = 0.1
_COUNTRY = "http://publications.europa.eu/resource/authority/country/"
_ENGLISH_NAMES = {"Universiteit Gent": "Ghent University", "Howest": "Howest University of Applied Sciences"}
# The EU vocabulary of modes of learning and assessment: concept id and label.
_MODES = {
    "FYSIEK": ("9191af2ed9", "Presential"),
    "ONLINE": ("920fbb3cbe", "Online"),
    "HYBRIDE": ("e92d221e4d", "Blended"),
}
_ASSESSMENTS = ("Written exam", "Portfolio", "Oral exam", "Graded exercises", "Project")
_ACCREDITATIONS = ("NVAO instellingsreview", "NVAO opleidingsaccreditatie")
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


def choose_elm_awards(rng: np.random.Generator, enrolments: pd.DataFrame, wanted: int | None = None) -> np.ndarray:
    """Indices of the awards that the ELM universities deliver as credentials instead of CSV rows."""
    elm_providers = [i for i, p in enumerate(PROVIDERS) if p.slug in ELM_PROVIDERS]
    awarded = (enrolments["status"] == "BEHAALD").to_numpy()
    candidates = np.flatnonzero(awarded & enrolments["provider"].isin(elm_providers).to_numpy())
    if wanted is None:
        wanted = min(max(_MIN_CREDENTIALS, round(_SHARE_OF_AWARDS * awarded.sum())), _MAX_CREDENTIALS)
    count = min(len(candidates), wanted)
    return np.sort(rng.choice(candidates, size=count, replace=False))


def _uuid(rng: np.random.Generator) -> str:
    h = rng.integers(0, 256, 16, dtype=np.uint8).tobytes().hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:]}"


class _Style:
    """How one issuer writes its credential: language maps with plain strings or with lists."""

    def __init__(self, lists: bool) -> None:
        self.lists = lists

    def text(self, **languages: str) -> dict[str, object]:
        return {lang: [value] if self.lists else value for lang, value in languages.items()}

    def concept(self, uri: str, label: str, scheme: str) -> dict[str, object]:
        return {
            "id": uri,
            "type": "Concept",
            "inScheme": {"id": scheme, "type": "ConceptScheme"},
            "prefLabel": self.text(en=label),
        }

    def country(self, code: str, label: str) -> dict[str, object]:
        concept = self.concept(_COUNTRY + code, label, _COUNTRY.rstrip("/"))
        concept["notation"] = "country"
        return concept


def _organisation(rng: np.random.Generator, style: _Style, provider: int, kbo: np.ndarray) -> dict[str, object]:
    name = PROVIDERS[provider].name
    org_id = _uuid(rng)
    address = {"id": f"urn:epass:address:{org_id}", "type": "Address", "countryCode": style.country("BEL", "Belgium")}
    location = {"id": f"urn:epass:location:{org_id}", "type": "Location", "address": address}
    organisation = {
        "id": f"urn:epass:org:{org_id}",
        "type": "Organisation",
        "legalName": style.text(nl=name, en=_ENGLISH_NAMES.get(name, name)),
        "registration": {
            "id": f"urn:epass:legalIdentifier:{org_id}",
            "type": "LegalIdentifier",
            "notation": str(kbo[provider]),
            "spatial": style.country("BEL", "Belgium"),
        },
        # The EBSI examples list locations and addresses; the EDC issuer writes single objects.
        "location": [{**location, "address": [address]}] if style.lists else location,
    }
    if rng.random() < 0.5:
        organisation["accreditation"] = _accreditation(rng, style)
    return organisation


def _accreditation(rng: np.random.Generator, style: _Style) -> dict[str, object]:
    return {
        "id": f"urn:epass:accreditation:{_uuid(rng)[:8]}",
        "type": "Accreditation",
        "title": style.text(nl=str(rng.choice(_ACCREDITATIONS))),
        "dcType": style.concept(
            "http://data.europa.eu/snb/accreditation/e0d6a4f7bd",
            "Quality assurance accreditation",
            "http://data.europa.eu/snb/accreditation/25831c2",
        ),
    }


def _duration(hours: float) -> str:
    whole, minutes = int(hours), round((hours - int(hours)) * 60)
    return f"PT{whole}H{minutes}M" if minutes else f"PT{whole}H"


def _specification(
    rng: np.random.Generator, style: _Style, spec_id: str, offer: dict[str, object]
) -> dict[str, object]:
    spec: dict[str, object] = {
        "id": spec_id,
        "type": "LearningAchievementSpecification",
        "title": style.text(nl=offer["title_nl"], en=offer["title_en"]),
    }
    volume, unit = offer["omvang_waarde"], offer["omvang_eenheid"]
    if unit == "ECTS" and not np.isnan(volume):
        label = "European Credit Transfer System" if rng.random() < 0.5 else "ECTS"
        credit = {
            "id": f"urn:epass:creditPoint:{_uuid(rng)[:8]}",
            "type": "CreditPoint",
            "point": f"{volume:g}",
            "framework": style.concept(
                "http://data.europa.eu/snb/education-credit/6fcec5c5af",
                label,
                "http://data.europa.eu/snb/education-credit/25831c2",
            ),
        }
        spec["creditPoint"] = [credit] if style.lists else credit
        if rng.random() < _SHARE_DAYS_DURATION:
            # As the EBSI diploma: the programme's length next to its credits (not read: credits come first).
            spec["volumeOfLearning"] = f"P{int(rng.integers(2, 60))}D"
    elif rng.random() < _SHARE_DAYS_DURATION:
        # A length of time, not a workload: the monitor reads no volume from it (a field issue).
        spec["volumeOfLearning"] = f"P{int(rng.integers(2, 60))}D"
    else:
        spec["volumeOfLearning"] = _duration(float(rng.choice([12.5, 20, 24, 45, 60])))
    if not np.isnan(offer["niveau"]):
        level = int(offer["niveau"])
        spec["eqfLevel"] = style.concept(
            f"http://data.europa.eu/snb/eqf/{level}", f"Level {level}", "http://data.europa.eu/snb/eqf/25831c2"
        )
    if offer.get("isced_f"):
        spec["thematicArea"] = style.concept(
            f"http://data.europa.eu/snb/isced-f/{offer['isced_f']}",
            "ISCED-F field",
            "http://data.europa.eu/snb/isced-f/25831c2",
        )
    skills = [s for s in str(offer["esco_skills"]).split("|") if s]
    outcomes = [o for o in str(offer["leeruitkomsten"]).split("|") if o]
    spec["learningOutcome"] = []
    for i, outcome in enumerate(outcomes):
        entry: dict[str, object] = {
            "id": f"urn:epass:learningOutcome:{_uuid(rng)[:8]}",
            "type": "LearningOutcome",
            "title": style.text(nl=outcome),
        }
        related = [
            style.concept(skill, "ESCO skill", "http://data.europa.eu/esco/concept-scheme/skills")
            for skill in skills[i :: len(outcomes)]
        ]
        if related:
            entry["relatedESCOSkill"] = related
        spec["learningOutcome"].append(entry)
    if offer["deelnamevorm"] in _MODES:
        concept_id, label = _MODES[str(offer["deelnamevorm"])]
        mode = style.concept(
            f"http://data.europa.eu/snb/learning-assessment/{concept_id}",
            label,
            "http://data.europa.eu/snb/learning-assessment/25831c2",
        )
        spec["mode"] = [mode] if style.lists else mode
    if rng.random() < 0.3:
        spec["accreditation"] = _accreditation(rng, style)
    return spec


def _claim(
    rng: np.random.Generator,
    style: _Style,
    number: int,
    bodies: list[dict[str, object]],
    spec: dict[str, object],
    awarded: str,
    grade: str,
) -> dict[str, object]:
    assessment: dict[str, object] = {
        "id": f"urn:epass:learningAssessment:{number}",
        "type": "LearningAssessment",
        "title": style.text(nl="Eindbeoordeling", en="Final assessment"),
    }
    if rng.random() < 0.8:
        assessment["specifiedBy"] = {
            "id": f"urn:epass:learningAssessmentSpec:{number}",
            "type": "LearningAssessmentSpecification",
            "title": style.text(en="Final assessment"),
            "dcType": style.concept(
                f"urn:epass:dcType:{_uuid(rng)[:8]}", str(rng.choice(_ASSESSMENTS)), "urn:epass:inScheme:assessment"
            ),
        }
    if grade:
        assessment["grade"] = {"id": f"urn:epass:note:{number}", "type": "Note", "noteLiteral": style.text(nl=grade)}
    awarding: dict[str, object] = {
        "id": f"urn:epass:awardingProcess:{number}",
        "type": "AwardingProcess",
        "awardingBody": bodies if len(bodies) > 1 or style.lists else bodies[0],
    }
    # Where the award date sits differs per issuer; none of them: the credential's validFrom holds it.
    where = rng.random()
    if where < 0.55:
        assessment["dateIssued"] = awarded
    elif where < 0.85:
        awarding["awardingDate"] = awarded
    return {
        "id": f"urn:epass:learningAchievement:{number}",
        "type": "LearningAchievement",
        "title": spec["title"],
        "awardedBy": awarding,
        "provenBy": assessment,
        "specifiedBy": spec,
    }


def _activity(style: _Style, number: int, bodies: list[dict[str, object]]) -> dict[str, object]:
    """A webinar the learner attended: a LearningActivity claim, not a micro-credential award."""
    return {
        "id": f"urn:epass:learningActivity:{number}",
        "type": "LearningActivity",
        "title": style.text(en="Webinar"),
        "awardedBy": {
            "id": f"urn:epass:awardingProcess:{number}",
            "type": "AwardingProcess",
            "awardingBody": bodies[0],
        },
        "specifiedBy": {
            "id": "urn:epass:learningActivitySpec:1",
            "type": "LearningActivitySpecification",
            "title": style.text(en="Watching presentations during the webinar"),
            "mode": [
                style.concept(
                    "http://data.europa.eu/snb/learning-assessment/920fbb3cbe",
                    "Online",
                    "http://data.europa.eu/snb/learning-assessment/25831c2",
                )
            ],
        },
    }


def _timestamp(rng: np.random.Generator, when: np.datetime64) -> str:
    seconds = int(rng.integers(8 * 3600, 18 * 3600))
    return f"{np.datetime_as_string(when, unit='D')}T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}Z"


def _credential(
    style: _Style,
    credential_id: str,
    person: dict[str, object],
    claims: list[dict[str, object]],
    issuer: dict[str, object],
    awarded: str,
    issued: str,
) -> dict[str, object]:
    return {
        "@context": ["https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"],
        "id": f"urn:credential:{credential_id}",
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialSchema": {"id": "http://data.europa.eu/snb/model/ap/edc-generic-full", "type": "ShaclValidator2017"},
        "issuer": issuer,
        "validFrom": awarded,
        "issuanceDate": issued,
        "issued": issued,
        "credentialSubject": {**person, "hasClaim": claims[0] if len(claims) == 1 else claims},
        "displayParameter": {
            "id": "urn:epass:displayParameter:1",
            "type": "DisplayParameter",
            "title": style.text(nl="Microcredential", en="Microcredential"),
        },
    }


def _person(rng: np.random.Generator, style: _Style, notation: str, country: tuple[str, str]) -> dict[str, object]:
    name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
    identifier = {
        "id": f"urn:epass:nationalID:{_uuid(rng)[:8]}",
        "type": "LegalIdentifier",
        "notation": notation,
        "spatial": style.country(*country),
    }
    person: dict[str, object] = {"id": "urn:epass:person:1", "type": "Person", "fullName": style.text(nl=name)}
    if country[0] == "BEL" and rng.random() < _SHARE_IDENTIFIER_LIST:
        # Some issuers list the INSZ among the learner's identifiers, after a student number.
        student = {
            "id": "urn:epass:identifier:1",
            "type": "Identifier",
            "notation": str(rng.integers(10**6, 10**7)),
            "schemeName": "Studentennummer",
        }
        person["identifier"] = [student, {**identifier, "type": "Identifier", "schemeName": "INSZ"}]
    else:
        person["nationalID"] = identifier
    return person


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _signature_parts(rng: np.random.Generator) -> dict[str, str]:
    return {
        "kid": _b64(rng.integers(0, 256, 24, dtype=np.uint8).tobytes()),
        "signature": _b64(rng.integers(0, 256, 64, dtype=np.uint8).tobytes()),
    }


def _envelope(rng: np.random.Generator, credential: dict[str, object], issued: str) -> dict[str, object]:
    parts = _signature_parts(rng)
    header = {"alg": "ES256", "cty": "json", "kid": parts["kid"], "sigT": issued}
    return {
        "payload": json.dumps(credential, ensure_ascii=False, separators=(",", ":")),
        "signatures": [
            {
                "protected": _b64(json.dumps(header).encode()),
                "header": {"etsiU": [_b64(rng.integers(0, 256, 96, dtype=np.uint8).tobytes())]},
                "signature": parts["signature"],
            }
        ],
    }


def _upload_wrapper(credential: dict[str, object]) -> dict[str, object]:
    """What the EDC issuer's upload interface takes: the credential plus where to deliver it."""
    return {"credential": credential, "deliveryDetails": {"deliveryAddress": ["mailto:lerende@example.org"]}}


def _jwt(rng: np.random.Generator, credential: dict[str, object], selective: bool) -> str:
    """A compact VC-JWT; as SD-JWT the learner's national ID is selectively disclosed."""
    subject = dict(credential["credentialSubject"])
    disclosures = []
    if selective:
        for name in ("nationalID", "identifier"):
            if name in subject:
                salt = _b64(rng.integers(0, 256, 16, dtype=np.uint8).tobytes())
                disclosure = _b64(json.dumps([salt, name, subject.pop(name)], ensure_ascii=False).encode())
                subject["_sd"] = [_b64(hashlib.sha256(disclosure.encode()).digest())]
                disclosures.append(disclosure)
    parts = _signature_parts(rng)
    header = {"alg": "ES256", "typ": "vc+sd-jwt" if selective else "JWT", "kid": parts["kid"]}
    payload = {"iss": "did:ebsi:issuer", "vc": {**credential, "credentialSubject": subject}}
    encoded = [_b64(json.dumps(part, ensure_ascii=False).encode()) for part in (header, payload)]
    token = ".".join([*encoded, parts["signature"]])
    return token + "".join(f"~{d}" for d in disclosures) + ("~" if selective else "")


def _new_specifications(rng: np.random.Generator) -> dict[int, list[tuple[str, dict]]]:
    """Per ELM provider a few micro-credentials that exist only as credentials (no catalogue row). Their
    issuers number specifications locally, so the same id names different micro-credentials."""
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
                    f"urn:epass:learningAchievementSpec:{1 + k % 2}",
                    {
                        "title_nl": theme.title_nl + " (digitaal certificaat)",
                        "title_en": theme.title_en + " (digital credential)",
                        "omvang_waarde": float(rng.choice([3, 4, 6])) if rng.random() < 0.6 else np.nan,
                        "omvang_eenheid": "ECTS",
                        "niveau": float(rng.integers(5, 8)),
                        "isced_f": theme.isced,
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
    """(notation, country, provider, award day, [(spec id, spec fields, grade)]) per credential."""
    new_specs = _new_specifications(rng)
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
        awarded = random_days(rng, np.array([day(ENROLMENTS_FROM)]), np.array([day(ENROLMENTS_UNTIL)]))[0]
        offer = int(rng.choice(by_provider[provider]))
        yield notation, (code, label), provider, awarded, [(*specification(provider, offer), "15/20")]


def _shape(rng: np.random.Generator, number: int) -> str:
    shapes = list(_SHAPES)
    return shapes[number] if number < len(shapes) else str(rng.choice(shapes, p=list(_SHAPES.values())))


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
    """Write the credentials (plus the unreadable ones when defects are on); returns {path: claims}."""
    foreign = max(2, round(0.02 * len(chosen))) if with_defects else 0
    plans = list(_credential_plans(rng, chosen, enrolments, offers, learners, foreign))
    others = [p for p in range(len(PROVIDERS)) if PROVIDERS[p].slug in ELM_PROVIDERS]
    written: dict[str, int] = {}
    for number, (notation, country, provider, award_day, claims) in enumerate(
        tqdm(plans, desc="awards/elm", unit="file", disable=not progress)
    ):
        style = _Style(lists=rng.random() < _SHARE_LIST_LANGUAGE_MAPS)
        awarded = _timestamp(rng, award_day)
        # The credential is issued on the award day or up to two weeks later.
        issued = _timestamp(rng, award_day + np.timedelta64(int(rng.integers(0, 15)), "D"))
        bodies = [_organisation(rng, style, provider, kbo)]
        if rng.random() < _SHARE_JOINT:
            bodies.append(_organisation(rng, style, int(rng.choice([p for p in others if p != provider])), kbo))
        claim_objects = [
            _claim(rng, style, i + 1, bodies, _specification(rng, style, spec_id, fields), awarded, grade)
            for i, (spec_id, fields, grade) in enumerate(claims)
        ]
        if number == 2 or rng.random() < _SHARE_ACTIVITY_CLAIM:
            claim_objects.append(_activity(style, len(claim_objects) + 1, bodies))
        credential_id = _uuid(rng)
        person = _person(rng, style, notation, country)
        credential = _credential(style, credential_id, person, claim_objects, bodies[0], awarded, issued)
        shape = _shape(rng, number)
        path = (
            f"awards/elm/{credential_id}.{ {'envelope': 'jsonld', 'jwt': 'jwt', 'sd_jwt': 'jwt'}.get(shape, 'json') }"
        )
        if shape in ("jwt", "sd_jwt"):
            (root / path).write_text(_jwt(rng, credential, selective=shape == "sd_jwt"), encoding="ascii")
        elif shape == "bom":
            (root / path).write_text("\ufeff" + json.dumps(credential, ensure_ascii=False, indent=2), encoding="utf-8")
        elif shape == "envelope":
            write_json(root / path, _envelope(rng, credential, issued))
        elif shape == "upload_wrapper":
            write_json(root / path, _upload_wrapper(credential))
        else:
            write_json(root / path, credential)
        written[path] = len(claim_objects)
        if with_defects and number == 0:
            written |= _unreadable_files(root, rng, credential)
    return written


def _unreadable_files(root: Path, rng: np.random.Generator, credential: dict[str, object]) -> dict[str, int]:
    """A truncated file, a credential without its subject and an accreditation: each is rejected."""
    text = json.dumps(credential, ensure_ascii=False, indent=2)
    (root / "awards/elm/kapot.json").write_text(text[: len(text) // 3], encoding="utf-8")
    subjectless = {k: v for k, v in credential.items() if k != "credentialSubject"}
    subjectless["id"] = f"urn:credential:{_uuid(rng)}"
    accreditation = {
        **{k: v for k, v in credential.items() if k not in ("credentialSubject", "type")},
        "id": f"urn:credential:{_uuid(rng)}",
        "type": ["VerifiableCredential", "VerifiableAttestation", "VerifiableAccreditationToAttest"],
        "credentialSubject": {"id": "did:ebsi:issuer", "accreditedFor": [{"schemaId": "edc-generic-full"}]},
    }
    written = {"awards/elm/kapot.json": 0}
    for document in (subjectless, accreditation):
        path = f"awards/elm/{document['id'].split(':')[-1]}.json"
        write_json(root / path, document)
        written[path] = 0
    return written
