"""Benchmark: how time and memory grow with the data, against the physical floor.

    .venv/bin/python bench/benchmark.py                 # 10 000, 200 000, 1 000 000 learners and 10 000 credentials
    .venv/bin/python bench/benchmark.py --learners 10000 --elm-files 200 --repeat 1 --results-dir /tmp/bench  # as CI
    .venv/bin/python bench/benchmark.py --learners --elm-files 10000                        # credential ingestion only

For each size: generate a landing zone (cached in --work-dir), measure the floor (DuckDB reading every
landing file once, in one fresh process), then run the full pipeline (`mcmon run`) in a fresh process
--repeat times and the quarterly report once, recording wall time, CPU time and peak RSS of each process
(os.wait4; for a run, plus the peak its Great Expectations worker process logs) and the wall time per
stage from the run's Dagster event log. The largest size is run once more with MCMON_MEMORY_LIMIT=1GB.
`--limited-learners 5000000` runs that zone once inside a memory cgroup of `--cgroup-limit` (4 GB): the
kernel, not the pipeline, holds the run and its Great Expectations worker to it (cgroup v1, as root).
European Digital Credentials are measured on their own: a zone holding --elm-files credential files,
whose ingestion (reading, unwrapping, mapping and pseudonymising every claim) runs --repeat times in a
fresh process. Results go to <results-dir>/<start, UTC>.json and BENCHMARKS.md (credentials measured
alone: <start>-elm.json only).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
DECISIONS = BENCH_DIR / "decisions.md"
CGROUP_ROOT = Path("/sys/fs/cgroup/memory")
MCMON = [sys.executable, "-m", "pipelines.cli"]
STAGES = ("ingest", "validate", "models", "disclosure", "checks", "publish", "site", "report")
# The disclosure control: the models that declare the relations and apply the rules, the protection step
# (marts__cell_suppression) and the audit of the published table, which the checks step logs.
DISCLOSURE_MODELS = ("marts/disclosure_relations", "marts/suppression_rules")


def measured(command: list[str], env: dict[str, str], cgroup: Path | None = None) -> dict:
    """Wall time, CPU time and peak RSS of one command in a fresh process (in memory cgroup `cgroup`)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=PROJECT_DIR,
        # The child joins the cgroup before it runs anything: its children (the GX worker) stay in it.
        preexec_fn=(lambda: (cgroup / "cgroup.procs").write_text(str(os.getpid()))) if cgroup else None,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    output, errors = process.stdout.read().decode(), process.stderr.read().decode()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{errors[-3000:]}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "stdout": output,
    }


