"""Strings of ReluPairHardSigmoid."""

STRINGS = {
    "relu_pair.title": {"en": "Two ReLUs make one hard sigmoid", "zh": "两个 ReLU 合成一个 Hard Sigmoid"},
    "relu_pair.up": {"en": "rising ReLU", "zh": "上升的 ReLU"},
    "relu_pair.down": {"en": "cancelling ReLU", "zh": "抵消的 ReLU"},
    "relu_pair.sum": {"en": "their sum: a hard sigmoid", "zh": "两者之和：Hard Sigmoid"},
    "relu_pair.flat": {"en": "flat at {value}", "zh": "平台高度 {value}"},
    "relu_pair.formula_note": {
        "en": "twice as many ReLUs as hard sigmoids",
        "zh": "ReLU 的个数是 Hard Sigmoid 的两倍",
    },
    "relu_pair.red": {"en": "the red curve: b = {b}", "zh": "红色曲线：b = {b}"},
    "relu_pair.pair": {"en": "ReLU {a} + ReLU {b} = hard sigmoid {i}", "zh": "ReLU {a} + ReLU {b} = Hard Sigmoid {i}"},
    "relu_pair.all": {
        "en": "b + {n} ReLUs = {m} hard sigmoids = the red curve",
        "zh": "b + {n} 个 ReLU = {m} 个 Hard Sigmoid = 红色曲线",
    },
    # Narration after the first three pauses (those are in scenes/strings/narration.py).
    "ReluPairHardSigmoid.say.3": {
        "en": "So a sum of ReLUs can write any piecewise linear curve: two per hard sigmoid.",
        "zh": "所以 ReLU 之和可以写出任何分段线性曲线：每个 Hard Sigmoid 用两个 ReLU。",
    },
    "ReluPairHardSigmoid.say.4": {
        "en": "The first pair makes the first hard sigmoid of the red curve.",
        "zh": "第一对 ReLU 组成红色曲线的第一个 Hard Sigmoid。",
    },
    "ReluPairHardSigmoid.say.5": {
        "en": "Three pairs, six ReLUs, plus the constant b: exactly the red curve.",
        "zh": "三对、六个 ReLU，再加上常数 b：恰好就是红色曲线。",
    },
}
