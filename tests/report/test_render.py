import papermill
import pytest

import kustomer_nb as kn
from kustomer_nb.report import REPORTS, ReportFailed, run_report
from kustomer_nb.report.render import notebook_path, render_html
from tests.report.conftest import EXTERNAL_REF, RUNTIME, SCRIPT_SRC

CHARTS = """
import pandas as pd
from kustomer_nb.report import charts
charts.enable_offline()
"""
TWO_CHARTS = """
frame = pd.DataFrame({"week": ["2026-11-16", "2026-11-23"], "n": [3, 5]})
display(charts.bar_chart(frame, x="week", y="n", title="MARKER-BAR"))
charts.line_chart(frame, x="week", y="n", title="MARKER-LINE")
"""


def _executed(fixture_notebook, tmp_path, *cells):
    source = fixture_notebook("x = 1", *cells)
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(source), str(out), kernel_name="python3", progress_bar=False
    )
    return out


def test_render_html__charts_offline_with_one_runtime(fixture_notebook, tmp_path):
    html = render_html(_executed(fixture_notebook, tmp_path, CHARTS, TWO_CHARTS))

    assert html.count(RUNTIME) == 1
    assert html.count('class="kn-chart"') == 2
    assert "MARKER-BAR" in html and "MARKER-LINE" in html
    assert not SCRIPT_SRC.search(html)
    assert not EXTERNAL_REF.search(html)
    assert "mathjax" not in html.lower() and "require.js" not in html.lower()


def test_render_html__code_and_prompts_hidden(fixture_notebook, tmp_path):
    html = render_html(
        _executed(fixture_notebook, tmp_path, "print('VISIBLE-OUTPUT')  # HIDDEN-CODE")
    )
    assert "VISIBLE-OUTPUT" in html
    assert "HIDDEN-CODE" not in html
    main = html[html.index("<main>") :]
    assert "jp-InputPrompt" not in main and "jp-OutputPrompt" not in main


def test_charts__row_level_data_is_refused():
    import pandas as pd

    from kustomer_nb.report import charts

    with pytest.raises(ValueError, match="aggregate in pandas first"):
        charts.bar_chart(pd.DataFrame({"x": range(5000), "y": 1}), x="x", y="y")


def test_run_report__unknown_name_lists_the_reports(tmp_path):
    with pytest.raises(
        kn.KustomerError, match="unknown report 'monthly'; available reports: weekly"
    ):
        run_report("monthly", parameters={}, output_dir=tmp_path)


def test_run_report__registry_points_at_existing_notebooks():
    assert set(REPORTS) == {"weekly"}
    assert notebook_path("weekly").is_file()


def _no_credentials(monkeypatch):
    for name in (
        "KUSTOMER_API_TOKEN",
        "KUSTOMER_BASE_URL",
        "KUSTOMER_ORG",
        "KUSTOMER_REGION",
    ):
        monkeypatch.delenv(name, raising=False)


def test_run_report__failed_cell_raises_and_leaves_the_notebook(tmp_path, monkeypatch):
    _no_credentials(monkeypatch)
    params = {"week_end": "2026-11-29", "weeks": 2, "tz": "Europe/Paris"}

    with pytest.raises(ReportFailed) as failure:
        run_report("weekly", parameters=params, output_dir=tmp_path)

    message = str(failure.value)
    left = tmp_path / "weekly-2026-W48.ipynb"
    assert left.is_file()
    assert "ConfigError" in message and str(left) in message
    assert "\n" not in message
    assert not (tmp_path / "weekly-2026-W48.html").exists()


def test_run_report__unknown_parameter_is_named(tmp_path):
    with pytest.raises(
        kn.KustomerError, match=r"unknown parameter\(s\) week for report"
    ):
        run_report("weekly", parameters={"week": "2026-11-29"}, output_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_run_report__failed_run_removes_the_weeks_old_html(tmp_path, monkeypatch):
    _no_credentials(monkeypatch)
    stale = tmp_path / "weekly-2026-W48.html"
    stale.write_text("<p>STALE NUMBERS from the last good run</p>")
    other = tmp_path / "weekly-2026-W47.html"
    other.write_text("<p>another week</p>")
    params = {"week_end": "2026-11-29", "weeks": 2}

    with pytest.raises(ReportFailed):
        run_report("weekly", parameters=params, output_dir=tmp_path)

    assert not stale.exists()
    assert other.read_text() == "<p>another week</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "weekly-2026-W47.html",
        "weekly-2026-W48.ipynb",
    ]
