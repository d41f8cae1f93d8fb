"""How long `conflict-events draft` takes an article: the drafter on every article of the
development and held-out sets, in one process (the first article pays for loading the
gazetteer), and the command as a user runs it, in a fresh process each time.

    python benchmarks/draft.py [--repeats 5]

Prints medians; nothing is written.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT / "tests" / "data" / "drafting", ROOT / "tests" / "data" / "drafting-holdout"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    articles = sorted(p for folder in SETS for p in folder.glob("*.txt"))
    started = time.perf_counter()
    from conflict_events.contribute.article import read_article
    from conflict_events.draft import draft_article
    from conflict_events.metadata import load_package

    package = load_package(ROOT / "datapackage.json")
    imported = time.perf_counter() - started
    timings = []
    for path in articles:
        article = read_article(path.read_bytes(), path.name)
        started = time.perf_counter()
        draft_article(article, package)
        timings.append(time.perf_counter() - started)
    warm = []
    for _ in range(repeats):
        for path in articles:
            article = read_article(path.read_bytes(), path.name)
            started = time.perf_counter()
            draft_article(article, package)
            warm.append(time.perf_counter() - started)
    command = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "conflict_events", "draft", str(articles[0])],
            check=True,
            capture_output=True,
        )
        command.append(time.perf_counter() - started)
    print(f"articles: {len(articles)}")
    print(f"import and package: {imported:.2f} s")
    print(f"first article (gazetteer loaded): {timings[0]:.2f} s")
    print(f"median article, warm: {statistics.median(warm) * 1000:.1f} ms")
    print(f"slowest article, warm: {max(warm) * 1000:.1f} ms")
    print(
        f"`conflict-events draft FILE`, fresh process, median: {statistics.median(command):.2f} s"
    )


if __name__ == "__main__":
    main()
