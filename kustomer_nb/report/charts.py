"""Altair charts that draw offline: the Vega runtime once per page, then each chart.

Call :func:`enable_offline` once, early in a notebook, and display what it returns:
that output holds a self-contained ES-module bundle of vega, vega-lite and
vega-embed (from ``vl_convert``) which sets ``window.vegaEmbed``. Every chart
displayed afterwards renders as a ``<div>`` plus a small ``<script type="module">``
calling ``vegaEmbed`` with the spec; module scripts run in document order, so the
runtime is there before the first chart. Nothing is fetched from a CDN, and each
chart also carries the Vega-Lite mimetype so JupyterLab draws it natively.
"""

from __future__ import annotations

import functools
import hashlib
import html
import itertools
import json
import logging
import os
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import platformdirs
import vl_convert

from kustomer_nb.report.format import NO_DATA

__all__ = [
    "MAX_ROWS",
    "NO_DATA",
    "NoData",
    "RENDERER",
    "VegaRuntime",
    "bar_chart",
    "enable_offline",
    "line_chart",
    "render_spec",
]

logger = logging.getLogger(__name__)

RENDERER = "kustomer_offline"
RUNTIME_MARKER = "kustomer-nb vega runtime"
MAX_ROWS = 2000
_MAJOR = alt.SCHEMA_VERSION.lstrip("v").split(".")[0]
VEGALITE_MIME = f"application/vnd.vegalite.v{_MAJOR}+json"
_ids = itertools.count(1)


@functools.cache
def _bundle() -> str:
    """vega + vega-lite + vega-embed as one script, matching altair's Vega-Lite.

    Building it takes seconds, so it is kept on disk (under ``KUSTOMER_NB_CACHE_DIR``
    or the user cache directory), keyed by the vl-convert and Vega-Lite versions.
    """
    version = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    if version not in vl_convert.get_vegalite_versions():
        version = None
    cached = _cache_dir() / f"vega-bundle-{vl_convert.__version__}-vl{version}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    code = vl_convert.javascript_bundle(vl_version=version)
    code = code.replace("</script", "<\\/script")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(code, encoding="utf-8")
        partial.replace(cached)
    except OSError as error:
        logger.debug("could not keep the Vega bundle at %s: %s", cached, error)
    return code


def _cache_dir() -> Path:
    chosen = os.environ.get("KUSTOMER_NB_CACHE_DIR")
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("kustomer-nb"))


class VegaRuntime:
    """Displays the Vega runtime as a hidden module script (once per page)."""

    def _repr_html_(self) -> str:
        return (
            f'<div hidden data-kn="{RUNTIME_MARKER}"></div>'
            f'<script type="module">\n{_bundle()}\n</script>'
        )

    def __repr__(self) -> str:
        return "<kustomer-nb offline Vega runtime>"


def enable_offline() -> VegaRuntime:
    """Register and enable the offline renderer; display the returned runtime once."""
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, render_spec)
    alt.renderers.enable(RENDERER)
    return VegaRuntime()


def render_spec(spec: dict[str, Any], **_: Any) -> dict[str, Any]:
    """The altair renderer: an HTML div + module script, and the Vega-Lite spec."""
    data = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha1(data.encode()).hexdigest()[:10]
    element = f"kn-chart-{digest}-{next(_ids)}"
    safe = data.replace("</", "<\\/")
    markup = (
        f'<div id="{element}" class="kn-chart"></div>\n'
        '<script type="module">\n'
        f'const el = document.getElementById("{element}");\n'
        "if (window.vegaEmbed) {\n"
        f"  vegaEmbed(el, {safe}, {{actions: false, renderer: 'svg'}})\n"
        "    .catch(e => { el.textContent = 'Chart failed to draw: ' + e; });\n"
        "} else { el.textContent = 'Chart not drawn: the Vega runtime is missing.'; }\n"
        "</script>"
    )
    return {"text/html": markup, VEGALITE_MIME: spec}


class NoData:
    """What a chart of no data shows instead: its title and a short note."""

    def __init__(self, title: str = "") -> None:
        self.title = title

    def _repr_html_(self) -> str:
        title = f"<strong>{html.escape(self.title)}</strong><br>" if self.title else ""
        return f'<p class="kn-no-data" data-kn="no-data">{title}{NO_DATA}</p>'

    def __repr__(self) -> str:
        return f"{self.title}: {NO_DATA}" if self.title else NO_DATA


def _aggregated(frame: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"charts take a pandas DataFrame, got {type(frame).__name__}")
    if len(frame) > MAX_ROWS:
        raise ValueError(
            f"{len(frame)} rows is row-level data: aggregate in pandas first "
            f"(charts take at most {MAX_ROWS} rows)"
        )
    return frame


def _empty(frame: pd.DataFrame, y: str) -> bool:
    """Nothing to draw: no rows, or no value (or only zeros) to plot."""
    values = pd.to_numeric(frame[y], errors="coerce").fillna(0)
    return len(frame) == 0 or not values.astype(bool).any()


def _x(x: str, domain: list[str] | None, sort: Any = alt.Undefined) -> alt.X:
    if domain is None:
        return alt.X(x, sort=sort)
    return alt.X(x, sort=domain, scale=alt.Scale(domain=domain))


def bar_chart(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    color: str | None = None,
    title: str = "",
    horizontal: bool = False,
    color_order: list[str] | None = None,
    x_domain: list[str] | None = None,
) -> alt.Chart | NoData:
    """A (stacked) bar chart of an aggregated frame.

    ``horizontal`` puts the categories ``x`` on the vertical axis, largest first;
    ``color_order`` fixes the legend and stacking order of the ``color`` values;
    ``x_domain`` fixes the categories on the ``x`` axis and their order (so two
    charts of the same weeks share one axis). A frame with no rows, or no
    non-zero ``y``, gives a :class:`NoData` note instead of an empty chart.
    """
    data = _aggregated(frame)
    if _empty(data, y):
        return NoData(title)
    encoding: dict[str, Any] = {"tooltip": list(frame.columns)}
    if horizontal:
        encoding |= {"x": alt.X(y), "y": alt.Y(x, sort="-x")}
    else:
        encoding |= {"x": _x(x, x_domain, sort=None), "y": alt.Y(y)}
    if color:
        encoding["color"] = alt.Color(color, sort=color_order)
    if color and color_order:
        rank = {value: i for i, value in enumerate(color_order)}
        data = data.assign(_order=data[color].map(rank))
        encoding["order"] = alt.Order("_order:Q")
    chart = alt.Chart(data, title=title).mark_bar().encode(**encoding)
    return chart.properties(width=560)


def line_chart(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    color: str | None = None,
    title: str = "",
    x_domain: list[str] | None = None,
) -> alt.Chart | NoData:
    """A line chart with points of an aggregated frame (see :func:`bar_chart`)."""
    data = _aggregated(frame)
    if len(data) == 0 or data[y].isna().all():
        return NoData(title)
    chart = alt.Chart(data, title=title).mark_line(point=True)
    encoding = {"x": _x(x, x_domain), "y": alt.Y(y), "tooltip": list(frame.columns)}
    if color:
        encoding["color"] = alt.Color(color)
    return chart.encode(**encoding).properties(width=560)