def floor(zone: Path) -> None:
    """Read every landing file once with DuckDB: the cost no pipeline can avoid."""
    import duckdb
    from python_calamine import CalamineWorkbook

    con = duckdb.connect()
    rows = 0
    for path in sorted(zone.rglob("*")):
        if path.suffix == ".csv":
            with contextlib.suppress(duckdb.Error):  # the deliberately broken files of the zone
                rows += con.execute(
                    "SELECT count(*) FROM read_csv($1, all_varchar = true, header = true, strict_mode = false, "
                    "ignore_errors = true, null_padding = true)",
                    [str(path)],
                ).fetchall()[0][0]
        elif path.suffix == ".xlsx":
            workbook = CalamineWorkbook.from_path(str(path))
            rows += sum(len(workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names)
    documents = [str(p) for p in zone.glob("awards/elm/*.json*")]
    rows += con.execute("SELECT count(*) FROM read_blob($1::VARCHAR[])", [documents]).fetchall()[0][0]
    print(rows)


def stage_of(step: str, asset: str | None) -> str:
    """The stage of a step, or for a SQL models step of one model (`asset`, schema/table): staging validates."""
    if step.startswith("sql_models"):  # Dagster splits the models step around the protection step
        if asset in DISCLOSURE_MODELS:
            return "disclosure"
        return "validate" if asset and asset.startswith("staging/") else "models"
    if step == "marts__cell_suppression":
        return "disclosure"
    if step.startswith(("ingest_", "raw__")) or step == "reference":
        return "ingest"
    if step.startswith("quality_"):
        return "checks"
    if step == "published__site":
        return "site"
    return "publish"


def from_event_log(dagster_home: Path) -> tuple[dict[str, float], int]:
    """Wall time per stage from the full run's event log (each step from its start to its end, the SQL
    models step split at each model's materialisation: they run one after the other; the audit's time
    inside the checks step, which it logs, moved to disclosure), and the peak memory of the run's Great
    Expectations worker process, which it logs when it stops."""
    env = {**os.environ, "DAGSTER_HOME": str(dagster_home)}
    script = (
        "import json, re, dagster as dg\n"
        "E = dg.DagsterEventType\n"
        "from pipelines.defs.resources import GX_WORKER_PEAK\n"
        "from pipelines.quality.validate import SETUP_TIME\n"
        "i = dg.DagsterInstance.get()\n"
        "run = next(r for r in i.get_runs() if r.job_name == 'full_run')\n"
        "since, spans, worker, audit = {}, [], 0, 0.0\n"
        "for r in i.all_logs(run.run_id):\n"
        "    if (r.user_message or '').startswith(GX_WORKER_PEAK):\n"
        "        worker = int(re.search(r'(\\d+) MB', r.user_message)[1])\n"
        "    if (r.user_message or '').startswith(SETUP_TIME + ' marts.indicator_values (disclosure_audit):'):\n"
        "        audit = float(re.search(r'([\\d.]+) s', r.user_message)[1])\n"
        "    e = r.dagster_event\n"
        "    if e is None or e.step_key is None: continue\n"
        "    if e.event_type == E.STEP_START: since[e.step_key] = r.timestamp\n"
        "    if e.event_type in (E.ASSET_MATERIALIZATION, E.STEP_SUCCESS):\n"
        "        asset = '/'.join(e.asset_key.path) if e.event_type == E.ASSET_MATERIALIZATION else None\n"
        "        spans.append((e.step_key, asset, r.timestamp - since[e.step_key]))\n"
        "        since[e.step_key] = r.timestamp\n"
        "print(json.dumps([spans, worker, audit]))\n"
    )
    spans, worker, audit = json.loads(
        subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True, cwd=PROJECT_DIR
        ).stdout
    )
    totals = dict.fromkeys(STAGES, 0.0)
    for step, asset, seconds in spans:
        totals[stage_of(step, asset)] += seconds
    totals["checks"] -= audit
    totals["disclosure"] += audit
    return {stage: round(seconds, 2) for stage, seconds in totals.items()}, worker


def memory_cgroup(limit: str) -> Path:
    """A fresh cgroup v1 memory group holding its processes to `limit` (e.g. 4G), swap included."""
    group = CGROUP_ROOT / "mcmon-bench"
    if group.exists():
        group.rmdir()
    group.mkdir()
    (group / "memory.limit_in_bytes").write_text(limit)
    if (group / "memory.memsw.limit_in_bytes").exists():
        (group / "memory.memsw.limit_in_bytes").write_text(limit)
    return group


def run_once(zone: Path, work: Path, extra_env: dict[str, str], cgroup: Path | None = None) -> dict:
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    env = {
        **os.environ,
        "MCMON_LANDING_DIR": str(zone),
        "MCMON_DATA_DIR": str(data),
        "DAGSTER_HOME": str(data / "dagster_home"),
        **extra_env,
    }
    run = measured([*MCMON, "run"], env, cgroup)
    stages, worker_mb = from_event_log(data / "dagster_home")
    report = measured([*MCMON, "report"], env)
    stages["report"] = report["wall_s"]
    return {
        "wall_s": run["wall_s"],
        "cpu_s": run["cpu_s"],
        # The run's process and its Great Expectations worker, added: an upper bound of both together.
        "peak_rss_mb": run["peak_rss_mb"] + worker_mb,
        "run_process_rss_mb": run["peak_rss_mb"],
        "gx_worker_rss_mb": worker_mb,
        "stages": stages,
    }


def generated_zone(learners: int, work_dir: Path, seed: int) -> Path:
    """The landing zone of `learners`, generated once into the work dir."""
    zone = work_dir / f"zone_{learners}"
    if not (zone / "awards").is_dir():
        shutil.rmtree(zone, ignore_errors=True)
        generated = measured(
            [*MCMON, "generate", "--learners", str(learners), "--seed", str(seed), "--out", str(zone)], dict(os.environ)
        )
        print(f"  generated {learners} learners in {generated['wall_s']} s", flush=True)
    return zone


