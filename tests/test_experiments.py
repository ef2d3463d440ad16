"""mathcore.studies.experiments: the book's grid on real data (reduced), JSON, cache, CLI, bad input."""

import json
import math
import subprocess
import sys
import warnings

import numpy as np
import pytest

from mathcore.data import windows
from mathcore.models import MLP
from mathcore.optim import Adam
from mathcore.studies import experiments as ex
from mathcore.studies.experiments import GRID, ExperimentTable, one_day_linear_fit, protocol, run_grid
from mathcore.train import fit


@pytest.fixture(scope="module")
def reduced() -> ExperimentTable:
    """The reduced bike-share grid (2 seeds), computed once for this module."""
    return run_grid("bikeshare", reduced=True, progress=False)


def test_grid_is_the_books_table_in_the_books_order():
    assert [r.group for r in GRID] == ["days"] * 4 + ["relus"] * 3 + ["layers"] * 4
    assert [r.k for r in GRID if r.group == "days"] == [1, 7, 28, 56]
    assert all(r.hidden == () for r in GRID if r.group == "days")
    assert [r.hidden for r in GRID if r.group == "relus"] == [(10,), (100,), (1000,)]
    assert [r.hidden for r in GRID if r.group == "layers"] == [(100,) * d for d in (1, 2, 3, 4)]
    assert all(r.k == 56 for r in GRID if r.group != "days")
    assert len({r.label for r in GRID}) == len(GRID)
    # the book's shape: within each group the training loss never rises; unseen turns up at 4 layers
    for group in ("days", "relus", "layers"):
        book_train = [r.book_train for r in GRID if r.group == group]
        assert all(a >= b for a, b in zip(book_train, book_train[1:])), group
    layers = [r.book_unseen for r in GRID if r.group == "layers"]
    assert layers[3] > layers[2] < layers[1]


def test_reduced_grid_training_loss_falls_as_capacity_grows(reduced):
    days, relus, layers = (reduced.group(g) for g in ("days", "relus", "layers"))
    train = lambda rows: [r.train_mae_mean for r in rows]  # noqa: E731
    # more previous hours: strictly lower training MAE at every step (nested linear models)
    assert all(a > b for a, b in zip(train(days), train(days)[1:])), train(days)
    # more ReLUs: the widest beats the narrowest, and 16 beats 4 (16 vs 64 is within seed noise)
    assert train(relus)[0] > train(relus)[1] and train(relus)[0] > train(relus)[2], train(relus)
    # more layers: 2 and 4 layers beat 1 (2 vs 3 vs 4 is within seed noise at this size)
    assert train(layers)[0] > train(layers)[1] and train(layers)[0] > train(layers)[3], train(layers)
    # every ReLU network beats the best linear model, on training and on unseen data
    for r in relus + layers:
        assert r.train_mae_mean < days[-1].train_mae_mean - 3.0
        assert r.unseen_mae_mean < days[-1].unseen_mae_mean
    # the duplicate row is the same run, shown twice
    one, hundred = reduced.row("1 layer of 100 ReLU"), reduced.row("100 ReLU")
    assert one.train_mae == hundred.train_mae and one.hidden == hundred.hidden == [16]


def test_reduced_rows_are_consistent_with_the_protocol(reduced):
    p = reduced.protocol
    assert p["loss"] == "mae" and p["seeds"] == [0, 1] and p["reduced"] is True
    for r in reduced.rows:
        assert r.seeds == [0, 1] and len(r.train_mae) == len(r.unseen_mae) == len(r.val_mae) == 2
        for run, best in zip(r.epochs_run, r.best_epoch):
            assert 0 <= best <= run <= p["max_epochs"]
            if run < p["max_epochs"]:  # stopped early: exactly `patience` epochs after the best
                assert run == best + p["early_stopping"]["patience_epochs"]
        assert all(0 < v < 200 for v in r.train_mae + r.val_mae + r.unseen_mae)
        assert r.train_mae_std == pytest.approx(np.std(r.train_mae, ddof=1))


def test_a_reported_row_is_the_best_validation_checkpoint_in_riders_per_hour(reduced):
    p = reduced.protocol
    w = windows(56, "bikeshare")
    model = MLP(1, (), seed=1)
    trajectory = fit(model, w.X_train[:, :1], w.y_train, loss="mae", optimizer=Adam(p["optimizer"]["lr"]),
                     epochs=p["max_epochs"], batch_size=p["batch_size"], seed=1,
                     X_val=w.X_val[:, :1], y_val=w.y_val,
                     record_every=math.ceil(len(w.y_train) / p["batch_size"]),
                     patience=p["early_stopping"]["patience_epochs"])
    model.set_theta(trajectory.best_theta)
    unseen = np.mean(np.abs(w.unstandardise(model.forward(w.X_unseen[:, :1])) - w.unstandardise(w.y_unseen)))
    row = reduced.row("linear, k=1")
    assert row.unseen_mae[1] == pytest.approx(unseen, rel=1e-12)
    assert row.best_epoch[1] == trajectory.best_step and row.epochs_run[1] == trajectory.n_steps


