"""Report parameters are checked before the notebook runs; errors are one line."""

from __future__ import annotations

import pytest

import kustomer_nb as kn
from kustomer_nb.cli import main
from kustomer_nb.report import ReportParameterError, run_report

WEEK = {"week_end": "2026-11-29", "weeks": 2}


def _refused(tmp_path, **params) -> str:
    out = tmp_path / "reports"
    with pytest.raises(ReportParameterError) as error:
        run_report("weekly", parameters={**WEEK, **params}, output_dir=out)
    assert isinstance(error.value, kn.KustomerError)
    assert not out.exists(), "nothing is written for a bad parameter"
    return str(error.value)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tz": "Mars/Base"}, "unknown time zone 'Mars/Base'"),
        ({"tz": ""}, "tz must be an IANA time zone name such as 'UTC', got ''"),
        ({"tz": None}, "tz must be an IANA time zone name such as 'UTC', got None"),
        ({"week_end": "notadate"}, "week_end must be a date like 2026-11-29"),
        ({"week_end": 20261129}, "week_end must be a date like 2026-11-29, got 2026"),
        ({"weeks": 0}, "weeks must be between 1 and 104"),
        ({"weeks": -1}, "weeks must be between 1 and 104"),
        ({"weeks": "abc"}, "weeks must be between 1 and 104"),
        ({"weeks": 2.5}, "weeks must be between 1 and 104"),
        ({"weeks": 5000}, "weeks must be between 1 and 104"),
        ({"week_end": "2099-01-04"}, "is in the future"),
    ],
)
def test_run_report__bad_parameter_is_a_kustomer_error(tmp_path, params, message):
    assert message in _refused(tmp_path, **params)


def test_run_report__orders_file_checked_before_running(tmp_path):
    assert "orders_file is empty" in _refused(tmp_path, orders_file="")
    assert "orders_file is empty" in _refused(tmp_path, orders_file="  ")
    assert _refused(tmp_path, orders_file=5) == (
        "orders_file must be the path of a Shopify orders export (CSV), got 5"
    )
    missing = tmp_path / "nope" / "orders.csv"
    assert _refused(tmp_path, orders_file=str(missing)) == (
        f"orders_file: no such file: {missing}"
    )
    folder = tmp_path / "exports"
    folder.mkdir()
    assert _refused(tmp_path, orders_file=str(folder)) == (
        f"orders_file: {folder} is not a file (a Shopify orders export CSV)"
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("tz", "Mars/Base", "unknown time zone 'Mars/Base'"),
        ("tz", '""', "tz must be an IANA time zone name such as 'UTC', got ''"),
        ("tz", "None", "got None"),
        ("week_end", "notadate", "week_end must be a date like 2026-11-29"),
        ("week_end", "20261129", "week_end must be a date like 2026-11-29"),
        ("weeks", "abc", "weeks must be between 1 and 104"),
        ("weeks", "2.5", "weeks must be between 1 and 104"),
        ("weeks", "5000", "weeks must be between 1 and 104"),
        ("orders_file", "''", "orders_file is empty"),
        ("orders_file", "5", "orders_file must be the path"),
        ("orders_file", "missing.csv", "orders_file: no such file:"),
    ],
)
def test_cli_report__bad_parameter_is_one_line(
    tmp_path, monkeypatch, capsys, name, value, message
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main(["report", "weekly", "--demo", "-p", name, value])
    assert stop.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert lines[0].startswith("kustomer-nb: error: ") and message in lines[0]
    assert list(tmp_path.iterdir()) == []