def benchmark_size(learners: int, repeat: int, work_dir: Path, seed: int) -> dict:
    zone = generated_zone(learners, work_dir, seed)
    size_mb = round(sum(p.stat().st_size for p in zone.rglob("*") if p.is_file()) / 1e6, 1)
    floor_run = measured([sys.executable, str(Path(__file__).resolve()), "--floor", str(zone)], dict(os.environ))
    runs = []
    for number in range(repeat):
        runs.append(run_once(zone, work_dir / f"run_{learners}", {}))
        print(f"  run {number + 1}: {runs[-1]['wall_s']} s, {runs[-1]['peak_rss_mb']} MB", flush=True)
    median = {key: statistics.median(r[key] for r in runs) for key in ("wall_s", "cpu_s", "peak_rss_mb")}
    stages = {s: round(statistics.median(r["stages"][s] for r in runs), 2) for s in STAGES}
    return {
        "learners": learners,
        "landing_mb": size_mb,
        "landing_rows": int(floor_run["stdout"].strip()),
        "floor_s": floor_run["wall_s"],
        "runs": runs,
        "median": median,
        "median_stages": stages,
        "run_over_floor": round(median["wall_s"] / floor_run["wall_s"], 2),
    }


def cgroup_run(learners: int, limit: str, work_dir: Path, seed: int) -> dict:
    """One run of a zone of `learners` inside a memory cgroup of `limit`: whether it completes, its time,
    and the cgroup's own peak (page cache included, which the kernel reclaims before it stops a process)."""
    zone = generated_zone(learners, work_dir, seed)
    result = {"learners": learners, "limit": limit.replace("G", " GB")}
    try:
        group = memory_cgroup(limit)
    except OSError as error:
        # Not root, or no cgroup v1 memory controller: the other results are kept, this one says why.
        return result | {"completed": False, "error": f"no memory cgroup: {error}"}
    try:
        result |= run_once(zone, work_dir / f"run_{learners}", {}, group) | {"completed": True}
    except RuntimeError as error:
        result |= {"completed": False, "error": str(error).splitlines()[-1][:300]}
    result["cgroup_peak_mb"] = round(int((group / "memory.max_usage_in_bytes").read_text()) / 2**20)
    result["cgroup_failcnt"] = int((group / "memory.failcnt").read_text())
    return result


def ingest_elm(zone: Path) -> None:
    """Ingest the zone's credentials into a fresh database; print the seconds it took and the claims."""
    import tempfile

    import duckdb

    from pipelines.landing.contract import ELM
    from pipelines.landing.ingest import ingest
    from pipelines.landing.pseudonymise import pseudonym_key

    with tempfile.TemporaryDirectory() as scratch:
        con = duckdb.connect(str(Path(scratch) / "bench.duckdb"))
        start = time.perf_counter()
        summary = ingest(con, ELM, zone, Path(scratch), pseudonym_key()[0])
        print(json.dumps({"ingest_s": round(time.perf_counter() - start, 2), "claims": summary.rows}))


def benchmark_elm(files: int, repeat: int, work_dir: Path, seed: int) -> dict:
    zone = work_dir / f"zone_elm_{files}"
    if not (zone / "awards" / "elm").is_dir():
        shutil.rmtree(zone, ignore_errors=True)
        # 20 learners per credential hold enough awards of the issuing universities.
        learners = max(10_000, 20 * files)
        command = ["generate", "--learners", str(learners), "--seed", str(seed), "--elm-credentials", str(files)]
        measured([*MCMON, *command, "--out", str(zone)], dict(os.environ))
    documents = sorted((zone / "awards" / "elm").iterdir())
    runs = []
    for _ in range(repeat):
        process = measured([sys.executable, str(Path(__file__).resolve()), "--ingest-elm", str(zone)], dict(os.environ))
        runs.append(
            {**json.loads(process["stdout"]), "process_s": process["wall_s"], "peak_rss_mb": process["peak_rss_mb"]}
        )
        print(f"  {len(documents)} credential files: ingest {runs[-1]['ingest_s']} s", flush=True)
    return {
        "files": len(documents),
        "megabytes": round(sum(p.stat().st_size for p in documents) / 1e6, 1),
        "claims": runs[0]["claims"],
        "runs": runs,
        "median_ingest_s": statistics.median(r["ingest_s"] for r in runs),
        "median_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs),
    }


