"""benchmarks/bench_train.py: its FLOP count by hand, and a smoke run through the real script."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_train.py"
spec = importlib.util.spec_from_file_location("bench_train", SCRIPT)
bench_train = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench_train)


def test_matmul_flops_count_each_layers_products_by_hand():
    n = 10
    # linear: y = X c -> forward (n x 56)(56 x 1), dc = X^T dy; no dA for the first layer
    assert bench_train.matmul_flops((), n) == 2 * (2 * n * 56)
    # one hidden layer of 7: W1 forward and dW1, then c forward and dc (dy c^T left out)
    assert bench_train.matmul_flops((7,), n) == 2 * (2 * n * 56 * 7) + 2 * (2 * n * 7)
    # a second hidden layer adds its forward, dW2 and dA1 = dR2 W2
    assert bench_train.matmul_flops((7, 3), n) == (
        2 * (2 * n * 56 * 7) + 3 * (2 * n * 7 * 3) + 2 * (2 * n * 3)
    )


def test_quick_run_prints_both_tables_for_a_case():
    pytest.importorskip("torch")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--case", "56→100 ReLU"],
        capture_output=True, text=True, timeout=120, check=True,
    )
    rows = [line for line in done.stdout.splitlines() if line.startswith("| 56→100 ReLU |")]
    # One measurement, or two where OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE are set (as they are on
    # some machines): each prints a steps/s and a GFLOP/s table.
    variants = 2 if any(name in os.environ for name in bench_train.OPENBLAS_SLOW_VARS) else 1
    assert len(rows) == 2 * variants
    assert "thetas after 5 steps differ by" in done.stdout
