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
}
