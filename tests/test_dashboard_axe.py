"""axe-core in the real browser on every page of the dashboard site, on a desktop and a phone: no serious or
critical violation of the WCAG 2.0 and 2.1 A and AA rules. A file of its own, so that pytest-xdist runs it
beside the other browser tests (the data-quality page's long tables take axe a while)."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from dashboards.layout import PAGES
from tests.conftest import CHROMIUM

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)
WIDTHS = (1400, 400)


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_serious_or_critical_violation(sample_run, page_at, width):
    """axe-core 4.12, shipped by axe-playwright-python."""
    page, errors = page_at(width)
    axe = Axe()
    found = {}
    for file, _ in PAGES:
        page.goto((sample_run[0] / "site" / file).as_uri())
        page.wait_for_load_state("load")
        results = axe.run(
            page,
            # preload off: axe would fetch the style sheets by XHR, which a page opened from disk may not do.
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                "preload": False,
            },
        )
        serious = [
            f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            found[file] = serious
    assert found == {}
    assert errors == []
