"""The real European Digital Credentials of ../shared/reference/elm-examples, field by field (contract v2).

None of their learners has a Belgian INSZ and their awarding bodies' registration numbers are no KBO
numbers (`987654321` has nine digits, NETIS's `1532332000` fails the check). Each file is therefore
loaded as a Flemish issuer would fill it: the learner's INSZ in `nationalID` (country Belgium) and a
KBO number in each awarding body's registration. Nothing else in the files is changed, except where a
test says which element it adds or breaks. A signed file is re-wrapped in its own envelope (signatures
are not verified).
"""

import copy
import datetime as dt
import hashlib
import json
import shutil
from typing import NamedTuple

import pytest

from tests.helpers import ELM_EXAMPLES, P1, P2, insz, query, write
from tests.test_elm import BEL, jwt, load_credentials, sd_jwt

pytestmark = pytest.mark.skipif(
    not ELM_EXAMPLES.is_dir(),
    reason="../shared/reference/elm-examples ontbreekt (een kale kloon heeft ../shared niet): "
    "de echte credentials kunnen niet getest worden",
)

ACHIEVEMENTS = (
    "edc-microcredential-example.json",
    "edc-microcredential-signed.jsonld",
    "ebsi/ebsi-Microcredential_-_Data_and_software_business.json",
    "ebsi/ebsi-Bengales_highSchoolDiploma.json",
    "ebsi/ebsi-DigiComp_Generic.json",
    "ebsi/ebsi-Diploma_rntuo_credential.json",
    "ebsi/ebsi-Francisco_Cruz_Argudo_Certificate_of_Completion.json",
    "ebsi/ebsi-Transcript_of_records_-_generic.json",
)
ACTIVITIES = tuple(
    f"mynextid/mynextid-edc-{kind}-{form}"
    for kind in ("cas", "coa", "coe", "cps", "dc", "matriculation")
    for form in ("example.json", "signed.jsonld")
)
MICRO = "ebsi/ebsi-Microcredential_-_Data_and_software_business.json"
# Folders of the zone holding variants of the real files made for one rule (not the files as published).
VARIANTS = "/(origineel|kapot|vormen|lerende|datum|omvang)/"


def listed(value):
    return value if isinstance(value, list) else [value]


def read(name: str) -> tuple[dict, dict | None]:
    """The credential of a real file, and its signing envelope if it has one."""
    document = json.loads((ELM_EXAMPLES / name).read_text(encoding="utf-8-sig"))
    if "payload" in document:
        return json.loads(document["payload"]), document
    return document, None


def as_flemish(credential: dict, national_id: str, kbo: str = P1) -> dict:
    """The learner's INSZ and the awarding bodies' KBO number filled in, as a Flemish issuer does."""
    credential = copy.deepcopy(credential)
    subject = credential["credentialSubject"]
    subject.pop("identifier", None)
    subject["nationalID"] = {"notation": national_id, "spatial": {"id": BEL}}
    for claim in listed(subject["hasClaim"]):
        for body in listed(claim["awardedBy"]["awardingBody"]):
            body["registration"]["notation"] = kbo
    return credential


def write_credential(landing, path: str, credential: dict, envelope: dict | None = None) -> None:
    document = {**envelope, "payload": json.dumps(credential)} if envelope else credential
    write(landing, f"awards/elm/{path}", json.dumps(document))


