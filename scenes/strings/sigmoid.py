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
        "en": "For each w: the c and b that\ncome closest to the hard sigmoid",
        "zh": "对每个 w：取最接近\nHard Sigmoid 的 c 和 b",
    },
    "sigmoid.gap": {"en": "largest gap, % of the height =", "zh": "最大差距占高度的百分比 ="},
    "sigmoid.shrinks": {
        "en": "As w grows the gap shrinks, down to\n{pct}% of the height at w = {w}",
        "zh": "w 变大，差距变小：在 w = {w} 时\n最小，为高度的 {pct}%",
    },
    "sigmoid.grows": {
        "en": "Steeper still, the gap grows again\n({pct}% at w = {w}):\nthe sigmoid is now a step, not a ramp",
        "zh": "再陡下去，差距反而变大\n（w = {w} 时 {pct}%）：\n这时 Sigmoid 像台阶，不像斜坡",
    },
    "sigmoid.sum_title": {"en": "A whole curve: b + a sum of sigmoids", "zh": "整条曲线：b + 一组 Sigmoid 之和"},
    "sigmoid.sum_b": {"en": "b = {b}: the red curve's value at its start",
                      "zh": "b = {b}：红色曲线起点处的值"},
    "sigmoid.sum_gap": {"en": "largest gap to the red curve: {gap}", "zh": "与红色曲线的最大差距：{gap}"},
    "sigmoid.sum_red": {"en": "red curve", "zh": "红色曲线"},
    "sigmoid.sum_green": {"en": "b + the sum of sigmoids", "zh": "b + Sigmoid 之和"},
    # Narration: line i is spoken over the stretch that ends at pause i.
    "SigmoidKnobs.say.0": {
        "en": "A sigmoid: y = c σ(b + w x₁), where σ(z) = 1 / (1 + e⁻ᶻ). Beside it, a hard sigmoid.",
        "zh": "一个 Sigmoid：y = c σ(b + w x₁)，其中 σ(z) = 1 / (1 + e⁻ᶻ)。"
              "旁边是一个 Hard Sigmoid。",
    },
    "SigmoidKnobs.say.1": {"en": "w changes the steepness.", "zh": "w 改变斜率（陡峭程度）。"},
    "SigmoidKnobs.say.2": {"en": "b shifts the curve left and right.", "zh": "b 让曲线左右移动。"},
    "SigmoidKnobs.say.3": {"en": "c changes its height.", "zh": "c 改变它的高度。"},
    "SigmoidKnobs.say.4": {
        "en": "For each w we take the c and b that come closest; the yellow bar marks the largest gap.",
        "zh": "对每个 w，取最接近的 c 和 b；黄色竖线标出最大差距。",
    },
    "SigmoidKnobs.say.5": {
        "en": "As w grows the gap shrinks, down to its smallest at the best steepness.",
        "zh": "w 变大，差距变小，在最合适的斜率处最小。",
    },
    "SigmoidKnobs.say.6": {
        "en": "Steeper still, the gap grows again: a very steep sigmoid is a step, not a ramp.",
        "zh": "再陡下去，差距反而变大：很陡的 Sigmoid 是台阶，而不是斜坡。",
    },
    "SigmoidKnobs.say.7": {
        "en": "Each of the red curve's {count} hard sigmoids becomes a sigmoid with its own c, b and w; "
              "with the constant b, they stay within {gap} of the red curve.",
        "zh": "红色曲线的 {count} 个 Hard Sigmoid 各换成一个 Sigmoid，各有自己的 c、b、w；"
              "加上常数 b，与红色曲线最多相差 {gap}。",
    },
}
