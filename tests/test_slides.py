"""Lecture slides: the manim-slides JSON, the offline reveal.js page in headless Chromium, the PPTX.

One short scene is rendered at a tiny size. The expected slide count and slide lengths come
from the scene itself (a dry run records where it pauses), not from typed numbers.
Chromium runs with the network cut off and is driven over the DevTools protocol through
``--remote-debugging-pipe`` (no driver, no websocket library).
"""

from __future__ import annotations

import html as html_text
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import av
import pptx
import pytest

from explainer import settings, slides
from explainer.slides import SlidesError, build_slides, remote_references
from scenes.catalog import find
from tests.scene_checks import build_scene

SCENE = "ReluPairHardSigmoid"
TINY = {"resolution": (256, 144), "frame_rate": 5}
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def expected():
    """Slide lengths from a dry run: one slide per pause, plus the tail if it animates."""
    scene = build_scene(find(SCENE).load(), frame_rate=TINY["frame_rate"])
    ends = list(scene.pause_times)
    if scene.renderer.time > ends[-1] + 1e-9:
        ends.append(scene.renderer.time)
    return [b - a for a, b in zip([0.0, *ends[:-1]], ends)]


@pytest.fixture(scope="module")
def notes():
    """Each slide's speaker notes: the narration line of the stretch it shows, from a dry run."""
    scene = build_scene(find(SCENE).load(), frame_rate=TINY["frame_rate"])
    return [scene.narration_line(key) for key, _, _ in scene.narration]


def slide_notes(page: str) -> list[str]:
    """The speaker notes of every slide of a reveal.js page, in order (empty ones dropped)."""
    found = re.findall(r'<aside class="notes"[^>]*>(.*?)</aside>', page, flags=re.DOTALL)
    return [html_text.unescape(text).strip() for text in found if text.strip()]


@pytest.fixture(scope="module")
def html_deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides_html")
    return build_slides([SCENE], to="html", out_dir=out, progress=False, **TINY)


def video_seconds(path: Path) -> float:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return float(stream.frames / stream.average_rate)


def test_slides_json_has_one_video_per_pause(html_deck, expected):
    assert len(expected) >= 2
    data = json.loads((html_deck.parent / "slides" / f"{SCENE}.json").read_text())
    assert len(data["slides"]) == len(expected)
    assert data["resolution"] == list(TINY["resolution"])
    frame = 1.0 / TINY["frame_rate"]
    for slide, seconds in zip(data["slides"], expected):
        video = html_deck.parent / slide["file"]  # relative to the folder that holds slides/
        assert video.is_file() and video.stat().st_size > 0
        assert video_seconds(video) == pytest.approx(seconds, abs=frame + 1e-6)
    assert not list(html_deck.parent.glob(".slides-build-*")), "the build folder was left behind"


