"""The console script, run as a user runs it: a subprocess, real HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kustomer_nb.sandbox import SandboxConfig, serve

SCRIPT = Path(sys.executable).with_name("kustomer-nb")


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    base = {k: v for k, v in os.environ.items() if not k.startswith("KUSTOMER")}
    return subprocess.run(
        [str(SCRIPT), *args],
        env={**base, **(env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_clear_line(result, *words: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for word in words:
        assert word in lines[0]


def test_report__no_token_and_no_demo(tmp_path):
    result = run_cli("report", "weekly", "-o", str(tmp_path))
    assert_one_clear_line(result, "KUSTOMER_API_TOKEN", "--demo")
    assert not list(tmp_path.iterdir())


def test_report__unknown_name(tmp_path):
    result = run_cli("report", "monthly", "--demo", "-o", str(tmp_path))
    assert_one_clear_line(result, "monthly", "weekly")


def test_report__rejected_token(tmp_path):
    with serve(SandboxConfig(conversations=50, days=7, seed=1)) as sb:
        env = {"KUSTOMER_BASE_URL": sb.base_url, "KUSTOMER_API_TOKEN": "not-the-token"}
        result = run_cli("report", "weekly", "-o", str(tmp_path), env=env)
    assert_one_clear_line(result, "rejected")
    assert "not-the-token" not in result.stderr + result.stdout


def test_report__expired_token(tmp_path):
    config = SandboxConfig(conversations=50, days=7, expired_tokens=("old-key",))
    with serve(config) as sb:
        env = {"KUSTOMER_BASE_URL": sb.base_url, "KUSTOMER_API_TOKEN": "old-key"}
        result = run_cli("report", "weekly", "-o", str(tmp_path), env=env)
    assert_one_clear_line(result, "expired")


def test_report__parameter_without_value(tmp_path):
    result = run_cli("report", "weekly", "--demo", "-p", "weeks")
    assert_one_clear_line(result, "-p")


@pytest.mark.parametrize(
    "args", [["--help"], ["report", "--help"], ["sandbox", "--help"]]
)
def test_help__exits_zero(args):
    result = run_cli(*args)
    assert result.returncode == 0
    assert "Usage:" in result.stdout


def test_render__not_a_notebook(tmp_path):
    bogus = tmp_path / "bogus.ipynb"
    bogus.write_text("this is not json")
    result = run_cli("render", str(bogus))
    assert_one_clear_line(result, "not a Jupyter notebook")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--now", "garbage"], ["--now", "ISO timestamp"]),
        (["--port", "99999"], ["--port"]),
        (["--orders", "/nonexistent/dir/o.csv"], ["--orders", "does not exist"]),
    ],
)
def test_sandbox__bad_options(args, words):
    assert_one_clear_line(run_cli("sandbox", *args), *words)


def test_sandbox__port_in_use():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("sandbox", "--port", str(port), "--conversations", "10")
    assert_one_clear_line(result, "already in use", "--port")


def test_report__unreachable_host_is_one_line():
    env = {"KUSTOMER_BASE_URL": "http://127.0.0.1:9", "KUSTOMER_API_TOKEN": "x" * 20}
    result = run_cli("report", "weekly", env=env)
    assert_one_clear_line(result, "127.0.0.1:9", "Connection refused")
    assert "Retrying" not in result.stderr


def test_render__unexecuted_notebook_is_refused(tmp_path):
    from kustomer_nb.report.render import notebook_path

    result = run_cli("render", str(notebook_path("weekly")), "-o", str(tmp_path / "x"))
    assert_one_clear_line(result, "has not been executed")
    assert not (tmp_path / "x").exists()


def test_report__unwritable_output_dir(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = run_cli("report", "weekly", "--demo", "-o", str(blocker / "sub"))
    assert_one_clear_line(result, "cannot write reports to")


def test_report__demo_flag_contradicted(tmp_path):
    result = run_cli("report", "weekly", "--demo", "-p", "demo", "False")
    assert_one_clear_line(result, "contradicts")
