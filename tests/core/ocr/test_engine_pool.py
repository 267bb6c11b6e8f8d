"""The Tesseract pool: one model per core for every read of the process (entries, pages, warm-up), the same
words whatever thread reads, the program when the library cannot load, and no process started to ask
whether Vietnamese is there."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from PIL import Image

from hotich_desktop.core.ocr import engine
from tests.conftest import ledger_pages

needs_library = pytest.mark.skipif(
    not (engine.available("vie") and engine._library_importable() and engine.tessdata_dir("vie") is not None),
    reason="tesserocr with vie data is not installed")


def _strips(n: int) -> list[np.ndarray]:
    """n different bands of writing from the typed sample page (gray, about 300 dpi)."""
    page = np.asarray(Image.open(ledger_pages()[0]).convert("L"))
    h, w = page.shape
    band = h // (n + 4)
    return [np.ascontiguousarray(page[(i + 2) * band:(i + 3) * band, : w // 2]) for i in range(n)]


@pytest.fixture
def fresh_pool(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """An empty pool table for this test; the list gets one item per model loaded."""
    loads: list[str] = []
    real = engine._new_api

    def counting(lang: str):  # noqa: ANN202
        loads.append(lang)
        return real(lang)

    monkeypatch.setattr(engine, "_pools", {})
    monkeypatch.setattr(engine, "_new_api", counting)
    monkeypatch.delenv("HOTICH_OCR_PROGRAM", raising=False)
    return loads


@needs_library
def test_many_threads_share_one_model_per_core_and_read_the_same(fresh_pool: list[str]) -> None:
    strips = _strips(6)
    alone = [engine.read_words(s) for s in strips]
    assert len(fresh_pool) == 1 and any(alone)  # one thread: one model, reused for every call
    with ThreadPoolExecutor(6) as pool:  # more readers than cores: they wait for a free model
        together = list(pool.map(engine.read_words, strips))
    assert together == alone
    assert len(fresh_pool) <= engine.reading_threads()


@needs_library
def test_warm_up_loads_ahead_and_the_first_read_uses_it(fresh_pool: list[str]) -> None:
    thread = engine.warm_up("vie", count=1)
    assert thread is not None
    thread.join(60)
    assert fresh_pool == ["vie"] and len(engine._pools["vie"].free) == 1
    engine.read_words(_strips(1)[0])
    assert fresh_pool == ["vie"]  # nothing loaded again
    engine.warm_up("vie", count=1).join(60)
    assert fresh_pool == ["vie"]  # a warm pool is left as it is


@needs_library
def test_no_process_is_started_to_check_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    engine.check.cache_clear()

    def no_process(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("a process was started")

    monkeypatch.setattr(engine.subprocess, "run", no_process)
    try:
        engine.check("vie")
    finally:
        engine.check.cache_clear()


@pytest.mark.skipif(not engine.available("vie") or engine.tesseract_exe() is None,
                    reason="the tesseract program with vie is not installed")
def test_without_the_library_the_program_reads(fresh_pool: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_new_api", lambda lang: fresh_pool.append(lang))  # the library fails to load
    strip = _strips(1)[0]
    barrier = threading.Barrier(3)

    def read(_i: int) -> list[engine.Word]:
        barrier.wait(30)  # all at once: none may wait forever for a model that will never come
        return engine.read_words(strip)

    with ThreadPoolExecutor(3) as pool:
        got = list(pool.map(read, range(3)))
    assert all(got) and got[0] == got[1] == got[2]
    assert engine.warm_up("vie") is not None  # the warm-up thread ends at once; reading still works
    assert engine.read_words(strip) == got[0]
