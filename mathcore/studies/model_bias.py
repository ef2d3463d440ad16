"""Model bias (CHAPTER.md §1): the best straight line cannot bend to the shape of the data.

The data are the points ReluFitTraining fits (``one_feature_relation(name, "cycle", n, seed)``):
for bikeshare, x₁ = the hour of the day (0-23) of a training hour and ŷ = the riders counted
in that hour, both in original units here (hours, riders/hour).

- ``line``: the best line ``y = b + w x₁``, the least-squares fit (the minimiser of the MSE),
  in closed form.
- ``curve``: a piecewise linear curve with a corner every ``corner_spacing`` hours, fitted
  the same way (least squares on the basis 1, x₁, max(0, x₁ − kᵢ)): a more flexible function.
- ``floor_mse``: the MSE of the mean of each hour, the lowest MSE any function of the hour
  alone can reach on these points (what remains is the spread between days at the same hour).

The line's loss above the curve's is the model bias: no choice of w and b removes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from mathcore.data import one_feature_relation
from mathcore.losses import mse
from mathcore.piecewise import PiecewiseLinear
from mathcore.surface import least_squares_line
from mathcore.validation import check_choice, check_positive_int

#: The points ReluFitTraining trains on (its run config's relation: n rows drawn with seed).
RELATION_N = 200
RELATION_SEED = 0
#: The data sets with an hour of the day.
HOURLY = ("bikeshare",)
#: Hours between the corners of the flexible curve.
CORNER_SPACING = 2


@dataclass(frozen=True, eq=False)
class HourOfDayFits:
    """The points (hour of day, riders/hour), the best line, a curve with corners, and the floor."""

    name: str
    unit: str
    hour: np.ndarray          # x₁ of each point: the hour of the day, 0..23
    label: np.ndarray         # ŷ: riders counted then (riders/hour)
    w: float                  # the best line's slope, riders/hour per hour of day
    b: float                  # its value at hour 0, riders/hour
    line_mse: float           # (riders/hour)²
    curve: PiecewiseLinear    # least-squares curve with a corner every corner_spacing hours
    corner_spacing: int
    curve_mse: float          # (riders/hour)²
    floor_mse: float          # (riders/hour)²: the MSE of each hour's mean

    @property
    def n(self) -> int:
        return len(self.label)

    @property
    def corners(self) -> np.ndarray:
        """The hours where the flexible curve may bend (its inner knots)."""
        return self.curve.x[1:-1]

    def line_output(self, hour: object) -> np.ndarray:
        """The best line's output y = b + w x₁ at ``hour``."""
        return self.b + self.w * np.asarray(hour, dtype=np.float64)

    def hourly_mean(self, hour: int) -> float:
        """The mean of the labels at ``hour`` (an hour with no point is an error)."""
        at = self.label[self.hour == hour]
        if len(at) == 0:
            raise ValueError(f"no point at hour {hour}; hours with points: {sorted(set(self.hour.tolist()))}")
        return float(at.mean())

    def line_miss(self, hour: int) -> float:
        """How far the line is below the data at ``hour``: mean label there minus the line there
        (positive: the line predicts too few riders; negative: too many)."""
        return self.hourly_mean(hour) - float(self.line_output(hour))

    def peak_hours(self) -> tuple[int, int]:
        """The busiest hour (highest mean) before noon and from noon on: the morning and evening peaks."""
        hours = sorted(set(self.hour.tolist()))
        morning = max((h for h in hours if h < 12), key=self.hourly_mean)
        evening = max((h for h in hours if h >= 12), key=self.hourly_mean)
        return int(morning), int(evening)


def _hinge_basis(hour: np.ndarray, corners: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones_like(hour), hour, *[np.maximum(0.0, hour - k) for k in corners]])


def _least_squares_curve(hour: np.ndarray, label: np.ndarray, spacing: int) -> PiecewiseLinear:
    lo, hi = float(hour.min()), float(hour.max())
    corners = np.arange(lo + spacing, hi, spacing, dtype=np.float64)
    coef, *_ = np.linalg.lstsq(_hinge_basis(hour, corners), label, rcond=None)
    knots = np.concatenate([[lo], corners, [hi]])
    values = _hinge_basis(knots, corners) @ coef
    return PiecewiseLinear(knots, values, left_slope=float(coef[1]), right_slope=float(coef[1:].sum()))


@lru_cache(maxsize=8)
def hour_of_day_fits(name: str = "bikeshare", n: int = RELATION_N, seed: int = RELATION_SEED,
                     corner_spacing: int = CORNER_SPACING) -> HourOfDayFits:
    """The line, the flexible curve and the floor on ``n`` training points of ``name``'s daily cycle."""
    name = check_choice("data set name (the hour of day needs hourly data)", name, HOURLY)
    corner_spacing = check_positive_int("corner_spacing", corner_spacing)
    relation = one_feature_relation(name, "cycle", check_positive_int("n", n), seed)
    hour = np.round(relation.x * relation.x_std + relation.x_mean)
    label = relation.y * relation.y_std + relation.y_mean
    if corner_spacing >= hour.max() - hour.min():
        raise ValueError(f"corner_spacing = {corner_spacing} leaves no corner inside hours "
                         f"{hour.min():g}..{hour.max():g}; use a smaller spacing")
    for array in (hour, label):
        array.setflags(write=False)
    w, b = least_squares_line(hour, label)
    curve = _least_squares_curve(hour, label, corner_spacing)
    means = {h: label[hour == h].mean() for h in set(hour.tolist())}
    floor = mse(np.array([means[h] for h in hour.tolist()]), label)
    return HourOfDayFits(name=name, unit=relation.unit, hour=hour, label=label, w=float(w), b=float(b),
                         line_mse=mse(b + w * hour, label), curve=curve, corner_spacing=corner_spacing,
                         curve_mse=mse(curve(hour), label), floor_mse=float(floor))
