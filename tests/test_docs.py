"""The documentation analysts read stays true: every link in README.md and docs/ opens a file of the repository,
the contract in docs/ is the contract, word for word, and every query of the handbook (docs/handleiding.md)
returns on the sample exactly the answer the handbook shows under it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

from dashboards.layout import PAGES
from pipelines.cli import SANDBOX
from pipelines.formatting import belgian, suppression_note
from pipelines.publication import WORKBOOK_NAME
from pipelines.settings import DEFAULT_MIN_CELL, PROJECT_DIR
from tests.helpers import SHARED_DIR
from tests.test_publication import DUCKDB1_PYTHON

HANDBOOK = PROJECT_DIR / "docs" / "handleiding.md"
# Folders that hold no documentation of the project: environments, run outputs, the sample landing zone.
NOT_DOCUMENTATION = {".venv", ".git", "data", ".pytest_cache", ".ruff_cache"}
# A copy of a text that lives beside the repository (the contract, the Vlor advice): a header saying where it
# comes from, this line, then the source byte for byte.
COPY_MARKER = "<!-- Hieronder de brontekst, ongewijzigd. -->\n"
# Paths outside the repository that documentation may name, and why they are not in it.
OUTSIDE_REPOSITORY = {
    # Public example credentials (MIT and Apache licences) that tests/test_elm_real.py reads when they are there;
    # their README asks not to copy them into the project repository.
    "../shared/reference/elm-examples/",
}


def documentation() -> list[Path]:
    """README.md and every other Markdown file of the project."""
    return sorted(
        path
        for path in PROJECT_DIR.rglob("*.md")
        if not NOT_DOCUMENTATION & set(path.relative_to(PROJECT_DIR).parts[:-1])
    )


def copies() -> list[Path]:
    return [path for path in documentation() if COPY_MARKER in path.read_text(encoding="utf-8")]


def without_code(text: str) -> str:
    """Markdown without fenced blocks and code spans, where link syntax is only text."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", text)


