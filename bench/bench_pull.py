"""Conversations per second for a full load_conversations pull from the sandbox.

Rate limits off, cache off; prints figures only (no assertions). Each size runs in
its own process so the peak RSS printed is that pull's own.

    python bench/bench_pull.py            # 20,000 and 100,000 conversations
    python bench/bench_pull.py 5000       # any sizes
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

DAYS = 91
NOW = "2026-11-30T12:00:00Z"


def run_one(n: int) -> dict[str, float]:
    """Start a sandbox with ``n`` conversations and time two pulls from it."""
    import kustomer_nb as kn
    from kustomer_nb.sandbox import SandboxConfig, serve

    config = SandboxConfig(
        conversations=n, days=DAYS, now=NOW, rate_limit=None, search_rate_limit=None
    )
    started = time.perf_counter()
    with serve(config) as sb:
        setup = time.perf_counter() - started
        with kn.connect(sb.token, base_url=sb.base_url, cache=False) as client:
            t0 = time.perf_counter()
            listed = kn.load_conversations(client)  # GET /conversations, 100/page
            t1 = time.perf_counter()
            searched = kn.load_conversations(
                client, created_after="2000-01-01"
            )  # search
            t2 = time.perf_counter()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "conversations": n,
        "sandbox_start_s": setup,
        "get_rows": len(listed),
        "get_s": t1 - t0,
        "search_rows": len(searched),
        "search_s": t2 - t1,
        "peak_rss_mb": rss_mb,
    }


def main(sizes: list[int]) -> None:
    print(
        f"{'conversations':>13} {'sandbox s':>9} {'GET conv/s':>11} "
        f"{'search conv/s':>13} {'peak RSS MB':>11}"
    )
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"{r['conversations']:>13,} {r['sandbox_start_s']:>9.1f} "
            f"{r['get_rows'] / r['get_s']:>11,.0f} "
            f"{r['search_rows'] / r['search_s']:>13,.0f} {r['peak_rss_mb']:>11,.0f}"
        )
        print(
            f"{'':>13} rows GET={r['get_rows']:,} in {r['get_s']:.1f} s, "
            f"search={r['search_rows']:,} in {r['search_s']:.1f} s "
            "(peak RSS includes the in-process sandbox)"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [20_000, 100_000])
