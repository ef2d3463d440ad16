"""Strings of ErrorSurface and TangentStep (CHAPTER.md §7-8)."""

STRINGS = {
    # ErrorSurface
    "surface.title": {"en": "The error surface L(w, b)", "zh": "误差曲面 L(w, b)"},
    "surface.scale": {"en": "L ({loss})", "zh": "L（{loss}）"},
    "surface.each_point": {
        "en": "every point (w, b)\nis one model;\nits colour is its loss",
        "zh": "每个点 (w, b)\n是一个模型，\n颜色是它的损失",
    },
    "surface.grid_min": {"en": "lowest grid point", "zh": "网格最低点"},
    "surface.height": {"en": "height = loss", "zh": "高度 = 损失"},
    "surface.gd": {"en": "gradient descent, η = {lr}", "zh": "梯度下降，η = {lr}"},
    "surface.step": {"en": "step", "zh": "步数"},
    "surface.arrow": {"en": "−∇L (a step is η of it)", "zh": "−∇L（每步走它的 η 倍）"},
    "surface.start": {"en": "start θ⁰", "zh": "起点 θ⁰"},
    "surface.final": {"en": "w* = {w},  b* = {b}", "zh": "w* = {w}，  b* = {b}"},
    "surface.final_loss": {"en": "L(w*, b*) = {loss}", "zh": "L(w*, b*) = {loss}"},
    "ErrorSurface.say.0": {
        "en": "Every pair w, b is one model. Colour each point by its loss: blue is low, red is high.",
        "zh": "每一对 w、b 都是一个模型。按损失给每个点上色：蓝色低，红色高。",
    },
    "ErrorSurface.say.1": {
        "en": "Lift every point to the height of its loss, and the map becomes a valley.",
        "zh": "把每个点抬到它的损失那么高，这张图就变成了一个山谷。",
    },
    "ErrorSurface.say.2": {
        "en": "Gradient descent starts somewhere and steps against the gradient, downhill, until it stops.",
        "zh": "梯度下降从某处出发，沿梯度的反方向一步步往下走，直到停下。",
    },
    # TangentStep
    "tangent.title": {"en": "One step of gradient descent", "zh": "梯度下降的一步"},
    "tangent.slice": {"en": "L(w) with b fixed at {b}", "zh": "固定 b = {b} 时的 L(w)"},
    "tangent.slope": {"en": "slope ∂L/∂w = {slope}", "zh": "斜率 ∂L/∂w = {slope}"},
    "tangent.step": {"en": "w¹ = w⁰ − η·slope\n    = {w0} − {lr}·({slope})\n    = {w1}",
                     "zh": "w¹ = w⁰ − η·斜率\n    = {w0} − {lr}·({slope})\n    = {w1}"},
    "tangent.positive": {"en": "slope > 0: w gets smaller", "zh": "斜率 > 0：w 变小"},
    "tangent.negative": {"en": "slope < 0: w gets larger", "zh": "斜率 < 0：w 变大"},
    "tangent.nonconvex_title": {"en": "A real ReLU network: local minima", "zh": "真实的 ReLU 网络：局部最小值"},
    "tangent.line": {
        "en": "loss along the line between two trained networks ({hidden} ReLUs)",
        "zh": "两个训练好的网络（{hidden} 个 ReLU）之间连线上的损失",
    },
    "tangent.local": {"en": "local minimum", "zh": "局部最小值"},
    "tangent.global": {"en": "global minimum", "zh": "全局最小值"},
    "tangent.stuck": {"en": "gradient 0 here too: descent stops", "zh": "这里梯度也是 0：下降就停下了"},
    "TangentStep.say.0": {
        "en": "Hold b still and look at L as a function of w alone. The tangent at w zero has a slope.",
        "zh": "固定 b，只看 L 随 w 的变化。w⁰ 处的切线有一个斜率。",
    },
    "TangentStep.say.1": {
        "en": "A positive slope moves w to the left; the step is the learning rate times the slope.",
        "zh": "斜率为正，w 就往左走；步长是学习率乘以斜率。",
    },
    "TangentStep.say.2": {
        "en": "A negative slope moves w to the right.",
        "zh": "斜率为负，w 就往右走。",
    },
    "TangentStep.say.3": {
        "en": "A network's loss is not one valley. Gradient descent can stop in a local minimum.",
        "zh": "网络的损失不只一个山谷。梯度下降可能停在局部最小值。",
    },
}
