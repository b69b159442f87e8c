import logging
import warnings

import pytest

from kustomer_nb.report.notes import WarningNotes, collect_warnings


@pytest.fixture
def restore_loggers():
    """collect_warnings() reconfigures two loggers: put them back afterwards."""
    saved = {}
    for name in ("kustomer_nb", "py.warnings"):
        logger = logging.getLogger(name)
        saved[name] = (logger.level, logger.propagate, list(logger.handlers))
    yield
    logging.captureWarnings(False)
    for name, (level, propagate, handlers) in saved.items():
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.propagate = propagate
        logger.handlers[:] = handlers


def test_collect_warnings__degraded_results_become_notes_not_stderr(
    restore_loggers, capfd
):
    notes = collect_warnings()
    log = logging.getLogger("kustomer_nb.loaders.conversations")
    log.warning("search covers %s only:\n  older ones are missing", "two years")
    log.warning("search covers %s only:\n  older ones are missing", "two years")
    log.info("pulled 12 conversations")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("I don't know how to infer a type", UserWarning, stacklevel=1)

    assert notes.messages == [
        "search covers two years only: older ones are missing",
        "UserWarning: I don't know how to infer a type",
    ]
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    html = notes._repr_html_()
    assert html.startswith('<div data-kn="warnings">')
    assert "<li>UserWarning: I don&#x27;t know how to infer a type</li>" in html


def test_collect_warnings__second_call_replaces_the_first(restore_loggers):
    first, second = collect_warnings(), collect_warnings()
    logging.getLogger("kustomer_nb").warning("once")
    assert first.messages == [] and second.messages == ["once"]


def test_warning_notes__none_said_plainly():
    assert "None: no data was degraded" in WarningNotes()._repr_html_()
