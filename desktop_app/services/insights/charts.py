"""Inline SVG charts drawn by hand (no JavaScript, no network). Every label is escaped here."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from desktop_app.services.insights.patterns import DayVolume
from desktop_app.services.insights.window import day_label, short_day

NEGATIVE = "#c2413b"
NEUTRAL = "#a3acb9"
POSITIVE = "#2f8f5b"
BRAND = "#2d6cb5"
OTHER = "#8e99a8"
SPIKE = "#e08a00"
INK = "#2b3440"
GRID = "#e3e7ec"
FONT = 'font-family="Helvetica, Arial, sans-serif"'


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    segments: tuple[tuple[float, str], ...]  # (value, colour), stacked left to right
    value_text: str


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _svg(width: int, height: int, body: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}" class="chart">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def day_bars(days: Sequence[DayVolume], spike_days: Sequence[int] = (), *, width: int = 960) -> str:
    """Mentions per day, stacked negative / neutral / positive, spike days marked."""
    height, left, bottom, top = 250, 44, 34, 22
    plot_w, plot_h = width - left - 10, height - top - bottom
    if not days:
        return _svg(
            width, 60, f'<text x="10" y="35" {FONT} font-size="14" fill="{INK}">No mentions.</text>', ""
        )
    peak = _nice_max(max(d.total for d in days))
    slot = plot_w / len(days)
    bar_w = max(1.0, slot * 0.78)
    parts: list[str] = []
    steps = next((n for n in (4, 5, 2) if (peak / n).is_integer()), 4)
    for i in range(steps + 1):
        value = peak * i / steps
        y = top + plot_h - plot_h * i / steps
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {FONT} font-size="11" fill="{INK}">'
            f"{value:g}</text>"
        )
    every = max(1, math.ceil(len(days) / 12))
    spikes = set(spike_days)
    for i, d in enumerate(days):
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h
        for value, colour in ((d.negative, NEGATIVE), (d.neutral, NEUTRAL), (d.positive, POSITIVE)):
            h = plot_h * value / peak
            if h > 0:
                y -= h
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}"/>'
                )
        parts.append(
            f'<rect x="{x:.1f}" y="{top}" width="{bar_w:.1f}" height="{plot_h}" fill="transparent">'
            f"<title>{day_label(d.day)}: {d.total} mentions ({d.negative} negative, {d.neutral} neutral, "
            f"{d.positive} positive)</title></rect>"
        )
        if d.day in spikes:
            cx = x + bar_w / 2
            parts.append(
                f'<path d="M{cx - 5:.1f},{y - 12:.1f} L{cx + 5:.1f},{y - 12:.1f} L{cx:.1f},{y - 4:.1f} Z" '
                f'fill="{SPIKE}"/>'
            )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" {FONT} '
                f'font-size="11" fill="{INK}">{escape(short_day(d.day))}</text>'
            )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="{INK}"/>'
    )
    return _svg(width, height, "".join(parts), "Mentions per day by sentiment")


def bar_chart(bars: Sequence[Bar], title: str, *, width: int = 960, label_width: int = 330) -> str:
    """Horizontal bars, one row per item, optionally stacked."""
    row_h, top = 26, 6
    height = top * 2 + row_h * max(1, len(bars))
    peak = max((sum(v for v, _ in b.segments) for b in bars), default=0) or 1
    plot_w = width - label_width - 90
    parts: list[str] = []
    fits = max(12, (label_width - 8) // 7)  # characters of a 12 px label that fit left of the bars
    for i, b in enumerate(bars):
        y = top + i * row_h
        label = b.label if len(b.label) <= fits else b.label[: fits - 1].rstrip() + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" {FONT} font-size="12" fill="{INK}">'
            f"{escape(label)}</text>"
        )
        x = float(label_width)
        for value, colour in b.segments:
            w = plot_w * value / peak
            if w > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}"/>'
                )
                x += w
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + 17}" {FONT} font-size="12" fill="{INK}">{escape(b.value_text)}</text>'
        )
    return _svg(width, height, "".join(parts), title)
