"""The documentation analysts read stays true: every link in README.md and docs/ opens a file of the repository,
and the contract in docs/ is the contract, word for word."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pipelines.settings import PROJECT_DIR
from tests.helpers import SHARED_DIR

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
    assert PROJECT_DIR / "README.md" in checked
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


def test_the_readme_points_to_the_contract_in_the_repository():
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
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