def first_claim(credential: dict) -> dict:
    return listed(credential["credentialSubject"]["hasClaim"])[0]


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    root = tmp_path_factory.mktemp("elm_real")
    landing = root / "landing"
    for number, name in enumerate(ACHIEVEMENTS + ACTIVITIES, start=1):
        credential, envelope = read(name)
        write_credential(landing, name, as_flemish(credential, insz("1985-07-30", number)), envelope)
    # The original example, as published: its learner's ID is Spanish.
    (landing / "awards/elm/origineel").mkdir(parents=True)
    shutil.copy(ELM_EXAMPLES / "edc-microcredential-example.json", landing / "awards/elm/origineel/edc.json")
    # The same micro-credential issued to three more learners, in three more shapes.
    micro, _ = read(MICRO)
    for number in range(3):
        flemish = as_flemish(micro, insz("1990-01-15", number + 1))
        if number == 0:
            write_credential(landing, "heruitgereikt/upload.json", {"credential": flemish, "deliveryDetails": {}})
        elif number == 1:
            write(landing, "awards/elm/heruitgereikt/wallet.jwt", sd_jwt(flemish))
        else:
            write(landing, "awards/elm/heruitgereikt/bom.json", "\ufeff" + json.dumps(flemish))
    # The elements no shared file carries, added to the real micro-credential: accreditation, thematic area,
    # a list-valued "Presential" mode and a second awarding body (a joint offer), from another provider.
    joint = as_flemish(micro, insz("1991-03-03", 5), kbo=P2)
    achievement = first_claim(joint)
    spec = listed(achievement["specifiedBy"])[0]
    spec["title"] = {"en": ["Data and software business (joint)"]}
    spec["mode"] = [
        {"id": "http://data.europa.eu/snb/learning-assessment/9191af2ed9", "prefLabel": {"en": ["Presential"]}}
    ]
    spec["thematicArea"] = {"id": "http://data.europa.eu/snb/isced-f/0413", "prefLabel": {"en": ["Management"]}}
    body = listed(achievement["awardedBy"]["awardingBody"])[0]
    body["accreditation"] = [{"id": "urn:epass:accreditation:1", "title": {"nl": ["NVAO instellingsreview"]}}]
    # The partner names its KBO number in legalIdentifier, the other place the contract reads it from.
    partner = {k: v for k, v in copy.deepcopy(body).items() if k != "registration"} | {
        "legalIdentifier": {"notation": P1}
    }
    achievement["awardedBy"]["awardingBody"] = [body, partner]
    proof = achievement["provenBy"][0]
    proof["specifiedBy"]["dcType"] = {"id": "urn:epass:dcType:1", "prefLabel": {"en": ["Portfolio"]}}
    proof["grade"]["noteLiteral"] = {"en": ["16/20, lerende 85.07.30-033.28"]}
    write_credential(landing, "aangevuld/joint.json", joint)
    # Other shapes of real credentials: a compact VC-JWT, and an attestation without claims (no award).
    edc, _ = read("edc-microcredential-example.json")
    write(landing, "awards/elm/vormen/edc.jwt", jwt({"vc": as_flemish(edc, insz("1992-05-05", 1))}))
    transcript, _ = read("ebsi/ebsi-Transcript_of_records_-_generic.json")
    attestation = as_flemish(transcript, insz("1992-05-05", 2))
    del attestation["credentialSubject"]["hasClaim"]
    write_credential(landing, "vormen/attest.json", attestation)
    # The learner among its identifiers: an INSZ named as such beside the student number the file has; and
    # the student number alone, as published (with a KBO number filled in), which is no Belgian ID.
    listed_id = as_flemish(transcript, insz("1992-05-05", 3))
    del listed_id["credentialSubject"]["nationalID"]
    listed_id["credentialSubject"]["identifier"] = [
        *transcript["credentialSubject"]["identifier"],
        {"id": "urn:epass:identifier:9", "notation": insz("1992-05-05", 3), "schemeName": "INSZ"},
    ]
    write_credential(landing, "lerende/identifier.json", listed_id)
    student_only = as_flemish(transcript, "")
    student_only["credentialSubject"] = {
        **transcript["credentialSubject"],
        "hasClaim": student_only["credentialSubject"]["hasClaim"],
    }
    write_credential(landing, "lerende/studentennummer.json", student_only)
    # Award dates: without validFrom the credential's issuanceDate holds it; without any date, no award.
    completion, _ = read("ebsi/ebsi-Francisco_Cruz_Argudo_Certificate_of_Completion.json")
    issued_only = as_flemish(completion, insz("1992-05-05", 4))
    del issued_only["validFrom"]
    write_credential(landing, "datum/uitgifte.json", issued_only)
    undated = {k: v for k, v in issued_only.items() if k not in ("issuanceDate", "issued")}
    undated["credentialSubject"] = {
        **undated["credentialSubject"],
        "nationalID": {"notation": insz("1992-05-05", 5), "spatial": {"id": BEL}},
    }
    write_credential(landing, "datum/geen.json", undated)
    # Credits in a framework other than ECTS.
    other = as_flemish(transcript, insz("1992-05-05", 6))
    framework = first_claim(other)["specifiedBy"]["creditPoint"][0]["framework"]
    framework.update(id="http://data.europa.eu/snb/education-credit/ander", prefLabel={"nl": ["Studiepunten (NL)"]})
    write_credential(landing, "omvang/ander.json", other)
    broken = as_flemish(micro, insz("1991-03-03", 7))
    for change in BREAKS.values():
        change(first_claim(broken))
    write_credential(landing, "kapot/elementen.json", broken)
    diploma, _ = read("ebsi/ebsi-Bengales_highSchoolDiploma.json")
    days = as_flemish(diploma, insz("1991-03-03", 9))
    del first_claim(days)["specifiedBy"]["creditPoint"]  # what is left is its volumeOfLearning P60D
    write_credential(landing, "kapot/dagen.json", days)
    return load_credentials(landing, root / "data")


