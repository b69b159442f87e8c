"""End-to-end seconds of the weekly report against the demo org (20,000 conversations).

Run: python bench/bench_report.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import tempfile
import time

import nbformat

from kustomer_nb.report import run_report


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        html = run_report("weekly", parameters={}, output_dir=out, demo=True)
        seconds = time.perf_counter() - started
        size = html.stat().st_size
        cells = nbformat.read(html.with_suffix(".ipynb"), as_version=4).cells
    print(f"weekly report, demo org (20,000 conversations, 8 weeks): {seconds:.1f} s")
    print(f"HTML size: {size / 1e6:.2f} MB")
    timed = [(c.metadata["papermill"]["duration"] or 0, c.source) for c in cells]
    in_cells = sum(t for t, _ in timed)
    print(f"in notebook cells: {in_cells:.1f} s (the rest: kernel start, HTML render)")
    for seconds, source in sorted(timed, reverse=True)[:4]:
        first = next((line for line in source.splitlines() if line.strip()), "")
        print(f"  {seconds:5.1f} s  {first[:70]}")


if __name__ == "__main__":
    main()
