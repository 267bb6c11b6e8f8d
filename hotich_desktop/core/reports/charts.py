"""Pictures of progress, drawn with matplotlib's Agg renderer (no window system, no Qt): PNG bytes that the
PDF embeds and the window shows. Legible printed in black and white: greys far apart, line styles and markers,
not colour (hatching was dropped: Agg draws it slower than the rest of a chart)."""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

MAX_BARS = 40


@dataclass(frozen=True)
class Series:
    """Approved per day, and the plan's straight line (start, 0) -> (end, total) when there is a plan."""
    days: Sequence[dt.date]
    approved: Sequence[int]
    plan: Sequence[tuple[dt.date, float]] = ()
    projection: Sequence[tuple[dt.date, float]] = ()


def _figure(width_mm: float, height_mm: float, margins_mm: tuple[float, float, float, float] = (14, 14, 10, 7)):  # noqa: ANN202
    """A figure with fixed margins (left, right, bottom, top in mm): a layout solver costs more than the drawing."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4))
    FigureCanvasAgg(fig)
    left, right, bottom, top = margins_mm
    fig.subplots_adjust(left=left / width_mm, right=1 - right / width_mm, bottom=bottom / height_mm,
                        top=1 - top / height_mm)
    return fig


def _png(fig, dpi: int) -> bytes:  # noqa: ANN001
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    return out.getvalue()


def draw_daily(ax, s: Series, title: str = "", legend: bool = True) -> None:  # noqa: ANN001
    """Bars: approved that day (hatched grey, left axis); lines: the running total (solid, circles), the plan
    (dashed) and the projection at the recent pace (dotted), on the right axis."""
    import matplotlib.dates as mdates

    if not s.days:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "Không có số liệu dùng được", ha="center", va="center", fontsize=8, transform=ax.transAxes)
        if title:
            ax.set_title(title, fontsize=8)
        return
    ax.bar(s.days, s.approved, width=0.8, color="0.8", edgecolor="black", linewidth=0.5,
           label="Duyệt trong ngày")  # flat grey: hatching costs more to render than the rest of the chart
    ax.set_ylabel("hồ sơ/ngày", fontsize=7)
    total = ax.twinx()
    running, acc = [], 0
    for n in s.approved:
        acc += n
        running.append(acc)
    total.plot(s.days, running, color="black", linewidth=1.6, marker="o", markersize=2.5, label="Lũy kế đã duyệt")
    if s.plan:
        total.plot([p[0] for p in s.plan], [p[1] for p in s.plan], color="black", linestyle="--", linewidth=1,
                   label="Kế hoạch")
    if s.projection:
        total.plot([p[0] for p in s.projection], [p[1] for p in s.projection], color="0.3", linestyle=":",
                   linewidth=1.3, marker="^", markersize=3, markevery=[-1], label="Dự báo theo nhịp 7 ngày")
    total.set_ylabel("lũy kế", fontsize=7)
    total.set_ylim(bottom=0)
    ax.set_ylim(bottom=0)
    for a in (ax, total):
        a.tick_params(labelsize=6)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=10))
    if title:
        ax.set_title(title, fontsize=8)
    if legend:
        handles = ax.get_legend_handles_labels()[0] + total.get_legend_handles_labels()[0]
        ax.legend(handles=handles, fontsize=6, loc="upper left", frameon=True)


def daily_chart(s: Series, title: str, width_mm: float = 190, height_mm: float = 62, dpi: int = 150) -> bytes:
    fig = _figure(width_mm, height_mm)
    draw_daily(fig.add_subplot(), s, title)
    return _png(fig, dpi)


def book_chart(labels: Sequence[str], approved: Sequence[int], entered: Sequence[int],
               targets: Sequence[int | None], title: str, width_mm: float = 190, height_mm: float = 55,
               dpi: int = 150) -> bytes:
    """A bar per book: approved (dark, cross-hatched) within entered (light, hatched); a black diamond at
    the records the plan expects. More than MAX_BARS books: the first ones, and the title says so."""
    fig = _figure(width_mm, height_mm, (12, 4, 17, 7))
    ax = fig.add_subplot()
    n = min(len(labels), MAX_BARS)
    x = list(range(n))
    # white within black, dark grey inside: told apart in black and white without hatching (costly in Agg)
    ax.bar(x, entered[:n], width=0.75, color="white", edgecolor="black", linewidth=0.6, label="Đã nhập")
    ax.bar(x, approved[:n], width=0.75, color="0.3", edgecolor="black", linewidth=0.5, label="Đã duyệt")
    marks = [(i, t) for i, t in zip(x, targets[:n]) if t]
    if marks:
        ax.scatter([m[0] for m in marks], [m[1] for m in marks], marker="D", s=10, color="black", zorder=3,
                   label="Kế hoạch")
    ax.set_xticks(x, [str(v) for v in labels[:n]], rotation=60, ha="right", fontsize=5 if n > 20 else 6)
    ax.tick_params(axis="y", labelsize=6)
    ax.set_ylim(bottom=0)
    shown = f" ({n}/{len(labels)} sổ đầu danh sách)" if len(labels) > n else ""
    ax.set_title(title + shown, fontsize=8)
    ax.legend(fontsize=6, loc="lower right", bbox_to_anchor=(1, 1.0), ncol=3, frameon=False)
    return _png(fig, dpi)


def _ordinal(days: Sequence[dt.date]) -> list[float]:
    return [float(d.toordinal()) for d in days]


def _running(s: Series) -> list[int]:
    out, acc = [], 0
    for n in s.approved:
        acc += n
        out.append(acc)
    return out


def _count(n: float) -> str:
    return f"{n:,.0f}".replace(",", ".")


def draw_panel(ax, s: Series, box: tuple[float, float, float, float]) -> None:  # noqa: ANN001
    """One commune's running total (solid, circles) against the plan (dashed) and the projection (dotted),
    drawn into `box` (x, y, width, height in the axes' 0..1 space) of a shared axes. A roll-up has one
    panel per commune: a real Axes each (tick machinery, title layout) and Agg's text (several ms a label)
    cost more than everything else, so a panel is a frame and three lines; its heading and its scale
    (panel_notes) are written by the caller, e.g. as PDF text."""
    x0, y0, w, h = box
    ax.plot([x0, x0 + w, x0 + w, x0, x0], [y0, y0, y0 + h, y0 + h, y0], color="black", linewidth=0.6)
    if not s.days:
        ax.plot([x0, x0 + w], [y0, y0 + h], color="0.6", linewidth=0.6)  # crossed out: nothing usable
        ax.plot([x0, x0 + w], [y0 + h, y0], color="0.6", linewidth=0.6)
        return
    running = _running(s)
    first, last, top = _extent(s)
    span = max(1, (last - first).days)

    def xy(days: Sequence[dt.date], values: Sequence[float]) -> tuple[list[float], list[float]]:
        return ([x0 + w * (d - first).days / span for d in days], [y0 + h * v / top for v in values])

    ax.plot(*xy(s.days, running), color="black", linewidth=1.3, marker="o", markersize=1.8)
    if s.plan:
        ax.plot(*xy([p[0] for p in s.plan], [p[1] for p in s.plan]), color="black", linestyle="--", linewidth=0.8)
    if s.projection:
        ax.plot(*xy([p[0] for p in s.projection], [p[1] for p in s.projection]), color="0.3", linestyle=":",
                linewidth=1.1, marker="^", markersize=2.5, markevery=[-1])


def _extent(s: Series) -> tuple[dt.date, dt.date, float]:
    """First and last day shown, and the top of the count axis (a little above the highest point)."""
    points = [(s.days[0], 0.0), (s.days[-1], float(sum(s.approved))), *s.plan, *s.projection]
    return (min(p[0] for p in points), max(p[0] for p in points), max(1.0, max(p[1] for p in points)) * 1.05)


def panel_scale(s: Series) -> str:
    """What a panel's axes span, in words: its days and its count scale (or why it is empty)."""
    if not s.days:
        return "Không có số liệu dùng được"
    first, last, top = _extent(s)
    return f"{first:%d/%m} → {last:%d/%m/%Y};  trục dọc 0 – {_count(top)} hồ sơ"


def panel_boxes(count: int, columns: int = 3) -> list[tuple[float, float, float, float]]:
    """Where each panel of small_multiples sits, as (x, y, width, height) fractions of the picture with y
    from the bottom, so a caller can write the headings beside the picture."""
    rows = max(1, -(-count // columns))
    cell_w, cell_h = 0.96 / columns, 0.955 / rows
    return [(0.03 + (i % columns) * cell_w, 0.955 - (i // columns + 1) * cell_h + 0.1 * cell_h,
             cell_w * 0.9, cell_h * 0.66) for i in range(count)]


def small_multiples(items: Sequence[Series], columns: int = 3, width_mm: float = 277,
                    height_mm: float = 140, dpi: int = 90) -> bytes:
    """Several communes' running totals in one picture: one figure per page, one axes, a panel per commune
    at panel_boxes (draw_panel), the legend as the only text."""
    fig = _figure(width_mm, height_mm, (0, 0, 0, 0))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.text(0.01, 0.995, "— lũy kế đã duyệt (●)   - - kế hoạch   ··· dự báo theo nhịp 7 ngày (▲)", fontsize=6,
            va="top")
    for s, box in zip(items, panel_boxes(len(items), columns)):
        draw_panel(ax, s, box)
    return _png(fig, dpi)
