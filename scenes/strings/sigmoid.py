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
}
