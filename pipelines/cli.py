"""`mcmon`: run the pipeline, generate sample data, query the published warehouse."""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import http.server
import logging
import os
import re
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import duckdb
import pandas as pd

from pipelines.delivery_guard import ACCEPT_DROP_FLAG
from pipelines.formatting import belgian, indicator_value
from pipelines.settings import check_secrets, load_settings


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="mcmon", description="Microcredentials Monitor Vlaanderen")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="materialise every asset on the landing zone and print a summary",
        description="Read the landing zone (MCMON_LANDING_DIR, default the embedded sample), rebuild every "
        "table and publish the warehouse. Run history is kept in DAGSTER_HOME (default data/dagster_home).",
    )
    run.add_argument(
        ACCEPT_DROP_FLAG,
        dest="accept_drop",
        action="store_true",
        help="publish even when a source delivered before is missing or its loaded rows fell by more than half",
    )
    run.set_defaults(handler=_run)

    generate = commands.add_parser(
        "generate",
        help="write a synthetic landing zone",
        description="Write a synthetic landing zone for all seven sources, with the defects of the contract.",
    )
    generate.add_argument("--learners", type=int, required=True, help="number of learners")
    generate.add_argument("--seed", type=int, default=42, help="random seed (same seed, same files)")
    generate.add_argument("--out", type=Path, required=True, help="folder to write the landing zone into")
    generate.add_argument("--defect-rate", type=float, default=0.02, help="share of rows with a defect (default 0.02)")
    generate.add_argument(
        "--elm-credentials", type=int, help="credentials to write in awards/elm/ (default: 1 %% of the awards, max 400)"
    )
    generate.set_defaults(handler=_generate)

    sql = commands.add_parser(
        "sql",
        help="run a query on the published warehouse (read-only)",
        description="Run one SQL query on data/warehouse.duckdb and print the result. The query sees the "
        "warehouse only: read-only, no files, no other databases, no settings changed.",
    )
    sql.add_argument("query", help='e.g. "select * from dq.files"')
    sql.add_argument("--max-rows", type=int, default=100, help="rows to print (default 100)")
    sql.set_defaults(handler=_sql)

    steward_sql = commands.add_parser(
        "steward-sql",
        help="data stewards only: run a query on the internal database (row level, unsuppressed)",
        description="Run one SQL query on the internal database data/internal/pipeline.duckdb: learner rows "
        "(pseudonymised), quarantined rows and indicator values before suppression. For data stewards, never "
        "for publication. Read-only, no files, no other databases, no settings changed; stop runs first: an "
        "open reader blocks the pipeline.",
    )
    steward_sql.add_argument("query", help='e.g. "select * from marts.cell_suppression"')
    steward_sql.add_argument("--max-rows", type=int, default=100, help="rows to print (default 100)")
    steward_sql.set_defaults(handler=_steward_sql)

    indicators = commands.add_parser(
        "indicators",
        help="print indicator values from the published warehouse",
        description="Print the indicator values of one year (default: the report year) in Belgian notation; "
        "hidden cells show as 'verborgen'.",
    )
    indicators.add_argument("--year", type=int, help="reference year (default: the latest, the report year)")
    indicators.add_argument("--id", dest="indicator_id", help="one indicator, e.g. learners_per_1000")
    indicators.set_defaults(handler=_indicators)

    dq = commands.add_parser(
        "dq",
        help="print the data-quality summary of the latest run",
        description="Print the sources and files received and the Great Expectations results of the latest "
        "published run: how many checks passed per severity and which failed.",
    )
    dq.set_defaults(handler=_dq)

    report = commands.add_parser(
        "report",
        help="produce the quarterly monitoring report",
        description="Produce data/reports/YYYY-Qn/ (rapport.html and indicatoren.xlsx) from the published "
        "warehouse. A quarter is reported only from figures that end in it (marts.report_period.data_through), "
        "and the report says up to which date. Figures published after the quarter ended are frozen: a rerun "
        "shows the same. Figures published while it runs give a provisional report, replaced by the next one.",
    )
    report.add_argument(
        "--quarter", help="e.g. 2026-Q3 (default: the quarter the published figures end in, data_through)"
    )
    report.set_defaults(handler=_report)

    serve = commands.add_parser(
        "serve",
        help="serve the dashboard site (data/site) over HTTP",
        description="Serve data/site/ for people without file access. Binds to 127.0.0.1 unless told otherwise.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.set_defaults(handler=_serve)

    # Every command takes --verbose: Dagster's own log on the console, Python's warnings, and the traceback of
    # an unexpected error.
    for command_parser in commands.choices.values():
        command_parser.add_argument(
            "--verbose",
            action="store_true",
            help="show Dagster's log, Python warnings and the traceback of an unexpected error on the console",
        )

    args = parser.parse_args(argv)
    command = f"mcmon {args.command}"
    with _python_warnings(shown=args.verbose):
        try:
            return args.handler(args)
        except KeyboardInterrupt:
            print(f"{command}: onderbroken.", file=sys.stderr)
            return 130
        except (duckdb.Error, OSError, ValueError) as exc:
            # Expected: a missing warehouse, invalid SQL, a bad setting or argument, a port in use. One line.
            print(f"{command}: {_expected(exc)}", file=sys.stderr)
            return 1
        except Exception as exc:
            # A bug: its traceback with --verbose, else one line and where the traceback is, when it was kept.
            if args.verbose:
                raise
            where = " ".join(getattr(exc, "__notes__", [])) or f"De volledige foutmelding toont {command} --verbose"
            print(f"{command}: onverwachte fout ({type(exc).__name__}: {_one_line(exc)}). {where}.", file=sys.stderr)
            return 1


class Parser(argparse.ArgumentParser):
    """argparse, with its complaints about the command line in one Dutch line."""

    def error(self, message: str) -> NoReturn:
        for english, dutch in ARGPARSE_NL:
            message = re.sub(english, dutch, message)
        self.exit(2, f"{self.prog}: {message} (zie {self.prog} --help)\n")


ARGPARSE_NL = [
    (r"^the following arguments are required: ", "verplicht maar niet opgegeven: "),
    (r"^argument (\S+): invalid int value: (.*)$", r"\1 verwacht een geheel getal, niet \2"),
    (r"^argument (\S+): invalid float value: (.*)$", r"\1 verwacht een getal, niet \2"),
    (r"^argument COMMAND: invalid choice: (.*) \(choose from (.*)\)$", r"onbekende opdracht \1; kies uit \2"),
    (r"^argument (\S+): expected one argument$", r"\1 verwacht een waarde"),
    (r"^unrecognized arguments: ", "onbekende argumenten: "),
]


@contextlib.contextmanager
def _python_warnings(shown: bool) -> Iterator[None]:
    """Python's warnings (a library's DeprecationWarning) stay off the console unless `shown`: they go to
    logging, where `mcmon run` and `mcmon report` write them into the run's log file."""
    if shown:
        yield
        return
    log = logging.getLogger("py.warnings")
    nowhere, propagated = logging.NullHandler(), log.propagate
    log.addHandler(nowhere)
    log.propagate = False
    logging.captureWarnings(True)
    try:
        yield
    finally:
        logging.captureWarnings(False)
        log.removeHandler(nowhere)
        log.propagate = propagated


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


# The operating system's reasons, in Dutch; others keep the system's own words.
OS_ERRORS = {
    errno.ENOENT: "bestaat niet",
    errno.EACCES: "geen toegang (rechten)",
    errno.EPERM: "niet toegestaan",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "is een map, geen bestand",
    errno.EEXIST: "bestaat al",
}

# What went wrong in a query, by DuckDB's error class; DuckDB's own message follows.
DUCKDB_ERRORS = [
    (duckdb.ParserException, "de query is geen geldige SQL"),
    (duckdb.CatalogException, "een tabel, kolom of functie in de query bestaat niet"),
    (duckdb.BinderException, "de query verwijst naar een kolom of functie die niet bestaat of niet past"),
    (duckdb.PermissionException, "niet toegestaan"),
    (duckdb.ConversionException, "een waarde kan niet omgezet worden"),
]


def _expected(exc: Exception) -> str:
    """An expected error in one Dutch line: our own messages are Dutch already."""
    if isinstance(exc, duckdb.Error):
        what = next((dutch for kind, dutch in DUCKDB_ERRORS if isinstance(exc, kind)), "fout in DuckDB")
        return f"{what} (DuckDB: {_one_line(exc)})"
    if isinstance(exc, OSError) and exc.errno in OS_ERRORS:
        return f"{exc.filename}: {OS_ERRORS[exc.errno]}" if exc.filename else OS_ERRORS[exc.errno]
    return _one_line(exc)


def _run(args: argparse.Namespace) -> int:
    from pipelines.run import run_everything

    settings = load_settings()
    check_secrets(settings)
    return run_everything(settings, accept_drop=args.accept_drop, verbose=args.verbose)


def _report(args: argparse.Namespace) -> int:
    from pipelines.run import run_report

    settings = load_settings()
    _existing(settings.warehouse)
    return run_report(settings, args.quarter, verbose=args.verbose)


def _serve(args: argparse.Namespace) -> int:
    site = load_settings().site_dir
    if not (site / "index.html").exists():
        raise ValueError(f"{site} bevat nog geen site: voer eerst `mcmon run` uit")
    if not 0 <= args.port <= 65535:
        raise ValueError(f"poort {args.port}: kies een poort van 1 tot 65535 (0: een vrije poort)")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    try:
        server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    except OSError as exc:
        reason = {
            errno.EADDRINUSE: "is al in gebruik: kies een andere poort met --port",
            errno.EADDRNOTAVAIL: "is geen adres van deze machine: kies een ander met --host",
            socket.EAI_NONAME: "is een onbekende naam: kies een ander adres met --host",
        }.get(exc.errno, f"kan niet geopend worden ({exc.strerror}): kies een ander adres met --host")
        raise ValueError(f"{args.host}:{args.port} {reason}") from None
    with server:
        print(f"De site staat op http://{args.host}:{server.server_address[1]}/ (Ctrl+C om te stoppen)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


def _generate(args: argparse.Namespace) -> int:
    from pipelines.generate import generate_landing_zone

    if args.learners < 1:
        raise ValueError("--learners moet minstens 1 zijn")
    if not 0 <= args.defect_rate <= 1:
        raise ValueError("--defect-rate moet tussen 0 en 1 liggen, bv. 0.02")
    if args.elm_credentials is not None and args.elm_credentials < 0:
        raise ValueError("--elm-credentials mag niet negatief zijn")
    written = generate_landing_zone(
        args.out,
        learners=args.learners,
        seed=args.seed,
        defect_rate=args.defect_rate,
        elm_credentials=args.elm_credentials,
    )
    print(f"{len(written)} bestanden, {sum(written.values()):,} rijen geschreven in {args.out}".replace(",", "."))
    return 0


# A query sees the one database it was opened on and nothing else: no file is read or written (read_csv,
# COPY, ATTACH of the internal database, extensions), and the query cannot switch that back on.
SANDBOX = {"enable_external_access": False, "lock_configuration": True}


def _sandboxed(database: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(_existing(database)), read_only=True, config=SANDBOX)


def _existing(database: Path) -> Path:
    if not database.exists():
        raise ValueError(f"{database} bestaat nog niet: voer eerst `mcmon run` uit")
    return database


def _published_warehouse() -> duckdb.DuckDBPyConnection:
    return _sandboxed(load_settings().warehouse)


INDICATORS_SQL = """
    SELECT v.indicator_id, c.name_nl, v.year, v.dimension, coalesce(l.label_nl, v.dimension_value),
           v.value, v.numerator, v.denominator, v.unit, v.suppressed
    FROM marts.indicator_values v
    JOIN marts.indicator_catalogue c USING (indicator_id)
    LEFT JOIN ref.dimension_labels l USING (dimension, dimension_value)
    WHERE v.year = $1 AND ($2::VARCHAR IS NULL OR v.indicator_id = $2)
    ORDER BY c.indicator_group, v.indicator_id, v.dimension <> 'total', v.dimension, l.sort_order, v.dimension_value
"""


def _indicators(args: argparse.Namespace) -> int:
    with _published_warehouse() as con:
        known = {i for (i,) in con.execute("SELECT indicator_id FROM marts.indicator_catalogue").fetchall()}
        if args.indicator_id and args.indicator_id not in known:
            raise ValueError(f"onbekende indicator {args.indicator_id}: `mcmon indicators` toont ze allemaal")
        year = args.year or con.execute("SELECT max(year) FROM marts.indicator_values").fetchall()[0][0]
        rows = con.execute(INDICATORS_SQL, [year, args.indicator_id]).fetchall()
        if not rows:
            wanted = f"jaar {year}" + (f" en indicator {args.indicator_id}" if args.indicator_id else "")
            raise ValueError(f"geen indicatorwaarden voor {wanted}")
        table = pd.DataFrame(
            [
                (i, name, y, dimension, label, indicator_value(value, unit, hidden), _number(num), _number(den))
                for i, name, y, dimension, label, value, num, den, unit, hidden in rows
            ],
            columns=["indicator", "naam", "jaar", "opsplitsing", "waarde opsplitsing", "waarde", "teller", "noemer"],
        )
        con.from_df(table).show(max_rows=len(table) + 1, max_width=10_000)
    return 0


def _number(value: float | None) -> str:
    return belgian(value, 0 if value is None or float(value).is_integer() else 1)


DQ_LATEST = "(SELECT run_id FROM dq.expectations ORDER BY checked_at DESC LIMIT 1)"


def _dq(args: argparse.Namespace) -> int:
    with _published_warehouse() as con:
        con.sql(
            "SELECT source_label AS bron, files AS bestanden, files_rejected AS geweigerd, "
            "rows_received AS ontvangen, rows_loaded AS ingeladen, rows_quarantined AS quarantaine, "
            'rows_duplicate AS dubbel, rows_in_rejected_files AS "in geweigerde bestanden", '
            "CASE WHEN is_missing THEN 'niets aangeleverd' WHEN reconciles THEN 'klopt' ELSE 'KLOPT NIET' END "
            "AS telling FROM dq.sources"
        ).show(max_width=10_000)
        rows = con.execute(
            f"""SELECT run_id, max(checked_at), coalesce(c.label_nl, severity), count(*) FILTER (success),
                       count(*) FILTER (NOT success)
                FROM dq.expectations
                LEFT JOIN ref.codes c ON c.list = 'check_severity' AND c.code = severity
                WHERE run_id = {DQ_LATEST} GROUP BY run_id, severity, c.label_nl ORDER BY severity"""
        ).fetchall()
        if not rows:
            raise ValueError("nog geen controles in het gepubliceerde datawarehouse")
        print(f"Controles van run {rows[0][0]} ({rows[0][1]:%Y-%m-%d %H:%M} UTC):")
        for _, _, severity, passed, failed in rows:
            print(f"  {severity}: {belgian(passed)} geslaagd, {belgian(failed)} gefaald")
        failed = con.sql(
            f"""SELECT coalesce(c.label_nl, severity) AS ernst, suite AS tabel, description AS controle,
                       observed_value AS waargenomen
                FROM dq.expectations
                LEFT JOIN ref.codes c ON c.list = 'check_severity' AND c.code = severity
                WHERE run_id = {DQ_LATEST} AND NOT success ORDER BY severity, suite, expectation"""
        )
        if failed.fetchall():
            print("Gefaalde controles:")
            failed.show(max_width=10_000)
    return 0


def _sql(args: argparse.Namespace) -> int:
    with _published_warehouse() as con:
        _show(con, args.query, args.max_rows)
    return 0


def _steward_sql(args: argparse.Namespace) -> int:
    print(
        "Interne databank: gegevens op rijniveau en cijfers vóór het verbergen van kleine cellen. "
        "Enkel voor databeheerders; niet publiceren.",
        file=sys.stderr,
    )
    with _sandboxed(load_settings().internal_database) as con:
        _show(con, args.query, args.max_rows)
    return 0


def _show(con: duckdb.DuckDBPyConnection, query: str, max_rows: int) -> None:
    if max_rows < 1:
        raise ValueError("--max-rows moet minstens 1 zijn")
    result = con.sql(query)
    if result is None:
        print("(geen resultaat)")
    else:
        width = os.get_terminal_size().columns if sys.stdout.isatty() else 10_000
        result.show(max_rows=max_rows, max_width=width)


if __name__ == "__main__":
    sys.exit(main())
