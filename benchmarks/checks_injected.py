"""The rule table on generated books with injected errors of every rule (issue 21): share of injected errors
flagged on save (goal >= 95 %), share of clean records flagged (goal <= 2 %).

Books come from tests.pagegen (realistic names, places and dates, numbers and registration dates rising);
tests/pagegen/errors.py injects one error of one rule into about a fifth of the records, the rules taken in
turn. Every record is saved through Service.save_record, as the form saves it, in number order; the findings
the save returns are what is counted ("flagged": a finding of the injected rule itself). The whole-book check
(check_book) is counted too. Baseline in the same run: the same saves judged only by the checks that existed
before the rule table (codes, duplicates, birth/death/registration order, the marriage age, gender cue).

Report on seeds the rules were not tuned on (the defaults were set on seed 1): the default seeds are 7, 8, 9.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import common  # noqa: F401  (puts the project on sys.path)

from hotich_desktop.core.records.rules import load_rules
from hotich_desktop.core.review.book import check_book
from hotich_desktop.core.service import Service
from tests.pagegen.errors import blank_entries, injected_book

BOOK_TYPES = ("khai_sinh", "khai_tu", "ket_hon")
BEFORE = {"unknown_code", "duplicate_number", "duplicate_person", "birth_after_registration", "death_before_birth",
          "registered_before_death", "gender_name", "groom_under_age", "bride_under_age"}


def run_seed(seed: int, records: int, books: int, rate: float, tally: dict) -> None:
    work = Path(tempfile.mkdtemp(prefix="hotich-checks-injected-"))
    svc = Service.open(work / "ws")
    try:
        admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
        clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
        for book_type in BOOK_TYPES:
            rules = load_rules(book_type, svc.workspace.root)
            earlier: list[dict[str, str]] = []
            for b in range(books):
                year = 1985 + seed * 2 + b
                cases = injected_book(book_type, year, seed * 100 + b, records, rules, rate, earlier)
                ids = blank_entries(svc, clerk, book_type, year, str(b + 1), len(cases))
                t0 = time.perf_counter()
                saved = {}
                for entry_id, (fields, rule_id) in zip(ids, cases):
                    found = svc.save_record(clerk, entry_id, fields).findings
                    saved[entry_id] = {f.code for f in found if not f.accepted}
                tally["save_s"].append((time.perf_counter() - t0) / len(cases))
                whole = check_book(svc, svc.entries.context(clerk, ids[0])[0].id)
                for entry_id, (fields, rule_id) in zip(ids, cases):
                    codes = saved[entry_id]
                    book_codes = {f.code for f in whole.findings.get(entry_id, []) if not f.accepted}
                    if rule_id is None:
                        tally["clean"] += 1
                        tally["clean_flagged"] += bool(codes)
                        tally["clean_flagged_book"] += bool(book_codes)
                        tally["clean_before"] += bool(codes & BEFORE)
                        for code in codes:
                            tally["false"][code] += 1
                        for code in book_codes:
                            tally["false_book"][code] += 1
                    else:
                        key = (book_type, rule_id)
                        tally["injected"][key] += 1
                        tally["hit"][key] += rule_id in codes
                        tally["hit_book"][key] += rule_id in book_codes
                        tally["hit_any"][key] += bool(codes)
                        tally["hit_before"][key] += bool(codes & BEFORE)
                earlier += [f for f, _ in cases]
    finally:
        svc.close()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="7,8,9", help="seeds to report (the defaults were tuned on seed 1)")
    ap.add_argument("--records", type=int, default=150, help="records per book")
    ap.add_argument("--books", type=int, default=2, help="books per book type and seed")
    ap.add_argument("--rate", type=float, default=0.2, help="share of records with an injected error")
    args = ap.parse_args()
    tally: dict = {"injected": Counter(), "hit": Counter(), "hit_book": Counter(), "hit_any": Counter(),
                   "hit_before": Counter(), "false": Counter(), "false_book": Counter(), "clean": 0, "clean_flagged": 0,
                   "clean_flagged_book": 0, "clean_before": 0, "save_s": []}
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    t0 = time.perf_counter()
    for seed in seeds:
        run_seed(seed, args.records, args.books, args.rate, tally)
    print(f"seeds {seeds}: {len(BOOK_TYPES)} book types x {args.books} books x {args.records} records, "
          f"{args.rate:.0%} injected; {time.perf_counter() - t0:.0f} s, "
          f"{1000 * sum(tally['save_s']) / len(tally['save_s']):.0f} ms per save")
    print(f"{'book type':10} {'rule':32} {'injected':>8} {'on save':>8} {'book chk':>8} {'baseline':>8}")
    by_type: dict[str, list] = defaultdict(list)
    for key in sorted(tally["injected"]):
        n = tally["injected"][key]
        hit, book, before = tally["hit"][key], tally["hit_book"][key], tally["hit_before"][key]
        by_type[key[0]].append(key)
        print(f"{key[0]:10} {key[1]:32} {n:8d} {hit / n:8.1%} {book / n:8.1%} {before / n:8.1%}")
    n = sum(tally["injected"].values())
    hit, book = sum(tally["hit"].values()), sum(tally["hit_book"].values())
    before = sum(tally["hit_before"].values())
    print(f"{'total':43} {n:8d} {hit / n:8.1%} {book / n:8.1%} {before / n:8.1%}   (goal >= 95 % on save)")
    clean = tally["clean"]
    print(f"clean records flagged on save: {tally['clean_flagged']} of {clean} = {tally['clean_flagged'] / clean:.2%}"
          f" (goal <= 2 %); by the whole-book check {tally['clean_flagged_book'] / clean:.2%}; "
          f"baseline {tally['clean_before'] / clean:.2%}")
    for name, label in (("false", "on save"), ("false_book", "by the whole-book check")):
        if tally[name]:
            print(f"  clean records' findings {label}: "
                  + ", ".join(f"{c} {k}" for c, k in tally[name].most_common()))
    print("  (the whole-book check sees both records of a pair: the earlier record of a duplicated number or\n"
          "   person is flagged there too, which a save, made before the later record existed, cannot see)")


if __name__ == "__main__":
    main()