def _break(path: str, value):
    """A change to a claim: the value at `path` (dots; [n] for a list element) replaced by `value`."""

    def change(claim: dict) -> None:
        *parents, last = path.replace("[", ".[").split(".")
        node = claim
        for step in parents:
            node = node[int(step[1:-1])] if step.startswith("[") else node[step]
        if last.startswith("["):
            node[int(last[1:-1])] = value
        else:
            node[last] = value

    return change


# Each mapped element of the real micro-credential, present but unreadable: the path a field issue must name.
BREAKS = {
    ("specifiedBy.title", "invalid_code"): _break("specifiedBy.title", {"en": [{"tekst": "geen tekst"}]}),
    ("awardedBy.awardingBody[0].legalName", "invalid_code"): _break(
        "awardedBy.awardingBody[0].legalName", {"en": [42]}
    ),
    ("awardedBy.awardingBody[0].location[0].address[0].countryCode.id", "invalid_code"): _break(
        "awardedBy.awardingBody[0].location[0].address[0].countryCode.id",
        "http://publications.europa.eu/resource/authority/country/XXX",
    ),
    ("specifiedBy.creditPoint[0].point", "invalid_number"): _break("specifiedBy.creditPoint[0].point", "vijf"),
    ("specifiedBy.eqfLevel.id", "invalid_code"): _break(
        "specifiedBy.eqfLevel", {"id": "http://data.europa.eu/snb/eqf/9"}
    ),
    ("specifiedBy.learningOutcome[1].title", "invalid_code"): _break(
        "specifiedBy.learningOutcome[1].title", {"en": [[]]}
    ),
    ("relatedESCOSkill", "invalid_code"): _break(
        "specifiedBy.learningOutcome[0].relatedESCOSkill[0].id", "vaardigheid:1"
    ),
    ("specifiedBy.mode", "invalid_code"): _break("specifiedBy.mode", {"prefLabel": {"en": "Zelfstudie"}}),
    ("specifiedBy.accreditation", "invalid_code"): _break(
        "specifiedBy.accreditation", {"id": "urn:epass:accreditation:9"}
    ),
    ("specifiedBy.thematicArea.id", "invalid_code"): _break("specifiedBy.thematicArea", {"id": "isced-f/geen"}),
    ("provenBy[0].grade.noteLiteral", "invalid_code"): _break("provenBy[0].grade.noteLiteral", {"en": [{"cijfer": 5}]}),
    # A partner whose registration is no KBO number.
    ("awardedBy.awardingBody[1:]", "invalid_code"): lambda claim: claim["awardedBy"]["awardingBody"].append(
        {"registration": {"notation": "987654321"}}
    ),
}