def test_html_needs_nothing_from_the_network(html_deck, expected):
    html = re.sub(r"<!--.*?-->", "", html_deck.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert remote_references(html) == []
    for word in ("jsdelivr", "unpkg", "cdnjs", "cdn."):
        assert word not in html.lower()
    local = re.findall(r'(?:src|href|data-background-video)="([^"#]+)"', html)
    scripts = [p for p in local if p.endswith(".js")]
    videos = re.findall(r'data-background-video="([^"]+)"', html)
    assert any(p.endswith("dist/reveal.js") for p in scripts) and len(videos) == len(expected)
    assert "dist/plugin/notes.js" in html, "the speaker view (S key) needs reveal.js' notes plugin"
    for rel in local:
        assert (html_deck.parent / rel).is_file(), f"the page needs {rel}, which is not next to it"
    # node_modules holds the version package.json pins, and it is the one manim-slides' template is for.
    from manim_slides.convert import RevealJS

    pinned = json.loads((settings.REPO_ROOT / "package.json").read_text())["dependencies"]["reveal.js"]
    assert slides.reveal_version(slides.reveal_dir()) == pinned == RevealJS.model_fields["reveal_version"].default


def test_html_speaker_notes_are_the_narration(html_deck, notes):
    assert len(notes) >= 2
    assert slide_notes(html_deck.read_text(encoding="utf-8")) == notes


def test_pptx_has_one_movie_per_slide(tmp_path, expected, notes):
    deck = build_slides([SCENE], to="pptx", out_dir=tmp_path, progress=False, **TINY)
    assert deck == tmp_path / f"{SCENE}.pptx"
    presentation = pptx.Presentation(str(deck))
    assert len(presentation.slides) == len(expected)
    width, height = TINY["resolution"]
    # the page keeps the video's shape, scaled up to PowerPoint's one-inch minimum (960 px wide here)
    assert presentation.slide_width * height == presentation.slide_height * width
    assert presentation.slide_width == 960 * 9525
    for slide in presentation.slides:
        kinds = [shape.shape_type for shape in slide.shapes]
        assert kinds == [pptx.enum.shapes.MSO_SHAPE_TYPE.MEDIA]
    # Each slide's narration line is in its notes pane.
    spoken = [s.notes_slide.notes_text_frame.text.strip() for s in presentation.slides if s.has_notes_slide]
    assert [text for text in spoken if text] == notes
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([deck.name, "slides"])


def test_bad_arguments_name_the_fix(tmp_path):
    with pytest.raises(ValueError, match="did you mean ReluPairHardSigmoid"):
        build_slides(["ReluPairHardSigmoyd"], out_dir=tmp_path)
    with pytest.raises(ValueError, match="to must be one of html, pptx"):
        build_slides([SCENE], to="pdf", out_dir=tmp_path)
    with pytest.raises(ValueError, match="quality must be one of l, m, h, k"):
        build_slides([SCENE], quality="x", out_dir=tmp_path)
    with pytest.raises(ValueError, match="lang must be one of en, zh"):
        build_slides([SCENE], lang="fr", out_dir=tmp_path)
    with pytest.raises(ValueError, match="name must be a plain file name"):
        build_slides([SCENE], out_dir=tmp_path, name="../elsewhere")
    with pytest.raises(TypeError, match="scene_names must be a non-empty list"):
        build_slides(SCENE, out_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_missing_reveal_js_says_run_npm(tmp_path, monkeypatch):
    monkeypatch.setenv(settings.REVEAL_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(SlidesError, match="npm ci"):
        build_slides([SCENE], to="html", out_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_failed_render_leaves_nothing_behind(tmp_path, monkeypatch):
    def half_written(scene, build, *args):
        (build / "slides" / "files" / scene).mkdir(parents=True)
        (build / "slides" / f"{scene}.json").write_text("{")
        raise SlidesError(f"rendering the slides of {scene} failed: disk full")

    monkeypatch.setattr(slides, "_render_in_child", half_written)
    (tmp_path / "keep.txt").write_text("a lecturer's file")
    with pytest.raises(SlidesError, match="disk full"):
        build_slides([SCENE], to="pptx", out_dir=tmp_path, progress=False, **TINY)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


# --- headless Chromium, offline, over the DevTools protocol ---------------------------------

PAGE_CHECK = """(async () => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const deadline = Date.now() + %(wait_ms)d;
  while (!(window.Reveal && Reveal.isReady && Reveal.isReady()) && Date.now() < deadline) await sleep(100);
  const ready = !!(window.Reveal && Reveal.isReady && Reveal.isReady());
  let video = null;
  while (Date.now() < deadline) {
    video = document.querySelector('.slide-background.present video');
    if (video && video.currentTime > 0.3) break;
    await sleep(100);
  }
  return {
    ready, total: ready ? Reveal.getTotalSlides() : -1,
    index: ready ? Reveal.getIndices().h : -1,
    video: video && {src: video.currentSrc, time: video.currentTime, state: video.readyState,
                     paused: video.paused, error: video.error && video.error.code},
    resources: performance.getEntriesByType('resource').map(e => e.name),
  };
})()"""


class DevToolsPipe:
    """The DevTools protocol over Chromium's --remote-debugging-pipe (fds 3 and 4, NUL-framed)."""

    def __init__(self, args: list[str], stderr, timeout_s: float = 60.0):
        # sh moves our stdin/stdout pipes to fds 3/4, where Chromium reads and writes the protocol.
        self.proc = subprocess.Popen(["sh", "-c", 'exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null', *args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
        self.next_id, self.buffer = 0, b""
        self.deadline = time.monotonic() + timeout_s

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.proc.stdin.write(json.dumps(message).encode() + b"\0")
        self.proc.stdin.flush()
        while True:  # events arrive in between; skip them until our answer comes
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"DevTools {method} failed: {reply['error']}")
                return reply["result"]

    def _read(self) -> dict:
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0 or not select.select([self.proc.stdout], [], [], left)[0]:
                raise RuntimeError("Chromium did not answer over the DevTools pipe in time")
            chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        self.deadline = time.monotonic() + 5.0
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def check_page_offline(page: Path, wait_s: float = 20.0) -> dict:
    """Open ``page`` in headless Chromium with no network and return what PAGE_CHECK saw."""
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
    log = open(profile / "stderr.log", "w+b")
    args = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--no-default-browser-check", "--mute-audio", f"--user-data-dir={profile}",
            "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--remote-debugging-pipe", "about:blank"]
    browser = DevToolsPipe(args, stderr=log)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.send("Page.navigate", {"url": page.resolve().as_uri()}, session)
        result = browser.send("Runtime.evaluate", {"expression": PAGE_CHECK % {"wait_ms": wait_s * 1000},
                                                   "awaitPromise": True, "returnByValue": True}, session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"the page check threw: {result['exceptionDetails']}")
        return result["result"]["value"]
    except RuntimeError as exc:
        log.seek(0)
        raise RuntimeError(f"{exc}\nChromium said:\n{log.read().decode(errors='replace')[-2000:]}") from None
    finally:
        browser.close()
        log.close()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (Debian package `chromium`)")
def test_html_plays_in_offline_headless_chromium(html_deck, expected):
    seen = check_page_offline(html_deck)
    assert seen["ready"], "reveal.js did not start"
    assert seen["total"] == len(expected) and seen["index"] == 0
    video = seen["video"]
    assert video is not None, "the first slide has no video element"
    assert video["error"] is None and video["state"] >= 2 and not video["paused"]
    assert video["time"] > 0.3, f"the first video did not advance: {video}"
    assert Path(video["src"].removeprefix("file://")).name in html_deck.read_text()
    assert all(url.startswith("file://") for url in seen["resources"]), seen["resources"]
