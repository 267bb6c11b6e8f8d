"""An OCR prefill corrected by what the office already approved (the lexicon) and by the book's order
(priors): each field keeps the OCR value when nothing better is known, and says where its value came from."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Levenshtein

from ..ocr.lexicon import vocabulary
from ..records.forms import FieldDef, load_form
from .lexicon import Lexicon
from .priors import EventWindow, Sequence, date_guess, event_guess, fits, in_window, number_of
from .terms import person_of
from .text import flat, nfc, similarity

SURE = 0.9  # OCR at or above this is kept against a prior (the reader's own "confident" mark)
SOURCES = {
    "ocr": "Đọc tự động từ ảnh (OCR)",
    "lexicon": "Sửa theo các hồ sơ đã duyệt của xã (danh mục tên, địa danh)",
    "sequence": "Theo thứ tự trong sổ (số và ngày của mục trước)",
    "book": "Theo các trường khác của mục này (họ của cha, người đi khai là cha hoặc mẹ)",
    "window": "Ngày gần nhất với chữ số đọc được, trong hạn đăng ký đúng hạn trước ngày đăng ký",
}
NAME_CUTOFF, WORD_CUTOFF, SHORT_CUTOFF, PLACE_CUTOFF, PART_CUTOFF, TEXT_CUTOFF = 94.0, 72.0, 80.0, 86.0, 74.0, 86.0
SURE_PART_CUTOFF = 84.0


@dataclass
class Proposal:
    """A prefill value: where it came from (a SOURCES key) and what OCR itself read."""

    value: str
    confidence: float
    bbox: list[float] | None
    source: str
    ocr_value: str

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "confidence": round(self.confidence, 3), "source": self.source,
                               "why": SOURCES[self.source]}
        if self.bbox:
            out["bbox"] = self.bbox
        if self.source != "ocr":
            out["ocr_value"] = self.ocr_value
        return out


def _changed(p: Proposal, value: str, source: str, confidence: float) -> None:
    if value and nfc(value) != nfc(p.value):
        p.value, p.source, p.confidence = value, source, confidence


def snap_name(lex: Lexicon, key: str, value: str) -> str:
    """A whole known name when it differs only by accents or a letter, else each word snapped to the office's
    family, middle and given names (handwriting loses accents and a letter or two, rarely a whole word). Words
    the office already knows stay; a short unknown word needs a closer match (Hưng is not Dũng)."""
    whole = lex.best((f"field:{key}", "person"), value, NAME_CUTOFF)
    if whole is not None:
        return whole.value
    words = nfc(value).split()
    if len(words) < 2:
        return value
    kinds = [("ho",)] + [("dem", "ten")] * (len(words) - 2) + [("ten",)]
    out = []
    for word, kind in zip(words, kinds):
        known = any(lex.weight(k, word) for k in ("ho", "dem", "ten"))
        hit = None if known else lex.best(kind, word, WORD_CUTOFF)
        if hit is not None and len(flat(word)) <= 4 and hit.score < SHORT_CUTOFF:
            hit = None
        out.append(hit.value if hit else word)
    return " ".join(out)


def snap_place(lex: Lexicon, form_keys: list[str], key: str, value: str, part_cutoff: float = 0.0) -> str:
    """A whole known place when every comma part agrees, else each part snapped to the parts the office wrote
    (hamlets, communes, districts); `part_cutoff` alone (a sure reading): only parts, and only very close."""
    kinds = [f"field:{key}"] + [f"field:{k}" for k in form_keys if k != key]
    whole = None if part_cutoff else lex.best(kinds, value, PLACE_CUTOFF)
    if whole is not None and _parts_agree(value, whole.value):
        return whole.value
    parts = [p.strip() for p in nfc(value).split(",")]
    out = []
    for part in parts:
        hit = None if lex.weight("part", part) else lex.best(("part",), part, part_cutoff or PART_CUTOFF)
        out.append(hit.value if hit else part)
    return ", ".join(p for p in out if p)


def _parts_agree(read: str, known: str) -> bool:
    """A whole known place only when each comma part is near its counterpart: "Khối 2" is not "Tổ 5", however
    alike the rest of the two addresses is."""
    a, b = [p.strip() for p in read.split(",")], [p.strip() for p in known.split(",")]
    return len(a) == len(b) and all(similarity(x, y) >= PART_CUTOFF for x, y in zip(a, b))


def snap_text(lex: Lexicon, key: str, value: str) -> str:
    person, rel = person_of(value)
    whole = lex.best((f"field:{key}",), value, NAME_CUTOFF if rel else TEXT_CUTOFF)
    if whole is not None:
        return whole.value
    if rel:
        hit = lex.best(("relation",), rel, 70)
        return f"{snap_name(lex, key, person)} ({hit.value if hit else rel})"
    return value


def refine(book_type: str, ocr: dict[str, dict[str, Any]], lex: Lexicon, seq: Sequence,
           window: EventWindow | None = None) -> dict[str, Proposal]:
    """Every form field that has an OCR reading or a prior: the proposal and its source. `window`: the book
    type's on-time registration window (an unsure birth or death date a digit or two off is snapped into it)."""
    form = load_form(book_type)
    places = [f.key for f in form.fields if f.type == "place"]
    out: dict[str, Proposal] = {}
    for fdef in form.fields:
        read = ocr.get(fdef.key) or {}
        value, conf = nfc(str(read.get("value") or "")), float(read.get("confidence") or 0.0)
        p = Proposal(value, conf, read.get("bbox"), "ocr", value)
        if value and conf < SURE:  # a sure reading is right 98 % of the time: it stands
            _snap(lex, fdef, places, p)
        elif value and fdef.type == "place":  # ...except a place part the office never wrote, near one it did
            _changed(p, snap_place(lex, places, fdef.key, value, SURE_PART_CUTOFF), "lexicon", conf)
        out[fdef.key] = p
    _sequence(seq, out)
    if window is not None:
        _event(window, out)
    if book_type == "khai_sinh":
        _family(lex, out)
        _informant(lex, out)
    return {k: p for k, p in out.items() if p.value or p.bbox}


