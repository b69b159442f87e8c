"""Plain papermill runs the weekly notebook; `kustomer-nb render` makes it HTML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kustomer_nb.report.render import notebook_path
from kustomer_nb.sandbox import SandboxConfig, serve
from tests.report.conftest import EXTERNAL_REF, RUNTIME, SCRIPT_SRC

BIN = Path(sys.executable).parent
TOKEN = "kn-papermill-token-51c0"


def test_papermill__plain_run_then_render(tmp_path):
    config = SandboxConfig(
        conversations=800,
        days=30,
        seed=3,
        now="2026-12-02T15:00:00Z",
        token=TOKEN,
        rate_limit=None,
        search_rate_limit=None,
    )
    executed, html = tmp_path / "weekly.ipynb", tmp_path / "weekly.html"
    with serve(config) as sandbox:
        env = {
            **os.environ,
            "KUSTOMER_BASE_URL": sandbox.base_url,
            "KUSTOMER_API_TOKEN": TOKEN,
            "KUSTOMER_NB_CACHE_DIR": str(tmp_path / "cache"),
        }
        subprocess.run(
            [BIN / "papermill", notebook_path("weekly"), executed, "-p", "weeks", "3"]
            + ["-p", "week_end", "2026-11-29", "--log-level", "ERROR"],
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    rendered = subprocess.run(
        [BIN / "kustomer-nb", "render", executed, "-o", html],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert rendered.stdout.strip() == str(html)
    text = html.read_text()
    assert "2026-W48" in text
    assert text.count(RUNTIME) == 1
    assert not SCRIPT_SRC.search(text) and not EXTERNAL_REF.search(text)
    for path in (executed, html):
        assert TOKEN not in path.read_text()
