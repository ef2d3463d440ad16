"""What-if in class: the HTML slides switch a scene between precomputed runs of it.

A scene declares ``VARIANTS = {"batch_size": (10, 20, 50)}`` (checked against its ``PARAMS`` by
``scenes.params.check_variants``). ``explainer slides --to html --variants`` renders every other
value of each declared parameter as slides too (in parallel, ``--jobs``; their training comes
through the trajectory cache), copies their videos into the deck's offline assets, and adds a
small switcher to the page: on the slides of such a scene, one button per value (the current
one marked), usable with the mouse, Tab + Enter/Space, or the W key ("what if": the next value;
reveal.js keeps V for pause). Choosing a value swaps every slide of that scene to the
variant's video, plays the current slide from its start, and swaps the speaker notes to the
variant's own narration (read from the variant's run). reveal.js navigation is untouched.

PowerPoint gets each scene's default run only (a deck of hidden duplicate slides serves a
lecture worse than one click in the HTML deck); the CLI says so.
"""

from __future__ import annotations

import html
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from explainer.errors import SlidesError
from scenes.params import check_variants

#: Where a variant's videos go inside the deck's assets folder: <assets>/variants/<Scene>/<param>-<value>/.
VARIANTS_FOLDER = "variants"
_PAGE_DATA_ID = "explainer-variants"


class VariantError(SlidesError):
    """A variant could not be built or does not fit its scene's slides; the message says why."""


@dataclass(frozen=True)
class Variant:
    """One extra run of a scene: the scene's parameters with ``param`` set to ``value``."""

    scene: str
    param: str
    value: object

    @property
    def key(self) -> str:
        """A file-name-safe name: ``batch_size-50``."""
        return f"{self.param}-{self.value}".replace("/", "_").replace(" ", "_")

    def params(self, base: dict) -> dict:
        return {**base, self.param: self.value}


def declared(scene_class: type) -> dict[str, tuple]:
    """The scene's checked VARIANTS ({} when it declares none)."""
    return check_variants(scene_class.PARAMS, getattr(scene_class, "VARIANTS", {}), scene_class.__name__)


def choices(scene_class: type, params: dict) -> dict[str, tuple[object, tuple]]:
    """Per declared parameter: (the value the deck's own run uses, every value the switcher offers).

    The deck's value is the default or the lecturer's ``--set``; it is always offered, first
    among equals in the declared order.
    """
    result = {}
    for name, values in declared(scene_class).items():
        current = params.get(name, next(p.default for p in scene_class.PARAMS if p.name == name))
        result[name] = (current, values if current in values else (current, *values))
    return result


def variants_to_render(entries, params: dict[str, dict]) -> list[Variant]:
    """Every run the switchers need besides the deck's own, for the catalog ``entries``."""
    todo = []
    for entry in entries:
        for name, (current, offered) in choices(entry.load(), params.get(entry.name, {})).items():
            todo += [Variant(entry.name, name, value) for value in offered if value != current]
    return todo


def render_all(variants: list[Variant], build: Path, render_one, params: dict[str, dict], jobs: int,
               log) -> dict[Variant, Path]:
    """Render each variant's slides in its own folder under ``build`` (``jobs`` at a time).

    ``render_one(scene, folder, params)`` renders one scene's slides into ``folder/slides`` (the
    deck's own renderer). Returns each variant's slides JSON.
    """
    def one(variant: Variant) -> Path:
        folder = build / VARIANTS_FOLDER / variant.scene / variant.key
        folder.mkdir(parents=True)
        try:
            render_one(variant.scene, folder, variant.params(params.get(variant.scene, {})))
        except RuntimeError as exc:  # the renderer's own error, which names the scene but not the run
            raise VariantError(f"the variant {variant.param}={variant.value} of {variant.scene}: {exc}") from None
        return folder / "slides" / f"{variant.scene}.json"

    done = {}
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for i, (variant, path) in enumerate(zip(variants, pool.map(one, variants)), 1):
            done[variant] = path
            log(f"[variant {i}/{len(variants)}] {variant.scene} with {variant.param}={variant.value}")
    return done


