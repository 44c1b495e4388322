"""Regenerate the tabs' pictures in docs/ (overview, study, campaigns, care): the app at 80×24 on
a copy of the demo data.

Run `python docs/make_screenshots.py [--lang zh|en]`; Textual's save_screenshot writes the SVGs."""

from __future__ import annotations

import argparse
import asyncio
import shutil
from pathlib import Path

from tui.app import CadreApp
from tui.cli import copy_demo
from tui.core.i18n import set_language
from tui.core.store import Store

DOCS = Path(__file__).resolve().parent
SIZE = (80, 24)
SHOTS = (("1", "overview"), ("2", "study"), ("3", "campaigns"), ("5", "care"))  # key, picture


async def shoot(language: str) -> None:
    folder, path, today = copy_demo()
    try:
        set_language(language)
        app = CadreApp(Store(path, today=today))
        async with app.run_test(size=SIZE) as pilot:
            for key, name in SHOTS:
                await pilot.press(key)
                await pilot.pause(0.5)
                app.save_screenshot(f"{name}.svg", path=str(DOCS))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    asyncio.run(shoot(parser.parse_args().lang))


if __name__ == "__main__":
    main()
