"""Finding a source's files in the landing zone and deciding how (or whether) each can be read."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipelines.landing.contract import Source

CHUNK = 8 * 1024 * 1024
# Bytes that Windows-1252 leaves undefined: a file holding them (and not valid UTF-8) is binary.
CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# DuckDB's file functions take a path holding one of these as a glob pattern: a landing file named
# `a[1].csv` would read `a1.csv` instead, and `a*.csv` every file whose name starts with `a`.
GLOB_CHARACTER = re.compile(r"[\[\]*?]")


@dataclass(frozen=True)
class LandingFile:
    """One file of one source. `name` is its path within the landing zone, the order key of the contract."""

    name: str
    path: Path
    kind: str  # the lower-case extension: csv, xlsx, json, jsonld, ...
    size_bytes: int


@dataclass(frozen=True)
class Rejection:
    reason: str  # a reason code of the contract: file_unreadable or missing_column
    message: str  # Dutch, for data stewards; never holds file contents
    rows_received: int = 0


def discover(landing_dir: Path, source: Source) -> list[LandingFile]:
    """Every file under the source's folder, in name order (path within the landing zone)."""
    excluded = [landing_dir / source.folder / sub for sub in source.excluded_subfolders]
    return [
        f
        for f in _files_under(landing_dir, landing_dir / source.folder)
        if not any(f.path.is_relative_to(e) for e in excluded)
    ]


def _files_under(landing_dir: Path, folder: Path) -> list[LandingFile]:
    if not folder.is_dir():
        return []
    # A link is listed (and rejected by check_name), a broken one too: it is never silently skipped.
    found = [
        LandingFile(
            name=path.relative_to(landing_dir).as_posix(),
            path=path,
            kind=path.suffix.lower().lstrip("."),
            size_bytes=path.lstat().st_size,
        )
        for path in folder.rglob("*")
        if path.is_symlink() or path.is_file()
    ]
    return sorted(found, key=lambda f: f.name)


def check_name(source: Source, file: LandingFile) -> Rejection | None:
    """Reject files a source does not accept by extension or by the file-name pattern of the contract."""
    if file.path.is_symlink():
        # A link may point anywhere on this machine; what it points to would reach the feedback files.
        return Rejection("file_unreadable", "Een symbolische koppeling wordt niet gelezen: lever het bestand zelf aan.")
    if file.kind not in source.kinds:
        allowed = ", ".join(f".{k}" for k in source.kinds)
        return Rejection(
            "file_unreadable", f"Bestandstype .{file.kind} wordt niet aanvaard voor deze bron (wel: {allowed})."
        )
    if source.file_name and not source.file_name.fullmatch(Path(file.name).name):
        return Rejection("file_unreadable", f"Bestandsnaam volgt het patroon {source.file_name_hint} niet.")
    if "\\" in str(file.path) and GLOB_CHARACTER.search(str(file.path)):
        # Within a glob pattern DuckDB takes a backslash for a folder separator: no pattern matches this file.
        return Rejection("file_unreadable", "Een naam met \\ én een van [ ] * ? kan niet gelezen worden: hernoem het.")
    return None


def duckdb_pattern(path: str) -> str:
    """The glob pattern DuckDB matches to `path` alone: each glob character in brackets (`[[]`, `[*]`)."""
    return GLOB_CHARACTER.sub(lambda match: f"[{match.group()}]", path)


def detect_text_encoding(path: Path) -> str | None:
    """'utf-8' or 'windows-1252' for a text file, None for a binary one.

    Streams the file so a large delivery never sits in memory whole.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    is_utf8 = True
    for chunk in _chunks(path):
        if b"\x00" in chunk:
            return None
        if is_utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                is_utf8 = False
    if is_utf8:
        try:
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    if any(CP1252_UNDEFINED.search(chunk) for chunk in _chunks(path)):
        return None
    return "windows-1252"


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def has_cr_line_ends(path: Path) -> bool:
    """Whether lines end in a lone CR, as "CSV (Macintosh)" still writes them: a CR and no LF anywhere."""
    saw_cr = False
    for chunk in _chunks(path):
        if b"\n" in chunk:
            return False
        saw_cr = saw_cr or b"\r" in chunk
    return saw_cr


def utf8_copy(path: Path, target: Path, encoding: str, cr_line_ends: bool) -> None:
    """Write a UTF-8 copy with LF line ends for DuckDB, which reads only UTF-8 and splits lines at LF."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        path.open("r", encoding=encoding, newline=None if cr_line_ends else "") as src,
        target.open("w", encoding="utf-8", newline="") as dst,
    ):
        while chunk := src.read(CHUNK):
            dst.write(chunk)


def inventory(landing_dir: Path, sources: Iterable[Source]) -> tuple[dict[str, list[LandingFile]], list[LandingFile]]:
    """Each source's files, and the files no source claims (they are reported, never silently skipped)."""
    claimed = {source.name: discover(landing_dir, source) for source in sources}
    claimed_paths = {f.path for files in claimed.values() for f in files}
    return claimed, [f for f in _files_under(landing_dir, landing_dir) if f.path not in claimed_paths]


def empty_landing(landing_dir: Path) -> str | None:
    """Why there is nothing to monitor, in Dutch, when the landing zone is missing or holds no file; else None."""
    if _files_under(landing_dir, landing_dir):
        return None
    return (
        f"Het landingsgebied {landing_dir} is leeg of bestaat niet. Zet MCMON_LANDING_DIR op de map met de "
        "aangeleverde bestanden, of laat de variabele weg om de ingebouwde voorbeelddata te gebruiken."
    )
