"""Writes the learner's notebooks, ``notebooks/chapter1_<lang>.ipynb``, from the cells in ``notebooks/source/``.

    python -m notebooks.source.build           # write both notebooks (no outputs)
    python -m notebooks.source.build --check   # exit 1 if a committed notebook differs from its source

Edit the cells here, not in Jupyter: both notebooks are written from one list, so their code
stays the same and only their words differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

from notebooks.source.cells import LANGUAGES, Cell
from notebooks.source.part_networks import DEPTH, HARD_SIGMOIDS, RELU_TRAINING
from notebooks.source.part_rate_bias import MODEL_BIAS, RATE_EXERCISE
from notebooks.source.part_three_steps import SETUP, STEP_1, STEP_2, STEP_3
from notebooks.source.part_training import BATCHES, END, OPTIMISERS, OVERFITTING

FOLDER = Path(__file__).resolve().parent.parent
CELLS: list[Cell] = [*SETUP, *STEP_1, *STEP_2, *STEP_3, *RATE_EXERCISE, *MODEL_BIAS, *HARD_SIGMOIDS,
                     *RELU_TRAINING, *DEPTH, *BATCHES, *OVERFITTING, *OPTIMISERS, *END]
KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def path(lang: str) -> Path:
    return FOLDER / f"chapter1_{lang}.ipynb"


def notebook(lang: str):
    """The notebook in ``lang``, without outputs; cell ids are fixed so that a rebuild changes nothing."""
    try:
        import nbformat
    except ImportError:
        raise ImportError("writing the notebooks needs nbformat, in the notebook extra: "
                          "pip install -e '.[notebook]'") from None
    cells = []
    for i, cell in enumerate(CELLS):
        make = nbformat.v4.new_markdown_cell if cell.kind == "markdown" else nbformat.v4.new_code_cell
        cells.append(make(cell.source(lang), id=f"cell-{i:02d}"))
    metadata = {"kernelspec": KERNEL, "language_info": {"name": "python"}}
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)


def text(lang: str) -> str:
    """The notebook file's text, as written."""
    import nbformat

    return nbformat.writes(notebook(lang)) + "\n"


def main(argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        print("usage: python -m notebooks.source.build [--check]", file=sys.stderr)
        return 2
    stale = []
    for lang in LANGUAGES:
        wanted, target = text(lang), path(lang)
        if argv == ["--check"]:
            if not target.exists() or target.read_text(encoding="utf-8") != wanted:
                stale.append(str(target))
        else:
            target.write_text(wanted, encoding="utf-8")
            print(target)
    if stale:
        print("out of date (run: python -m notebooks.source.build): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
