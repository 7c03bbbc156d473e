"""A sensor that starts a full run when files in the landing zone are added, changed or removed."""

import hashlib
import json

import dagster as dg

from pipelines.defs.jobs import full_run
from pipelines.defs.resources import LandingZone
from pipelines.settings import landing_sensor_on


def landing_state(landing: LandingZone) -> dict[str, int]:
    """Every landing file (path within the zone) with its modification time in nanoseconds."""
    root = landing.root
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path.stat().st_mtime_ns for path in sorted(root.rglob("*")) if path.is_file()
    }


@dg.sensor(
    job=full_run,
    minimum_interval_seconds=60,
    # Off unless MCMON_LANDING_SENSOR=on: switched on, its first evaluation starts a run on the zone as it is.
    default_status=dg.DefaultSensorStatus.RUNNING if landing_sensor_on() else dg.DefaultSensorStatus.STOPPED,
)
def landing_zone_changed(context: dg.SensorEvaluationContext, landing: LandingZone):
    """Compare the landing zone (file names and modification times, kept as the cursor) with the last
    evaluation; any difference starts one full run. Off unless switched on in the UI (Automation) or
    with MCMON_LANDING_SENSOR=on."""
    state = landing_state(landing)
    before = json.loads(context.cursor) if context.cursor else {}
    added = sorted(state.keys() - before.keys())
    removed = sorted(before.keys() - state.keys())
    changed = sorted(name for name in state.keys() & before.keys() if state[name] != before[name])
    if not (added or removed or changed):
        return dg.SkipReason("Geen nieuwe, gewijzigde of verwijderde bestanden in het landingsgebied.")
    cursor = json.dumps(state, sort_keys=True)
    # One run per change of the zone, also when it returns to an earlier state.
    run_key = hashlib.sha256(f"{context.cursor}\n{cursor}".encode()).hexdigest()[:16]
    context.update_cursor(cursor)
    summary = f"{len(added)} nieuw, {len(changed)} gewijzigd, {len(removed)} verwijderd"
    return dg.RunRequest(run_key=run_key, tags={"mcmon/trigger": "landingsgebied", "mcmon/changes": summary})
