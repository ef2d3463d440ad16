"""Strings of SigmoidKnobs."""

STRINGS = {
    "sigmoid.title": {"en": "A sigmoid approximates a hard sigmoid", "zh": "用 Sigmoid 逼近 Hard Sigmoid"},
    "sigmoid.hard": {"en": "hard sigmoid", "zh": "Hard Sigmoid"},
    "sigmoid.soft": {"en": "sigmoid", "zh": "Sigmoid"},
    "sigmoid.knob_w": {"en": "w changes the steepness", "zh": "w 改变斜率（陡峭程度）"},
    "sigmoid.knob_b": {"en": "b shifts it left and right", "zh": "b 让曲线左右平移"},
    "sigmoid.knob_c": {"en": "c changes the height", "zh": "c 改变高度"},
    "sigmoid.faint": {"en": "faint: {name} = {values}", "zh": "浅色曲线：{name} = {values}"},
    "sigmoid.best_fit": {
        "en": "For each w: the c and b closest\nto the hard sigmoid (mathcore)",
        "zh": "对每个 w：最接近 Hard Sigmoid\n的 c 和 b（mathcore 求得）",
    },
    "sigmoid.gap": {"en": "largest gap, % of the height =", "zh": "最大差距（占高度的 %）="},
    "sigmoid.shrinks": {
        "en": "As w grows the gap shrinks, down to\n{pct}% of the height at w = {w}",
        "zh": "w 变大，差距变小：在 w = {w} 时\n最小，为高度的 {pct}%",
    },
    "sigmoid.grows": {
        "en": "Steeper still, the gap grows again\n({pct}% at w = {w}): the sigmoid turns\ninto a step, not a ramp",
        "zh": "再陡下去，差距反而变大\n（w = {w} 时 {pct}%）：Sigmoid\n变成了台阶，而不是斜坡",
    },
    # Narration: line i is spoken over the stretch that ends at pause i.
    "SigmoidKnobs.say.0": {
        "en": "A sigmoid, c times sigma of b plus w x, beside a hard sigmoid.",
        "zh": "一个 Sigmoid：c 乘以 σ(b + w x)，旁边是一个 Hard Sigmoid。",
    },
    "SigmoidKnobs.say.1": {"en": "w changes the steepness.", "zh": "w 改变斜率。"},
    "SigmoidKnobs.say.2": {"en": "b shifts the curve left and right.", "zh": "b 让曲线左右移动。"},
    "SigmoidKnobs.say.3": {"en": "c changes its height.", "zh": "c 改变它的高度。"},
    "SigmoidKnobs.say.4": {
        "en": "For each w, mathcore finds the c and b that come closest; the yellow bar marks the largest gap.",
        "zh": "对每个 w，mathcore 找出最接近的 c 和 b；黄色竖线标出最大差距。",
    },
    "SigmoidKnobs.say.5": {
        "en": "As w grows the gap shrinks, down to its smallest at the best steepness.",
        "zh": "w 变大，差距变小，在最合适的斜率处最小。",
    },
    "SigmoidKnobs.say.6": {
        "en": "Steeper still, the gap grows again: a very steep sigmoid is a step, not a ramp.",
        "zh": "再陡下去，差距反而变大：很陡的 Sigmoid 是台阶，而不是斜坡。",
    },
}
