"""Pure-pandas helpers on loaded frames: names, durations, aggregates, backlog,
orders and data checks. None of them drops rows."""

from kustomer_nb.helpers.aggregates import summarize, week_start
from kustomer_nb.helpers.backlog import backlog, open_at
from kustomer_nb.helpers.checks import data_checks
from kustomer_nb.helpers.names import join_names
from kustomer_nb.helpers.orders import join_orders, normalise_email, read_orders
from kustomer_nb.helpers.times import response_times

__all__ = [
    "backlog",
    "data_checks",
    "join_names",
    "join_orders",
    "normalise_email",
    "open_at",
    "read_orders",
    "response_times",
    "summarize",
    "week_start",
]
