"""What-if slides: declared VARIANTS, their narration from their own runs, and the HTML switcher.

The switcher is driven in headless Chromium with the network cut off, with real mouse clicks
and key presses over the DevTools protocol. The deck is small: one scene without variants
(ReluPairHardSigmoid) and BatchesEpochs with two batch sizes, at a tiny frame size.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import tempfile
from pathlib import Path

import av
import pytest

from explainer import variants
from explainer.slides import build_slides
from explainer.variants import Variant, variants_to_render
from scenes.catalog import SCENES, find
from scenes.params import Param, check_variants
from tests.scene_checks import build_scene
from tests.test_slides import CHROMIUM, DevToolsPipe

PLAIN, SWITCHED = "ReluPairHardSigmoid", "BatchesEpochs"
TWO_SIZES = {"batch_size": (20, 50)}  # the default and one variant: one extra render
TINY = {"resolution": (256, 144), "frame_rate": 5}


def declaring_scenes():
    return [entry for entry in SCENES if getattr(entry.load(), "VARIANTS", None)]


def dry_run_with(scene_class, values: dict):
    from explainer.runner import temporary_environment
    from scenes.params import PARAMS_ENV

    with temporary_environment({PARAMS_ENV: json.dumps(values)}):
        return build_scene(scene_class, frame_rate=TINY["frame_rate"])


# ------------------------------------------------------------------ declarations
def test_every_declared_variant_is_a_valid_value_of_the_scene():
    assert {e.name for e in declaring_scenes()} >= {"ReluFitTraining", "BatchesEpochs"}
    for entry in SCENES:
        scene = entry.load()
        checked = variants.declared(scene)
        assert checked == getattr(scene, "VARIANTS", {})


def test_bad_declarations_name_the_fix():
    params = (Param("lr", 0.1, "rate", low=0.01, high=1.0), Param("opt", "gd", "optimiser", choices=("gd", "adam")))
    with pytest.raises(ValueError, match="names 'eta', which is not one of its PARAMS"):
        check_variants(params, {"eta": (0.1, 0.2)}, "S")
    with pytest.raises(ValueError, match=r"lr must lie in \[0.01, 1.0\]"):
        check_variants(params, {"lr": (0.1, 5.0)}, "S")
    with pytest.raises(ValueError, match="must include the default 0.1"):
        check_variants(params, {"lr": (0.2, 0.3)}, "S")
    with pytest.raises(ValueError, match="at least two distinct values"):
        check_variants(params, {"opt": ("gd",)}, "S")
    with pytest.raises(ValueError, match="own type"):
        check_variants(params, {"lr": ("0.1", 0.2)}, "S")
    with pytest.raises(ValueError, match="must be a dict"):
        check_variants(params, [("lr", 0.2)], "S")
    assert check_variants(params, {"opt": ("gd", "adam")}, "S") == {"opt": ("gd", "adam")}


def test_a_set_value_is_the_decks_own_and_the_defaults_become_variants():
    entry = find(SWITCHED)
    declared = entry.load().VARIANTS["batch_size"]
    assert variants_to_render([entry], {}) == [Variant(SWITCHED, "batch_size", v) for v in declared if v != 20]
    # --set batch_size=25: the deck shows 25, and every declared size is a variant
    assert [v.value for v in variants_to_render([entry], {SWITCHED: {"batch_size": 25}})] == list(declared)
    assert variants_to_render([find(PLAIN)], {}) == []


@pytest.mark.parametrize("entry", declaring_scenes(), ids=lambda e: e.name)
def test_each_variant_pauses_where_the_scene_does_and_says_its_own_numbers(entry):
    scene_class = entry.load()
    default = dry_run_with(scene_class, {})
    for name, values in scene_class.VARIANTS.items():
        for value in values:
            run = dry_run_with(scene_class, {name: value})
            assert run.param(name) == value
            assert len(run.pause_times) == len(default.pause_times), f"{name}={value} pauses elsewhere"
            lines = [run.narration_line(key) for key, _, _ in run.narration]
            assert [key for key, _, _ in run.narration] == [key for key, _, _ in default.narration]
            assert all("{" not in line for line in lines)
            if value != default.param(name):
                # the narration is formatted from this run's numbers, not the default's
                assert lines != [default.narration_line(key) for key, _, _ in default.narration]
                assert run.narration_values != default.narration_values


def test_every_learning_rate_offered_for_gradient_descent_keeps_its_narration_true():
    """What GradientDescent says of its run, for each η offered: the loss falls with every update,
    the second step is shorter than the first, and the run stops because the gradient is small."""
    import numpy as np

    scene_class = find("GradientDescent").load()
    for lr in scene_class.VARIANTS["lr"]:
        run = dry_run_with(scene_class, {"lr": lr})
        descent = run.descent
        steps = np.linalg.norm(np.diff(descent.thetas, axis=0), axis=1)
        assert descent.stopped_by == "gradient" and descent.n_updates < descent.budget, lr
        assert np.all(np.diff(descent.losses) < 0) and steps[1] < steps[0], lr
        assert run.narration_values["updates"] == descent.n_updates


# ------------------------------------------------------------------ the deck, offline in Chromium
@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("variants_deck")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(find(SWITCHED).load(), "VARIANTS", TWO_SIZES)
        page = build_slides([PLAIN, SWITCHED], to="html", out_dir=out, progress=False, variants=True, jobs=2, **TINY)
    text = page.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="explainer-variants">(.*?)</script>', text, re.DOTALL).group(1))
    return page, data


def test_the_page_carries_each_variants_videos_and_notes(deck):
    page, data = deck
    (group,) = data["groups"]
    plain_slides = len(json.loads((page.parent / "slides" / f"{PLAIN}.json").read_text())["slides"])
    assert (group["scene"], group["param"], group["first"]) == (SWITCHED, "batch_size", plain_slides)
    assert [o["value"] for o in group["options"]] == ["20", "50"] and group["current"] == 0
    variant = dry_run_with(find(SWITCHED).load(), {"batch_size": 50})
    assert group["options"][1]["notes"] == [variant.narration_line(key) for key, _, _ in variant.narration]
    width, height = TINY["resolution"]
    for option in group["options"]:
        assert len(option["videos"]) == group["count"]
        for rel in option["videos"]:
            with av.open(str(page.parent / rel)) as container:  # it exists and decodes
                frames = [f for f in container.decode(video=0)]
            assert frames and (frames[0].width, frames[0].height) == (width, height)


class OfflineBrowser:
    """Headless Chromium with no network, one page, driven over the DevTools pipe."""

    def __init__(self, width: int = 640, height: int = 360):
        self.profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
        self.log = open(self.profile / "stderr.log", "w+b")
        args = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--mute-audio", f"--user-data-dir={self.profile}",
                "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--autoplay-policy=no-user-gesture-required", "--remote-debugging-pipe", "about:blank"]
        self.pipe = DevToolsPipe(args, stderr=self.log, timeout_s=90.0)
        target = self.pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.pipe.send(method, params, self.session)

    def open(self, page: Path) -> None:
        self.send("Page.navigate", {"url": page.resolve().as_uri()})
        ready = "window.Reveal && Reveal.isReady() && !!window.explainerVariants"
        assert self.eval(f"(async () => {{ {WAIT_FOR}; return await waitFor(() => {ready}, 20000); }})()"), (
            "reveal.js or the switcher did not start")

    def eval(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"the page threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def key(self, key: str, code: int, text: str = "") -> None:
        """Press and release a key; ``text`` is what it types (Enter: a carriage return)."""
        for kind in ("keyDown", "keyUp"):
            event = {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code}
            if text and kind == "keyDown":
                event["text"] = text
            self.send("Input.dispatchKeyEvent", event)

    def click(self, selector: str) -> None:
        box = self.eval(f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
                        " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left",
                                                   "clickCount": 1})

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"]))

    def close(self) -> None:
        self.pipe.close()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


WAIT_FOR = """const sleep = ms => new Promise(r => setTimeout(r, ms));
async function waitFor(test, ms) { const end = Date.now() + ms;
  while (Date.now() < end) { const v = test(); if (v) return v; await sleep(100); } return test(); }"""

#: What the page shows now: slide, switcher, current video, notes.
STATE = """(async () => { %s;
  const video = await waitFor(() => { const v = Reveal.getCurrentSlide().slideBackgroundContentElement
      .querySelector('video'); return v && v.currentSrc.endsWith(%s) && v.readyState >= 2 && v.currentTime > 0.3
      && v; }, 15000) || Reveal.getCurrentSlide().slideBackgroundContentElement.querySelector('video');
  const bar = document.querySelector('.variant-switcher');
  return {index: Reveal.getIndices().h, total: Reveal.getTotalSlides(), hidden: bar.hidden,
          buttons: [...bar.querySelectorAll('button')].map(b => [b.textContent, b.getAttribute('aria-pressed')]),
          src: video && decodeURI(video.currentSrc), time: video && video.currentTime,
          error: video && video.error && video.error.code,
          notes: Reveal.getCurrentSlide().querySelector('aside.notes').textContent.trim(),
          resources: performance.getEntriesByType('resource').map(e => e.name)};
})()"""


def state(browser: OfflineBrowser, expected_src: str = "") -> dict:
    return browser.eval(STATE % (WAIT_FOR, json.dumps(expected_src)))


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (Debian package `chromium`)")
def test_the_switcher_swaps_video_and_notes_offline_and_navigation_still_works(deck):
    page, data = deck
    (group,) = data["groups"]
    default, variant = group["options"]
    first = group["first"]
    browser = OfflineBrowser()
    try:
        browser.open(page)
        seen = state(browser)
        assert seen["index"] == 0 and seen["hidden"], "no switcher on a scene without variants"
        browser.key("ArrowRight", 39)
        assert state(browser)["index"] == 1  # navigation before any switch
        browser.eval(f"Reveal.slide({first - 1})")
        browser.key("ArrowRight", 39)
        seen = state(browser, default["videos"][0])
        assert seen["index"] == first and not seen["hidden"]
        assert seen["buttons"] == [["20", "true"], ["50", "false"]]
        assert seen["src"].endswith(default["videos"][0]) and seen["notes"] == default["notes"][0]

        # the speaker view (notes plugin) re-reads the notes on reveal.js events, heard through Reveal.on
        browser.eval("window.heard = 0; Reveal.on('resumed', () => { window.heard += 1; })")
        browser.click('.variant-switcher button[data-value="50"]')
        seen = state(browser, variant["videos"][0])
        assert seen["index"] == first and seen["buttons"] == [["20", "false"], ["50", "true"]]
        assert seen["src"].endswith(variant["videos"][0]), seen
        assert seen["error"] is None and seen["time"] > 0.3, f"the variant's video did not play: {seen}"
        assert seen["notes"] == variant["notes"][0] != default["notes"][0]
        assert browser.eval("window.heard") == 1, "the speaker view was not told that the notes changed"

        browser.key("ArrowRight", 39)  # navigation after the switch: the next slide is the variant's too
        seen = state(browser, variant["videos"][1])
        assert seen["index"] == first + 1 and seen["src"].endswith(variant["videos"][1]), seen
        assert seen["notes"] == variant["notes"][1]
        browser.key("ArrowLeft", 37)
        assert state(browser, variant["videos"][0])["index"] == first

        # the keyboard: Enter on a focused button switches back and does not move the deck
        browser.eval('document.querySelector(\'.variant-switcher button[data-value="20"]\').focus()')
        browser.key("Enter", 13, "\r")
        seen = state(browser, default["videos"][0])
        assert seen["index"] == first and seen["src"].endswith(default["videos"][0])
        assert seen["buttons"] == [["20", "true"], ["50", "false"]]
        browser.key("w", 87)  # W ("what if"): the next value
        assert state(browser, variant["videos"][0])["buttons"][1] == ["50", "true"]

        browser.key("ArrowLeft", 37)
        seen = state(browser)
        assert seen["index"] == first - 1 and seen["hidden"]
        assert all(url.startswith("file://") for url in seen["resources"]), seen["resources"]
    finally:
        browser.close()


# ------------------------------------------------------------------ the command line
def test_cli_variants_refusals_create_nothing(tmp_path, capsys):
    from explainer.cli import EXIT_ERROR, main

    out = tmp_path / "deck"
    assert main(["slides", PLAIN, "--variants", "-o", str(out)]) == EXIT_ERROR
    error = capsys.readouterr().err
    assert f"none of {PLAIN} declares variants" in error and "BatchesEpochs" in error and "ReluFitTraining" in error
    # a --set that the deck's own run survives but a variant's does not: named before any render
    # (N = 30 hours take B = 20, not the variant's B = 50)
    assert main(["slides", SWITCHED, "--variants", "--set", "n=30", "-o", str(out)]) == EXIT_ERROR
    error = capsys.readouterr().err
    assert "--variants: the run with batch_size=50" in error and "larger than n = 30" in error
    assert not out.exists()


def test_cli_variants_with_pptx_says_the_deck_gets_the_default(tmp_path, capsys, monkeypatch):
    from explainer import cli, slides

    calls = []
    monkeypatch.setattr(slides, "build_slides", lambda names, **kw: calls.append(kw) or tmp_path / "x.pptx")
    assert cli.main(["slides", SWITCHED, "--to", "pptx", "--variants", "-o", str(tmp_path)]) == 0
    assert "the pptx gets each scene's own run" in capsys.readouterr().err
    assert calls[0]["to"] == "pptx" and calls[0]["variants"] is True  # (build_slides renders variants for html only)
