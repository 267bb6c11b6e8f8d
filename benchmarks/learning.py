"""The desk learns from every correction: a generated book of 60 entries (one clerk's hand, one commune's own
family names, hamlets and places) goes through the real pipeline (intake, detection, OCR prefill); the first
40 entries are corrected to the truth in order and approved through the service, then entries 41-60 are
measured twice in the same run: the plain OCR prefill (no learning) and the prefill `svc.learning.prefill`
proposes (lexicon + the book's order). Each measured entry is then saved as the clerk would (not approved:
the lexicon stays what the first 40 taught; the book's order sees the saved number and date).

    python benchmarks/learning.py [--writer 2] [--commune 7] [--dpi 200] [--styles hand,type] [--user-words]

Keystrokes (as ../shared/tools/score.py counts them): typing a value costs its length + 1; correcting the
prefill costs 1 + the edit distance (at most retyping); with learning the clerk may instead complete: typed
characters (at least the first: the window asks for completions once something is typed) + one key per
accepted completion (its rank in the list: the first costs 1).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
import unicodedata
from pathlib import Path

import common  # noqa: F401  (puts the project on sys.path)
from rapidfuzz.distance import Levenshtein

from hotich_desktop.core.intake.ingest import ingest_file
from hotich_desktop.core.learning.service import Learning
from hotich_desktop.cli.auth import SYSTEM_ACTOR
from hotich_desktop.core.entries.processing import process_book
from hotich_desktop.core.service import Service
from tests.pagegen import Commune, PageSpec, make_book

ENTRIES, TAUGHT, PER_PAGE, SHOWN = 60, 40, 5, 5


def norm(v: str) -> str:
    v = unicodedata.normalize("NFC", v or "").strip().lower()
    return " ".join(v.replace(",", " , ").split())


def nfc(v: str) -> str:
    return unicodedata.normalize("NFC", v or "").strip()


def completion_keys(svc: Service, actor, book_id: int, key: str, want: str) -> int:  # noqa: ANN001
    """Keys to enter `want` by typing and accepting completions (greedy: the whole value when shown, else the
    longest shown value that starts it, else one more character). The window asks for completions once the
    clerk has typed something (ui/entry_form.py), so the first character is always typed."""
    typed, keys = want[:1], 1
    while typed != want:
        shown = [g.value for g in svc.learning.suggest(actor, book_id, key, typed, SHOWN)][:SHOWN]
        if want in shown:
            return keys + shown.index(want) + 1
        longer = [(len(v), -i, v) for i, v in enumerate(shown) if want.startswith(v) and len(v) > len(typed) + 1]
        if longer:
            _, rank, typed = max(longer)
            keys += -rank + 1
            continue
        typed = want[:len(typed) + 1]
        keys += 1
    return keys


def run_style(hand: str, args: argparse.Namespace, work: Path) -> dict[str, float]:
    pages = work / f"pages-{hand}"
    specs = [PageSpec("khai_sinh", args.year, "table", PER_PAGE, hand, args.dpi, args.seed + i, 1,
                      tuple(args.conditions.split(",")), "jpg", writer=args.writer)
             for i in range(ENTRIES // PER_PAGE)]
    paths = make_book(pages, specs, commune=Commune.make(args.commune))
    truth = [e for p in paths for e in __import__("json").loads(p.with_suffix(".json").read_text())["entries"]]
    svc = Service.open(work / f"ws-{hand}")
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "lan", "matkhau-lan", "clerk")
    boss = svc.create_user(admin, "hoa", "matkhau-hoa", "supervisor")
    book = svc.books.open(clerk, "khai_sinh", args.year, "1").value
    t0 = time.perf_counter()
    for p in paths:
        ingest_file(svc, clerk, book.id, p)
    entries = process_book(svc, clerk, book.id)
    reading = time.perf_counter() - t0
    if len(entries) != len(truth):
        print(f"  ({hand}: {len(entries)} entries found for {len(truth)}: matched in order per page)")
    pairs = _pair(svc, entries, truth, paths)

    learn_times: list[float] = []
    original = Learning.on_approved

    learn_cpu: list[float] = []

    def timed(self, s, entry, record):  # noqa: ANN001, ANN202
        t, c = time.perf_counter(), time.process_time()
        try:
            return original(self, s, entry, record)
        finally:
            learn_times.append(time.perf_counter() - t)
            learn_cpu.append(time.process_time() - c)

    Learning.on_approved = timed
    rebuild: list[float] = []
    cpu: list[float] = []
    try:
        for n, (entry, fields) in enumerate(pairs[:TAUGHT]):
            svc.save_record(clerk, entry.id, fields, submit=True)
            svc.review.approve(boss, entry.id)
            t, c0 = time.perf_counter(), time.process_time()
            svc.learning.lexicon(book.id)  # the in-memory rebuild the next prefill or completion pays
            if n + 1 < len(pairs):
                svc.learning.sequence(pairs[n + 1][0].id)
            rebuild.append(learn_times[-1] + time.perf_counter() - t)
            cpu.append(time.process_time() - c0 + learn_cpu[-1])
    finally:
        Learning.on_approved = original

    per_field: dict[str, list[int]] = {}
    got = {"fields": 0, "plain": 0, "learned": 0, "typing": 0, "fix_plain": 0, "fix_learned": 0, "prefill_ms": []}
    for entry, fields in pairs[TAUGHT:]:
        plain = {k: v.get("value", "") for k, v in (svc.entries.info(entry.id).ocr or {}).items()}
        t = time.perf_counter()
        learned = {k: v.get("value", "") for k, v in svc.learning.prefill(clerk, entry.id).items()}
        got["prefill_ms"].append((time.perf_counter() - t) * 1000)
        for key, want in fields.items():
            a, b, w = nfc(plain.get(key, "")), nfc(learned.get(key, "")), nfc(want)
            ok_a, ok_b = norm(a) == norm(w), norm(b) == norm(w)
            got["fields"] += 1
            f = per_field.setdefault(key, [0, 0, 0, 0, 0])
            fix = 1 + (0 if ok_b else min(Levenshtein.distance(b, w), 1 + len(w),
                                          completion_keys(svc, clerk, book.id, key, w)))
            f[0], f[1], f[2], f[3], f[4] = f[0] + ok_a, f[1] + ok_b, f[2] + 1, f[3] + fix, f[4] + len(w) + 1
            got["plain"] += ok_a
            got["learned"] += ok_b
            got["typing"] += len(w) + 1
            got["fix_plain"] += 1 + (0 if ok_a else min(Levenshtein.distance(a, w), 1 + len(w)))
            got["fix_learned"] += fix
        svc.save_record(clerk, entry.id, fields, submit=True)
    if args.user_words:
        got["user_words"] = _user_words(svc, book.id, pairs[TAUGHT:], paths, work / f"user-{hand}.words")
    svc.close()
    n = got["fields"]
    out = {"plain": got["plain"] / n, "learned": got["learned"] / n, "keys_plain": 1 - got["fix_plain"] / got["typing"],
           "keys_learned": 1 - got["fix_learned"] / got["typing"], "rebuild_med": statistics.median(rebuild) * 1000,
           "rebuild_max": max(rebuild) * 1000, "learn_max": max(learn_times) * 1000,
           "rebuild_cpu_med": statistics.median(cpu) * 1000, "rebuild_cpu_max": max(cpu) * 1000,
           "prefill_med": statistics.median(got["prefill_ms"]), "reading": reading, "fields": n}
    print(f"{hand:>5}: field exact on entries {TAUGHT + 1}-{len(pairs)}: {out['plain']:.3f} without learning, "
          f"{out['learned']:.3f} with ({n} fields); keystrokes saved {out['keys_plain']:.3f} -> "
          f"{out['keys_learned']:.3f}; rebuild after an approval median {out['rebuild_med']:.1f} ms, max "
          f"{out['rebuild_max']:.1f} ms wall (CPU median {out['rebuild_cpu_med']:.1f} ms, max "
          f"{out['rebuild_cpu_max']:.1f} ms; the approval's own share max {out['learn_max']:.1f} ms); prefill median "
          f"{out['prefill_med']:.1f} ms; intake+OCR of the book {reading:.0f} s", flush=True)
    if args.verbose:
        print("       per field (exact without -> with learning; keys with learning / typing it all): " + ", ".join(
            f"{k} {a}->{b}/{n} {fix}/{typing}" for k, (a, b, n, fix, typing) in per_field.items()))
    if args.user_words and got["user_words"] < 0:
        print("       user words not measured: the reader does not call pytesseract.image_to_data")
    elif args.user_words:
        print(f"       Tesseract with the lexicon's words as user words (--user-words), entries {TAUGHT + 1}-"
              f"{len(pairs)}: {got['user_words'] / n:.3f} field exact vs {out['plain']:.3f} without", flush=True)
    return out


def _user_words(svc: Service, book_id: int, measured: list, paths: list[Path], words_file: Path) -> int:
    """Field exact of the plain reading (no learning after it) when Tesseract also gets the office's words
    as user words: does the lexicon pay inside the recognizer? (Measured only; not wired into the reader.)"""
    import pytesseract

    from hotich_desktop.core.imaging.loader import frame_at
    from hotich_desktop.core.ocr.reader import read_entries

    lex = svc.learning.lexicon(book_id)
    words = sorted({w for kind in ("ho", "dem", "ten", "part") for v in lex.counts(kind) for w in v.split()
                    if len(w) > 1})
    words_file.write_text("\n".join(words) + "\n", encoding="utf-8")
    plain = pytesseract.image_to_data

    calls = []

    def with_words(image, lang=None, config="", **kw):  # noqa: ANN001, ANN202
        calls.append(1)
        return plain(image, lang=lang, config=f"{config} --user-words {words_file}", **kw)

    pytesseract.image_to_data = with_words
    right = 0
    try:
        wanted = {e.id for e, _ in measured}
        by_page: dict[int, list] = {}
        for e, fields in measured:
            by_page.setdefault(e.page_id, []).append((e, fields))
        pages = [p.id for p in svc.books.pages(SYSTEM_ACTOR, book_id)]
        for page_id, path in zip(pages, paths):
            rows = by_page.get(page_id)
            if not rows:
                continue
            read = read_entries(frame_at(path, 0), [e.polygon for e, _ in rows], "khai_sinh")
            for (e, fields), got in zip(rows, read):
                assert e.id in wanted
                right += sum(norm(got[k].value if k in got else "") == norm(w) for k, w in fields.items())
    finally:
        pytesseract.image_to_data = plain
    return right if calls else -1  # -1: the reader does not go through pytesseract, nothing was measured


def _pair(svc: Service, entries, truth, paths) -> list:  # noqa: ANN001
    """Each found entry with the truth entry of the same page whose box it overlaps most (in book order)."""
    import json

    by_page: dict[int, list] = {}
    for e in entries:
        by_page.setdefault(e.page_id, []).append(e)
    pages = [p.id for p in svc.books.pages(SYSTEM_ACTOR, svc.books.page_info(entries[0].page_id).book_id)]
    out = []
    for page_id, path in zip(pages, paths):
        t_entries = json.loads(path.with_suffix(".json").read_text())["entries"]
        for e in by_page.get(page_id, []):
            cy = sum(y for _, y in e.polygon) / len(e.polygon)
            best = min(t_entries, key=lambda t: abs((t["bbox"][1] + t["bbox"][3]) / 2 - cy))
            out.append((e, best["fields"]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--writer", type=int, default=2, help="the clerk's hand (font and ink seed)")
    ap.add_argument("--commune", type=int, default=7, help="the commune's names (seed)")
    ap.add_argument("--seed", type=int, default=40)
    ap.add_argument("--year", type=int, default=1998)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--conditions", default="tint,noise,skew")
    ap.add_argument("--styles", default="hand,type")
    ap.add_argument("--verbose", action="store_true", help="exact counts per field")
    ap.add_argument("--user-words", action="store_true", help="also read entries 41-60 again with the lexicon's "
                                                               "words as Tesseract user words (measured only)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hotich-learning-"))
    try:
        res = {style: run_style(style, args, work) for style in args.styles.split(",")}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    hand, typed = res.get("hand"), res.get("type")
    keys = statistics.mean(r["keys_learned"] for r in res.values())
    print("goals: hand >= +15 points, typed never worse, keystrokes saved >= 0.85, rebuild <= 200 ms")
    print(f"learning: hand {_points(hand)} points, typed {_points(typed)} points, keystrokes saved {keys:.2f}")


def _points(r: dict[str, float] | None) -> str:
    return f"{100 * (r['learned'] - r['plain']):+.1f}" if r else "n/a"


if __name__ == "__main__":
    main()
