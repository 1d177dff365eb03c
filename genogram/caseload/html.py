"""The caseload as one self-contained HTML page: sortable, filterable, printable, offline.

The page loads nothing. Its Content-Security-Policy allows no source at all
except its own one script and one style sheet, each named by its SHA-256
hash, so an edited or injected script would not run. User text (names,
workers) reaches the page through :func:`genogram.text.clean` and jinja2's
escaping only. The chart is an inline SVG drawn here, with numbers only.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
from importlib import resources
from pathlib import Path

from genogram.caseload.assess import Caseload, Month

CHART_WIDTH = 720
CHART_HEIGHT = 240
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 44, 12, 12, 40


def _asset(name: str) -> str:
    return resources.files("genogram.caseload").joinpath("templates", name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """The CSP source for an inline script or style: its SHA-256, base64."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def render_html(caseload: Caseload, folder: Path) -> str:
    """The page; links to packs are relative to ``folder``, where the page will be written."""
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    from genogram.text import clean

    env = Environment(loader=PackageLoader("genogram.caseload", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["clean"] = clean
    script, style = _asset("caseload.js"), _asset("caseload.css")
    packs = [_relative(c.pack, folder) if c.pack else None for c in caseload.cases]
    return env.get_template("caseload.html.j2").render(
        c=caseload,
        script=Markup(script),
        style=Markup(style),
        script_hash=csp_hash(script),
        style_hash=csp_hash(style),
        chart=Markup(chart_svg(caseload.months)),
        workers=sorted({c.worker for c in caseload.cases if c.worker}),
        plans=sorted({c.plan_type for c in caseload.cases if c.plan_type}),
        states=[s for s in ("overdue", "due", "ok", "closed") if any(c.state == s for c in caseload.cases)],
        packs=packs,
        iso=lambda day: day.isoformat() if isinstance(day, dt.date) else "",
    )


def _relative(path: str, folder: Path) -> str:
    """A link from the page to a pack: relative, with / separators, each part percent-encoded."""
    from urllib.parse import quote

    relative = os.path.relpath(Path(path).resolve(), folder.resolve())
    return "/".join(quote(part) for part in Path(relative).parts)


def chart_svg(months: list[Month]) -> str:
    """Bars of discussions held per month, and a line of what the cadences asked for."""
    if not months:
        return ""
    top = max([m.held for m in months] + [m.required for m in months] + [1])
    scale = _nice(top)
    inner_w = CHART_WIDTH - _MARGIN_LEFT - _MARGIN_RIGHT
    inner_h = CHART_HEIGHT - _MARGIN_TOP - _MARGIN_BOTTOM
    step = inner_w / len(months)

    def y(value: float) -> float:
        return _MARGIN_TOP + inner_h * (1 - value / scale)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">Discussions held per month against the required cadence, {months[0].month} to {months[-1].month}</title>',
    ]
    for k in range(5):
        value = scale * k / 4
        parts.append(f'<line x1="{_MARGIN_LEFT}" x2="{CHART_WIDTH - _MARGIN_RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#ddd" stroke-width="1"/>')
        parts.append(f'<text x="{_MARGIN_LEFT - 6}" y="{y(value) + 4:.1f}" font-size="11" text-anchor="end" fill="#333">{value:g}</text>')
    points = []
    for i, month in enumerate(months):
        x = _MARGIN_LEFT + i * step
        parts.append(
            f'<rect x="{x + step * 0.15:.1f}" y="{y(month.held):.1f}" width="{step * 0.7:.1f}" height="{inner_h * month.held / scale:.1f}" fill="#5b7fa6">'
            f"<title>{month.month}: {month.held} held, {month.required:g} required</title></rect>"
        )
        points.append(f"{x + step / 2:.1f},{y(month.required):.1f}")
        if i % 3 == 0 or i == len(months) - 1:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{CHART_HEIGHT - _MARGIN_BOTTOM + 16}" font-size="11" text-anchor="middle" fill="#333">{month.month}</text>')
    parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#b00" stroke-width="2" stroke-dasharray="6 3"/>')
    legend_y = CHART_HEIGHT - 8
    parts += [
        f'<rect x="{_MARGIN_LEFT}" y="{legend_y - 9}" width="12" height="10" fill="#5b7fa6"/>',
        f'<text x="{_MARGIN_LEFT + 16}" y="{legend_y}" font-size="11" fill="#333">held</text>',
        f'<line x1="{_MARGIN_LEFT + 60}" x2="{_MARGIN_LEFT + 84}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="#b00" stroke-width="2" stroke-dasharray="6 3"/>',
        f'<text x="{_MARGIN_LEFT + 90}" y="{legend_y}" font-size="11" fill="#333">required by the agreed cadences</text>',
        "</svg>",
    ]
    return "\n".join(parts)


def _nice(top: float) -> float:
    """A round axis maximum at or above ``top``, so the four gridlines fall on round numbers."""
    power = 1.0
    while power * 10 <= top:
        power *= 10
    for factor in (1, 2, 4, 6, 8, 10):
        if factor * power >= top:
            return factor * power
    return 10 * power
