"""dashboard.html: one self-contained page (inline CSS and SVG, no script, no request) with
the audit's rates over time, by group, the table per group and the largest changes."""

from __future__ import annotations

from html import escape
from typing import Any

# Colour-blind-safe (Okabe–Ito), dark enough on white for thin lines.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
LINES = 5  # categories drawn over time besides the total
BARS = 30  # groups drawn in the bar chart
WIDTH, HEIGHT = 760, 280
LEFT, BOTTOM, TOP, RIGHT = 56, 40, 16, 16

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;
margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}
.meta{color:#444;margin:0 0 16px}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
svg text{font-size:11px;fill:#333}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:right;vertical-align:top}
th:first-child,td:first-child,td.text{text-align:left}
thead th{background:#f3f3f3;position:sticky;top:0}
.legend{display:flex;flex-wrap:wrap;gap:12px;margin:4px 0 0;padding:0;list-style:none}
.swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
.up{color:#a00}.down{color:#060}
"""


def render_dashboard(summary: dict[str, Any], title: str = "lintnews audit") -> str:
    totals = summary["totals"]
    by = summary["by"] or ["all"]
    parts = [
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='meta'>{totals['documents']:,} documents, {totals['words']:,} words, "
        f"{totals['findings']:,} findings: <strong>{totals['per_1000_words']:.2f}</strong> "
        f"per 1,000 words. Grouped by {escape(' and '.join(by))}.</p>",
        "<div class='charts'>",
        _timeline_chart(summary["timeline"]),
        _group_chart(summary["groups"], by),
        "</div>",
        _group_table(summary["groups"], by),
        _changes_table(summary["changes"], by),
        "</body></html>\n",
    ]
    return "\n".join(p for p in parts if p)


def _timeline_chart(timeline: list[dict[str, Any]]) -> str:
    points = [t for t in timeline if t["words"] and not t["period"].startswith("(")]
    if not points:
        return ""
    totals: dict[str, float] = {}
    for moment in points:
        for category, value in moment["categories"].items():
            totals[category] = totals.get(category, 0.0) + value * moment["words"]
    categories = sorted(totals, key=lambda c: (-totals[c], c))[:LINES]
    series = [("all findings", [m["per_1000_words"] for m in points])]
    series += [(c, [m["categories"].get(c, 0.0) for m in points]) for c in categories]
    peak = max(max(values) for _, values in series) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(points) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / peak)

    svg = [f"<svg role='img' viewBox='0 0 {WIDTH} {HEIGHT}' width='{WIDTH}' height='{HEIGHT}' "
           "aria-label='Findings per 1,000 words over time'>"]
    svg += _axes(peak, plot_w, plot_h)
    label_every = max(1, len(points) // 12)
    for i, moment in enumerate(points):
        if i % label_every == 0:
            svg.append(f"<text x='{x(i):.1f}' y='{HEIGHT - BOTTOM + 16}' text-anchor='middle'>"
                       f"{escape(moment['period'])}</text>")
    for n, (name, values) in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        coords = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        width = 3 if n == 0 else 2
        svg.append(f"<polyline fill='none' stroke='{colour}' stroke-width='{width}' "
                   f"points='{coords}'><title>{escape(name)}</title></polyline>")
        for i, v in enumerate(values):
            svg.append(f"<circle cx='{x(i):.1f}' cy='{y(v):.1f}' r='3' fill='{colour}'>"
                       f"<title>{escape(name)}, {escape(points[i]['period'])}: {v:.2f} per "
                       "1,000 words</title></circle>")
    svg.append("</svg>")
    legend = "".join(f"<li><span class='swatch' style='background:{PALETTE[n % len(PALETTE)]}'>"
                     f"</span>{escape(name)}</li>" for n, (name, _) in enumerate(series))
    return ("<figure><figcaption>Findings per 1,000 words over time</figcaption>"
            + "".join(svg) + f"<ul class='legend'>{legend}</ul></figure>")


def _axes(peak: float, plot_w: float, plot_h: float) -> list[str]:
    out = [f"<line x1='{LEFT}' y1='{TOP}' x2='{LEFT}' y2='{TOP + plot_h}' stroke='#888'/>",
           f"<line x1='{LEFT}' y1='{TOP + plot_h}' x2='{LEFT + plot_w}' y2='{TOP + plot_h}' "
           "stroke='#888'/>"]
    for tick in range(5):
        value = peak * tick / 4
        ty = TOP + plot_h * (1 - tick / 4)
        out.append(f"<line x1='{LEFT}' y1='{ty:.1f}' x2='{LEFT + plot_w}' y2='{ty:.1f}' "
                   "stroke='#eee'/>")
        out.append(f"<text x='{LEFT - 6}' y='{ty + 4:.1f}' text-anchor='end'>{value:.1f}</text>")
    return out


def _group_chart(groups: list[dict[str, Any]], by: list[str]) -> str:
    shown = sorted((g for g in groups if g["words"]),
                   key=lambda g: -g["per_1000_words"])[:BARS]
    if not shown:
        return ""
    bar, gap, label_w = 18, 6, 180
    height = TOP + len(shown) * (bar + gap) + 8
    peak = max(g["per_1000_words"] for g in shown) or 1.0
    room = WIDTH - label_w - 70
    svg = [f"<svg role='img' viewBox='0 0 {WIDTH} {height}' width='{WIDTH}' height='{height}' "
           "aria-label='Findings per 1,000 words by group'>"]
    for i, group in enumerate(shown):
        top = TOP + i * (bar + gap)
        name = " / ".join(group["keys"][k] for k in by)
        length = room * group["per_1000_words"] / peak
        svg.append(f"<text x='{label_w - 8}' y='{top + bar - 5}' text-anchor='end'>"
                   f"{escape(name[:32])}</text>")
        svg.append(f"<rect x='{label_w}' y='{top}' width='{length:.1f}' height='{bar}' "
                   f"fill='{PALETTE[0]}'><title>{escape(name)}: {group['per_1000_words']:.2f} "
                   f"per 1,000 words ({group['findings']:,} findings in {group['words']:,} "
                   "words)</title></rect>")
        svg.append(f"<text x='{label_w + length + 6:.1f}' y='{top + bar - 5}'>"
                   f"{group['per_1000_words']:.2f}</text>")
    svg.append("</svg>")
    return ("<figure><figcaption>Findings per 1,000 words by "
            f"{escape(' / '.join(by))}</figcaption>{''.join(svg)}</figure>")


def _group_table(groups: list[dict[str, Any]], by: list[str]) -> str:
    rows = []
    for group in groups:
        rules = "; ".join(
            f"{escape(r['code'])} {escape(r['name'])} {r['per_1000_words']:.2f}"
            + (f" (“{escape(r['top_phrases'][0][0])}”)" if r["top_phrases"] else "")
            for r in group["rules"][:3])
        cells = "".join(f"<td class='text'>{escape(group['keys'][k])}</td>" for k in by)
        rows.append(f"<tr>{cells}<td>{group['documents']:,}</td><td>{group['words']:,}</td>"
                    f"<td>{group['findings']:,}</td><td>{group['per_1000_words']:.2f}</td>"
                    f"<td class='text'>{rules}</td></tr>")
    head = "".join(f"<th scope='col'>{escape(k)}</th>" for k in by)
    return ("<h2>By group</h2><table><thead><tr>" + head
            + "<th scope='col'>documents</th><th scope='col'>words</th>"
            "<th scope='col'>findings</th><th scope='col'>per 1,000 words</th>"
            "<th scope='col'>most frequent rules (per 1,000 words; top phrase)</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _changes_table(changes: list[dict[str, Any]], by: list[str], shown: int = 15) -> str:
    ranked = sorted((c for c in changes if c["scope"] != "all"),
                    key=lambda c: (-abs(c["change"]), c["name"], c["to"]))[:shown]
    if not ranked:
        return ""
    others = [k for k in by if k not in ("year", "month")]
    rows = []
    for c in ranked:
        trend = "up" if c["change"] > 0 else "down"
        where = "".join(f"<td class='text'>{escape(c[k])}</td>" for k in others)
        rows.append(f"<tr><td class='text'>{escape(c['scope'])} {escape(c['name'])}</td>{where}"
                    f"<td class='text'>{escape(c['from'])} → {escape(c['to'])}</td>"
                    f"<td>{c['per_1000_words_before']:.2f}</td>"
                    f"<td>{c['per_1000_words_after']:.2f}</td>"
                    f"<td class='{trend}'>{c['change']:+.2f}</td></tr>")
    head = "".join(f"<th scope='col'>{escape(k)}</th>" for k in others)
    return ("<h2>Largest changes between periods</h2><table><thead><tr>"
            f"<th scope='col'>rule or category</th>{head}<th scope='col'>periods</th>"
            "<th scope='col'>before</th><th scope='col'>after</th><th scope='col'>change</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")
