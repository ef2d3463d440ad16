"""Strings of ReluPairHardSigmoid."""

STRINGS = {
    "relu_pair.title": {"en": "Two ReLUs make one hard sigmoid", "zh": "两个 ReLU 合成一个 Hard Sigmoid"},
    "relu_pair.name": {"en": "ReLU, the rectified linear unit: max(0, x)", "zh": "ReLU（修正线性单元）：max(0, x)"},
    "relu_pair.knob_b": {"en": "b shifts max(0, x) left or right", "zh": "b：把 max(0, x) 左右平移"},
    "relu_pair.knob_c": {"en": "c scales its slope, and flips it if c < 0",
                         "zh": "c：改变斜线的陡峭程度，c < 0 时正负翻转"},
    "relu_pair.deformed": {"en": "b = {b} shifts the kink to x = {kink}", "zh": "b = {b}：转折点平移到 x = {kink}"},
    "relu_pair.deformed_flipped": {"en": "b = {b}: kink at x = {kink}; c = {c} flips it",
                                   "zh": "b = {b}：转折点在 x = {kink}；c = {c}：翻转"},
    "relu_pair.sum": {"en": "their sum: a hard sigmoid", "zh": "两者之和：Hard Sigmoid"},
    "relu_pair.flat": {"en": "flat at {value}", "zh": "平台高度 {value}"},
    "relu_pair.many_inputs": {"en": "several inputs x₁, x₂, …:", "zh": "多个输入 x₁、x₂、… 时："},
    "relu_pair.formula_note": {
        "en": "twice as many ReLUs as hard sigmoids",
        "zh": "ReLU 的个数是 Hard Sigmoid 的两倍",
    },
    "relu_pair.activations": {"en": "Sigmoid and ReLU are both called activation functions",
                              "zh": "Sigmoid 和 ReLU 都叫做激活函数"},
    "relu_pair.red": {"en": "the red curve: b = {b}", "zh": "红色曲线：b = {b}"},
    "relu_pair.pair": {"en": "ReLU {a} + ReLU {b} = hard sigmoid {i}", "zh": "ReLU {a} + ReLU {b} = Hard Sigmoid {i}"},
    "relu_pair.all": {
        "en": "b + {n} ReLUs = {m} hard sigmoids = the red curve",
        "zh": "b + {n} 个 ReLU = {m} 个 Hard Sigmoid = 红色曲线",
    },
    # Narration: line i is spoken over the stretch that ends at pause i.
    "ReluPairHardSigmoid.say.0": {
        "en": "Each ReLU here, a rectified linear unit, is a deformed max(0, x): b shifts it left or right, "
              "c scales it, and a negative c flips it.",
        "zh": "ReLU 叫作修正线性单元。这里的每个 ReLU 都是变形过的 max(0, x)：b 让它左右平移，c 改变斜线的陡峭程度，c 为负时还会把斜线翻转。",
    },
    "ReluPairHardSigmoid.say.1": {
        "en": "The example's two ReLUs: max(0, x − {first}), with its kink at {first}; "
              "and −max(0, x − {second}), shifted to {second} and flipped.",
        "zh": "例子里的两个 ReLU：max(0, x − {first})，转折点在 {first}；"
              "以及 −max(0, x − {second})，平移到 {second} 并且翻转。",
    },
    "ReluPairHardSigmoid.say.2": {
        "en": "Past the second kink the first reads {ups}, and the second {downs}.",
        "zh": "过了第二个转折点，第一个的值是 {ups}，第二个是 {downs}。",
    },
    "ReluPairHardSigmoid.say.3": {
        "en": "Their sum stays at {flat}: two ReLUs make one hard sigmoid, with kinks at {first} and {second}.",
        "zh": "两者之和保持在 {flat}：两个 ReLU 合成一个 Hard Sigmoid，转折点在 {first} 和 {second}。",
    },
    "ReluPairHardSigmoid.say.4": {
        "en": "So a sum of ReLUs can write any piecewise linear curve, two per hard sigmoid. "
              "With several inputs, each ReLU reads its bias plus a weighted sum of them. "
              "Sigmoid and ReLU are both called activation functions.",
        "zh": "所以 ReLU 之和可以写出任何分段线性曲线：每个 Hard Sigmoid 用两个 ReLU。"
              "有多个输入时，每个 ReLU 读的是它的偏置加上这些输入的加权和。"
              "Sigmoid 和 ReLU 都叫做激活函数。",
    },
    "ReluPairHardSigmoid.say.5": {
        "en": "The first pair makes the first hard sigmoid of the red curve.",
        "zh": "第一对 ReLU 组成红色曲线的第一个 Hard Sigmoid。",
    },
    "ReluPairHardSigmoid.say.6": {
        "en": "{pairs} pairs, {relus} ReLUs, plus the constant b: exactly the red curve.",
        "zh": "{pairs} 对、{relus} 个 ReLU，再加上常数 b：恰好就是红色曲线。",
    },
}
