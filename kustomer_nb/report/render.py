"""Run a report notebook with papermill and render it to offline HTML."""

from __future__ import annotations

import importlib.resources
import logging
import os
from pathlib import Path
from typing import Any

import nbformat
import papermill
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

from kustomer_nb.errors import KustomerError
from kustomer_nb.report.params import ReportParameterError, check_orders_file
from kustomer_nb.report.period import report_period

__all__ = ["REPORTS", "ReportFailed", "notebook_path", "render_html", "run_report"]

logger = logging.getLogger(__name__)

REPORTS: dict[str, str] = {"weekly": "weekly_trends.ipynb"}
TEMPLATES = Path(__file__).parent / "templates"


class ReportFailed(KustomerError):
    """A report notebook failed; the executed notebook is left for inspection."""


def notebook_path(name: str) -> Path:
    """The notebook of report ``name``: packaged in the wheel, else the repo's."""
    if name not in REPORTS:
        available = ", ".join(sorted(REPORTS))
        raise KustomerError(f"unknown report {name!r}; available reports: {available}")
    packaged = importlib.resources.files("kustomer_nb") / "_notebooks" / REPORTS[name]
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "notebooks" / REPORTS[name]


def run_report(
    name: str,
    *,
    parameters: dict[str, Any] | None = None,
    output_dir: str | os.PathLike[str] = "reports",
    demo: bool = False,
) -> Path:
    """Execute report ``name`` and render it; return the HTML file's path.

    Writes ``<output_dir>/<name>-<ISO week>.ipynb`` (the executed notebook) and
    ``<output_dir>/<name>-<ISO week>.html`` (code hidden, opens offline). The
    week is resolved here (``week_end`` None → the last full Monday–Sunday week
    in ``tz``) and passed to the notebook explicitly.

    The parameters are checked before anything runs (``orders_file`` must be
    an existing, readable file), and the week's HTML from an earlier run is
    removed first: after a failed run, no stale HTML is left for the week.

    Raises
    ------
    KustomerError
        For an unknown report name (listing the available ones).
    ReportParameterError
        (a ``KustomerError``) for a bad ``week_end``, ``weeks``, ``tz`` or
        ``orders_file``, or a week not over yet; nothing is written.
    ReportFailed
        When a cell fails: names the error and the path of the failed notebook.
    """
    source = notebook_path(name)
    params = dict(parameters or {})
    _check_names(name, source, params)
    params["demo"] = bool(demo or params.get("demo", False))
    period = report_period(
        params.get("week_end"), params.get("weeks", 8), params.get("tz", "UTC")
    )
    params["week_end"] = period.sunday.isoformat()
    params["orders_file"] = check_orders_file(params.get("orders_file"))

    out_dir = _writable_dir(Path(output_dir))
    executed = out_dir / f"{name}-{period.iso_week}.ipynb"
    html = executed.with_suffix(".html")
    # An HTML left from an earlier run must not pass for this one if it fails.
    html.unlink(missing_ok=True)
    logger.info("running report %s for %s into %s", name, period.iso_week, executed)
    _execute(source, executed, params)
    partial = html.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(render_html(executed, title=f"Weekly trends {period.iso_week}"))
    partial.replace(html)
    logger.info("report written to %s", html)
    return html


def _writable_dir(path: Path) -> Path:
    """``path``, created if needed, once a file could be written in it."""
    probe = path / f".kustomer-nb-write-check-{os.getpid()}"
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe.touch()
        probe.unlink()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ReportParameterError(
            f"cannot write reports to {path}: {reason}; pass -o with a folder you "
            "can write to"
        ) from None
    return path


def _check_names(name: str, source: Path, params: dict[str, Any]) -> None:
    known = papermill.inspect_notebook(str(source))
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise KustomerError(
            f"unknown parameter(s) {', '.join(unknown)} for report {name!r}; "
            f"its parameters are: {', '.join(known)}"
        )


def _execute(source: Path, executed: Path, params: dict[str, Any]) -> None:
    try:
        papermill.execute_notebook(
            str(source),
            str(executed),
            parameters=params,
            kernel_name="python3",
            progress_bar=False,
            # The kernel app's own log lines (plain-TCP notice, the interrupt at
            # shutdown) are noise for a report run; cell errors come back through
            # the messaging protocol and still fail the run.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except papermill.PapermillExecutionError as error:
        first = (str(error.evalue).strip().splitlines() or [""])[0]
        raise ReportFailed(
            f"report failed in cell {error.exec_count}: {error.ename}: {first} "
            f"(the failed notebook is at {executed})",
            path=str(executed),
        ) from None
    except (DeadKernelError, CellTimeoutError) as error:
        first = (str(error).strip().splitlines() or [""])[0]
        raise ReportFailed(
            f"report failed: {type(error).__name__}: {first} "
            f"(the failed notebook is at {executed})",
            path=str(executed),
        ) from None


def render_html(notebook: str | os.PathLike[str], *, title: str | None = None) -> str:
    """An executed notebook as HTML: no code, no prompts, no external scripts."""
    nb = nbformat.read(str(notebook), as_version=4)
    if title:
        nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return body
