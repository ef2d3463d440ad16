"""Every scene's key frames drawn with the fast paths and with manim's own (EXPLAINER_SLOW_PATHS=1).

    .venv/bin/python benchmarks/compare_fast_slow.py [--resolution 480x270] [--jobs 2] [--lang en]

Renders ``explainer render --all --format png`` twice into temporary folders and prints, for
every key frame that differs, its PSNR, largest channel difference and number of pixels changed;
exits 1 if a frame differs by more than ``--min-psnr`` dB (default 45), or if the two renders
give different frames. The unit tests check each fast path on its own
(tests/test_render_speed.py); this checks them together on the real chapter.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
EXPLAINER = ROOT / ".venv" / "bin" / "explainer"


def key_frames(out: Path, resolution: str, jobs: int, lang: str, slow: bool) -> dict[str, np.ndarray]:
    env = {**os.environ, "EXPLAINER_SLOW_PATHS": "1" if slow else ""}
    command = [str(EXPLAINER), "render", "--all", "--format", "png", "--resolution", resolution,
               "--jobs", str(jobs), "--lang", lang, "-o", str(out)]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return {p.name: np.asarray(Image.open(p).convert("RGB")).astype(np.int16) for p in sorted(out.glob("*.png"))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resolution", default="480x270")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--lang", default="en", choices=("en", "zh"))
    parser.add_argument("--min-psnr", type=float, default=45.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fast = key_frames(Path(tmp) / "fast", args.resolution, args.jobs, args.lang, slow=False)
        slow = key_frames(Path(tmp) / "slow", args.resolution, args.jobs, args.lang, slow=True)
    if fast.keys() != slow.keys() or not fast:
        print(f"different key frames: {sorted(fast.keys() ^ slow.keys())}")
        return 1
    failed = False
    differing = 0
    for name, a in fast.items():
        diff = np.abs(a - slow[name])
        if not diff.any():
            continue
        differing += 1
        mse = float(np.mean(diff.astype(float) ** 2))
        psnr = 10 * np.log10(255.0 ** 2 / mse)
        failed |= psnr < args.min_psnr
        print(f"{name}: PSNR {psnr:.1f} dB, largest difference {diff.max()}, "
              f"{int((diff.max(axis=2) > 0).sum())} of {diff.shape[0] * diff.shape[1]} pixels")
    print(f"{len(fast)} key frames at {args.resolution} ({args.lang}): {len(fast) - differing} identical, "
          f"{differing} differ" + (f" (none below {args.min_psnr:g} dB)" if not failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