def _snap(lex: Lexicon, fdef: FieldDef, places: list[str], p: Proposal) -> None:
    if fdef.type == "name":
        snapped = snap_name(lex, fdef.key, p.value)
    elif fdef.type == "place":
        snapped = snap_place(lex, places, fdef.key, p.value)
    elif fdef.type == "text":
        snapped = snap_text(lex, fdef.key, p.value)
    else:
        return
    _changed(p, snapped, "lexicon", min(0.89, max(p.confidence, 0.7)))


def _sequence(seq: Sequence, out: dict[str, Proposal]) -> None:
    so, day = out.get("so"), out.get("ngay_dang_ky")
    want = seq.expected_number()
    if so is not None and want:
        read = number_of(so.value)
        if read == seq.number:
            so.confidence = max(so.confidence, 0.95)  # OCR and the book's order agree
        elif so.confidence < SURE or read is None:
            _changed(so, want, "sequence", 0.75)
    if day is not None and seq.after is not None and not (fits(seq, day.value) and day.confidence >= SURE):
        if fits(seq, day.value) and day.value:
            return
        _changed(day, date_guess(seq, day.value), "sequence", 0.6)


def _event(window: EventWindow, out: dict[str, Proposal]) -> None:
    """An unsure event date (birth, death) that is not in the on-time window before the registration date,
    moved to the date in that window nearest its digits, if one is a digit or two away; a sure reading, one
    already in the window, or one far from every date of it (a late registration) stays as read."""
    event, reg = out.get(window.event), out.get(window.registered)
    if event is None or reg is None or not event.value or event.confidence >= SURE:
        return
    if in_window(window, reg.value, event.value):
        return
    _changed(event, event_guess(window, reg.value, event.value), "window", min(0.8, max(event.confidence, 0.5)))


def _family(lex: Lexicon, out: dict[str, Proposal]) -> None:
    """A child usually takes the father's family name: an unsure first word of the child's name that is no
    family name at all, or a near-spelling of the father's (a letter or the accents lost), becomes the
    father's. A different REAL family name is kept as read: children take the mother's name too, and
    overwriting a right reading costs the clerk a retype every time. When only the child's reading is a
    family name, the father's unsure reading takes it."""
    child, father = out.get("ho_ten"), out.get("ho_ten_cha")
    if child is None or father is None or not child.value or not father.value:
        return
    words, fwords = child.value.split(), father.value.split()
    family = fwords[0]
    if len(words) < 2 or words[0] == family:
        return
    known, child_known = _family_name(lex, family), _family_name(lex, words[0])
    if child_known and not known:
        if father.confidence < SURE and len(fwords) >= 2:
            _changed(father, " ".join([words[0], *fwords[1:]]), "book", min(0.85, max(father.confidence, 0.6)))
    elif child.confidence < SURE and (not child_known or _near_spelling(words[0], family)):
        _changed(child, " ".join([family, *words[1:]]), "book", min(0.85, max(child.confidence, 0.6)))


def _family_name(lex: Lexicon, word: str) -> bool:
    """A family name this office wrote, or one of the country's list."""
    return lex.weight("ho", word) > 0 or word in vocabulary("ho").names


def _near_spelling(a: str, b: str) -> bool:
    """The same letters but for the accents or one letter: what handwriting OCR does to a name."""
    fa, fb = flat(a), flat(b)
    return fa == fb or Levenshtein.distance(fa, fb) <= 1 < min(len(fa), len(fb))


def _known(lex: Lexicon, name: str) -> int:
    return sum(1 for w in name.split() if any(lex.weight(k, w) for k in ("ho", "dem", "ten")))


def _informant(lex: Lexicon, out: dict[str, Proposal]) -> None:
    """The informant of a birth is nearly always a parent: the parent the reading is nearest to, or when
    nothing was read, the parent this book most often records."""
    p = out.get("nguoi_di_khai")
    if p is None:
        return
    parents = {rel: f"{out[k].value} ({rel})" for k, rel in (("ho_ten_cha", "cha"), ("ho_ten_me", "mẹ"))
               if out.get(k) is not None and out[k].value}
    if not parents:
        return
    if p.value:
        name, _ = person_of(p.value)
        scored = sorted(((similarity(name, person_of(c)[0]), rel) for rel, c in parents.items()), reverse=True)
        score, rel = scored[0]
        if score < 60 and not (p.confidence < SURE and score >= 45):
            return
        parent = out["ho_ten_cha" if rel == "cha" else "ho_ten_me"]
        # the same name written twice: the reading whose words the office knows wins, then the surer one
        mine, theirs = (_known(lex, name), p.confidence), (_known(lex, parent.value), parent.confidence)
        if theirs > mine:
            _changed(p, parents[rel], "book", min(0.85, max(p.confidence, 0.6)))
        elif score >= 60:  # the informant line was read better than the parent's: one name, written twice
            _changed(parent, name, "book", min(0.85, max(parent.confidence, 0.6)))
            _changed(p, f"{name} ({rel})", "book", min(0.85, max(p.confidence, 0.6)))
        return
    usual = max(parents, key=lambda rel: lex.weight("relation", rel))
    _changed(p, parents[usual], "book", 0.5)