def links(text: str) -> list[str]:
    """The targets of inline links, images and reference definitions."""
    prose = without_code(text)
    inline = re.findall(r"!?\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)", prose)
    return inline + re.findall(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", prose, flags=re.M)


def anchors(markdown: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file: lower case, punctuation dropped, spaces as
    hyphens, a repeated one numbered."""
    seen: dict[str, int] = {}
    found = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", without_code(markdown.read_text(encoding="utf-8")), re.M):
        heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        found.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
        seen[slug] = seen.get(slug, 0) + 1
    return found


def broken_links(markdown: Path) -> list[str]:
    broken = []
    for target in links(markdown.read_text(encoding="utf-8")):
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target in ("", "#"):
            continue  # a web address, an e-mail address, or an anchor left empty (the Vlor advice's footnotes)
        path, _, anchor = target.partition("#")
        resolved = (markdown.parent / path).resolve() if path else markdown
        if not resolved.is_relative_to(PROJECT_DIR) or not resolved.exists():
            broken.append(f"{target}: geen bestand van de repository")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target}: geen kop '{anchor}' in {resolved.relative_to(PROJECT_DIR)}")
    return broken


def test_every_relative_link_of_readme_and_docs_opens_a_file_of_the_repository():
    checked = documentation()
    assert PROJECT_DIR / "README.md" in checked and HANDBOOK in checked
    broken = {str(m.relative_to(PROJECT_DIR)): broken_links(m) for m in checked}
    assert {name: targets for name, targets in broken.items() if targets} == {}


def test_readme_and_docs_name_no_file_outside_the_repository():
    """A clone has only the repository: the contract is named by its copy in docs/, never by `../shared/…`."""
    outside = {}
    # The copies are left out: they say where they come from, and their text is the source's.
    for document in sorted(set(documentation()) - set(copies())):
        text = document.read_text(encoding="utf-8")
        named = re.findall(r"`(\.\./[^`\s]+)`", text) + [t for t in links(text) if t.startswith("../")]
        for path in named:
            if path not in OUTSIDE_REPOSITORY and not (document.parent / path).resolve().is_relative_to(PROJECT_DIR):
                outside.setdefault(str(document.relative_to(PROJECT_DIR)), []).append(path)
    assert outside == {}


def test_the_readme_points_to_the_contract_and_the_handbook_in_the_repository():
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    first_screen = links("\n".join(readme.splitlines()[:25]))
    assert "docs/handleiding.md" in first_screen
    assert {"docs/spec/landing-zone.md", "docs/spec/indicators.md"} <= set(links(readme))


def test_the_contract_in_docs_is_the_contract_byte_for_byte():
    """Each copy's text is the source whose SHA-256 its header names; where the shared folder is beside the
    repository, it is also that folder's current text (a new version of the contract is copied again)."""
    copied = {path.relative_to(PROJECT_DIR).as_posix(): path for path in copies()}
    assert {
        "docs/spec/landing-zone.md",
        "docs/spec/indicators.md",
        "docs/reference/vlor-advies-microcredentials-2023.md",
    } <= set(copied)
    for name, path in copied.items():
        header, body = path.read_bytes().split(COPY_MARKER.encode(), 1)
        source = re.search(rb"\(`shared/([^`]+)`\)", header).group(1).decode()
        digest = re.search(rb"SHA-256[\s>]*`([0-9a-f]{64})`", header).group(1).decode()
        assert hashlib.sha256(body).hexdigest() == digest, f"{name}: the text under the header was edited"
        original = SHARED_DIR / source
        if original.exists():
            assert body == original.read_bytes(), f"{name}: {original} changed; copy it again under the header"


def table_cells(line: str) -> list[str]:
    """The cells of a Markdown table row; `\\|` is a | inside a cell."""
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [cell.strip().replace("\\|", "|") for cell in cells]


def markdown(rows: list[list[str]]) -> str:
    """Rows of cells (header first) as a Markdown table."""
    lines = [rows[0], ["---"] * len(rows[0]), *rows[1:]]
    return "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |" for cells in lines)


def first_column(text: str, header: str) -> list[str]:
    """The first cells of the Markdown table whose header row starts with `| header |`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header} |"))
    cells = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            return cells
        cells.append(table_cells(line)[0])
    return cells


def test_the_handbook_quotes_the_hidden_cell_note_of_the_outputs():
    quoted = re.search(r"^(> Om de privacy.*\n(?:> .*\n)*)", HANDBOOK.read_text(encoding="utf-8"), re.M).group(1)
    assert " ".join(line[2:] for line in quoted.splitlines()) == suppression_note(DEFAULT_MIN_CELL)


def test_the_handbook_names_every_page_of_the_dashboards():
    assert first_column(HANDBOOK.read_text(encoding="utf-8"), "pagina") == [title for _, title in PAGES]


def test_the_handbook_names_the_sheets_and_banner_the_sample_run_shows(sample_run):
    """What the handbook says an analyst sees, read back from the files the sample run wrote."""
    data, _, _ = sample_run
    text = HANDBOOK.read_text(encoding="utf-8")
    workbook = openpyxl.load_workbook(data / "exports" / WORKBOOK_NAME, read_only=True)
    assert first_column(text, "blad") == workbook.sheetnames
    prose = re.sub(r"\s+", " ", text)
    (banner,) = re.findall(r"\*(Het rapportjaar \d{4} is nog niet volledig: gegevens t\.e\.m\. [\d/]+\.)\*", prose)
    assert f">{banner}<" in (data / "site" / "index.html").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Question:
    title: str  # the heading the query stands under
    sql: str
    columns: list[str]  # the answer table of the handbook, as written
    rows: list[list[str]]


def handbook_questions(text: str) -> list[Question]:
    """Every ```sql block of the handbook with the Markdown table that answers it (the next table after it)."""
    questions, title, lines = [], "", text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            title = line.lstrip("#").strip()
        if line.strip() == "```sql":
            end = lines.index("```", index + 1)
            sql = "\n".join(lines[index + 1 : end])
            table_start = end + 1
            while table_start < len(lines) and not lines[table_start].startswith("|"):
                assert not lines[table_start].startswith(("#", "```")), f"{title}: no answer table under the query"
                table_start += 1
            table = []
            while table_start < len(lines) and lines[table_start].startswith("|"):
                table.append(table_cells(lines[table_start]))
                table_start += 1
            assert len(table) >= 2 and set("".join(table[1])) <= set("-: "), f"{title}: no answer table"
            questions.append(Question(title, sql, table[0], table[2:]))
            index = table_start
        else:
            index += 1
    return questions


QUESTIONS = handbook_questions(HANDBOOK.read_text(encoding="utf-8"))
# Columns that hold a year, which Belgian notation writes without a thousands separator.
YEAR_COLUMNS = {"jaar", "first_year", "report_year"}


def shown(value: object, column: str) -> str:
    """A query's value as the handbook writes it: the digits DuckDB shows, in Belgian notation (1.234,5), a date
    as 15/11/2026, true/false as ja/nee; NULL is a hidden cell (the handbook's queries return NULL for nothing
    else)."""
    if value is None:
        return "verborgen"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return str(value) if column in YEAR_COLUMNS else belgian(value)
    if isinstance(value, float | Decimal):
        # The digits DuckDB shows (0.5, 43.0, 0.58), in Belgian notation.
        text = format(Decimal(repr(float(value)) if isinstance(value, float) else value), "f")
        sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, _, decimals = text.partition(".")
        return sign + belgian(int(whole)) + ("," + decimals if decimals else "")
    return str(value)


def markdown_table(columns: list[str], rows: list[tuple]) -> str:
    """A query's result as the handbook shows it."""
    return markdown([columns] + [[shown(v, c) for v, c in zip(row, columns, strict=True)] for row in rows])


def test_the_handbook_answers_ten_questions_each_with_its_query_and_answer():
    worked = [q for q in QUESTIONS if re.match(r"Vraag \d+\b", q.title)]
    assert [q.title.split(":")[0] for q in worked] == [f"Vraag {n}" for n in range(1, 11)]
    assert all(q.rows for q in worked)


@pytest.fixture(scope="module")
def warehouse(sample_run):
    """The sample run's published warehouse, opened as `mcmon sql` opens it: read-only, no files, no settings."""
    data, _, _ = sample_run
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True, config=SANDBOX) as con:
        yield con


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.title for q in QUESTIONS])
def test_the_handbook_query_returns_the_answer_it_shows(warehouse, question):
    result = warehouse.sql(question.sql)
    expected = markdown_table(result.columns, result.fetchall())
    assert markdown([question.columns, *question.rows]) == expected, (
        f"the answer to '{question.title}' moved; on the sample it is now:\n{expected}"
    )


@pytest.mark.skipif(not DUCKDB1_PYTHON.exists(), reason="make test builds .venv/duckdb1 (DuckDB 1.0.0)")
def test_the_handbook_queries_give_the_same_answers_in_a_duckdb_1_0_client(warehouse, sample_run):
    data, _, _ = sample_run
    script = (
        "import duckdb, json, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "queries = json.load(sys.stdin)\n"
        "print(json.dumps([duckdb.__version__] + [con.sql(q).fetchall() for q in queries], default=str))\n"
    )
    completed = subprocess.run(
        [str(DUCKDB1_PYTHON), "-c", script, str(data / "warehouse.duckdb")],
        input=json.dumps([q.sql for q in QUESTIONS]),
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    version, *answers = json.loads(completed.stdout)
    assert version == "1.0.0"
    current = [json.loads(json.dumps(warehouse.sql(q.sql).fetchall(), default=str)) for q in QUESTIONS]
    assert answers == current