class Loaded(NamedTuple):
    """What the monitor holds of one award from a credential: its offer's elements and the award."""

    title: str | None
    provider: str | None
    region: str | None
    awarded_on: dt.date
    volume: float | None = None
    unit: str | None = None
    framework: str | None = None
    level: int | None = None
    outcomes: list[str] = []
    esco_skills: int = 0
    participation_form: str | None = None
    assessment: str | None = None
    quality_assurance: str | None = None
    isced_f: str | None = None
    grade: str | None = None


def loaded(real, file: str) -> tuple[str, Loaded]:
    """The offer key of the one award in `file`, and what was loaded."""
    rows = query(
        real,
        """SELECT a.offer_id, o.title, o.provider_name, o.issuer_region, a.awarded_on, o.volume_value, o.volume_unit,
                  o.level_framework, o.level, o.learning_outcomes, len(o.esco_skills), o.participation_form,
                  o.assessment_type, o.quality_assurance, o.isced_f, a.grade
           FROM staging.awards a JOIN intermediate.current_offers o USING (provider_id, offer_id)
           WHERE a.file = $1""",
        [f"awards/elm/{file}"],
    )
    assert len(rows) == 1, rows
    return rows[0][0], Loaded(*rows[0][1:])


# Read from each file by hand.
EXPECTED = {
    "edc-microcredential-example.json": Loaded(
        "Title of the Qualification",
        "NETIS d.o.o.",
        "SI",
        dt.date(2025, 11, 5),
        5.0,
        "ECTS",
        "EQF",
        6,
        ["Example of learning outcome", "Example of learning second outcome"],
        participation_form="ONLINE",
        assessment="ANDER",
        grade="19",
    ),
    MICRO: Loaded(
        "Data and software business",
        "University of Life",
        "BE",
        dt.date(2020, 7, 20),
        5.0,
        "ECTS",
        outcomes=[
            "Monetizing with data and software",
            "Basic principles of data and software business",
            "Collaboratively develop a data or software concept",
        ],
        esco_skills=7,
        assessment="ANDER",
        grade="Excellent (5)",
    ),
    "ebsi/ebsi-Bengales_highSchoolDiploma.json": Loaded(
        "German International Abitur",
        "University of Life",
        "BE",
        dt.date(2020, 7, 20),
        framework="EQF",
        level=4,
        assessment="ANDER",
        grade="Excellent (5)",
    ),
    "ebsi/ebsi-DigiComp_Generic.json": Loaded(
        "Title of Achievement",
        "University of Life",
        "BE",
        dt.date(2019, 9, 20),
        framework="EQF",
        level=5,
        outcomes=["Name of DigiComp Competence", "Name of DigiComp Competence 2"],
        assessment="ANDER",
        grade="10",
    ),
    "ebsi/ebsi-Diploma_rntuo_credential.json": Loaded(
        "Máster Universitario en Asuntos Internacionales: Economía, Política y Derecho por la Universidad "
        "Pontificia Comillas",
        "Universidad Pontificia Comillas (Universidad de la Iglesia Católica)",
        "ES",
        dt.date(2019, 9, 11),
    ),
    "ebsi/ebsi-Francisco_Cruz_Argudo_Certificate_of_Completion.json": Loaded(
        "Certificate of Completion", "University of Life", "BE", dt.date(2021, 3, 24)
    ),
    "ebsi/ebsi-Transcript_of_records_-_generic.json": Loaded(
        "TITLE OF PROGRAMME",
        "University of Life",
        "BE",
        dt.date(2019, 9, 20),
        1.0,
        "ECTS",
        assessment="ANDER",
        grade="Excellent (5)",
    ),
}


