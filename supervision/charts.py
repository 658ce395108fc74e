"""Server-rendered SVG charts for the supervisors' dashboard: no JavaScript, no CDN; they scale to the width
of the column (viewBox) and carry a <title> per bar for the exact figure."""

from __future__ import annotations

from xml.sax.saxutils import escape

PALETTE = ["#2e6fae", "#d9822b", "#3a9e5c", "#b8433f", "#7d5ba6", "#8c8c8c"]


def _attr(text) -> str:
    return escape(str(text), {'"': "&quot;"})


def horizontal_bars(items: list[tuple[str, float | None, str]], maximum: float | None = None, unit: str = "",
                    label: str = "") -> str:
    """One bar per (name, value, note); a missing value draws no bar and says «无数据»."""
    row, left, width = 26, 150, 560
    maximum = maximum or max([value for _n, value, _t in items if value is not None] or [1]) or 1
    height = row * max(len(items), 1) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {left + width + 70} {height}" '
             f'role="img" aria-label="{_attr(label)}" class="supervision-chart" preserveAspectRatio="xMinYMin meet">']
    for index, (name, value, note) in enumerate(items):
        y = 5 + index * row
        parts.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" font-size="13">{escape(name[:12])}</text>')
        if value is None:
            parts.append(f'<text x="{left + 4}" y="{y + 16}" font-size="12" fill="#777">无数据</text>')
            continue
        bar = max(1.0, width * min(value, maximum) / maximum)
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{bar:.1f}" height="{row - 8}" fill="{PALETTE[0]}">'
                     f'<title>{escape(name)}：{value:g}{escape(unit)} {escape(note)}</title></rect>')
        parts.append(f'<text x="{left + bar + 6:.1f}" y="{y + 16}" font-size="12">{value:g}{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_columns(months: list[str], series: list[tuple[str, list[int]]], label: str = "") -> str:
    """Columns per month, stacked by series (units), with a legend."""
    left, bottom, top, column = 40, 40, 10, 44
    plot_height = 200
    totals = [sum(values[i] for _n, values in series) for i in range(len(months))]
    maximum = max(totals + [1])
    width = left + column * len(months) + 10
    legend_rows = (len(series) + 2) // 3
    height = top + plot_height + bottom + 20 * legend_rows
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {max(width, 560)} {height}" role="img" '
             f'aria-label="{_attr(label)}" class="supervision-chart" preserveAspectRatio="xMinYMin meet">',
             f'<line x1="{left}" y1="{top + plot_height}" x2="{width}" y2="{top + plot_height}" stroke="#999"/>',
             f'<text x="{left - 6}" y="{top + 10}" text-anchor="end" font-size="11">{maximum}</text>',
             f'<text x="{left - 6}" y="{top + plot_height}" text-anchor="end" font-size="11">0</text>']
    for i, month in enumerate(months):
        x, y = left + i * column + 6, top + plot_height
        for s, (name, values) in enumerate(series):
            if not values[i]:
                continue
            h = plot_height * values[i] / maximum
            y -= h
            parts.append(f'<rect x="{x}" y="{y:.1f}" width="{column - 12}" height="{h:.1f}" '
                         f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(name)} {escape(month)}：{values[i]}</title></rect>')
        parts.append(f'<text x="{x + (column - 12) / 2}" y="{top + plot_height + 16}" text-anchor="middle" '
                     f'font-size="11">{escape(month[-2:])}月</text>')
        if totals[i]:
            parts.append(f'<text x="{x + (column - 12) / 2}" y="{y - 3:.1f}" text-anchor="middle" font-size="10">'
                         f'{totals[i]}</text>')
    for s, (name, _values) in enumerate(series):
        x, y = left + (s % 3) * 180, top + plot_height + bottom + (s // 3) * 20
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{PALETTE[s % len(PALETTE)]}"/>'
                     f'<text x="{x + 16}" y="{y}" font-size="12">{escape(name[:12])}</text>')
    parts.append("</svg>")
    return "".join(parts)