def machine() -> dict:
    memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    return {
        "cpus": os.cpu_count(),
        "memory_gb": memory_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "processor": platform.machine(),
    }


def targets(results: dict) -> list[tuple[str, str, bool]]:
    """The targets of issue 15 that these results can speak to: (target, measured value, met)."""
    by_size = {size["learners"]: size for size in results["sizes"]}
    rows = []
    if 1_000_000 in by_size:
        largest = by_size[1_000_000]
        wall, rss = largest["median"]["wall_s"], largest["median"]["peak_rss_mb"]
        rows += [
            ("1 000 000 learners: full run ≤ 40 s", f"{wall} s", wall <= 40),
            ("1 000 000 learners: run ÷ floor ≤ 5", str(largest["run_over_floor"]), largest["run_over_floor"] <= 5),
            ("1 000 000 learners: peak RSS ≤ 2.5 GB", f"{rss:,} MB", rss <= 2.5 * 1024),
        ]
    if 10_000 in by_size:
        wall = by_size[10_000]["median"]["wall_s"]
        rows.append(("10 000 learners: full run ≤ 10 s", f"{wall} s", wall <= 10))
    if results.get("memory_limited"):
        limited = results["memory_limited"]
        rows.append(
            (
                "`MCMON_MEMORY_LIMIT=1GB`: 1 000 000 learners complete",
                f"{limited['wall_s']} s, peak RSS {limited['peak_rss_mb']:,} MB",
                True,
            )
        )
    if results.get("cgroup_limited"):
        limited = results["cgroup_limited"]
        learners = f"{limited['learners']:,}".replace(",", " ")
        rows.append(
            (
                f"{learners} learners: complete within a {limited['limit']} memory cgroup",
                f"{limited['wall_s']} s, peak RSS {limited['peak_rss_mb']:,} MB, cgroup peak "
                f"{limited['cgroup_peak_mb']:,} MB"
                if limited["completed"]
                else f"stopped: {limited['error']}",
                limited["completed"],
            )
        )
        if "measured_in" in limited:
            target, value, met = rows[-1]
            rows[-1] = (target, f"{value} (an earlier run: `bench/results/{limited['measured_in']}`)", met)
    return rows


def earlier_cgroup_run(results_dir: Path) -> dict | None:
    """The cgroup run of the newest results file that has one, with the file's name: a run without
    --limited-learners (17 minutes more) keeps it in BENCHMARKS.md, saying where it comes from."""
    for path in sorted(results_dir.glob("*.json"), reverse=True):
        limited = json.loads(path.read_text()).get("cgroup_limited")
        if limited:
            return {**limited, "measured_in": path.name}
    return None


