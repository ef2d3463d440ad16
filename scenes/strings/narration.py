"""Narration lines (subtitles): ``<scene>.say.<i>`` is spoken over the stretch ending at pause i.

The last index covers the stretch after the last pause, to the end of the scene.
"""

STRINGS = {
}

STRINGS.update({
    # MatrixForm
    "MatrixForm.say.0": {
        "en": "Three inputs, the previous hours, feed three sigmoids, and the sigmoids feed the output y.",
        "zh": "三个输入（前几个小时的数值）送进三个 Sigmoid，三个 Sigmoid 再送到输出 y。",
    },
    "MatrixForm.say.1": {
        "en": "As matrices: r equals b plus W x, a equals sigma of r, and y equals b plus c transpose a, "
              "with the numbers of a model trained on real data.",
        "zh": "写成矩阵：r = b + W x，a = σ(r)，y = b + cᵀa，里面是在真实数据上训练出来的数值。",
    },
    "MatrixForm.say.2": {
        "en": "Follow one path from an input to y: one weight, one sigmoid, one weight.",
        "zh": "沿着一条路径从输入走到 y：一个权重、一个 Sigmoid、再一个权重。",
    },
    "MatrixForm.say.3": {
        "en": "All the unknowns, W, b, c and b, line up in one long column: theta.",
        "zh": "所有未知参数 W、b、c、b 排成一个长长的列向量：θ。",
    },
})
