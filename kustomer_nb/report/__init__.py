"""Reports: offline altair charts and papermill + nbconvert rendering."""

from kustomer_nb.report.charts import enable_offline
from kustomer_nb.report.params import ReportParameterError
from kustomer_nb.report.period import Period, report_period
from kustomer_nb.report.render import REPORTS, ReportFailed, render_html, run_report

__all__ = [
    "REPORTS",
    "Period",
    "ReportFailed",
    "ReportParameterError",
    "enable_offline",
    "render_html",
    "report_period",
    "run_report",
]
