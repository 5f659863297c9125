"""A monthly trend as a PNG, and a caption that says the same in words for screen readers.

Rendering is CPU work of a few hundred milliseconds: callers run :func:`render_png` in a worker
thread. It builds a bare ``Figure`` on the Agg canvas (no pyplot), so there is no global figure
state shared between threads.
"""

from __future__ import annotations

import io
from datetime import date

from bot.stats.answers import month_name

CAPTION_LIMIT = 1024


def _noun(n: int, category: str | None) -> str:
    if category == "anti-social-behaviour":
        word = "incident"
    elif category is None:
        word = "crime or ASB incident" if n == 1 else "crimes and ASB incidents"
        return f"{n} {word}"
    else:
        word = "crime"
    return f"{n} {word}" + ("" if n == 1 else "s")


def caption(title: str, points: list[tuple[date, int]], category: str | None, source: str) -> str:
    """First, last, highest and lowest months with their values, the total and the source."""
    first, last = points[0], points[-1]
    # on a tie, name the most recent month: it is the one a resident can still act on
    high = max(points, key=lambda p: (p[1], p[0]))
    low = min(points, key=lambda p: (p[1], -p[0].toordinal()))
    total = sum(n for _, n in points)
    lines = [
        f"Chart: {title}, monthly, {month_name(first[0])} to {month_name(last[0])}.",
        f"First month, {month_name(first[0])}: {_noun(first[1], category)}. "
        f"Last month, {month_name(last[0])}: {_noun(last[1], category)}.",
        f"Highest: {month_name(high[0])}, {high[1]}. Lowest: {month_name(low[0])}, {low[1]}. "
        f"Total over {len(points)} months: {total}.",
    ]
    text = "\n".join(lines)
    source_line = f"\nSource: {source}."
    room = CAPTION_LIMIT - len(text)
    if len(source_line) > room:
        source_line = source_line[: max(room - 1, 0)].rstrip() + "…"
    return (text + source_line)[:CAPTION_LIMIT]


def render_png(title: str, points: list[tuple[date, int]], source: str) -> bytes:
    """A line chart of monthly counts, labelled with its source (the image states its origin)."""
    # matplotlib costs half a second to import: only a chart pays for it, not every start-up
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    labels = [f"{m:%b %y}" for m, _ in points]
    values = [n for _, n in points]
    ax.plot(range(len(points)), values, marker="o", color="#1f4e99", linewidth=2)
    ax.fill_between(range(len(points)), values, color="#1f4e99", alpha=0.08)
    for x, n in enumerate(values):
        ax.annotate(str(n), (x, n), textcoords="offset points", xytext=(0, 6), ha="center",
                    fontsize=8)  # fmt: skip
    step = max(1, len(points) // 12)
    ax.set_xticks(range(0, len(points), step), labels[::step], rotation=45, ha="right")
    ax.set_ylim(bottom=0, top=max([*values, 1]) * 1.18)
    ax.set_ylabel("Recorded per month")
    ax.set_title(title, fontsize=12)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, 0.01, f"Source: {source}"[:140], fontsize=7, color="#555555")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
