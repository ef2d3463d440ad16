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
    "piecewise.first": {"en": "The flat start is the constant; the first ramp runs from corner 1 to corner 2",
                        "zh": "开头平的一段就是常数；第一个斜坡从第 1 个转折点到第 2 个转折点"},
    "piecewise.exact": {"en": "constant + hard sigmoids {ids} = exactly the red curve",
                        "zh": "常数 + Hard Sigmoid {ids} = 恰好就是红色曲线"},
    "piecewise.smooth_title": {"en": "More corners approximate any smooth curve",
                               "zh": "转折点越多，越能逼近任意光滑曲线"},
    "piecewise.smooth": {"en": "smooth curve", "zh": "光滑曲线"},
    "piecewise.pieces": {"en": "pieces", "zh": "段数"},
    "piecewise.error": {"en": "max error", "zh": "最大误差"},
    "piecewise.flexible": {"en": "more corners, smaller error:\nconstant + enough hard sigmoids\n"
                                 "≈ any continuous curve",
                           "zh": "转折点越多，误差越小：\n常数 + 足够多的 Hard Sigmoid\n≈ 任意连续曲线"},
    # Narration: line i is spoken over the stretch that ends at pause i.
    "PiecewiseAsHardSigmoids.say.0": {
        "en": "A red piecewise linear curve: straight pieces joined at corners, flat at both ends.",
        "zh": "一条红色的分段线性曲线：由直线段在转折点处连接而成，两端是平的。",
    },
    "PiecewiseAsHardSigmoids.say.1": {
        "en": "Start from a constant: the red curve's value where it starts, {constant}. "
              "The first hard sigmoid ramps from the first corner to the second.",
        "zh": "先取一个常数：红色曲线起点处的值 {constant}。第一个 Hard Sigmoid 从第一个转折点升到第二个转折点。",
    },
    "PiecewiseAsHardSigmoids.say.2": {
        "en": "Each further corner adds one more hard sigmoid; the constant and these {pieces} stack exactly "
              "into the red curve.",
        "zh": "每多一个转折点就多一个 Hard Sigmoid；常数加上这 {pieces} 个，叠加起来恰好就是红色曲线。",
    },
    "PiecewiseAsHardSigmoids.say.3": {
        "en": "A smooth curve, approximated by {first} straight pieces.",
        "zh": "一条光滑曲线，用 {first} 段直线来逼近。",
    },
    "PiecewiseAsHardSigmoids.say.4": {
        "en": "Up to {last} pieces, the largest error falls from {first_error} to {last_error}: "
              "enough corners come as close as we like to any continuous curve.",
        "zh": "直到 {last} 段，最大误差从 {first_error} 降到 {last_error}：转折点足够多，就能任意接近任何连续曲线。",
    },
}
