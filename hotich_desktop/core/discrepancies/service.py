"""`svc.discrepancies`: the district's discrepancy lists and the population-data extract, worked offline.

Every write checks the actor's role, writes its audit event in the same transaction and returns what it
touched (changes.Done). An import is one transaction: a list is in whole or not at all.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, or_, select, text, update

from .. import audit
from ..atomic import atomic_writer
from ..booktypes import BOOK_TYPES
from ..changes import Changes, Done
from ..errors import BadInput, NotFound, Refused
from ..lifecycle import EntryStatus
from ..records.normalize import nfc
from ..roles import Actor
from ..store.models import (Book, ColumnMapping, DiscrepancyLine, DiscrepancyList, Entry, Page, PopulationPerson,
                            Record, utcnow)
from . import mapping as mp
from .matching import Index, Person, Query, date_key, decide, gender_key, people_of, query_from, score
from .table import Table, excel_serial_date, read_table
from .views import (RESOLUTIONS, Difference, ImportReport, LineInfo, ListInfo, MatchReport, PopulationMatch, Progress,
                    line_info, list_info)

if TYPE_CHECKING:
    from ..service import Service

DATE_FIELDS = ("birth", "reg_date")
# Record field -> extract field, for the comparison shown while a record is entered.
POPULATION_COMPARE = (("ho_ten", "name", "Họ và tên"), ("ngay_sinh", "birth", "Ngày sinh"),
                      ("gioi_tinh", "gender", "Giới tính"), ("ho_ten_cha", "father", "Họ tên cha"),
                      ("ho_ten_me", "mother", "Họ tên mẹ"), ("noi_cu_tru", "residence", "Nơi cư trú"))
NOTED = "noted"


class Discrepancies:
    """The stage object the CLI and the window use: `svc.discrepancies.import_list(actor, path)` …"""

    def __init__(self, svc: Service) -> None:
        self.svc = svc

    # -- column mappings ---------------------------------------------------------------------------------
    def _province(self, province: str | None) -> str:
        return (province or self.svc.settings.get().office_code or "").strip()[:120]

    def saved_mapping(self, kind: str, province: str | None = None) -> dict[str, str]:
        with self.svc.store.session() as s:
            row = s.scalar(select(ColumnMapping).where(ColumnMapping.kind == kind,
                                                       ColumnMapping.province == self._province(province)))
            return dict(row.mapping) if row else {}

    def save_mapping(self, actor: Actor, kind: str, mapping: dict[str, str],
                     province: str | None = None) -> Done[dict[str, str]]:
        """Remembers how this province names its columns, so the next list imports without asking."""
        self.svc.require(actor, "discrepancies")
        if kind not in mp.FIELDS:
            raise BadInput(f"Loại ghép cột không hợp lệ: «{kind}».")
        unknown = sorted(set(mapping) - set(mp.FIELDS[kind]))
        if unknown:
            raise BadInput("Trường không có trong danh sách ghép cột: " + ", ".join(unknown) + ".")
        clean = {k: nfc(v) for k, v in mapping.items() if nfc(v)}
        province = self._province(province)
        with self.svc.store.session(write=True) as s:
            row = s.scalar(select(ColumnMapping).where(ColumnMapping.kind == kind, ColumnMapping.province == province))
            before = dict(row.mapping) if row else None
            if row is None:
                row = ColumnMapping(kind=kind, province=province)
                s.add(row)
            row.mapping, row.updated_at = clean, utcnow()
            s.flush()
            audit.record(s, actor.login, "mapping_save", "column_mapping", row.id, before,
                         {"kind": kind, "province": province, "mapping": clean})
        return Done(clean, Changes.of(settings=True))

    def preview(self, path: Path, kind: str = "discrepancy", province: str | None = None) -> dict[str, Any]:
        """What the mapping dialog shows: the file's columns, the mapping proposed (saved one first, else
        guessed from the header names), a few rows and how the file was read. Nothing is stored."""
        table = read_table(Path(path))
        saved = self.saved_mapping(kind, province)
        usable = {k: v for k, v in saved.items() if v in table.header}
        proposal = usable if usable and len(usable) == len(saved) else mp.propose(kind, table.header)
        return {"header": table.header, "mapping": proposal, "saved": bool(usable and usable == saved),
                "rows": [cells for _, cells in table.rows[:5]], "lines": len(table.rows), "notes": table.notes,
                "encoding": table.encoding,
                "fields": {k: label for k, (label, _) in mp.FIELDS[kind].items()}}

    def _resolve_mapping(self, kind: str, table: Table, mapping: dict[str, str] | None,
                         province: str | None) -> tuple[dict[str, str], dict[str, int]]:
        if mapping is None:
            saved = self.saved_mapping(kind, province)
            mapping = saved if saved and all(v in table.header for v in saved.values()) else \
                mp.propose(kind, table.header)
        return mapping, mp.check_mapping(kind, mapping, table.header)

    # -- lists -------------------------------------------------------------------------------------------
    def import_list(self, actor: Actor, path: Path, **kw: Any) -> Done[ImportReport]:
        """Reads the whole list, then stores it in one transaction with a report of every row not taken."""
        with _no_gc():
            return self._import_list(actor, path, **kw)

    def _import_list(self, actor: Actor, path: Path, *, mapping: dict[str, str] | None = None,
                     province: str | None = None, received_on: dt.date | None = None, name: str = "",
                     days: int = 45) -> Done[ImportReport]:
        self.svc.require(actor, "discrepancies")
        path = Path(path)
        table = read_table(path)
        used, columns = self._resolve_mapping("discrepancy", table, mapping, province)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        with self.svc.store.session() as s:
            earlier = s.scalar(select(DiscrepancyList).where(DiscrepancyList.source_sha256 == sha))
            if earlier is not None:
                raise Refused(f"Danh sách này đã được nhập ngày {earlier.imported_at:%d/%m/%Y} "
                              f"(danh sách số {earlier.id}, «{earlier.name}»).")
        report = _new_report(table, used, columns)
        lines = []
        for row, cells, values in _distinct_rows(table, columns, report, DATE_FIELDS):
            if not (values.get("name") or values.get("reg_no") or values.get("id_number")):
                report.skipped.append((row, "không có họ tên, số đăng ký hay số định danh"))
                continue
            kind = mp.error_type(values.get("error_type", ""))
            lines.append({"row": row, "case_type": values.get("case_type", "")[:200], "error_type": kind,
                          "error_text": values.get("error_type", "")[:300], "unit": values.get("unit", "")[:300],
                          "fields": {k: v for k, v in values.items() if v and k not in ("case_type", "unit")},
                          "raw": cells, "candidates": [], "score": 0.0, "resolution": "", "note": "",
                          "resolved_by": ""})
        if not lines:
            raise BadInput(f"{path.name}: không có dòng nào đọc được"
                           + (f" ({len(report.skipped)} dòng bị bỏ: " + "; ".join(
                               f"dòng {r}: {why}" for r, why in report.skipped[:5]) + ")" if report.skipped else "")
                           + ".")
        report.read = len(lines)
        report.by_error_type = dict(Counter(mp.ERROR_TYPES[x["error_type"]][0] for x in lines))
        with self.svc.store.session(write=True) as s:
            lst = DiscrepancyList(name=(name or path.stem)[:300], province=self._province(province), kind="district",
                                  source_name=path.name[:500], source_sha256=sha,
                                  received_on=received_on or dt.date.today(), days=int(days),
                                  header=table.header, mapping=used, report=report.as_json(),
                                  imported_by=actor.id)
            s.add(lst)
            s.flush()
            for start in range(0, len(lines), 5000):
                s.execute(insert(DiscrepancyLine), [{**x, "list_id": lst.id} for x in lines[start:start + 5000]])
            audit.record(s, actor.login, "discrepancy_import", "discrepancy_list", lst.id,
                         after={"file": path.name, "sha256": sha, "lines": len(lines),
                                "skipped": len(report.skipped), "encoding": table.encoding})
            report.list_id = lst.id
        return Done(report, Changes())

    def lists(self) -> list[ListInfo]:
        with self.svc.store.session() as s:
            counts = {k: n for k, n in s.execute(select(DiscrepancyLine.list_id, func.count())
                                                 .group_by(DiscrepancyLine.list_id))}
            done = {k: n for k, n in s.execute(select(DiscrepancyLine.list_id, func.count())
                                               .where(DiscrepancyLine.resolution != "")
                                               .group_by(DiscrepancyLine.list_id))}
            return [list_info(x, counts.get(x.id, 0), done.get(x.id, 0))
                    for x in s.scalars(select(DiscrepancyList).order_by(DiscrepancyList.id))]

    def lines(self, list_id: int, open_only: bool = False) -> list[LineInfo]:
        with self.svc.store.session() as s:
            self._list(s, list_id)
            q = select(DiscrepancyLine).where(DiscrepancyLine.list_id == list_id).order_by(DiscrepancyLine.row,
                                                                                          DiscrepancyLine.id)
            if open_only:
                q = q.where(DiscrepancyLine.resolution == "")
            return [line_info(x) for x in s.scalars(q)]

    def line(self, line_id: int) -> LineInfo:
        with self.svc.store.session() as s:
            return line_info(self._line(s, line_id))

    @staticmethod
    def _list(s: Any, list_id: int) -> DiscrepancyList:
        lst = s.get(DiscrepancyList, list_id)
        if lst is None:
            raise NotFound(f"Không có danh sách sai lệch số {list_id}.")
        return lst

    @staticmethod
    def _line(s: Any, line_id: int) -> DiscrepancyLine:
        line = s.get(DiscrepancyLine, line_id)
        if line is None:
            raise NotFound(f"Không có dòng sai lệch số {line_id}.")
        return line

    # -- matching ----------------------------------------------------------------------------------------
    def index(self) -> Index:
        """Every digitised person on this store (deleted entries left out), read once and kept while the
        records do not change (a second list the same day is matched at once)."""
        with self.svc.store.session() as s:
            mark = tuple(s.execute(select(func.count(Record.id), func.max(Record.id), func.sum(Record.version),
                                          func.max(Entry.updated_at))
                                   .select_from(Record).join(Entry, Entry.id == Record.entry_id)).one())
            cached = getattr(self, "_index", None)
            if cached is not None and cached[0] == mark:
                return cached[1]
            stmt = (select(Entry.id, Book.book_type, Book.year, Book.volume, Record.reg_no, Record.search_name,
                           Record.fields)
                    .join(Record, Record.entry_id == Entry.id).join(Page, Page.id == Entry.page_id)
                    .join(Book, Book.id == Page.book_id).where(Entry.status != EntryStatus.DELETED))
            with _no_gc():
                rows = s.connection().execute(stmt)  # plain rows: no ORM bookkeeping for 300,000 of them
                people: list[Person] = []
                for entry_id, book_type, year, volume, reg_no, search_name, fields in rows:
                    people.extend(people_of(entry_id, book_type, year, volume, reg_no, fields or {}, search_name))
        with _no_gc():
            index = Index(people)
        self._index = (mark, index)
        return index

    def match(self, actor: Actor, list_id: int, index: Index | None = None) -> Done[MatchReport]:
        """Matches every open line of a list; lines already resolved keep their record."""
        self.svc.require(actor, "discrepancies")
        t0 = time.perf_counter()
        with self.svc.store.session() as s:
            self._list(s, list_id)
            rows = s.execute(select(DiscrepancyLine.id, DiscrepancyLine.fields, DiscrepancyLine.error_type,
                                    DiscrepancyLine.case_type)
                             .where(DiscrepancyLine.list_id == list_id, DiscrepancyLine.resolution == "")).all()
        index = index if index is not None else self.index()
        updates, report = [], MatchReport(list_id=list_id, records=len(index))
        with _no_gc():
            for line_id, fields, kind, case_type in rows:
                cands = index.candidates(query_from(fields or {}, kind, case_type))
                chosen = decide(cands)
                updates.append({"id": line_id, "entry_id": chosen.entry_id if chosen else None,
                                "score": round(cands[0].score, 1) if cands else 0.0,
                                "candidates": [c.as_json() for c in cands]})
                if chosen:
                    report.matched += 1
                elif cands and cands[0].score >= 60:
                    report.ambiguous += 1
                else:
                    report.unmatched += 1
        with self.svc.store.session(write=True) as s:
            for start in range(0, len(updates), 5000):
                s.execute(update(DiscrepancyLine), updates[start:start + 5000])
            audit.record(s, actor.login, "discrepancy_match", "discrepancy_list", list_id,
                         after={"lines": len(updates), "matched": report.matched, "ambiguous": report.ambiguous,
                                "unmatched": report.unmatched})
        report.seconds = time.perf_counter() - t0
        return Done(report, Changes())

    # -- resolving ---------------------------------------------------------------------------------------
    def resolve(self, actor: Actor, line_id: int, resolution: str, *, note: str = "", entry_id: int | None = None,
                corrections: dict[str, Any] | None = None, expected_version: int | None = None) -> Done[LineInfo]:
        """The clerk's decision on one line, audited.

        population_wrong: the book confirms the population data is wrong (the entry's scan is the proof);
        record_corrected: the record was keyed wrongly, `corrections` go through the normal save and are sent
        for the supervisor's approval like any edit; not_in_books: the case is not in the books; "" reopens.
        """
        self.svc.require(actor, "discrepancies")
        if resolution not in RESOLUTIONS:
            raise BadInput(f"Cách xử lý không hợp lệ: «{resolution}» ({', '.join(k for k in RESOLUTIONS if k)}).")
        note = nfc(note)[:2000]
        with self.svc.store.session() as s:
            line = self._line(s, line_id)
            target = entry_id if entry_id is not None else line.entry_id
        if resolution in ("population_wrong", "record_corrected") and target is None:
            raise Refused(f"Dòng {line_id} chưa ghép với hồ sơ nào: hãy chọn hồ sơ (--entry) trước.")
        if target is not None:
            self.svc.entries.get(actor, int(target))  # NotFound for a wrong id
        if resolution == "record_corrected" and not corrections:
            raise BadInput("Sửa hồ sơ cần giá trị đúng cho ít nhất một trường.")
        if resolution == "not_in_books":
            target = None
        changes = Changes()
        if resolution == "record_corrected":
            assert target is not None and corrections is not None
            self.svc.records.save(actor, int(target), corrections, submit=True, expected_version=expected_version)
            changes = Changes.of(entries=[int(target)])
        with self.svc.store.session(write=True) as s:
            line = self._line(s, line_id)
            before = {"resolution": line.resolution, "entry_id": line.entry_id, "note": line.note}
            line.resolution, line.note = resolution, note
            line.entry_id = int(target) if target is not None else (line.entry_id if not resolution else None)
            line.resolved_by = actor.login if resolution else ""
            line.resolved_at = utcnow() if resolution else None
            after = {"resolution": resolution, "entry_id": line.entry_id, "note": note}
            if corrections:
                after["corrections"] = {str(k): str(v) for k, v in corrections.items()}
            audit.record(s, actor.login, "discrepancy_resolve", "discrepancy_line", line.id, before, after)
            s.flush()
            return Done(line_info(line), changes)

    # -- export and progress -----------------------------------------------------------------------------
    def export(self, actor: Actor, list_id: int, out: Path) -> Done[Path]:
        """The worked list in the province's own columns, plus the resolution columns and each entry PDF's name."""
        from openpyxl import Workbook

        self.svc.require(actor, "read_records")
        out = Path(out)
        if out.suffix.lower() != ".xlsx":
            raise BadInput("Tệp xuất phải có đuôi .xlsx.")
        with self.svc.store.session() as s:
            lst = self._list(s, list_id)
            header = list(lst.header) or [label for _, (label, _) in mp.LIST_FIELDS.items()]
            rows = s.execute(select(DiscrepancyLine, Entry.pdf_path, Book.book_type, Book.year, Book.volume,
                                    Record.fields)
                             .outerjoin(Entry, Entry.id == DiscrepancyLine.entry_id)
                             .outerjoin(Record, Record.entry_id == Entry.id)
                             .outerjoin(Page, Page.id == Entry.page_id).outerjoin(Book, Book.id == Page.book_id)
                             .where(DiscrepancyLine.list_id == list_id)
                             .order_by(DiscrepancyLine.row, DiscrepancyLine.id)).all()
            noted = lst.kind == NOTED
            wb = Workbook()
            ws = wb.active
            ws.title = "Danh sách"
            ws.append(header + ["Kết quả xử lý", "Ghi chú xử lý", "Hồ sơ trong sổ", "Tệp PDF", "Người xử lý",
                                "Ngày xử lý"])
            for line, pdf, book_type, year, volume, fields in rows:
                cells = list(line.raw) if not noted else \
                    [line.case_type, mp.ERROR_TYPES[line.error_type][0], line.unit] + \
                    [str(line.fields.get(k, "")) for k in list(mp.LIST_FIELDS)[3:]]
                cells = (cells + [""] * len(header))[:len(header)]
                where = (f"{BOOK_TYPES[book_type].code} {year} q.{volume} số {(fields or {}).get('so', '')}"
                         if book_type else "")
                ws.append(cells + [RESOLUTIONS[line.resolution], line.note, where, Path(pdf).name if pdf else "",
                                   line.resolved_by,
                                   line.resolved_at.strftime("%d/%m/%Y") if line.resolved_at else ""])
                for cell in ws[ws.max_row]:
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        cell.data_type = "s"  # a list's "=HYPERLINK(…)" stays text, never a formula
            audit.record(s, actor.login, "discrepancy_export", "discrepancy_list", list_id,
                         after={"file": out.name, "lines": len(rows)})
        with atomic_writer(out) as fh:
            wb.save(fh)
        return Done(out, Changes())

    def progress(self, list_id: int, today: dt.date | None = None) -> Progress:
        """Lines worked by error type and by unit, and the days left of the list's 45."""
        today = today or dt.date.today()
        with self.svc.store.session() as s:
            lst = self._list(s, list_id)
            rows = s.execute(select(DiscrepancyLine.error_type, DiscrepancyLine.unit, DiscrepancyLine.resolution)
                             .where(DiscrepancyLine.list_id == list_id)).all()
            deadline = lst.received_on + dt.timedelta(days=lst.days)
        by_type: dict[str, list[int]] = {}
        by_unit: dict[str, list[int]] = {}
        for kind, unit, resolution in rows:
            for table, key in ((by_type, mp.ERROR_TYPES[kind][0]), (by_unit, unit or "(không ghi)")):
                cell = table.setdefault(key, [0, 0])
                cell[0] += 1
                cell[1] += bool(resolution)
        return Progress(list_id, len(rows), sum(1 for r in rows if r[2]), deadline, (deadline - today).days,
                        {k: tuple(v) for k, v in sorted(by_type.items())},
                        {k: tuple(v) for k, v in sorted(by_unit.items())})

    # -- population extract ------------------------------------------------------------------------------
    def import_population(self, actor: Actor, path: Path, *, mapping: dict[str, str] | None = None,
                          province: str | None = None) -> Done[ImportReport]:
        """Replaces the extract with this file's people, in the database only: the file is read, not kept."""
        self.svc.require(actor, "discrepancies")
        path = Path(path)
        table = read_table(path)
        used, columns = self._resolve_mapping("population", table, mapping, province)
        report = _new_report(table, used, columns)
        people = []
        for row, _cells, v in _distinct_rows(table, columns, report, ("birth",)):
            name = nfc(v.get("name", ""))
            if not name:
                report.skipped.append((row, "không có họ tên"))
                continue
            people.append({"name": name[:200], "plain": mp.plain(name)[:200], "birth": date_key(v.get("birth", ""))[:10],
                           "gender": {"nam": "Nam", "nu": "Nữ"}.get(gender_key(v.get("gender", "")), ""),
                           "id_number": "".join(ch for ch in v.get("id_number", "") if ch.isalnum())[:20],
                           "father": nfc(v.get("father", ""))[:200], "mother": nfc(v.get("mother", ""))[:200],
                           "residence": nfc(v.get("residence", ""))[:500]})
        if not people:
            raise BadInput(f"{path.name}: không có người nào đọc được.")
        report.read = len(people)
        with self.svc.store.session(write=True) as s:
            before = s.scalar(select(func.count(PopulationPerson.id))) or 0
            self._erase_people(s)
            for start in range(0, len(people), 5000):
                s.execute(insert(PopulationPerson), people[start:start + 5000])
            audit.record(s, actor.login, "population_import", "population", "",
                         {"people": before}, {"people": len(people), "file": path.name,
                                              "skipped": len(report.skipped), "encoding": table.encoding})
        return Done(report, Changes())

    def purge_population(self, actor: Actor) -> Done[int]:
        """Removes every person of the extract (one audited command); returns how many there were."""
        self.svc.require(actor, "purge_population")
        with self.svc.store.session(write=True) as s:
            n = s.scalar(select(func.count(PopulationPerson.id))) or 0
            self._erase_people(s)
            audit.record(s, actor.login, "population_purge", "population", "", {"people": n}, {"people": 0})
        self._flush_log()
        return Done(n, Changes())

    def _erase_people(self, s: Any) -> None:
        """Deletes the extract; on SQLite the freed pages are overwritten with zeros (secure_delete), so the
        names do not linger in the file's free space."""
        if self.svc.store.is_sqlite:
            s.execute(text("PRAGMA secure_delete=ON"))
        s.execute(delete(PopulationPerson))

    def _flush_log(self) -> None:
        """SQLite: the write-ahead log still holds the deleted pages until a checkpoint empties it."""
        if self.svc.store.is_sqlite:
            with self.svc.store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def population_size(self) -> int:
        with self.svc.store.session() as s:
            return s.scalar(select(func.count(PopulationPerson.id))) or 0

    def population_match(self, book_type: str, values: dict[str, Any]) -> PopulationMatch | None:
        """The person of the extract most like the record being entered, and the fields that differ."""
        people = people_of(0, book_type, 0, "", "", values)
        if not people:
            return None
        me = people[0]
        given = me.plain.rsplit(" ", 1)[-1]
        conds = [PopulationPerson.plain == me.plain, PopulationPerson.plain.like(f"% {given}")]
        if me.birth:
            conds.append(PopulationPerson.birth == me.birth)
        with self.svc.store.session() as s:
            pool = list(s.scalars(select(PopulationPerson).where(or_(*conds)).limit(2000)))
        if not pool:
            return None
        q = Query(names=[me.plain], births=[me.birth] if me.birth else [], gender=me.gender, father=me.father,
                  mother=me.mother, accented=[me.name])
        ranked = sorted(((score(q, Person(p.id, "", 0, "", "", p.name.lower(), p.plain, p.birth, gender_key(p.gender),
                                          mp.plain(p.father), mp.plain(p.mother)))[0], p.id) for p in pool),
                        reverse=True)
        best, pid = ranked[0]
        if best < 70:
            return None
        person = next(p for p in pool if p.id == pid)
        diffs = []
        pop = {"name": person.name, "birth": person.birth, "gender": person.gender, "father": person.father,
               "mother": person.mother, "residence": person.residence}
        suffix = BOOK_TYPES[book_type].person_fields[0][len("ho_ten"):] if book_type in BOOK_TYPES else ""
        for field, key, label in POPULATION_COMPARE:
            field = field + suffix if field in ("ho_ten", "ngay_sinh", "gioi_tinh") else field
            mine, theirs = str(values.get(field) or ""), pop[key]
            if not theirs or not mine:
                continue  # the book is the source: an empty field is typed from the book, not taken over
            same = (date_key(mine) == date_key(theirs)) if key == "birth" else \
                (gender_key(mine) == gender_key(theirs)) if key == "gender" else nfc(mine).lower() == nfc(theirs).lower()
            if not same:
                diffs.append(Difference(field, label, mine, theirs))
        return PopulationMatch(person.id, round(best, 1), pop, person.id_number, diffs)

    def note_difference(self, actor: Actor, entry_id: int, field: str, population_value: str,
                        note: str = "") -> Done[LineInfo]:
        """The clerk's note that a record and the population data differ: a line of this office's own list
        (kind 'noted', exported like the district's), for the district to fix its side."""
        self.svc.require(actor, "discrepancies")
        entry = self.svc.entries.get(actor, entry_id)
        book, _page = self.svc.entries.context(actor, entry_id)
        kind = {"ho_ten": "name", "ngay_sinh": "birth", "gioi_tinh": "gender", "dan_toc": "ethnicity",
                "ho_ten_cha": "parents", "ho_ten_me": "parents"}.get(field.rsplit("_chong", 1)[0].rsplit("_vo", 1)[0],
                                                                     "other")
        values = entry.fields
        person = BOOK_TYPES[book.book_type].person_fields[0]
        fields = {"name": str(values.get(person, "")), "birth": str(values.get("ngay_sinh", "")),
                  "reg_no": str(values.get("so", "")), "book": f"{book.volume}/{book.year}",
                  "value_hotich": str(values.get(field, "")), "value_population": nfc(population_value),
                  "field": field}
        with self.svc.store.session(write=True) as s:
            lst = s.scalar(select(DiscrepancyList).where(DiscrepancyList.kind == NOTED)
                           .order_by(DiscrepancyList.id.desc()).limit(1))
            if lst is None:
                lst = DiscrepancyList(name="Sai lệch ghi nhận khi số hóa", province=self._province(None), kind=NOTED,
                                      received_on=dt.date.today(), header=[], mapping={}, report={})
                s.add(lst)
                s.flush()
            row = (s.scalar(select(func.max(DiscrepancyLine.row)).where(DiscrepancyLine.list_id == lst.id)) or 0) + 1
            line = DiscrepancyLine(list_id=lst.id, row=row, case_type=BOOK_TYPES[book.book_type].title,
                                   error_type=kind, error_text=mp.ERROR_TYPES[kind][0], unit=self.svc.settings.get().office_name,
                                   fields=fields, raw=[], entry_id=entry_id, score=100.0, candidates=[],
                                   resolution="population_wrong", note=nfc(note)[:2000], resolved_by=actor.login,
                                   resolved_at=utcnow())
            s.add(line)
            s.flush()
            audit.record(s, actor.login, "discrepancy_note", "discrepancy_line", line.id,
                         after={"entry_id": entry_id, "field": field, "list_id": lst.id})
            return Done(line_info(line), Changes())



@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Building hundreds of thousands of small objects: the cyclic collector would rescan them again and
    again (it tripled the index's build time); nothing built here holds a cycle."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _new_report(table: Any, used: dict[str, str], columns: dict[str, int]) -> ImportReport:
    return ImportReport(encoding=table.encoding, notes=list(table.notes), mapping=used,
                        unknown_columns=[h for i, h in enumerate(table.header) if h and i not in columns.values()])


def _distinct_rows(table: Any, columns: dict[str, int], report: ImportReport, date_fields: Iterable[str]
                   ) -> Iterator[tuple[int, list[str], dict[str, str]]]:
    """The table's rows as (row number, cells, {field: cell}): empty rows and exact repeats are counted in the
    report and left out; Excel serial dates in `date_fields` become day/month/year (noted once at the end)."""
    seen: dict[tuple[str, ...], int] = {}
    serials = 0
    for row, cells in table.rows:
        if not any(cells):
            report.empty += 1
            continue
        key = tuple(cells)
        if key in seen:
            report.skipped.append((row, f"trùng hệt dòng {seen[key]}"))
            continue
        seen[key] = row
        values = {f: cells[i] if i < len(cells) else "" for f, i in columns.items()}
        for f in date_fields:
            if values.get(f):
                converted = excel_serial_date(values[f])
                serials += converted != values[f]
                values[f] = converted
        yield row, cells, values
    if serials:
        report.notes.append(f"{serials} ngày ghi bằng số sê-ri của Excel đã đổi thành ngày/tháng/năm.")
