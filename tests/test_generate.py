"""The synthetic landing zone: reproducible, complete per the contract, valid where clean, defective where meant.

The checks re-implement the contract's rules (INSZ and KBO check digits, file layouts) in plain
Python, independently of the generator's own code.
"""

import base64
import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from pipelines.generate import generate_landing_zone

LEARNERS = 300
AWARD_STATUSES = {"INGESCHREVEN", "BEHAALD", "GESTOPT", "NIET_GESLAAGD"}
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$|^(\d{2})/(\d{2})/(\d{4})$")


@pytest.fixture(scope="module")
def zone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("zone") / "landing"
    return out, generate_landing_zone(out, LEARNERS, seed=42, progress=False)


@pytest.fixture(scope="module")
def clean_zone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean") / "landing"
    generate_landing_zone(out, LEARNERS, seed=42, defect_rate=0, progress=False)
    return out


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header (lower-cased) and the non-blank data rows, with the file's own delimiter."""
    text = decode(path.read_bytes())
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if row]
    return [c.strip().lower() for c in rows[0]], rows[1:]


def csv_records(root: Path, folder: str) -> list[dict[str, str]]:
    records = []
    for path in sorted((root / folder).glob("*.csv")):
        if b"\x00" in path.read_bytes():
            continue  # the mis-saved binary spreadsheet
        header, rows = read_csv(path)
        records += [dict(zip(header, row, strict=False)) for row in rows if len(row) == len(header)]
    return records


def insz_is_valid(text: str) -> bool:
    digits = text.replace(".", "").replace("-", "")
    if len(digits) != 11 or not digits.isdigit():
        return False
    base, check = int(digits[:9]), int(digits[9:])
    month = int(digits[2:4]) % 20
    if not 1 <= month <= 12 or not 1 <= int(digits[4:6]) <= 31:
        return False
    return check in (97 - base % 97, 97 - (2_000_000_000 + base) % 97)


def kbo_is_valid(text: str) -> bool:
    digits = text.replace(".", "").replace(" ", "")
    return len(digits) == 10 and digits.isdigit() and digits[0] in "01" and int(digits[8:]) == 97 - int(digits[:8]) % 97