def add_switcher(page: Path, entries, params: dict[str, dict], default_json: list[Path],
                 rendered: dict[Variant, Path]) -> dict:
    """Copy the variants' videos next to ``page`` and add the switcher to it; return the page's data.

    ``default_json`` is each entry's own slides JSON, in the page's order; the page's sections
    follow the same order, one per slide.
    """
    from manim_slides.config import PresentationConfig

    page_html = page.read_text(encoding="utf-8")
    sources = _section_videos(page_html)
    assets = f"{page.stem}_assets"
    groups, first = [], 0
    for entry, json_path in zip(entries, default_json):
        own = PresentationConfig.from_file(json_path)
        count = len(own.slides)
        for name, (current, offered) in choices(entry.load(), params.get(entry.name, {})).items():
            options = []
            for value in offered:
                if value == current:
                    videos = sources[first:first + count]
                    notes = [slide.notes for slide in own.slides]
                else:
                    videos, notes = _copy_variant(Variant(entry.name, name, value), rendered, count, page.parent,
                                                  assets)
                options.append({"value": str(value), "videos": videos, "notes": notes})
            groups.append({"scene": entry.name, "param": name, "first": first, "count": count,
                           "current": offered.index(current), "options": options})
        first += count
    if first != len(sources):
        raise VariantError(f"the page has {len(sources)} slide videos but the scenes' slides number {first}; "
                           "manim-slides' template changed?")
    data = {"groups": groups}
    page.write_text(_inject(page_html, data), encoding="utf-8")
    return data


def _section_videos(page_html: str) -> list[str]:
    import re

    return re.findall(r'data-background-video="([^"]+)"', page_html)


def _copy_variant(variant: Variant, rendered: dict[Variant, Path], count: int, deck_folder: Path,
                  assets: str) -> tuple[list[str], list[str]]:
    from manim_slides.config import PresentationConfig

    config = PresentationConfig.from_file(rendered[variant])
    if len(config.slides) != count:
        raise VariantError(f"{variant.scene} with {variant.param}={variant.value} has {len(config.slides)} slides, "
                           f"its deck {count}; a variant must pause where the scene does: drop {variant.value!r} "
                           f"from {variant.scene}.VARIANTS")
    relative = f"{assets}/{VARIANTS_FOLDER}/{variant.scene}/{variant.key}"
    (deck_folder / relative).mkdir(parents=True, exist_ok=True)
    videos = []
    for number, slide in enumerate(config.slides):
        target = f"{relative}/{number:02d}{slide.file.suffix}"
        shutil.copyfile(slide.file, deck_folder / target)
        videos.append(target)
    return videos, [slide.notes for slide in config.slides]


def _inject(page_html: str, data: dict) -> str:
    """The page with the data, style and script of the switcher added before ``</body>``."""
    from scenes import theme

    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    style = _STYLE % {"background": theme.BACKGROUND, "text": theme.TEXT, "accent": theme.ACCENT}
    block = (f'<script type="application/json" id="{_PAGE_DATA_ID}">{payload}</script>\n'
             f"<style>{style}</style>\n<script>{_SCRIPT % {'data_id': html.escape(_PAGE_DATA_ID)}}</script>\n")
    if page_html.count("</body>") != 1:
        raise VariantError("the slides page has no single </body>; manim-slides' template changed?")
    return page_html.replace("</body>", block + "</body>")


