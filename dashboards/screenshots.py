"""Refresh the screenshots in dashboards/screenshots/: every page at 1400 px (a desktop) and 400 px (a phone).
Run `python -m dashboards.screenshots` after `make run` on the committed sample.

Opens the built site (data/site) in Debian's headless Chromium, offline, the way the browser test does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

from dashboards.layout import PAGES
from pipelines.settings import load_settings

TARGET = Path(__file__).parent / "screenshots"
WIDTHS = (1400, 400)


def main() -> None:
    site = load_settings().site_dir.resolve()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    for old in TARGET.glob("*.png"):
        old.unlink()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900}, offline=True)
            for page_file, _ in PAGES:
                page = context.new_page()
                page.goto((site / page_file).as_uri())
                page.wait_for_load_state("load")
                page.screenshot(path=str(TARGET / f"{Path(page_file).stem}-{width}.png"), full_page=True)
                page.close()
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
