"""Charts drawn on the server as SVG: a timeline of running tolls and a map of incidents.

Server-side SVG needs no chart or map library in the browser, works offline and under a strict
Content-Security-Policy, and prints. Every text that comes from a report is escaped here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

# Victim classes: colours that stay apart for colour-blind readers (Okabe–Ito).
COLOURS = {"civilian": "#D55E00", "combatant": "#0072B2", "state_forces": "#56B4E9", "non_state_armed": "#009E73",
           "all": "#7F7F7F"}
SERIES = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]


@dataclass(frozen=True, slots=True)
class Point:
    day: str
    value: int
    claim_id: str
    label: str  # the wording, for the tooltip


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    points: tuple[Point, ...]  # by day


def timeline(series: Sequence[Series], width: int = 900, height: int = 360) -> str:
    """One line per source; a figure below the source's previous one is drawn as a hollow red
    marker so revisions stand out."""
    points = [p for s in series for p in s.points]
    if not points:
        return '<p class="empty">No running tolls to chart for this selection.</p>'
    days = sorted({p.day for p in points})
    d0, d1 = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    span = max((d1 - d0).days, 1)
    top = max(p.value for p in points) * 1.1 or 1
    left, right, upper, lower = 60, 20, 20, 40
    w, h = width - left - right, height - upper - lower

    def x(day: str) -> float:
        return left + w * ((date.fromisoformat(day) - d0).days / span if span else 0.5)

    def y(value: float) -> float:
        return upper + h * (1 - value / top)

    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="Running tolls by source">']
    for i in range(5):
        v = top * i / 4
        out.append(f'<line x1="{left}" x2="{left + w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11">{v:,.0f}</text>')
    for day, anchor in dict([(days[0], "start"), (days[len(days) // 2], "middle"), (days[-1], "end")]).items():
        out.append(f'<text x="{x(day):.1f}" y="{height - 12}" text-anchor="{anchor}" font-size="11">{day}</text>')
    for n, s in enumerate(series):
        colour = SERIES[n % len(SERIES)]
        path = " ".join(f"{x(p.day):.1f},{y(p.value):.1f}" for p in s.points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        previous = None
        for p in s.points:
            lowered = previous is not None and p.value < previous
            previous = p.value
            fill, stroke = ("#fff", "#c00") if lowered else (colour, colour)
            note = " (revised down)" if lowered else ""
            out.append(f'<a href="/claims/{escape(p.claim_id)}"><circle cx="{x(p.day):.1f}" cy="{y(p.value):.1f}" '
                       f'r="{6 if lowered else 4}" fill="{fill}" stroke="{stroke}" stroke-width="2">'
                       f'<title>{escape(s.name)}: {escape(p.label)} → {p.value:,} as of {p.day}{note}</title>'
                       f'</circle></a>')
    out.append("</svg>")
    legend = "".join(f'<li><span class="swatch swatch-{n % len(SERIES)}"></span>{escape(s.name)}</li>'
                     for n, s in enumerate(series))
    return "".join(out) + f'<ul class="legend">{legend}</ul>'


@dataclass(frozen=True, slots=True)
class Symbol:
    lat: float
    lon: float
    value: int
    category: str
    href: str
    title: str


def incident_map(symbols: Sequence[Symbol], width: int = 900, height: int = 520) -> str:
    """Proportional circles (area ∝ best figure) over country outlines, framed on the incidents."""
    if not symbols:
        return '<p class="empty">No located incidents for this selection.</p>'
    lats, lons = [s.lat for s in symbols], [s.lon for s in symbols]
    pad = 2.0
    south, north = max(min(lats) - pad, -85), min(max(lats) + pad, 85)
    west, east = max(min(lons) - pad, -180), min(max(lons) + pad, 180)
    k = math.cos(math.radians((south + north) / 2))  # equirectangular, true to scale at mid-latitude
    span_x, span_y = (east - west) * k, north - south
    scale = min(width / span_x, height / span_y)
    cx, cy = (west + east) / 2, (south + north) / 2

    def project(lon: float, lat: float) -> tuple[float, float]:
        return width / 2 + (lon - cx) * k * scale, height / 2 - (lat - cy) * scale

    out = [f'<svg class="map" viewBox="0 0 {width} {height}" role="img" aria-label="Incidents">',
           f'<rect width="{width}" height="{height}" fill="#eef3f7"/>']
    for name, rings in countries():
        if not any(west - 10 <= lon <= east + 10 and south - 10 <= lat <= north + 10
                   for ring in rings for lon, lat in ring[:: max(1, len(ring) // 8)]):
            continue
        d = " ".join("M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in (project(lon, lat) for lon, lat in ring)) + "Z"
                     for ring in rings)
        out.append(f'<path d="{d}" fill="#fbfaf7" stroke="#a9a9a9" stroke-width="0.7"><title>{escape(name)}</title>'
                   "</path>")
    biggest = max(s.value for s in symbols) or 1
    for s in sorted(symbols, key=lambda s: -s.value):  # small ones on top
        px, py = project(s.lon, s.lat)
        r = 3 + 27 * math.sqrt(s.value / biggest)
        colour = COLOURS.get(s.category, COLOURS["all"])
        out.append(f'<a href="{escape(s.href)}"><circle cx="{px:.1f}" cy="{py:.1f}" r="{r:.1f}" fill="{colour}" '
                   f'fill-opacity="0.6" stroke="{colour}"><title>{escape(s.title)}</title></circle></a>')
    out.append("</svg>")
    legend = "".join(f'<li><span class="dot dot-{c}"></span>{label}</li>' for c, label in (
        ("civilian", "civilians"), ("combatant", "combatants"), ("all", "mixed or unstated")))
    return "".join(out) + f'<ul class="legend">{legend}</ul>'


@lru_cache(maxsize=1)
def countries() -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """(name, rings of (lon, lat)) for every country, decoded from the shipped TopoJSON."""
    raw = (resources.files("tollwatch.web") / "static" / "world-atlas" / "countries-50m.json").read_text("utf-8")
    topo: dict[str, Any] = json.loads(raw)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        line = []
        for dx, dy in arc:  # delta-encoded, quantised positions
            x, y = x + dx, y + dy
            line.append((x * sx + tx, y * sy + ty))
        arcs.append(line)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(part[1:] if points else part)
        return points

    out = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring(r) for polygon in polygons for r in polygon]
        out.append((geometry.get("properties", {}).get("name", ""), rings))
    return out
