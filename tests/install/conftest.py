"""A page with known entries for the packaging tests, made by the tests' own generator (tests.pagegen)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def typed_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A clean typed khai_sinh register page of 4 entries: (image, truth)."""
    from tests.pagegen import PageSpec, make_page, write_page

    image, truth = make_page(PageSpec("khai_sinh", 1998, "table", 4, hand="type", dpi=200, seed=14))
    path = write_page(tmp_path_factory.mktemp("trang"), "trang-khai-sinh", image, truth)
    return path, json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
