"""A key frame of the HTML deck's variant switcher, as a PNG from headless Chromium (offline).

    .venv/bin/explainer slides BatchesEpochs --variants -o out/
    PYTHONPATH=. .venv/bin/python scripts/variants_keyframe.py out/BatchesEpochs.html BatchesEpochs \
        50 2 docs/variants_switcher.png

opens the deck with the network cut off, goes to the scene's slide (0 = its first), clicks the
value's button, lets that slide's video reach its last frame and captures the window.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.test_variants import STATE, WAIT_FOR, OfflineBrowser


def capture(page: Path, scene: str, value: str, slide: int, png: Path, size=(960, 540)) -> dict:
    browser = OfflineBrowser(*size)
    try:
        browser.open(page)
        group = next(g for g in browser.eval("explainerVariants.data")["groups"] if g["scene"] == scene)
        browser.eval(f"Reveal.slide({group['first'] + slide})")
        browser.click(f'.variant-switcher button[data-value="{value}"]')
        option = next(o for o in group["options"] if o["value"] == value)
        seen = browser.eval(STATE % (WAIT_FOR, json.dumps(option["videos"][slide])))
        browser.eval(f"""(async () => {{ {WAIT_FOR};
            const v = Reveal.getCurrentSlide().slideBackgroundContentElement.querySelector('video');
            v.pause(); v.currentTime = Math.max(0, v.duration - 0.05);
            await waitFor(() => !v.seeking && v.readyState >= 2, 5000);
            document.activeElement.blur(); return true; }})()""")
        browser.screenshot(png)
        return seen
    finally:
        browser.close()


if __name__ == "__main__":
    page, scene, value, slide, png = sys.argv[1:6]
    seen = capture(Path(page), scene, value, int(slide), Path(png))
    print(f"{png}: slide {seen['index']}, buttons {seen['buttons']}, video {seen['src']}")
