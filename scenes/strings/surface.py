"""Strings of ErrorSurface and TangentStep (CHAPTER.md §7-8)."""

STRINGS = {
    # ErrorSurface
    "surface.title": {"en": "The error surface L(w, b)", "zh": "误差表面 L(w, b)"},
    "surface.scale": {"en": "L (MSE),\n(riders/h)²", "zh": "L（MSE），\n(人/小时)²"},
    "surface.each_point": {
        "en": "every point (w, b) is one line\ny = b + w·x₁; its colour is its\nloss L over all training hours",
        "zh": "每个点 (w, b) 是一条直线\ny = b + w·x₁；颜色是它在全部\n训练数据上的损失 L",
    },
    "surface.b_axis": {"en": "b (riders/h)", "zh": "b（人/小时）"},
    "surface.guess": {"en": "guess {n}: w = {w}, b = {b}, L = {loss}", "zh": "猜测 {n}：w = {w}，b = {b}，L = {loss}"},
    "surface.height": {"en": "height = loss L", "zh": "高度 = 损失 L"},
    "surface.lowest": {"en": "the lowest point (step 3 finds it):", "zh": "最低点（步骤 3 会找到它）："},
    "surface.final": {"en": "w* = {w},  b* = {b} riders/h", "zh": "w* = {w}，  b* = {b} 人/小时"},
    "surface.final_loss": {"en": "L* = {loss} (riders/h)²", "zh": "L* = {loss} (人/小时)²"},
    "ErrorSurface.say.0": {
        "en": "Every pair w, b is one line, and one point of this map, coloured by its loss. "
              "Step one's guesses have losses {guess_a} and {guess_b}.",
        "zh": "每一对 w、b 是一条直线，也是这张图上的一个点，颜色表示它的损失。步骤一的两个猜测是两个点，损失分别是 {guess_a} 和 {guess_b}。",
    },
    "ErrorSurface.say.1": {
        "en": "Lift every point to the height of its loss, and the map becomes a valley.",
        "zh": "把每个点抬到它的损失那么高，这张图就变成一个山谷。",
    },
    "ErrorSurface.say.2": {
        "en": "Its lowest point is the best line: w* = {w}, b* = {b} riders per hour, with a loss of {loss}. "
              "Step three will find it by walking downhill.",
        "zh": "山谷的最低点就是最好的直线：w* = {w}，b* = {b} 人/小时，损失是 {loss}。步骤三会沿着下坡走，找到它。",
    },
    # TangentStep
    "tangent.title": {"en": "One step of gradient descent", "zh": "梯度下降的一步"},
    "tangent.slice": {"en": "L(w) in (riders/h)², with b fixed at b* = {b}", "zh": "固定 b = b* = {b} 时的 L(w)，单位 (人/小时)²"},
    "tangent.slope": {"en": "slope ∂L/∂w = {slope}", "zh": "斜率 ∂L/∂w = {slope}"},
    "tangent.step": {"en": "w¹ = w⁰ − η·slope\n    = {w0} − {lr}·({slope})\n    = {w1}",
                     "zh": "w¹ = w⁰ − η·斜率\n    = {w0} − {lr}·({slope})\n    = {w1}"},
    "tangent.eta": {"en": "η (learning rate) = {lr}", "zh": "η（学习率）= {lr}"},
    "tangent.eta_why": {
        "en": "so small because L, in (riders/h)², is\nsteep in w: above η = {bound}, each step\n"
              "would land further from the bottom",
        "zh": "这么小，是因为以 (人/小时)² 计，L 沿 w 很陡：\nη 超过 {bound} 时，每一步落点\n都会比起点离碗底更远",
    },
    "tangent.positive": {"en": "slope > 0: w gets smaller", "zh": "斜率 > 0：w 变小"},
    "tangent.negative": {"en": "slope < 0: w gets larger", "zh": "斜率 < 0：w 变大"},
    "tangent.bottom": {"en": "slope 0 at w* = {w}: no step,\ngradient descent stops", "zh": "在 w* = {w} 处斜率为 0：\n不再移动，梯度下降停下"},
    "tangent.bowl": {"en": "This L(w) is a bowl (a parabola):\nits slope is 0 only at the bottom.",
                     "zh": "这里的 L(w) 是一个碗（抛物线）：\n只有碗底的斜率为 0。"},
    "tangent.local": {"en": "The loss of a more flexible model can\nhave other dips, local minima, where\nthe slope is 0 too and descent stops\nshort of the lowest point.",
                      "zh": "更有灵活性的模型，损失可能还有别的低谷，\n即局部最小值：那里斜率也为 0，\n梯度下降会停在那里，到不了最低点。"},
    "TangentStep.say.0": {
        "en": "Hold b at its best value and look at L as a function of w alone.",
        "zh": "把 b 固定在最好的值，只看 L 随 w 的变化。",
    },
    "TangentStep.say.1": {
        "en": "At w⁰, the tangent has a slope. A positive slope moves w to the left; the step is the learning rate times the slope. "
              "The rate is tiny here because this loss, in riders squared, is so steep.",
        "zh": "起点 w⁰ 处的切线有一个斜率。斜率为正，w 就往左走；步长是学习率乘以斜率。这里的学习率很小，因为以 (人/小时)² 计的损失非常陡。",
    },
    "TangentStep.say.2": {
        "en": "A negative slope moves w to the right.",
        "zh": "斜率为负，w 就往右走。",
    },
    "TangentStep.say.3": {
        "en": "Where the slope is zero, the step is zero and descent stops: in this bowl, only at the bottom. "
              "A more flexible model can have other dips, local minima, where it stops too.",
        "zh": "斜率为零的地方，步长也是零，梯度下降就停下。这个碗只有碗底是这样。更有灵活性的模型可能还有别的低谷，也就是局部最小值，梯度下降也会停在那里。",
    },
}
