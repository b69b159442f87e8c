"""End-to-end seconds of the weekly report against the demo org (20,000 conversations).

Run: python bench/bench_report.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import tempfile
import time

from kustomer_nb.report import run_report


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        html = run_report("weekly", parameters={}, output_dir=out, demo=True)
        seconds = time.perf_counter() - started
        size = html.stat().st_size
    print(f"weekly report, demo org (20,000 conversations, 8 weeks): {seconds:.1f} s")
    print(f"HTML size: {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
