"""Refresh the screenshots in dashboards/screenshots/ that the README shows: `python -m dashboards.screenshots`.

Opens the built site (data/site, after `make run` on the committed sample) in Debian's headless
Chromium, offline, the way the browser test does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

from pipelines.settings import load_settings

TARGET = Path(__file__).parent / "screenshots"
PAGES = {"index.html": "overzicht.png", "vaardigheidskloof.html": "vaardigheidskloof.png"}


def main() -> None:
    site = load_settings().site_dir.resolve()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
        for page_file, image in PAGES.items():
            page = context.new_page()
            page.goto((site / page_file).as_uri())
            page.wait_for_load_state("load")
            page.screenshot(path=str(TARGET / image), full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
