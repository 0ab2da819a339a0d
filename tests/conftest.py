"""What several test modules share: one Chromium for every page test (one sync Playwright per
process: a second one started while the first lives fails)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ror_orientation.index import default_concept_index
from ror_orientation.index.analyse import Termes
from ror_orientation.index.concepts import ConceptIndex

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def index() -> ConceptIndex:
    """The shipped concept index the reading tests read phrases with (built once, cached)."""
    return default_concept_index()


@pytest.fixture(scope="session")
def termes() -> Termes:
    """The text analyser the small hand-made vocabularies of the reading tests are built with."""
    return Termes()