def markdown(results: dict) -> str:
    sizes = results["sizes"]
    lines = [
        "# Benchmarks",
        "",
        f"Measured {results['date']} with `bench/benchmark.py` on {results['machine']['cpus']} CPUs, "
        f"{results['machine']['memory_gb']} GB RAM ({results['machine']['platform']}, Python "
        f"{results['machine']['python']}). Medians of {results['repeat']} runs, each `mcmon run` in a fresh process "
        "on a generated landing zone; the floor is DuckDB reading every landing file once in one process.",
        "",
        "| learners | landing | rows | floor | full run (wall) | CPU | peak RSS | run ÷ floor | "
        + " | ".join(STAGES)
        + " |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | " + " | ".join("---:" for _ in STAGES) + " |",
    ]
    for size in sizes:
        median = size["median"]
        lines.append(
            f"| {size['learners']:,} | {size['landing_mb']} MB | {size['landing_rows']:,} | {size['floor_s']} s | "
            f"{median['wall_s']} s | {median['cpu_s']} s | {median['peak_rss_mb']:,} MB | {size['run_over_floor']} | "
            + " | ".join(f"{size['median_stages'][s]} s" for s in STAGES)
            + " |"
        )
    lines += [
        "",
        "Stages are the summed step times of the run: ingest (landing files and reference tables), validate (the "
        "staging models: typing, row rules, quarantine), models (intermediate and marts), disclosure (the "
        "relations between published numbers, the suppression rules, the protection and the audit of the "
        "published indicators: linear programmes), checks (Great Expectations), publish (warehouse, exports, "
        "feedback), site; report is `mcmon report`, a process of its "
        "own. CPU counts the run's process and its Great Expectations worker; peak RSS adds the peaks of the "
        "two (an upper bound of their sum at any moment). The floor grows with the number of files more than "
        "with their size: DuckDB sniffs each CSV file before reading it.",
        "",
        "## Targets (issue 15)",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {target} | {value} | {'yes' if met else 'no'} |" for target, value, met in targets(results)]
    if results.get("elm"):
        elm = results["elm"]
        lines += [
            "",
            "## European Digital Credentials (issue 13)",
            "",
            f"{elm['files']:,} credential files ({elm['megabytes']} MB, {elm['claims']:,} claims, every shape of the "
            f"contract) ingested in {elm['median_ingest_s']} s (median of {len(elm['runs'])}; target ≤ 10 s: "
            f"{'met' if elm['median_ingest_s'] <= 10 else 'not met'}), peak RSS of the process "
            f"{elm['median_peak_rss_mb']:,} MB. Ingesting is reading, unwrapping (JWTs decoded in Python), mapping "
            "every claim and pseudonymising its learner, into a fresh database.",
        ]
    lines += ["", "Where the time goes, and how the pipeline would grow beyond one machine: `docs/scaling.md`."]
    # The hand-measured decisions stay with every rewrite of the table.
    lines += ["", DECISIONS.read_text(encoding="utf-8").rstrip()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, nargs="*", default=[10_000, 200_000, 1_000_000])
    parser.add_argument(
        "--elm-files", type=int, default=10_000, help="credential files of the ELM measurement (0: none)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/mcmon-bench"))
    parser.add_argument("--results-dir", type=Path, default=BENCH_DIR / "results")
    parser.add_argument("--no-memory-limit-run", action="store_true", help="skip the MCMON_MEMORY_LIMIT=1GB run")
    parser.add_argument("--limited-learners", type=int, help="run a zone of this size once in a memory cgroup")
    parser.add_argument("--cgroup-limit", default="4G", help="the cgroup's memory limit (default 4G)")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ingest-elm", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        floor(args.floor)
        return
    if args.ingest_elm:
        ingest_elm(args.ingest_elm)
        return

    args.work_dir.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    results = {
        "date": started.date().isoformat(),
        "started": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "repeat": args.repeat,
        "sizes": [],
    }
    for learners in sorted(args.learners):
        print(f"{learners} learners", flush=True)
        results["sizes"].append(benchmark_size(learners, args.repeat, args.work_dir, args.seed))
    if args.elm_files:
        print(f"{args.elm_files} credential files", flush=True)
        results["elm"] = benchmark_elm(args.elm_files, args.repeat, args.work_dir, args.seed)
    largest = max(args.learners, default=0)
    if not args.no_memory_limit_run and largest >= 1_000_000:
        zone = args.work_dir / f"zone_{largest}"
        limited = run_once(zone, args.work_dir / "run_limited", {"MCMON_MEMORY_LIMIT": "1GB"})
        results["memory_limited"] = {"learners": largest, **limited}
    if args.limited_learners:
        print(f"{args.limited_learners} learners in a {args.cgroup_limit} memory cgroup", flush=True)
        results["cgroup_limited"] = cgroup_run(args.limited_learners, args.cgroup_limit, args.work_dir, args.seed)
    args.results_dir.mkdir(parents=True, exist_ok=True)
    # One file per run, named by its start (UTC), so every figure quoted in the docs keeps its file.
    # Credentials measured alone leave BENCHMARKS.md (the sizes' table) as it is.
    stamp = started.strftime("%Y-%m-%dT%H%M")
    name = stamp if results["sizes"] else f"{stamp}-elm"
    (args.results_dir / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    earlier = None if results.get("cgroup_limited") else earlier_cgroup_run(args.results_dir)
    table = markdown({**results, "cgroup_limited": earlier} if earlier else results)
    if results["sizes"] and args.results_dir.resolve() == (BENCH_DIR / "results").resolve():
        (PROJECT_DIR / "BENCHMARKS.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