@pytest.mark.parametrize("file", EXPECTED)
def test_every_element_the_file_carries_is_loaded(real, file):
    key, offer = loaded(real, file)
    assert offer == EXPECTED[file]
    # Local specification ids: the key is the contract's hash of what the specification says.
    spec = listed(first_claim(read(file)[0])["specifiedBy"])[0]
    credit = listed(spec["creditPoint"])[0] if "creditPoint" in spec else None
    level = spec["eqfLevel"]["id"].rsplit("/", 1)[-1] if "eqfLevel" in spec else ""
    said = [offer.title.lower().strip(), credit["point"] if credit else "", "ECTS" if credit else "", level]
    assert key == "ELM-" + hashlib.sha256("|".join(said).encode()).hexdigest()[:16]


def test_the_signed_file_loads_as_its_bare_twin(real):
    assert loaded(real, "edc-microcredential-signed.jsonld") == loaded(real, "edc-microcredential-example.json")


def test_elements_no_shared_file_carries_are_read_from_the_real_credential(real):
    _, joint = loaded(real, "aangevuld/joint.json")
    assert (joint.participation_form, joint.assessment, joint.quality_assurance, joint.isced_f) == (
        "FYSIEK",
        "PORTFOLIO",
        "NVAO instellingsreview",
        "0413",
    )
    assert joint.grade == "16/20, lerende [INSZ verwijderd]"
    (partners,) = query(real, "SELECT partner_ids FROM intermediate.current_offers WHERE title LIKE '%(joint)'")[0]
    assert partners == [P1]


def test_learning_activities_are_not_awards(real):
    rows = query(
        real,
        "SELECT file, line FROM staging.quarantine WHERE reason = 'not_an_achievement'",
    )
    originals = set(ACHIEVEMENTS + ACTIVITIES)
    activities = {
        (f.removeprefix("awards/elm/"), line) for f, line in rows if f.removeprefix("awards/elm/") in originals
    }
    assert activities == {(name, 1) for name in ACTIVITIES} | {
        (MICRO, 2),
        (MICRO, 3),
        (MICRO, 4),
        ("ebsi/ebsi-Francisco_Cruz_Argudo_Certificate_of_Completion.json", 2),
    }


def test_every_achievement_with_an_insz_loads(real):
    loaded = query(
        real,
        f"SELECT file, line FROM staging.awards WHERE NOT regexp_matches(file, '{VARIANTS}')",
    )
    expected = {f"awards/elm/{name}" for name in ACHIEVEMENTS} | {
        "awards/elm/aangevuld/joint.json",
        "awards/elm/heruitgereikt/bom.json",
        "awards/elm/heruitgereikt/upload.json",
        "awards/elm/heruitgereikt/wallet.jwt",
    }
    assert {(file, 1) for file in expected} == set(loaded)


def test_a_learner_without_a_belgian_id_is_quarantined(real):
    rows = query(real, "SELECT reason, field FROM staging.quarantine WHERE file LIKE '%/origineel/%'")
    assert rows == [("not_flemish_id", "credentialSubject.nationalID.notation")]


def test_one_micro_credential_issued_to_many_learners_is_one_offer(real):
    rows = query(
        real,
        "SELECT count(DISTINCT offer_id), count(DISTINCT learner_id), count(*) FROM staging.awards "
        "WHERE file LIKE '%heruitgereikt%' OR file LIKE '%Data_and_software%'",
    )
    assert rows == [(1, 4, 4)]


def test_different_micro_credentials_sharing_a_local_id_are_separate_offers(real):
    # Three University of Life credentials all name their specification urn:epass:learningAchievementSpec:1.
    rows = query(
        real,
        """SELECT o.title FROM intermediate.current_offers o
           WHERE o.offer_source = 'elm' AND o.offer_id IN (
               SELECT offer_id FROM staging.elm_claims_validated
               WHERE specification_id = 'urn:epass:learningAchievementSpec:1' AND file NOT LIKE '%/kapot/%'
           ) ORDER BY o.title""",
    )
    assert [title for (title,) in rows] == [
        "Certificate of Completion",
        "Data and software business",
        "Data and software business (joint)",
        "Máster Universitario en Asuntos Internacionales: Economía, Política y Derecho por la Universidad "
        "Pontificia Comillas",
    ]