_STYLE = """
.variant-switcher { position: fixed; bottom: 8px; right: 8px; z-index: 40; display: flex; gap: 6px;
  align-items: center; padding: 6px 8px; border-radius: 6px; background: %(background)sd9;
  color: %(text)s; font: 15px/1.2 sans-serif; }
.variant-switcher[hidden] { display: none; }
.variant-switcher .variant-name { margin-right: 2px; opacity: 0.8; }
.variant-switcher button { font: inherit; color: inherit; background: transparent; cursor: pointer;
  border: 1px solid %(text)s80; border-radius: 4px; padding: 2px 9px; }
.variant-switcher button[aria-pressed="true"] { background: %(accent)s; border-color: %(accent)s;
  color: %(background)s; font-weight: bold; }
.variant-switcher button:focus-visible { outline: 2px solid %(accent)s; outline-offset: 2px; }
"""

# The switcher. Every section of a group's scene carries its chosen variant in data-variant; the
# videos of backgrounds reveal.js has already loaded are swapped in place, the others load the
# new data-background-video when reveal.js gets to them. Enter/Space on a button do not reach
# reveal.js (Space would also pause the video); arrows and every other key still do.
_SCRIPT = """
(() => {
  const data = JSON.parse(document.getElementById('%(data_id)s').textContent);
  const bar = document.createElement('div');
  bar.className = 'variant-switcher';
  bar.setAttribute('role', 'group');
  bar.hidden = true;
  document.body.appendChild(bar);
  const groupAt = (h) => data.groups.filter(g => h >= g.first && h < g.first + g.count);

  function setVideo(section, src, restart) {
    section.setAttribute('data-background-video', src);
    const content = section.slideBackgroundContentElement;
    const video = content && content.querySelector('video');
    if (!video) return;
    video.querySelectorAll('source').forEach(s => s.remove());
    const source = document.createElement('source');
    source.setAttribute('src', src);
    source.setAttribute('type', 'video/mp4');
    video.appendChild(source);
    video.load();
    if (restart) { video.currentTime = 0; video.play().catch(() => {}); }
  }

  function choose(group, index) {
    group.current = index;
    const option = group.options[index];
    const slides = Reveal.getHorizontalSlides();
    const here = Reveal.getIndices().h;
    for (let k = 0; k < group.count; k++) {
      const section = slides[group.first + k];
      section.setAttribute('data-variant', group.param + '=' + option.value);
      const notes = section.querySelector('aside.notes');
      if (notes) {  // as reveal.js' markdown plugin left the deck's own: one paragraph
        const paragraph = document.createElement('p');
        paragraph.textContent = option.notes[k] || '';
        notes.replaceChildren(paragraph);
      }
      setVideo(section, option.videos[k], group.first + k === here);
    }
    draw();
    // The speaker view (S) re-reads the notes on reveal.js' events; tell it they changed.
    Reveal.getRevealElement().dispatchEvent(new CustomEvent('resumed', {bubbles: true}));
  }

  function draw() {
    const groups = groupAt(Reveal.getIndices().h);
    bar.replaceChildren();
    bar.hidden = groups.length === 0;
    for (const group of groups) {
      const name = document.createElement('span');
      name.className = 'variant-name';
      name.textContent = group.param + ':';
      name.id = 'variant-name-' + group.scene + '-' + group.param;
      bar.appendChild(name);
      group.options.forEach((option, index) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = option.value;
        button.dataset.value = option.value;
        button.setAttribute('aria-pressed', String(index === group.current));
        button.setAttribute('aria-describedby', name.id);
        button.title = group.param + ' = ' + option.value;
        button.addEventListener('click', () => { choose(group, index); bar.querySelector(
          '[data-value="' + CSS.escape(option.value) + '"]').focus(); });
        bar.appendChild(button);
      });
    }
  }

  bar.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') event.stopPropagation();
  });
  Reveal.addKeyBinding({keyCode: 87, key: 'W', description: 'What if: next variant of this scene'}, () => {
    const group = groupAt(Reveal.getIndices().h)[0];
    if (group) choose(group, (group.current + 1) %% group.options.length);
  });
  Reveal.on('slidechanged', draw);
  Reveal.on('ready', draw);
  if (Reveal.isReady()) draw();
  window.explainerVariants = {data, choose, bar};
})();
"""
