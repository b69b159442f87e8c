"""The weekly report, run for real against the sandbox and read as a reader would."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
import pytest

import kustomer_nb as kn
from kustomer_nb.report import run_report
from kustomer_nb.report.render import ReportFailed
from kustomer_nb.sandbox import SandboxConfig, serve, write_orders_csv
from tests.report.conftest import EXTERNAL_REF, RUNTIME, SCRIPT_SRC

TOKEN = "kn-test-token-6f1d2c9e8b7a"
NOW = "2026-12-02T15:00:00Z"
TZ = "America/New_York"
PARAMS = {"week_end": "2026-11-29", "weeks": 4, "tz": TZ}
WEEK = "2026-W48"
SECTIONS = [
    "headline",
    "volume-by-team",
    "times-by-team",
    "times-by-queue",
    "backlog",
    "orders-by-channel",
    "data-checks",
    "row-counts",
    "warnings",
    "freshness",
]


@contextlib.contextmanager
def sandbox_env(env, cache_dir, **overrides):
    """A frozen sandbox, with the report's environment pointed at it."""
    settings = {"now": NOW, "token": TOKEN, "rate_limit": None}
    config = SandboxConfig(**{**settings, "search_rate_limit": None, **overrides})
    with serve(config) as sandbox:
        env.setenv("KUSTOMER_BASE_URL", sandbox.base_url)
        env.setenv("KUSTOMER_API_TOKEN", TOKEN)
        env.setenv("KUSTOMER_NB_CACHE_DIR", str(cache_dir))
        yield sandbox


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One report run against a small frozen sandbox, configured from the env."""
    root = tmp_path_factory.mktemp("weekly")
    with (
        pytest.MonkeyPatch.context() as env,
        sandbox_env(env, root / "cache", conversations=3000, days=60, seed=11) as sb,
    ):
        orders = root / "orders.csv"
        write_orders_csv(sb.state, orders)
        params = {**PARAMS, "orders_file": str(orders)}
        html = run_report("weekly", parameters=params, output_dir=root / "reports")
        with kn.connect(cache=False) as client:
            expected = kn.load_conversations(
                client,
                created_after=pd.Timestamp("2026-11-23", tz=TZ),
                created_before=pd.Timestamp("2026-11-30", tz=TZ),
            )
    return root, html, expected


def _stderr_outputs(notebook) -> list[str]:
    """Text of every stderr stream output in an executed notebook."""
    nb = json.loads(notebook.read_text())
    return [
        "".join(out["text"])
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
        if out.get("output_type") == "stream" and out.get("name") == "stderr"
    ]


def _specs(notebook) -> dict[str, dict]:
    """The Vega-Lite spec of each chart in an executed notebook, by title."""
    nb = json.loads(notebook.read_text())
    specs = [
        data
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
        for mime, data in out.get("data", {}).items()
        if mime.startswith("application/vnd.vegalite")
    ]
    return {spec["title"]: spec for spec in specs}


def _table(html: str, kn_id: str) -> pd.DataFrame:
    """A rendered table as text cells, headers as the reader sees them."""
    block = re.search(rf'<div data-kn="{kn_id}">(.*?)</div>', html, re.S)
    assert block, f"no table {kn_id!r}"
    head = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", block.group(1), re.S)
    body = re.findall(r"<tr[^>]*>(.*?)</tr>", block.group(1), re.S)
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", r, re.S) for r in body]
    return pd.DataFrame([r for r in rows if r], columns=[h.strip() for h in head])


def _cell(html: str, label: str) -> str:
    match = re.search(rf"<td>{re.escape(label)}</td>\s*<td>([^<]*)</td>", html)
    assert match, f"no table row {label!r}"
    return match.group(1)


def test_weekly__files_named_by_iso_week(run):
    root, html, _ = run
    assert html == root / "reports" / f"weekly-{WEEK}.html"
    assert html.with_suffix(".ipynb").is_file()


def test_weekly__every_section_present(run):
    text = run[1].read_text()
    for section in SECTIONS:
        assert f'data-kn="{section}"' in text, section
    for heading in (
        "Volume by channel and team",
        "Backlog at week end",
        "Metric definitions",
        "Data freshness",
        "Open, snoozed and done by queue",
    ):
        assert heading in text
    assert f"Week {WEEK}" in text and TZ in text


def test_weekly__headline_count_matches_an_independent_pull(run):
    _, html, expected = run
    assert _cell(html.read_text(), "Conversations created") == f"{len(expected):,}"
    done = (expected["status"] == "done").sum() / len(expected) * 100
    assert _cell(html.read_text(), "Done now (% of created)") == f"{done:.1f}%"


def test_weekly__no_external_script_and_one_runtime(run):
    text = run[1].read_text()
    assert not SCRIPT_SRC.search(text)
    assert not EXTERNAL_REF.search(text)
    assert not re.search(r"""url\(\s*['"]?(?:https?:)?//""", text)
    assert text.count(RUNTIME) == 1
    assert text.count('class="kn-chart"') == 5
    # the runtime and one small module per chart: no other script at all
    assert text.count("<script") == 1 + 5


def test_weekly__token_in_no_file_written(run):
    root = run[0]
    files = [p for p in root.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite" for p in files)
    leaked = [p for p in files if TOKEN.encode() in p.read_bytes()]
    assert leaked == []


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium not installed")
def test_weekly__charts_draw_offline_in_chromium(run):
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--proxy-server=127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=20000",
                "--dump-dom",
                run[1].as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    drawn = re.findall(r'id="kn-chart-[^"]+"[^>]*>\s*<svg', dom)
    assert len(drawn) == 5
    assert ">Chart failed" not in dom and ">Chart not drawn" not in dom


def test_weekly__demo_run_leaks_no_token(tmp_path, monkeypatch):
    demo_token = "kn-demo-token-0b5e7f3a91"
    monkeypatch.setenv("KUSTOMER_NB_DEMO_TOKEN", demo_token)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    html = run_report(
        "weekly", parameters={"weeks": 2}, output_dir=tmp_path / "out", demo=True
    )

    text = html.read_text()
    assert 'data-kn="orders-by-channel"' in text and "demo sandbox" in text
    assert _stderr_outputs(html.with_suffix(".ipynb")) == []
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p for p in files if demo_token.encode() in p.read_bytes()] == []


def test_weekly__empty_org_renders_with_a_warning(tmp_path, monkeypatch):
    with sandbox_env(monkeypatch, tmp_path / "cache", conversations=0, days=30):
        html = run_report("weekly", parameters=PARAMS, output_dir=tmp_path / "out")

    text = html.read_text()
    assert _cell(text, "Conversations created") == "0"
    assert re.search(r"<td>rows</td>\s*<td>0</td>\s*<td>warn</td>", text)
    assert "no conversations" in text


def test_weekly__no_stderr_outputs(run):
    assert _stderr_outputs(run[1].with_suffix(".ipynb")) == []


def test_weekly__team_table_adds_up_with_snoozed(run):
    _, html, expected = run
    table = _table(html.read_text(), "volume-by-team")
    assert list(table.columns) == ["team", "conversations", "open", "snoozed", "done"]
    counts = table.drop(columns="team").map(lambda v: int(v.replace(",", "")))
    assert (
        counts[["open", "snoozed", "done"]].sum(axis=1) == counts["conversations"]
    ).all()
    assert counts["conversations"].sum() == len(expected)
    assert counts["snoozed"].sum() == (expected["status"] == "snoozed").sum()


def test_weekly__orders_table_has_readable_headers(run):
    text = run[1].read_text()
    table = _table(text, "orders-by-channel")
    assert list(table.columns) == [
        "channel",
        "conversations",
        "from customers with orders",
        "from customers who had ordered before",
        "customers",
        "order value (USD)",
    ]
    for raw in ("with_orders", "ordered_before", "orders_total", "order_value"):
        assert raw not in text
    rows = table.set_index("channel").map(lambda v: float(v.replace(",", "")))
    every = rows.loc["(all channels)"]
    channels = rows.drop(index="(all channels)")
    assert every["conversations"] == channels["conversations"].sum()
    # a customer on two channels is in two rows, once in (all channels)
    assert every["customers"] <= channels["customers"].sum()
    assert every["order value (USD)"] <= channels["order value (USD)"].sum() + 0.01
    assert "counted once per customer" in text and "cancelled and voided" in text
    assert "Order matching" in text and "How conversations matched orders" not in text


SAMPLE_ORDERS = Path(__file__).parents[1] / "data" / "orders_export_sample.csv"


def _check_row(text: str, check: str) -> tuple[str, str, str]:
    row = re.search(
        rf"<td>{re.escape(check)}</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>"
        r"\s*<td>([^<]*)</td>",
        text,
    )
    assert row, f"no data-checks row {check!r}"
    return row.groups()


def test_weekly__orders_matching_nothing_or_empty_warn(tmp_path, monkeypatch):
    # the sample export's customers are not the sandbox's: nothing matches
    header_only = tmp_path / "header.csv"
    header_only.write_text(SAMPLE_ORDERS.read_text().splitlines()[0] + "\n")
    with sandbox_env(
        monkeypatch, tmp_path / "cache", conversations=300, days=30, seed=3
    ):
        runs = {
            name: run_report(
                "weekly",
                parameters={**PARAMS, "orders_file": str(path)},
                output_dir=tmp_path / name,
            ).read_text()
            for name, path in (("nomatch", SAMPLE_ORDERS), ("empty", header_only))
        }

    nomatch, empty = runs["nomatch"], runs["empty"]
    conversations = _cell(nomatch, "Conversations created")
    assert _check_row(nomatch, "orders read") == ("8", "pass", "")
    assert _check_row(nomatch, "orders matched") == (
        "0",
        "warn",
        f"0.0% of {conversations} in the report week",
    )
    assert _check_row(empty, "orders read") == ("0", "warn", "")
    assert _check_row(empty, "orders matched")[:2] == ("0", "warn")
    for text in (nomatch, empty):
        notes = text[text.index('data-kn="warnings"') :]
        assert "None: no data was degraded" not in notes
        assert "Orders: orders matched is 0" in notes
    assert "Orders: orders read is 0" in empty


def test_weekly__bad_orders_file_fails_before_the_pulls(tmp_path, monkeypatch):
    twice = tmp_path / "twice.csv"
    lines = SAMPLE_ORDERS.read_text().splitlines()
    twice.write_text("\n".join([*lines, *lines[1:]]) + "\n")
    with (
        sandbox_env(monkeypatch, tmp_path / "cache", conversations=50, days=10),
        pytest.raises(ReportFailed, match="order #1001 starts again") as failed,
    ):
        run_report(
            "weekly",
            parameters={**PARAMS, "orders_file": str(twice)},
            output_dir=tmp_path / "out",
        )
    nb = json.loads(Path(failed.value.path).read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    failing = next(
        c for c in code if any(o.get("output_type") == "error" for o in c["outputs"])
    )
    source = "".join(failing["source"])
    # read in the connect cell, before the first conversation pull
    assert source.index("kn.read_orders(orders_file)") < source.index(
        "kn.load_conversations("
    )
    later = code[code.index(failing) + 1 :]
    assert all(c.get("execution_count") is None for c in later)


def test_weekly__resolved_share_and_caveat_beside_the_headline(run):
    _, html, expected = run
    text = html.read_text()
    resolved = (
        expected["first_done_at"].notna() | expected["first_done_time_ms"].notna()
    )
    share = resolved.sum() / len(expected) * 100
    assert _cell(text, "Resolved so far (% of created)") == f"{share:.1f}%"
    caveat = re.search(
        r"Resolution times count only the conversations resolved so far \(([^)]*)\)",
        text,
    )
    assert caveat and caveat.group(1).startswith(f"{share:.1f}% of this week's and ")
    assert "not counted yet and will raise the figure" in text
    assert (
        text.index('data-kn="headline"')
        < caveat.start()
        < text.index("Volume by channel")
    )


def test_weekly__data_start_said_and_charts_share_the_week_axis(tmp_path, monkeypatch):
    # 20 days of data, a 6-week report: the first weeks are empty, one is partial
    cache = tmp_path / "cache"
    with sandbox_env(monkeypatch, cache, conversations=600, days=20, seed=5):
        params = {"week_end": "2026-11-29", "weeks": 6, "tz": "UTC"}
        html = run_report("weekly", parameters=params, output_dir=tmp_path / "out")
        with kn.connect(cache=False) as client:
            pulled = kn.load_conversations(
                client, created_after="2026-10-19", created_before="2026-11-30"
            )

    text = html.read_text()
    first = pulled["created_at"].min()
    assert first > pd.Timestamp("2026-10-20", tz="UTC")
    assert (
        f"trends over 6 weeks from 2026-10-19. {len(pulled):,} conversations created "
        f"in the period, "
    ) in text
    assert (
        f"Data starts {first:%Y-%m-%d}: weeks before it are empty and that week is "
        "partial."
    ) in text
    specs = _specs(html.with_suffix(".ipynb"))
    weeks = ["2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"]
    weeks.append("2026-11-23")
    volume = specs["Conversations created per week (weeks start Monday, UTC)"]
    response = specs["First response time per week (hours, UTC weeks)"]
    for spec in (volume, response):
        assert spec["encoding"]["x"]["scale"]["domain"] == weeks
    assert _stderr_outputs(html.with_suffix(".ipynb")) == []


def test_weekly__empty_period_says_no_data_without_warnings_on_stderr(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("KUSTOMER_NB_DEMO_TOKEN", "kn-demo-token-empty-4c1")
    html = run_report(
        "weekly",
        parameters={"week_end": "2020-01-01", "weeks": 2},
        output_dir=tmp_path / "out",
        demo=True,
    )

    text = html.read_text()
    assert _stderr_outputs(html.with_suffix(".ipynb")) == []
    assert "I don't know how to infer" not in text
    # every chart is a note, every table keeps its header and says so
    assert 'class="kn-chart"' not in text
    assert text.count('data-kn="no-data"') == 5
    assert "trends over 2 weeks from 2019-12-23" in text
    with kn.connect(demo=True, cache=False) as client:
        first = kn.load_conversations(client, created_after="2020-01-06")
    start = first["created_at"].min()
    assert (
        f"<strong>No conversations in this period</strong>: the data starts "
        f"{start:%Y-%m-%d}, after the period ends."
    ) in text
    table = _table(text, "volume-by-team")
    assert len(table) == 0
    block = text[text.index('data-kn="volume-by-team"') :]
    assert block.index("No data for this period") < block.index("</div>")
    # the degraded pull (past search's horizon) is a readable note in Data checks
    notes = text[text.index('data-kn="warnings"') :]
    assert "search only covers conversations updated in the last two years" in notes
    assert text.index('data-kn="data-checks"') < text.index('data-kn="warnings"')
    # queues named as everywhere else in the report
    idle = re.search(
        r"<td>queues that received nothing</td>\s*<td>\d+</td>\s*<td>warn</td>"
        r"\s*<td>([^<]*)</td>",
        text,
    )
    assert idle and "Default Queue" in idle.group(1)
    assert "DEFAULT_QUEUE" not in text


def test_weekly__backlog_header_says_snoozed_are_counted(run):
    text = run[1].read_text()
    table = _table(text, "backlog")
    assert list(table.columns[:2]) == ["queue", "open or snoozed"]
    total = table["open or snoozed"].map(lambda v: int(v.replace(",", ""))).sum()
    assert _cell(text, "Open or snoozed at week end (backlog)") == f"{total:,}"


def test_weekly__rerun_says_its_data_came_from_the_cache(tmp_path, monkeypatch):
    with sandbox_env(monkeypatch, tmp_path / "cache", conversations=300, days=30):
        first = run_report("weekly", parameters=PARAMS, output_dir=tmp_path / "a")
        second = run_report("weekly", parameters=PARAMS, output_dir=tmp_path / "b")

    assert "responses fetched now" in first.read_text()
    freshness = _table(second.read_text(), "freshness").set_index("item")["value"]
    assert "responses from the cache, the oldest fetched" in freshness["HTTP cache"]
    assert "data fetched (oldest response)" in freshness.index