def offer_sheet_records(path: Path) -> list[dict[str, object]]:
    rows = [r for r in openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True) if any(r)]
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def test_same_seed_gives_byte_identical_files_and_another_seed_differs(
    zone: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    first, counts = zone
    again = generate_landing_zone(tmp_path / "again", LEARNERS, seed=42, progress=False)
    other = generate_landing_zone(tmp_path / "other", LEARNERS, seed=43, progress=False)

    assert again == counts
    assert files_of(tmp_path / "again") == files_of(first)
    other_files = files_of(tmp_path / "other")
    assert other_files["awards/vdab_2025.csv"] != files_of(first)["awards/vdab_2025.csv"]
    assert other != counts


def test_every_contract_folder_holds_its_kind_of_files(zone: tuple[Path, dict[str, int]]) -> None:
    root, counts = zone
    on_disk = set(files_of(root))
    assert on_disk == set(counts)

    def names(folder: str) -> list[str]:
        return sorted(p.name for p in (root / folder).iterdir() if p.is_file())

    assert {Path(n).suffix for n in names("offers")} == {".csv", ".xlsx"}
    assert any(n.endswith("_update_2026.csv") for n in names("offers"))
    assert names("odb") == ["opleidingsdatabank_2025-06.csv", "opleidingsdatabank_2026-10.csv"]
    assert all(re.fullmatch(r"[a-z0-9-]+_20(22|23|24|25|26)\.csv", n) for n in names("awards"))
    assert {Path(n).suffix for n in names("awards/elm")} <= {".json", ".jsonld", ".jwt"}
    assert names("projections") == ["beroepenprojecties_2024-06.xlsx", "beroepenprojecties_2025-06.xlsx"]
    assert names("bottlenecks") == ["knelpuntberoepen_2025.csv", "knelpuntberoepen_2026.csv"]
    assert names("population") == ["bevolking_2021-2026.csv"]
    assert sum(counts[f] for f in counts if f.startswith("awards/") and f.endswith(".csv")) > 2 * LEARNERS


def test_row_counts_returned_match_the_files(zone: tuple[Path, dict[str, int]]) -> None:
    root, counts = zone
    for name, count in counts.items():
        if name.endswith(".csv") and name != "offers/aanbod_scan.csv":
            text = decode((root / name).read_bytes())
            assert count == sum(1 for line in text.splitlines() if line) - 1, name


def test_every_insz_of_a_clean_zone_passes_the_checksum(clean_zone: Path) -> None:
    values = [r["insz"] for r in csv_records(clean_zone, "awards")]

    assert len(values) > 2 * LEARNERS
    assert all(insz_is_valid(v) for v in values)
    assert any("." in v for v in values) and any(v.isdigit() for v in values)
    assert any(int(v.replace(".", "").replace("-", "")[2:4]) > 20 for v in values), "some BIS numbers"


def test_defective_zone_has_a_few_invalid_insz_among_valid_ones(zone: tuple[Path, dict[str, int]]) -> None:
    values = [r["insz"] for r in csv_records(zone[0], "awards") if r["insz"].strip()]
    invalid = [v for v in values if not insz_is_valid(v)]

    assert 0 < len(invalid) < 0.05 * len(values)


def test_every_kbo_number_of_a_clean_zone_is_valid(clean_zone: Path) -> None:
    offers = csv_records(clean_zone, "offers")
    for sheet in sorted((clean_zone / "offers").glob("*.xlsx")):
        offers += [{k: "" if v is None else str(v) for k, v in r.items()} for r in offer_sheet_records(sheet)]
    numbers = [r["aanbieder_id"] for r in offers + csv_records(clean_zone, "awards") + csv_records(clean_zone, "odb")]
    partners = [p for r in offers for p in r["partners"].split("|") if p]

    assert len(numbers) > 2 * LEARNERS and partners
    assert all(kbo_is_valid(n) for n in numbers + partners)
    assert any("." in n for n in numbers) and any(n.isdigit() for n in numbers)


def test_projection_sheets_have_title_rows_and_numeric_isco_codes(zone: tuple[Path, dict[str, int]]) -> None:
    for path in sorted((zone[0] / "projections").glob("*.xlsx")):
        workbook = openpyxl.load_workbook(path, read_only=True)
        assert workbook.sheetnames == ["Aanwervingsbehoefte"]
        rows = list(workbook["Aanwervingsbehoefte"].iter_rows(values_only=True))
        header_at = next(i for i, row in enumerate(rows) if row and row[0] == "isco_code")
        data = [dict(zip(rows[header_at], row, strict=True)) for row in rows[header_at + 1 :]]

        assert 3 <= header_at <= 15 and "Steunpunt Werk" in rows[0][0]
        assert path.stat().st_size < 2_000_000
        assert all(isinstance(r["isco_code"], int) for r in data)
        assert {r["isco_code"] for r in data} >= {1, 21, 22, 25, 71, 83}
        assert {r["scenario"] for r in data} == {"BASIS", "HOOG"}
        assert {r["type"] for r in data} == {"HISTORISCH", "PROJECTIE"}
        totals = [r for r in data if r["sector"] == "TOTAAL" and r["scenario"] == "BASIS" and r["jaar"] == 2024]
        assert 2_500_000 < sum(r["werkgelegenheid"] for r in totals) < 3_300_000


def test_windows_1252_export_is_not_utf8_and_reads_as_cp1252(zone: tuple[Path, dict[str, int]]) -> None:
    raw = (zone[0] / "offers/cvo-groeipunt.csv").read_bytes()

    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert all(ch in text for ch in "éë€") and "\r\n" in text


def test_other_csv_quirks_of_the_contract_occur(zone: tuple[Path, dict[str, int]]) -> None:
    root = zone[0]
    assert (root / "offers/universiteit-gent.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "opmerking" in read_csv(root / "offers/cvo-antwerpen.csv")[0]
    offer_texts = [
        decode(p.read_bytes()) for p in sorted((root / "offers").glob("*.csv")) if p.name != "aanbod_scan.csv"
    ]
    assert any(text.startswith("mc_id,") for text in offer_texts) and any(
        text.startswith("mc_id;") for text in offer_texts
    )
    assert any('"' in text for text in offer_texts), "a quoted field holding the delimiter"
    dates = [r["startdatum"] for r in csv_records(root, "offers")]
    assert any("/" in d for d in dates) and any("-" in d for d in dates)


def _unbase64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _credential(path: Path) -> tuple[str, dict]:
    """(shape, credential) of a generated credential file, unwrapped here without the project's reader."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jwt":
        token, *disclosures = text.split("~")
        credential = json.loads(_unbase64(token.split(".")[1]))["vc"]
        if not disclosures:
            return "jwt", credential
        for disclosure in filter(None, disclosures):
            _, name, value = json.loads(_unbase64(disclosure))
            credential["credentialSubject"][name] = value
        return "sd_jwt", credential
    if text.startswith("\ufeff"):
        return "bom", json.loads(text[1:])
    document = json.loads(text)
    if "payload" in document:
        assert path.suffix == ".jsonld" and document["signatures"]
        return "envelope", json.loads(document["payload"])
    if "deliveryDetails" in document:
        return "upload_wrapper", document["credential"]
    return "bare", document


@pytest.fixture(scope="module")
def elm_zone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    root = tmp_path_factory.mktemp("elm_zone")
    return root, generate_landing_zone(root, learners=2_000, seed=3, progress=False, elm_credentials=120)


def test_elm_credentials_come_in_every_shape_with_the_quirks_of_real_issuers(
    elm_zone: tuple[Path, dict[str, int]],
) -> None:
    root, counts = elm_zone
    shapes, found = [], set()
    specifications: dict[str, set[str]] = {}
    for path in sorted((root / "awards/elm").iterdir()):
        if path.name == "kapot.json":
            with pytest.raises(json.JSONDecodeError):
                json.loads(path.read_text(encoding="utf-8"))
            continue
        shape, credential = _credential(path)
        shapes.append(shape)
        subject = credential.get("credentialSubject")
        if subject is None or "hasClaim" not in subject:
            found.add("no subject" if subject is None else "accreditation credential")
            continue
        if not subject.get("nationalID", {}).get("spatial", {}).get("id", "/BEL").endswith("/BEL"):
            found.add("foreign learner")
        claims = subject["hasClaim"] if isinstance(subject["hasClaim"], list) else [subject["hasClaim"]]
        assert counts[path.relative_to(root).as_posix()] == len(claims)
        found.add("learner in identifier[]" if "identifier" in subject else "learner in nationalID")
        for claim in claims:
            found.add(claim["type"])
            if claim["type"] != "LearningAchievement":
                continue
            spec, bodies = claim["specifiedBy"], claim["awardedBy"]["awardingBody"]
            bodies = bodies if isinstance(bodies, list) else [bodies]
            assert all(kbo_is_valid(body["registration"]["notation"]) for body in bodies)
            title = spec["title"]["nl"]
            found |= {
                "language map with lists" if isinstance(title, list) else "language map with strings",
                "joint awarding bodies" if len(bodies) > 1 else "one awarding body",
                "date in awardingDate"
                if "awardingDate" in claim["awardedBy"]
                else "date in dateIssued"
                if "dateIssued" in claim["provenBy"]
                else "date only in validFrom",
            }
            specifications.setdefault(spec["id"], set()).add(title if isinstance(title, str) else title[0])
            credit = spec.get("creditPoint")
            if credit:
                label = (credit[0] if isinstance(credit, list) else credit)["framework"]["prefLabel"]["en"]
                found.add(f"credit framework {label if isinstance(label, str) else label[0]}")
            duration = spec.get("volumeOfLearning", "")
            found |= (
                {"workload in hours"}
                if duration.startswith("PT")
                else {"length of time in days"}
                if duration
                else set()
            )
            found |= {key for key in ("thematicArea", "accreditation", "eqfLevel") if key in spec}
            found |= {"mode as a list"} if isinstance(spec.get("mode"), list) else set()

    assert set(shapes) == {"bare", "bom", "envelope", "upload_wrapper", "jwt", "sd_jwt"}
    assert shapes.count("bare") > shapes.count("jwt"), "bare credentials are the most common"
    assert found >= {
        "LearningAchievement",
        "LearningActivity",
        "accreditation credential",
        "no subject",
        "foreign learner",
        "learner in identifier[]",
        "learner in nationalID",
        "language map with lists",
        "language map with strings",
        "joint awarding bodies",
        "date in awardingDate",
        "date in dateIssued",
        "date only in validFrom",
        "credit framework ECTS",
        "credit framework European Credit Transfer System",
        "workload in hours",
        "length of time in days",
        "thematicArea",
        "accreditation",
        "mode as a list",
    }
    # Catalogue offers are named by the URI of their specification; ELM-only ones by a reused local id.
    local = {spec: titles for spec, titles in specifications.items() if not spec.startswith("https://")}
    assert local and any(len(titles) > 1 for titles in local.values())


def test_awards_refer_to_offers_of_their_provider_in_a_clean_zone(clean_zone: Path) -> None:
    offers = csv_records(clean_zone, "offers")
    for sheet in sorted((clean_zone / "offers").glob("*.xlsx")):
        offers += [{k: "" if v is None else str(v) for k, v in r.items()} for r in offer_sheet_records(sheet)]
    known = {(o["aanbieder_id"].replace(".", ""), o["mc_id"]) for o in offers}
    awards = csv_records(clean_zone, "awards")

    assert all((a["aanbieder_id"].replace(".", ""), a["mc_id"]) in known for a in awards)
    assert {a["status"] for a in awards} == AWARD_STATUSES
    awarded = [a for a in awards if a["status"] == "BEHAALD"]
    assert 0.6 < len(awarded) / len(awards) < 0.8
    assert all(DATE.match(a["inschrijvingsdatum"]) and DATE.match(a["uitreikingsdatum"]) for a in awarded)


def test_a_clean_zone_has_no_defects(clean_zone: Path) -> None:
    names = set(files_of(clean_zone))
    assert "offers/aanbod_scan.csv" not in names and "awards/elm/kapot.json" not in names
    for name in sorted(n for n in names if n.endswith(".csv")):
        text = decode((clean_zone / name).read_bytes())
        lines = text.splitlines()
        header, rows = read_csv(clean_zone / name)
        assert "" not in lines, f"blank line in {name}"
        assert all(len(row) == len(header) for row in rows), name
        assert len({tuple(row) for row in rows}) == len(rows), f"duplicate row in {name}"
        if name.startswith("awards/"):
            assert "status" in header


def test_a_defective_zone_meets_the_file_level_defects(zone: tuple[Path, dict[str, int]]) -> None:
    root, counts = zone
    assert b"\x00" in (root / "offers/aanbod_scan.csv").read_bytes()
    award_headers = {p.name: read_csv(p)[0] for p in sorted((root / "awards").glob("*.csv"))}
    assert sum("status" not in h for h in award_headers.values()) == 1

    malformed = blank = duplicated = 0
    for name in sorted(n for n in counts if n.endswith(".csv") and n != "offers/aanbod_scan.csv"):
        header, rows = read_csv(root / name)
        malformed += sum(len(row) != len(header) for row in rows)
        blank += "" in decode((root / name).read_bytes()).splitlines()
        duplicated += len(rows) - len({tuple(row) for row in rows})
    assert malformed and blank >= 3 and duplicated

    offer_rows = csv_records(root, "offers")
    assert any(r["omvang_waarde"] in {"vijf", "0", "-3"} for r in offer_rows)
    assert any(r["land_regio"] in {"Vlaanderen", "Belgie", "B-VLG"} for r in offer_rows)
    award_rows = csv_records(root, "awards")
    assert any(r["mc_id"].endswith("-OUD") for r in award_rows)
    assert any(r.get("status", "BEHAALD") not in AWARD_STATUSES for r in award_rows)


def without_kind_columns(root: Path, name: str) -> list[list[object]]:
    """The rows of an offer file with the v2 columns soort and erkenning taken out."""
    if name.endswith(".xlsx"):
        sheet = openpyxl.load_workbook(root / name, read_only=True).worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    else:
        text = decode((root / name).read_bytes())
        delimiter = ";" if ";" in text.splitlines()[0] else ","
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = [str(c).strip().lower() for c in rows[0]]
    drop = {header.index(c) for c in ("soort", "erkenning") if c in header}
    return [[v for i, v in enumerate(row) if i not in drop] for row in rows]


def test_kinds_of_credential_come_from_a_stream_of_their_own(
    zone: tuple[Path, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other draws of soort and erkenning leave every other value of the zone as it was (the committed sample
    kept its numbers when the v2 columns were added)."""
    import pipelines.generate as generate

    original = generate.add_credential_kinds

    def other_draws(rng, catalogue, with_defects):
        rng.random(1000)
        return original(rng, catalogue, with_defects)

    monkeypatch.setattr(generate, "add_credential_kinds", other_draws)
    generate_landing_zone(tmp_path / "other", LEARNERS, seed=42, progress=False)
    first, other = files_of(zone[0]), files_of(tmp_path / "other")
    assert first.keys() == other.keys()
    changed = sorted(name for name in first if first[name] != other[name])
    assert changed and all(name.startswith("offers/") for name in changed)
    for name in changed:
        # Malformed rows lack or repeat their last field: with the v2 columns last, that field is erkenning.
        rows, other_rows = without_kind_columns(zone[0], name), without_kind_columns(tmp_path / "other", name)
        width = len(rows[0])
        assert [r for r in rows if len(r) == width] == [r for r in other_rows if len(r) == width], name


def test_offer_kinds_follow_the_provider_and_some_are_invalid(zone: tuple[Path, dict[str, int]]) -> None:
    root, _ = zone
    kinds = {"MICROCREDENTIAL", "DEELCERTIFICAAT", "DEELKWALIFICATIE", "OPLEIDINGSONDERDEEL", "EVC", "ANDER"}
    recognitions = {"VRIJSTELLING", "CREDITBEWIJS", "BEROEPSKWALIFICATIE", "GEEN"}
    readable = [p for p in (root / "offers").glob("*.csv") if b"\x00" not in p.read_bytes()]
    v1 = {p.name for p in readable if "soort" not in read_csv(p)[0]}
    assert {"cvo-groeipunt.csv", "ligo-brussel.csv", "vormingplus-limburg.csv"} <= v1
    assert "soort" not in offer_sheet_records(root / "offers/xylos.xlsx")[0]
    rows = [r for r in csv_records(root, "offers") if "soort" in r]
    by_type: dict[str, list[str]] = {}
    for r in rows:
        by_type.setdefault(r["aanbieder_type"], []).append(r["soort"].upper())
    valid = [r["soort"].upper() for r in rows if r["soort"].upper() in kinds]
    assert max(set(valid), key=valid.count) == "MICROCREDENTIAL"
    assert "OPLEIDINGSONDERDEEL" in by_type["HO"] and "DEELCERTIFICAAT" in by_type["CVO"]
    assert {"DEELKWALIFICATIE", "EVC"} & set(by_type["VDAB"] + by_type["SECTOR"])
    assert "" in {r["soort"] for r in rows} and "" in {r["erkenning"] for r in rows}
    assert {r["soort"] for r in rows if r["soort"] and r["soort"].upper() not in kinds}
    elements = {e.upper() for r in rows for e in r["erkenning"].split("|") if e}
    assert elements - recognitions and recognitions <= elements
