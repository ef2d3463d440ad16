"""The learner's notebooks (notebooks/chapter1_<lang>.ipynb): built from their source, committed without
outputs, the same code in both languages, and run top to bottom on a fresh kernel with no cell failing;
their printed numbers are the scenes' numbers (the same model, the same functions).

Each notebook runs once per test session, in a private kernel of this interpreter (a kernelspec in a
temporary folder, the checkout first on its path) that refuses any connection off this machine.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
import tokenize

import numpy as np
import pytest

from mathcore.studies.lesson import gradient_descent, one_hour_linear_model
from mathcore.studies.overfitting import DEFAULT, early_stop
from notebooks.source import build
from notebooks.source.cells import LANGUAGES
from scenes.number_format import number_text
from scenes.steps import best_line_numbers
from scenes.strings import STRINGS, tidy_chinese_spacing
from tests.test_terms_order import TERMS

try:
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
except ImportError as missing:  # pragma: no cover - the notebook extra is part of `make test`
    raise ImportError(f"{missing}: the notebook tests need the notebook extra: pip install -e '.[notebook]'") from None

CELL_TIMEOUT = 600  # seconds; the first run trains the overfitting study's networks (about a minute)
KERNEL = "explainer-notebook-test"

#: The kernel may talk to this machine only (the client's own sockets); anything else is refused.
OFFLINE = '''
import socket

_connect = socket.socket.connect


def _this_machine_only(sock, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and host not in ("127.0.0.1", "::1", "localhost"):
        raise OSError(f"the notebook tried to reach {address!r}: the notebooks must run with no network")
    return _connect(sock, address)


socket.socket.connect = _this_machine_only
'''


@pytest.fixture(scope="session")
def kernel_specs(tmp_path_factory):
    """A kernelspec of this interpreter in a private folder (no user kernel can stand in for it)."""
    root = tmp_path_factory.mktemp("kernels")
    site = root / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(OFFLINE, encoding="utf-8")
    folder = root / "kernels" / KERNEL
    folder.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "explainer tests", "language": "python",
            "env": {"PYTHONPATH": f"{site}:{build.FOLDER.parent}", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}}
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return KernelSpecManager(kernel_dirs=[str(root / "kernels")])


def test_the_notebooks_kernel_cannot_reach_the_network(kernel_specs):
    env = {**os.environ, **kernel_specs.get_kernel_spec(KERNEL).env}
    probe = ("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
             "except OSError as error:\n    print(error)")
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60).stdout
    assert "must run with no network" in out, out


@pytest.fixture(scope="session")
def executed(kernel_specs):
    """Each notebook, run top to bottom on a fresh kernel: (the notebook with outputs, seconds)."""
    runs = {}

    def run(lang: str):
        if lang not in runs:
            notebook = nbformat.read(build.path(lang), as_version=4)
            manager = KernelManager(kernel_name=KERNEL, kernel_spec_manager=kernel_specs)
            client = NotebookClient(notebook, km=manager, timeout=CELL_TIMEOUT, allow_errors=False,
                                    resources={"metadata": {"path": str(build.FOLDER)}})
            start = time.perf_counter()
            try:
                client.execute()
            finally:  # nbclient leaves a kernel it was given running: stop it, or it outlives the test
                if manager.has_kernel:
                    manager.shutdown_kernel(now=True)
            runs[lang] = (notebook, time.perf_counter() - start)
            print(f"\n{build.path(lang).name}: executed in {runs[lang][1]:.1f} s")
        return runs[lang]

    return run


def printed(notebook) -> str:
    """Everything the code cells printed or returned as text."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", "") if output["output_type"] == "stream"
                         else output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_notebook_runs_top_to_bottom_without_an_error(executed, lang):
    notebook, seconds = executed(lang)
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors, errors
    images = sum("image/png" in o.get("data", {}) for c in notebook.cells for o in c.get("outputs", []))
    assert images >= 12, f"only {images} pictures came out"  # every plot, and the two %%manim frames
    assert seconds < 20 * 60


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_notebook_prints_the_scenes_numbers(executed, lang):
    text = printed(executed(lang)[0])
    one_line = (lambda s: s) if lang == "en" else tidy_chinese_spacing  # as the notebooks' say()
    say = lambda key, **values: one_line(STRINGS[key][lang].format(**values).replace("\n", " "))
    lesson = one_hour_linear_model("bikeshare")
    best = best_line_numbers(lesson.best)
    assert best == {"w": "0.846", "b": "20.9", "loss": "4,811"}  # as tests/test_same_model_numbers.py
    for line in (say("gd.w_star", w=best["w"]), say("gd.b_star", b=best["b"]), say("gd.l_star", loss=best["loss"])):
        assert line in text
    descent = gradient_descent()
    norm = f"{np.linalg.norm(descent.gradients[-1]):.6f}"
    stopped = STRINGS["gd.stopped_gradient"][lang].format(n=descent.n_updates, norm=norm, tol=f"{descent.tolerance:g}")
    assert stopped in text
    for guess in lesson.guesses:
        assert f"MAE = {guess.mae:.1f}" in text and f"MSE = {number_text(guess.mse)}" in text
    stop = early_stop(DEFAULT, 0)
    assert say("overfit.stopped", patience=DEFAULT.patience, stopped=stop.stopped_at, kept=stop.kept_epoch) in text
    assert say("overfit.kept_unseen", kept=stop.kept_epoch, value=f"{stop.unseen:.2f}", unit="°C") in text