def test_json_round_trip_and_table_text(reduced, tmp_path):
    text = reduced.to_json()
    back = ExperimentTable.from_json(text)
    assert back.to_json() == text
    assert back.protocol == reduced.protocol and back.rows[5].unseen_mae == reduced.rows[5].unseen_mae
    d = json.loads(text)
    assert d["rows"][0]["train_mae_mean"] == pytest.approx(reduced.rows[0].train_mae_mean)
    path = reduced.write_json(tmp_path / "sub" / "t.json")
    assert ExperimentTable.read_json(path).to_json() == text
    assert [p.name for p in path.parent.iterdir()] == ["t.json"]  # no temporary file left behind
    table = reduced.format_table()
    assert "linear, 56 hours" in table and "4 layers of 16 ReLU" in table and "0.44 (overfit)" in table
    assert f"{reduced.row('linear, k=1').train_mae_mean:.1f}" in table


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda d: d.pop("rows"), "rows"),
        (lambda d: d.update(format="other"), "format"),
        (lambda d: d["rows"][0].update(train_mae=[1.0]), "train_mae"),
        (lambda d: d["rows"][0].update(unseen_mae=[1.0, "x"]), "unseen_mae"),
    ],
)
def test_from_json_rejects_damaged_tables(reduced, edit, message):
    d = json.loads(reduced.to_json())
    edit(d)
    with pytest.raises(ValueError, match=message):
        ExperimentTable.from_json(json.dumps(d))
    with pytest.raises(ValueError, match="valid experiment table"):
        ExperimentTable.from_json("{not json")


def test_load_or_run_uses_a_valid_cache_and_recomputes_a_bad_one(reduced, tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(tmp_path))
    path = ex.cache_path("bikeshare", reduced=True)
    assert path == tmp_path / "experiments" / "bikeshare-reduced.json"
    reduced.write_json(path)
    calls = []

    def fake_run_grid(name, reduced_, progress=True):
        calls.append(name)
        return reduced

    monkeypatch.setattr(ex, "run_grid", fake_run_grid)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ex.load_or_run("bikeshare", reduced=True).to_json() == reduced.to_json()
    assert calls == []

    path.write_text(reduced.to_json()[:200])  # truncated: corrupt
    with pytest.warns(UserWarning, match="unreadable"):
        ex.load_or_run("bikeshare", reduced=True)
    assert calls == ["bikeshare"] and ExperimentTable.read_json(path).to_json() == reduced.to_json()

    d = json.loads(reduced.to_json())
    d["protocol"]["version"] = -1
    path.write_text(json.dumps(d))
    with pytest.warns(UserWarning, match="another protocol"):
        ex.load_or_run("bikeshare", reduced=True)
    assert len(calls) == 2 and ExperimentTable.read_json(path).protocol == protocol("bikeshare", True)


BAD = [
    (dict(name="youtube"), ValueError, "bikeshare"),
    (dict(seeds=()), ValueError, "seeds"),
    (dict(seeds=(0, 0)), ValueError, "distinct"),
    (dict(seeds=(-1,)), ValueError, "seeds"),
    (dict(seeds=3), TypeError, "seeds"),
    (dict(seeds="012"), TypeError, "seeds"),
    (dict(seeds=(0.5,)), TypeError, "seeds"),
    (dict(reduced="yes"), TypeError, "reduced"),
]


@pytest.mark.parametrize("kwargs, error, message", BAD)
def test_bad_input_is_rejected_before_any_training(kwargs, error, message, monkeypatch):
    monkeypatch.setattr(ex, "fit", lambda *a, **k: pytest.fail("trained despite bad input"))
    with pytest.raises(error, match=message):
        run_grid(**{"reduced": True, "progress": False, **kwargs})


def test_unknown_data_set_elsewhere():
    for call in (lambda: one_day_linear_fit("youtube"), lambda: ex.load_or_run("youtube")):
        with pytest.raises(ValueError, match="seattle"):
            call()


@pytest.mark.parametrize("name", ["bikeshare", "seattle"])
def test_one_day_linear_fit_matches_numpy_lstsq_in_both_unit_systems(name):
    result = one_day_linear_fit(name)
    w = windows(1, name)
    x, y = w.unstandardise(w.X_train[:, 0]), w.unstandardise(w.y_train)  # original units
    (slope, intercept), *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)
    assert result.w == pytest.approx(slope, rel=1e-9)
    assert result.b_original == pytest.approx(intercept, rel=1e-9, abs=1e-9 * w.std)
    assert result.train_mae == pytest.approx(np.mean(np.abs(intercept + slope * x - y)), rel=1e-9)
    assert result.train_mae_standardised == pytest.approx(result.train_mae / w.std)
    (s_std, b_std), *_ = np.linalg.lstsq(np.column_stack([w.X_train[:, 0], np.ones(len(x))]), w.y_train,
                                         rcond=None)
    assert result.b == pytest.approx(b_std, abs=1e-12) and result.n == len(x)
    assert f"w* = {result.w:.2f}" in result.describe() and w.unit in result.describe()


def test_command_line_prints_both_tables_and_writes_json(reduced, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(tmp_path))
    reduced.write_json(ex.cache_path("bikeshare", reduced=True))  # so the CLI reads, not trains
    out_json = tmp_path / "out.json"
    assert ex.main(["--reduced", "--quiet", "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    assert "book: unseen" in out and "w* = " in out and "1 layer of 16 ReLU *" in out
    assert ExperimentTable.read_json(out_json).to_json() == reduced.to_json()
    with pytest.raises(SystemExit):
        ex.main(["--seeds", "0"])
    with pytest.raises(SystemExit):
        ex.main(["--data", "youtube"])


def test_module_runs_as_a_program():
    result = subprocess.run([sys.executable, "-m", "mathcore.studies.experiments", "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "--reduced" in result.stdout and "--seeds" in result.stdout
