"""The weekly report, run for real against the sandbox and read as a reader would."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile

import pandas as pd
import pytest

import kustomer_nb as kn
from kustomer_nb.report import run_report
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
    "freshness",
]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One report run against a small frozen sandbox, configured from the env."""
    root = tmp_path_factory.mktemp("weekly")
    config = SandboxConfig(
        conversations=3000,
        days=60,
        seed=11,
        now=NOW,
        token=TOKEN,
        rate_limit=None,
        search_rate_limit=None,
    )
    with serve(config) as sandbox, pytest.MonkeyPatch.context() as env:
        env.setenv("KUSTOMER_BASE_URL", sandbox.base_url)
        env.setenv("KUSTOMER_API_TOKEN", TOKEN)
        env.setenv("KUSTOMER_NB_CACHE_DIR", str(root / "cache"))
        orders = root / "orders.csv"
        write_orders_csv(sandbox.state, orders)
        params = {**PARAMS, "orders_file": str(orders)}
        html = run_report("weekly", parameters=params, output_dir=root / "reports")
        with kn.connect(cache=False) as client:
            expected = kn.load_conversations(
                client,
                created_after=pd.Timestamp("2026-11-23", tz=TZ),
                created_before=pd.Timestamp("2026-11-30", tz=TZ),
            )
    return root, html, expected


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
        "Open vs done by queue",
    ):
        assert heading in text
    assert f"Week {WEEK}" in text and TZ in text


def test_weekly__headline_count_matches_an_independent_pull(run):
    _, html, expected = run
    assert _cell(html.read_text(), "Conversations created") == f"{len(expected):,}"
    done = (expected["status"] == "done").sum() / len(expected) * 100
    assert _cell(html.read_text(), "Done now (% of created)") == f"{done:.1f}"


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
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p for p in files if demo_token.encode() in p.read_bytes()] == []


def test_weekly__empty_org_renders_with_a_warning(tmp_path, monkeypatch):
    config = SandboxConfig(
        conversations=0,
        days=30,
        now=NOW,
        token=TOKEN,
        rate_limit=None,
        search_rate_limit=None,
    )
    with serve(config) as sandbox:
        monkeypatch.setenv("KUSTOMER_BASE_URL", sandbox.base_url)
        monkeypatch.setenv("KUSTOMER_API_TOKEN", TOKEN)
        monkeypatch.setenv("KUSTOMER_NB_CACHE_DIR", str(tmp_path / "cache"))
        html = run_report("weekly", parameters=PARAMS, output_dir=tmp_path / "out")

    text = html.read_text()
    assert _cell(text, "Conversations created") == "0"
    assert re.search(r"<td>rows</td>\s*<td>0</td>\s*<td>warn</td>", text)
    assert "no conversations" in text
