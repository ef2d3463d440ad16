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
    # Narration: line i is spoken over the stretch that ends at pause i.
    "PiecewiseAsHardSigmoids.say.0": {
        "en": "A red piecewise linear curve: straight pieces joined at corners.",
        "zh": "一条红色的分段线性曲线：由直线段在转折点处连接而成。",
    },
    "PiecewiseAsHardSigmoids.say.1": {
        "en": "Start from a constant, the red curve's value where it starts. "
              "The first hard sigmoid ramps from the start to the first corner.",
        "zh": "先取一个常数，即红色曲线起点的值。第一个 Hard Sigmoid 从起点一直升到第一个转折点。",
    },
    "PiecewiseAsHardSigmoids.say.2": {
        "en": "Each further corner adds one more hard sigmoid; together they stack exactly into the red curve.",
        "zh": "每多一个转折点就多一个 Hard Sigmoid；它们叠加起来恰好就是红色曲线。",
    },
    "PiecewiseAsHardSigmoids.say.3": {
        "en": "A smooth curve, approximated by two straight pieces.",
        "zh": "一条光滑曲线，用两段直线来逼近。",
    },
    "PiecewiseAsHardSigmoids.say.4": {
        "en": "With four, eight and sixteen pieces the largest error keeps falling: more pieces, more flexibility.",
        "zh": "用四段、八段、十六段，最大误差不断下降：段数越多越灵活。",
    },
}
