"""Every benchmark script is a well-behaved command: ``--help`` prints usage and exits at once,
without generating data or timing anything, and it offers ``--quick``."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import checkout_env

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = sorted((ROOT / "benchmarks").glob("*.py"))


def test_there_are_benchmarks() -> None:
    assert BENCHMARKS, "benchmarks/ holds no scripts"


@pytest.mark.parametrize("script", BENCHMARKS, ids=lambda path: path.name)
def test_help_prints_usage_and_runs_nothing(script: Path) -> None:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(script), "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env=checkout_env())
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    # argparse prints usage and exits before main() prints its plan or measures anything.
    assert done.stdout.startswith("usage: "), done.stdout[:500]
    assert "plan:" not in done.stdout
    assert "--quick" in done.stdout
    assert done.stderr == ""
    assert elapsed < 30, f"--help took {elapsed:.1f} s: it must not start the benchmark"
