"""Warnings raised while a report runs, kept for the report instead of stderr.

A report notebook calls :func:`collect_warnings` once, early: from then on the
``kustomer_nb`` logger's WARNING records (degraded results, such as a pull
reaching past search's two-year horizon) and Python warnings are kept in a list,
which the data-checks section shows as readable notes. In an executed notebook
stderr would be a red box with no context; a note says what happened.
"""

from __future__ import annotations

import html
import logging
import re

__all__ = ["WarningNotes", "collect_warnings"]

_LOGGERS = ("kustomer_nb", "py.warnings")
_WHERE = re.compile(r"^\S.*?:\d+: (?=\w+: )")


class WarningNotes(logging.Handler):
    """A logging handler keeping each WARNING (and above) message, once."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.name == "py.warnings":
            message = _short_warning(message)
        message = " ".join(message.split())
        if message not in self.messages:
            self.messages.append(message)

    def _repr_html_(self) -> str:
        if not self.messages:
            items = "<li>None: no data was degraded while pulling or computing.</li>"
        else:
            items = "".join(f"<li>{html.escape(m)}</li>" for m in self.messages)
        return (
            '<div data-kn="warnings"><p><strong>Warnings during this run</strong>'
            f"</p><ul>{items}</ul></div>"
        )


def collect_warnings() -> WarningNotes:
    """Keep kustomer_nb WARNING logs and Python warnings in the returned handler.

    For report notebooks (an application, so it may set handlers): the records
    go to the handler only, not to stderr.
    """
    notes = WarningNotes()
    logging.captureWarnings(True)
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if isinstance(h, WarningNotes)]:
            logger.removeHandler(old)
        logger.addHandler(notes)
        logger.setLevel(logging.WARNING)
        logger.propagate = False
    return notes


def _short_warning(message: str) -> str:
    """``path.py:12: UserWarning: text`` + source line → ``UserWarning: text``."""
    first = (message.strip().splitlines() or [""])[0]
    return _WHERE.sub("", first, count=1)