def test_the_real_files_as_published_have_these_field_issues(real):
    rows = query(
        real,
        "SELECT file, field, raw_value, reason FROM staging.field_issues "
        f"WHERE source = 'elm' AND NOT regexp_matches(file, '{VARIANTS}') ORDER BY ALL",
    )
    assert rows == [
        # The credit points of a diploma: 0 ECTS is no workload.
        (
            "awards/elm/ebsi/ebsi-Bengales_highSchoolDiploma.json",
            "specifiedBy.creditPoint[0].point",
            "0",
            "out_of_range",
        ),
        # EDC's example skills have local ids, not ESCO URIs.
        *[
            (
                f"awards/elm/{name}",
                "relatedESCOSkill",
                "|".join(f"urn:epass:relatedESCOSkill:{k}" for k in ("gUtv5m47", "CXYvJeNd", "Dl4Gfzer", "g6FqGvox")),
                "invalid_code",
            )
            for name in ("edc-microcredential-example.json", "edc-microcredential-signed.jsonld")
        ],
    ]


def test_each_mapped_element_present_but_unreadable_is_a_field_issue_with_its_path(real):
    rows = query(
        real,
        "SELECT field, reason FROM staging.field_issues WHERE file = 'awards/elm/kapot/elementen.json' ORDER BY ALL",
    )
    assert rows == sorted(BREAKS)
    _, broken = loaded(real, "kapot/elementen.json")
    # Nothing unreadable is stored: the element is empty (non-compliant), and the award still loads.
    assert broken == EXPECTED[MICRO]._replace(
        title=None,
        region=None,
        volume=None,
        unit=None,
        framework=None,
        level=None,
        esco_skills=0,
        outcomes=["Monetizing with data and software", "Collaboratively develop a data or software concept"],
        grade=None,
        provider=None,
    )


def test_a_length_of_time_is_no_workload(real):
    rows = query(real, "SELECT field, raw_value, reason FROM staging.field_issues WHERE file LIKE '%kapot/dagen%'")
    assert rows == [("specifiedBy.volumeOfLearning", "P60D", "out_of_range")]
    assert loaded(real, "kapot/dagen.json")[1][4:6] == (None, None)


def test_other_shapes_of_a_real_credential(real):
    assert loaded(real, "vormen/edc.jwt") == loaded(real, "edc-microcredential-example.json")
    (message,) = query(real, "SELECT message FROM dq.files WHERE file = 'awards/elm/vormen/attest.json'")[0]
    assert message == "Geen leerresultaat-credential (een attest zonder hasClaim, of een accreditatie)."


def test_a_belgian_identifier_among_others_is_the_learner(real):
    rows = query(real, "SELECT birth_year FROM staging.awards WHERE file = 'awards/elm/lerende/identifier.json'")
    assert rows == [(1992,)]
    rows = query(real, "SELECT reason, field FROM staging.quarantine WHERE file LIKE '%studentennummer%'")
    assert rows == [("not_flemish_id", "credentialSubject.identifier[0].notation")]


def test_the_award_date_is_the_first_date_present(real):
    assert loaded(real, "datum/uitgifte.json")[1].awarded_on == dt.date(2024, 3, 26)
    rows = query(real, "SELECT reason, field FROM staging.quarantine WHERE file LIKE '%datum/geen%' ORDER BY line")
    assert rows == [("missing_required", "awardedBy.awardingDate"), ("not_an_achievement", "type")]


def test_credits_in_another_framework_count_as_another_unit(real):
    assert loaded(real, "omvang/ander.json")[1][4:6] == (1.0, "ANDER")
