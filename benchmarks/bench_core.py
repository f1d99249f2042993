"""Core engine speed: K hikers × 1000 Adam steps on rosenbrock, and a 400×400 grid.

Compared in one run with torch.optim.Adam on a K×2 tensor with autograd gradients,
and with a plain Python loop for one hiker. torch is needed here only:
    pip install torch==2.13.0
Run: python benchmarks/bench_core.py   (prints a Markdown table)
"""

from __future__ import annotations

import math
import subprocess
import sys
import time

import numpy as np

from foghike.core import Party, landscape, make_optimizer

STEPS = 1000
ROUNDS = 5
LR = 1e-3


def best_of(fn, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def foghike_run(k: int) -> float:
    L = landscape("rosenbrock")
    starts = np.tile(L.start, (k, 1)) + np.linspace(0, 0.1, k)[:, None]

    def go():
        party = Party(L, make_optimizer("adam", k, lr=LR), starts)
        party.run(STEPS)

    go()  # warm up (first-call costs are not what is compared)
    return best_of(go, 2)


def torch_run(k: int, threads: int) -> float:
    import torch

    torch.set_num_threads(threads)
    L = landscape("rosenbrock")
    starts = np.tile(L.start, (k, 1)) + np.linspace(0, 0.1, k)[:, None]

    def go():
        w = torch.tensor(starts, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.Adam([w], lr=LR)
        for _ in range(STEPS):
            opt.zero_grad()
            x, y = w[:, 0], w[:, 1]
            loss = ((1 - x) ** 2 + 100 * (y - x * x) ** 2).sum()  # sum: each hiker gets its own gradient
            loss.backward()
            opt.step()

    go()  # warm up: torch's first autograd and optimizer calls initialise a lot
    return best_of(go, 2)


def python_loop() -> float:
    def go():
        x, y = -1.2, 1.0
        mx = my = vx = vy = 0.0
        b1, b2, eps = 0.9, 0.999, 1e-8
        for t in range(1, STEPS + 1):
            r = y - x * x
            gx = -2 * (1 - x) - 400 * x * r
            gy = 200 * r
            mx = b1 * mx + (1 - b1) * gx
            my = b1 * my + (1 - b1) * gy
            vx = b2 * vx + (1 - b2) * gx * gx
            vy = b2 * vy + (1 - b2) * gy * gy
            bc1 = 1 - b1**t
            bc2 = math.sqrt(1 - b2**t)
            x -= LR / bc1 * mx / (math.sqrt(vx) / bc2 + eps)
            y -= LR / bc1 * my / (math.sqrt(vy) / bc2 + eps)
            _ = (1 - x) ** 2 + 100 * (y - x * x) ** 2  # the loss, as the others compute it

    return best_of(go, 5)


def grid_time(name: str, n: int = 400) -> float:
    L = landscape(name)
    x0, x1, y0, y1 = L.bounds
    P = np.stack(np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n), indexing="ij"), axis=-1)

    def go():
        L.value_and_grad(P)

    return best_of(go, 20)


def run_alone(*args: str) -> float:
    """One measurement in a fresh process. Importing torch slows numpy's large elementwise
    operations about 6× in that process (measured here), so the two never share one."""
    out = subprocess.run([sys.executable, __file__, "--one", *args], check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--one":
        kind, k = sys.argv[2], int(sys.argv[3])
        print(foghike_run(k) if kind == "foghike" else torch_run(k, int(sys.argv[4])))
        return
    torch_version = subprocess.run(
        [sys.executable, "-c", "import torch; print(torch.__version__)"], capture_output=True, text=True, check=True
    ).stdout.strip()

    ks = (1, 100, 10_000)
    # This machine's speed drifts between minutes, so the contenders are interleaved in
    # ROUNDS rounds and each keeps its best time; torch gets its faster thread count.
    ours = {k: math.inf for k in ks}
    theirs = {(k, th): math.inf for k in ks for th in (1, 2)}
    for _ in range(ROUNDS):
        for k in ks:
            ours[k] = min(ours[k], run_alone("foghike", str(k)))
            for th in (1, 2):
                theirs[k, th] = min(theirs[k, th], run_alone("torch", str(k), str(th)))
    print(f"numpy {np.__version__}, torch {torch_version}, {STEPS} Adam steps on rosenbrock")
    print(f"best of {ROUNDS} interleaved rounds, each contender in its own process\n")
    print("| hikers K | foghike steps/s | torch.optim steps/s (threads) | ratio (foghike / torch) |")
    print("|---|---|---|---|")
    for k in ks:
        th = min((1, 2), key=lambda n: theirs[k, n])
        f, t = ours[k], theirs[k, th]
        print(f"| {k} | {STEPS / f:,.0f} | {STEPS / t:,.0f} ({th}) | {t / f:.1f}× |")
    p = python_loop()
    print(f"\nplain Python loop, one hiker: {STEPS / p:,.0f} steps/s (foghike K=1 / Python loop = {p / ours[1]:.2f}×)")
    for name in ("rosenbrock", "mountains"):
        g = grid_time(name)
        print(f"400×400 grid of {name}, value + gradient: {g * 1e3:.1f} ms (target < 20 ms)")


if __name__ == "__main__":
    main()
