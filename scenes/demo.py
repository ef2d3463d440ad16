"""`make demo`: render the default explainer at low quality and print where the video is."""

from __future__ import annotations

import sys
from pathlib import Path

from manim import tempconfig

from scenes.relu_pair import ReluPairHardSigmoid

DEFAULT_SCENES = [ReluPairHardSigmoid]


def main() -> int:
    media = Path(__file__).resolve().parent.parent / "media"
    written = []
    for scene_class in DEFAULT_SCENES:
        with tempconfig({"quality": "low_quality", "media_dir": str(media), "disable_caching": True,
                         "verbosity": "WARNING", "progress_bar": "display"}):
            scene = scene_class()
            scene.render()
            written.append(Path(scene.renderer.file_writer.movie_file_path))
    for path in written:
        print(f"video: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
