"""`--self-test`: proves on the clerk's own PC that an installed copy works end to end, without a window.

It opens a fresh store in a temporary folder (migrations run), takes one sample page shipped inside the
package into a book, finds its entries, reads them with Tesseract and writes their PDFs, then checks what
came out. The technician who installs the app (or a CI job on a frozen bundle) gets one short Vietnamese
verdict: every step that broke is named, never a traceback.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from .booktypes import BOOK_TYPES
from .errors import HotichError
from .workspace import resources_dir

PDF_LIMIT = 100_000  # bytes per entry PDF, the province's rule
DEFAULT_YEAR = 2000  # the book's year for a page given without its truth JSON
SELF_TEST_USER = ("tu-kiem-tra", "tu-kiem-tra-123")


class SelfTestFailed(HotichError):
    """One step of the self-test did not give what it must; the message names the step."""

    exit_code = 1


@dataclass
class SelfTestReport:
    version: str
    tesseract: str = ""
    sample: str = ""
    book_type: str = ""
    entries: int = 0
    fields_read: int = 0
    pdfs: list[tuple[str, int]] = field(default_factory=list)

    def summary(self) -> str:
        biggest = max((size for _, size in self.pdfs), default=0)
        return "\n".join([
            f"hotich {self.version}: tự kiểm tra ĐẠT",
            "- Cơ sở dữ liệu: tạo mới và nâng cấp lược đồ được (SQLite, thư mục tạm)",
            f"- Tesseract: {self.tesseract}",
            f"- Ảnh mẫu: {self.sample} (sổ {self.book_type}): {self.entries} mục, đọc được {self.fields_read} trường",
            f"- PDF: {len(self.pdfs)} tệp, lớn nhất {_n(biggest)} byte (giới hạn {_n(PDF_LIMIT)})",
        ])


def _n(value: int) -> str:
    """Vietnamese thousands separator: 100.000."""
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class Sample:
    image: Path
    book_type: str
    year: int  # the book's year: the page's header is checked against it


def _described(truth: Path) -> Sample | None:
    """A sample page from its truth JSON ({file, book_type, year, …}, as resources/demo and tests.pagegen write)."""
    try:
        data = json.loads(truth.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("book_type") not in BOOK_TYPES or not data.get("file"):
        return None
    image = truth.parent / str(data["file"])
    try:
        year = int(data.get("year") or DEFAULT_YEAR)
    except (TypeError, ValueError):
        year = DEFAULT_YEAR
    return Sample(image, str(data["book_type"]), year) if image.is_file() else None


def bundled_samples() -> list[Sample]:
    """Every sample page shipped in resources/demo, described by its truth JSON."""
    root = resources_dir() / "demo"
    found = [s for t in (sorted(root.rglob("*.json")) if root.is_dir() else []) if (s := _described(t))]
    order = list(BOOK_TYPES)  # khai_sinh first, then the smallest page: the quickest honest run
    return sorted(found, key=lambda s: (order.index(s.book_type), s.image.stat().st_size, s.image.name))


def _pick_sample(page: Path | None, book_type: str | None) -> Sample:
    if page is not None:
        if not page.is_file():
            raise SelfTestFailed(f"Không có tệp ảnh {page}.")
        described = _described(page.with_suffix(".json"))  # a page with its truth beside it
        if described and described.image.resolve() == page.resolve():
            return described
        return Sample(page, book_type or "khai_sinh", DEFAULT_YEAR)
    samples = bundled_samples()
    if book_type:
        samples = [s for s in samples if s.book_type == book_type]
    if not samples:
        raise SelfTestFailed(f"Bản cài đặt thiếu ảnh mẫu (không có trang mẫu nào trong {resources_dir() / 'demo'}).")
    return samples[0]


def run(page: Path | None = None, book_type: str | None = None, workdir: Path | None = None) -> SelfTestReport:
    """Runs every step; raises SelfTestFailed naming the first step that failed."""
    from .ocr.engine import OcrUnavailable, check, tesseract_exe

    report = SelfTestReport(__version__)
    sample = _pick_sample(page, book_type)
    report.sample, report.book_type = sample.image.name, sample.book_type
    try:
        check("vie")
    except OcrUnavailable as exc:
        raise SelfTestFailed(f"Không chạy được Tesseract tiếng Việt: {exc.message}") from exc
    report.tesseract = tesseract_exe() or "?"
    tmp = Path(tempfile.mkdtemp(prefix="hotich-tu-kiem-tra-", dir=workdir))
    try:
        _run_chain(report, sample, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report


def _run_chain(report: SelfTestReport, sample: Sample, tmp: Path) -> None:
    from .service import Service

    try:
        svc = Service.open(tmp / "du-lieu")
    except HotichError as exc:
        raise SelfTestFailed(f"Không tạo được cơ sở dữ liệu: {exc.message}") from exc
    try:
        admin = svc.users.create(None, *SELF_TEST_USER, "admin").value
        book = svc.books.open(admin, sample.book_type, sample.year, "1").value
        scans = tmp / "may-quet"
        scans.mkdir()
        copy = scans / sample.image.name
        shutil.copyfile(sample.image, copy)
        taken = svc.intake.ingest_folder(admin, book.id, scans, stable_seconds=0).value
        if not taken.pages:
            why = "; ".join(str(q.get("reason", "")) for q in taken.quarantined) or "không rõ lý do"
            raise SelfTestFailed(f"Không nhận được trang mẫu {sample.image.name}: {why}")
        entries = svc.entries.process_book(admin, book.id, ocr=True).value
        if not entries:
            why = "; ".join(p.error for p in svc.books.pages(admin, book.id) if p.error)
            raise SelfTestFailed(f"Không tìm thấy mục nào trên trang mẫu {sample.image.name}"
                                 + (f": {why}" if why else "."))
        _check_outputs(report, svc.workspace.root, entries)
    finally:
        svc.close()


def _check_outputs(report: SelfTestReport, root: Path, entries: list) -> None:  # noqa: ANN001 - EntryInfo list
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    report.entries = len(entries)
    if not entries:
        raise SelfTestFailed(f"Không tìm thấy mục nào trên trang mẫu {report.sample}.")
    report.fields_read = sum(1 for e in entries for v in (e.ocr or {}).values()
                             if isinstance(v, dict) and str(v.get("value", "")).strip())
    if report.fields_read == 0:
        raise SelfTestFailed("Tesseract chạy nhưng không đọc được trường nào trên trang mẫu.")
    for e in entries:
        pdf = root / e.pdf
        if not pdf.is_file():
            raise SelfTestFailed(f"Thiếu tệp PDF của mục {e.order + 1}: {pdf.name}")
        size = pdf.stat().st_size
        if size > PDF_LIMIT:
            raise SelfTestFailed(f"PDF {pdf.name} nặng {size} byte, quá giới hạn {PDF_LIMIT} byte.")
        try:
            pages = len(PdfReader(pdf).pages)
        except (PdfReadError, OSError, ValueError) as exc:
            raise SelfTestFailed(f"PDF {pdf.name} không đọc lại được: {exc}") from exc
        if pages != 1:
            raise SelfTestFailed(f"PDF {pdf.name} có {pages} trang, phải là 1.")
        report.pdfs.append((pdf.name, size))
