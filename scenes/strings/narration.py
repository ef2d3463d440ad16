"""Narration lines (subtitles): ``<scene>.say.<i>`` is spoken over the stretch ending at pause i.

The last index covers the stretch after the last pause, to the end of the scene.
"""

STRINGS = {
}

STRINGS.update({
    # MatrixForm
    "MatrixForm.say.0": {
        "en": "Three inputs, the riders of the previous three hours, feed three sigmoids, "
              "and the sigmoids feed the output y.",
        "zh": "三个输入（前三个小时的骑行人数）送进三个 Sigmoid，三个 Sigmoid 再送到输出 y。",
    },
    "MatrixForm.say.1": {
        "en": "Each r is a bias plus the inputs times their weights: rᵢ = bᵢ + Σⱼ wᵢⱼ xⱼ. "
              "The w's are weights, the b's are biases.",
        "zh": "每个 r 都是一个偏置加上输入乘以各自的权重：rᵢ = bᵢ + Σⱼ wᵢⱼ xⱼ。w 叫权重，b 叫偏置。",
    },
    "MatrixForm.say.2": {
        "en": "Stack them: r = b + W x, a = σ(r), and y = b + cᵀa.",
        "zh": "把它们叠起来：r = b + W x，a = σ(r)，y = b + cᵀa。",
    },
    "MatrixForm.say.3": {
        "en": "These are the numbers of a model trained on the riders, in standardised units: "
              "riders minus {mean}, divided by {std}.",
        "zh": "这是在骑行人数上训练出来的模型的数值，用的是标准化单位：骑行人数减去 {mean}，再除以 {std}。",
    },
    "MatrixForm.say.4": {
        "en": "Follow one path from an input to y: one weight, one sigmoid, one weight.",
        "zh": "沿着一条路径从输入走到 y：一个权重、一个 Sigmoid、再一个权重。",
    },
    "MatrixForm.say.5": {
        "en": "All the unknowns, W, b, c and b, {n_params} numbers, line up in one column: θ. "
              "Steps two and three learn them.",
        "zh": "所有未知参数 W、b、c、b，共 {n_params} 个数，排成一列：θ。第 2、3 步把它们学出来。",
    },
})
