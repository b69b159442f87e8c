"""The ``kustomer-nb`` command: run reports and the local sandbox.

User errors (no token, a rejected token, an unknown report or parameter) end with one
line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import ast
import datetime as dt
import errno
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click
import nbformat

from kustomer_nb.errors import ConfigError, KustomerError

logger = logging.getLogger(__name__)

PROG = "kustomer-nb"


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    try:
        cli.main(args=argv, prog_name=PROG, standalone_mode=False)
    except click.exceptions.Exit as stop:
        sys.exit(stop.exit_code)
    except click.exceptions.Abort:
        _fail("aborted", code=130)
    except click.UsageError as error:
        hint = f" (see '{PROG} --help')" if error.ctx is None else ""
        _fail(f"{error.format_message()}{hint}", code=2)
    except KustomerError as error:
        _fail(str(error), code=1)
    except KeyboardInterrupt:
        _fail("interrupted", code=130)


def _fail(message: str, *, code: int) -> None:
    first_line = " ".join(message.split())
    click.echo(f"{PROG}: error: {first_line}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kustomer-nb", prog_name=PROG)
@click.option("-v", "--verbose", count=True, help="Log INFO (-v) or DEBUG (-vv).")
def cli(verbose: int) -> None:
    """Kustomer data as DataFrames, charts and HTML reports."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if verbose < 2:
        # Retries are ours to report (a failure says so in one line); papermill's
        # INFO lines repeat every cell's source.
        logging.getLogger("urllib3").setLevel(logging.ERROR)
        logging.getLogger("papermill").setLevel(logging.WARNING)


# -- report ---------------------------------------------------------------------


@cli.command()
@click.argument("name")
@click.option(
    "--demo",
    is_flag=True,
    help="Run against the embedded sandbox (a realistic demo org) instead of Kustomer.",
)
@click.option(
    "-p",
    "--parameter",
    "parameters",
    nargs=2,
    multiple=True,
    metavar="NAME VALUE",
    help="Set a notebook parameter, e.g. -p weeks 12 -p tz Europe/Berlin.",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Where the HTML and the executed notebook are written.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Fetch everything afresh (sets KUSTOMER_NB_CACHE=off for the run).",
)
def report(
    name: str,
    demo: bool,
    parameters: tuple[tuple[str, str], ...],
    output_dir: Path,
    no_cache: bool,
) -> None:
    """Run the report NAME (weekly) and print the path of its HTML file."""
    from kustomer_nb.report import REPORTS, run_report

    if name not in REPORTS:
        available = ", ".join(sorted(REPORTS))
        raise click.UsageError(f"unknown report {name!r}; available: {available}")
    values = {key: _parse_value(raw) for key, raw in parameters}
    if demo and values.get("demo") is False:
        raise click.UsageError("--demo contradicts -p demo False: pass one of them")
    demo = demo or values.get("demo") is True
    if no_cache:
        # The notebook's kernel inherits the environment, and connect() reads it.
        os.environ["KUSTOMER_NB_CACHE"] = "off"
    if not demo:
        _check_credentials()
    path = run_report(name, parameters=values, output_dir=output_dir, demo=demo)
    click.echo(str(path))


def _parse_value(raw: str) -> Any:
    """Read a -p value the way papermill does: Python literals, else a string."""
    try:
        return ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return raw


def _check_credentials() -> None:
    """Fail fast, before starting a kernel, when the token is missing or rejected."""
    from kustomer_nb.client import connect

    if not os.environ.get("KUSTOMER_API_TOKEN"):
        raise ConfigError(
            "No API token: set KUSTOMER_API_TOKEN, or run with --demo to use the "
            "embedded sandbox."
        )
    with connect(cache=False) as client:
        client.get("/users/current")


@cli.command()
@click.argument(
    "notebook", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The HTML file to write (default: beside the notebook).",
)
def render(notebook: Path, output: Path | None) -> None:
    """Render an executed NOTEBOOK to offline HTML (code hidden) and print its path."""
    from kustomer_nb.report import render_html

    target = output or notebook.with_suffix(".html")
    try:
        nb = nbformat.read(notebook, as_version=4)
    except (ValueError, KeyError) as error:  # nbformat's "not a notebook" errors
        raise KustomerError(f"{notebook} is not a Jupyter notebook ({error})") from None
    _check_executed(nb, notebook)
    title = nb.metadata.get("title") or notebook.stem.replace("-", " ")
    target.write_text(render_html(notebook, title=title), encoding="utf-8")
    click.echo(str(target))


def _check_executed(nb: Any, path: Path) -> None:
    """Refuse a notebook that was never run, or whose run failed."""
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    if code and all(cell.get("execution_count") is None for cell in code):
        raise KustomerError(
            f"{path} has not been executed: run it first, e.g. with papermill"
        )
    for cell in code:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise KustomerError(
                    f"{path} holds a failed run ({output.get('ename')}: "
                    f"{output.get('evalue')}); fix it and run it again"
                )


# -- sandbox --------------------------------------------------------------------


def _timestamp(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO timestamp such as 2026-11-30T12:00:00Z"
        ) from None
    return value


def _writable_file(ctx: click.Context, param: click.Parameter, value: Path | None):
    if value is not None and not value.parent.is_dir():
        raise click.BadParameter(f"folder {str(value.parent)!r} does not exist")
    return value


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port on 127.0.0.1; 0 picks a free one.",
)
@click.option(
    "--token", default=None, help="The API token to accept (random if unset)."
)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option(
    "--conversations", type=click.IntRange(min=0), default=20000, show_default=True
)
@click.option("--days", type=click.IntRange(min=1), default=91, show_default=True)
@click.option(
    "--now",
    default=None,
    callback=_timestamp,
    help="Freeze the sandbox clock (ISO timestamp).",
)
@click.option(
    "--fixtures",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A folder of recorded JSON resources to serve as well.",
)
@click.option("--no-rate-limits", is_flag=True, help="Turn the rate limits off.")
@click.option(
    "--fault-rate", type=click.FloatRange(0, 1), default=0.0, show_default=True
)
@click.option(
    "--orders",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    callback=_writable_file,
    help="Also write a Shopify orders export for the sandbox's customers here.",
)
def sandbox(
    port: int,
    token: str | None,
    seed: int,
    conversations: int,
    days: int,
    now: str | None,
    fixtures: Path | None,
    no_rate_limits: bool,
    fault_rate: float,
    orders: Path | None,
) -> None:
    """Serve a local Kustomer API with seeded data until interrupted."""
    from kustomer_nb.sandbox import SandboxConfig, serve_forever

    config = SandboxConfig(
        port=port,
        token=token or os.environ.get("KUSTOMER_NB_DEMO_TOKEN"),
        seed=seed,
        conversations=conversations,
        days=days,
        now=now,
        fixtures=fixtures,
        fault_rate=fault_rate,
        **({"rate_limit": None, "search_rate_limit": None} if no_rate_limits else {}),
    )
    try:
        serve_forever(config, orders_path=orders, on_ready=_print_lines)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise KustomerError(
                f"port {port} on 127.0.0.1 is already in use: choose another --port "
                "(0 picks a free one)"
            ) from None
        raise KustomerError(f"the sandbox could not start: {error}") from None


def _print_lines(lines: list[str]) -> None:
    click.echo("\n".join(lines))
