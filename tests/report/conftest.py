"""Helpers for report tests: small fixture notebooks, and reading rendered HTML."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

SCRIPT_SRC = re.compile(r"<script[^>]*\bsrc\s*=", re.I)
EXTERNAL_REF = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
RUNTIME = "window.vegaEmbed="


@pytest.fixture
def fixture_notebook(tmp_path):
    """Write a notebook of code cells (the first tagged parameters); return its path."""

    def write(*sources: str, name: str = "fixture.ipynb") -> Path:
        cells = [nbformat.v4.new_code_cell(s) for s in sources]
        cells[0].metadata["tags"] = ["parameters"]
        nb = nbformat.v4.new_notebook(cells=cells)
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        path = tmp_path / name
        nbformat.write(nb, path)
        return path

    return write
