"""Strings of PiecewiseAsHardSigmoids."""

STRINGS = {
    "piecewise.title": {"en": "A piecewise linear curve = constant + hard sigmoids",
                        "zh": "分段线性曲线 = 常数 + 一组 Hard Sigmoid"},
    "piecewise.red": {"en": "red: piecewise linear", "zh": "红色：分段线性曲线"},
    "piecewise.constant": {"en": "constant = {value}:\nthe red curve's value at its start",
                           "zh": "常数 = {value}：\n红色曲线起点处的值"},
    "piecewise.piece": {"en": "hard sigmoid {i}: height {height}", "zh": "Hard Sigmoid {i}：高度 {height}"},
    "piecewise.running": {"en": "blue: constant +\nthe hard sigmoids so far",
                          "zh": "蓝色：常数 +\n目前为止的 Hard Sigmoid"},
    "piecewise.first": {"en": "The first ramp runs from the start to the first corner",
                        "zh": "第一个斜坡从起点一直到第一个转折点"},
    "piecewise.exact": {"en": "constant + 1 + 2 + 3 is exactly the red curve",
                        "zh": "常数 + 1 + 2 + 3 恰好等于红色曲线"},
    "piecewise.smooth_title": {"en": "More corners approximate any smooth curve",
                               "zh": "转折点越多，越能逼近任意光滑曲线"},
    "piecewise.smooth": {"en": "smooth curve", "zh": "光滑曲线"},
    "piecewise.pieces": {"en": "pieces", "zh": "段数"},
    "piecewise.error": {"en": "max error", "zh": "最大误差"},
    "piecewise.flexible": {"en": "more pieces, more flexibility:\nthe error keeps falling",
                           "zh": "段数越多越灵活：\n误差不断下降"},
}
