"""How a generated page's truth is compared with what the product found: the same rules as the outside scorer
the product is measured with (boxes by intersection over union, values after folding spaces and case)."""
from __future__ import annotations

from collections.abc import Sequence


def iou(a: Sequence[float], b: Sequence[float]) -> float:
    """Intersection over union of two [x0, y0, x1, y1] boxes (0 for empty ones)."""
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def same_value(a: str, b: str) -> bool:
    """A field read right: equal after folding case and spaces (a comma counts as its own word)."""
    return " ".join(a.replace(",", " , ").lower().split()) == " ".join(b.replace(",", " , ").lower().split())