def test_the_committed_notebooks_are_their_source_without_outputs():
    assert build.main(["--check"]) == 0, "rebuild them: python -m notebooks.source.build"
    for lang in LANGUAGES:
        notebook = json.loads(build.path(lang).read_text(encoding="utf-8"))
        code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
        assert code and all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


def _code_only(source: str) -> list[str]:
    """A cell's tokens without strings and comments: what it computes, whatever language it prints in."""
    lines = [line for line in source.splitlines() if not line.startswith("%%")]
    tokens = tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline)
    skip = {tokenize.STRING, tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}
    skip |= {getattr(tokenize, name) for name in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")
             if hasattr(tokenize, name)}
    return [tok.string for tok in tokens if tok.type not in skip]


def test_both_languages_run_the_same_code():
    """Every code cell computes the same in both notebooks; only the set-up cell (the language, the fonts) differs."""
    setup = [cell for cell in build.CELLS if 'os.environ["EXPLAINER_LANG"]' in cell.en]
    assert len(setup) == 1 and '"en"' in setup[0].en and '"zh"' in setup[0].zh
    for cell in build.CELLS:
        if cell.kind == "code" and cell.en != cell.zh and cell not in setup:
            assert _code_only(cell.en) == _code_only(cell.zh), cell.en[:80]
    assert sum(cell.kind == "code" for cell in build.CELLS) >= 20


def _words(lang: str, kinds=("markdown", "code")) -> str:
    return "\n".join(cell.source(lang) for cell in build.CELLS if cell.kind in kinds)


@pytest.mark.parametrize("term, en, zh, defined_in", TERMS, ids=[t[0] for t in TERMS])
def test_each_term_the_english_notebook_uses_is_in_the_chinese_one_by_its_chinese_name(term, en, zh, defined_in):
    # the prose (names in the code, such as mathcore.activations, are no terms)
    if re.search(en, _words("en", ("markdown",)), re.I):
        assert re.search(zh, _words("zh", ("markdown",)), re.I), f"{term!r} is in English, not as {zh!r} in Chinese"


def test_the_chinese_notebook_uses_the_books_terms():
    words = _words("zh")
    for term in ("模型", "损失", "梯度下降", "学习率", "批量", "回合", "优化器", "隐藏层", "过拟合", "早停", "验证",
                 "标签", "权重", "偏置", "超参数", "误差表面", "转折点", "模型偏差", "未见数据"):
        assert term in words, term
