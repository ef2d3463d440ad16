"""Strings of MatrixForm and ForwardPass (CHAPTER.md §4 matrix form, §6 networks)."""

STRINGS = {
    # shared
    "network.step.hour": {"en": "hours", "zh": "小时"},
    "network.step.day": {"en": "days", "zh": "天"},
    "network.data.bikeshare": {"en": "bike-share riders per hour", "zh": "共享单车每小时骑行人数"},
    "network.unit.bikeshare": {"en": "riders/h", "zh": "人次/小时"},
    "network.unit.seattle": {"en": "°C", "zh": "°C"},
    "network.data.seattle": {"en": "Seattle daily maximum temperature", "zh": "西雅图每日最高气温"},
    # MatrixForm
    "network.matrix.title": {"en": "Three sigmoids at once: the matrix form", "zh": "三个 Sigmoid 一起算：矩阵形式"},
    "network.matrix.trained": {
        "en": "real numbers: trained on {data}, x = the previous {k} {step}",
        "zh": "真实数值：在{data}上训练，x = 前 {k} {step}",
    },
    "network.matrix.path": {"en": "one path from x{j} to y", "zh": "从 x{j} 到 y 的一条路径"},
    "network.matrix.path_note": {
        "en": "the strongest one: largest |c{i} · w{ij}|",
        "zh": "最强的一条：|c{i} · w{ij}| 最大",
    },
    "network.matrix.theta": {"en": "Every unknown in one column: θ", "zh": "所有未知参数排成一列：θ"},
    "network.matrix.theta_order": {
        "en": "{n} numbers, in the order W (row by row), b, c, b",
        "zh": "共 {n} 个数，顺序为 W（逐行）、b、c、b",
    },
    # ForwardPass
    "network.forward.title": {"en": "A forward pass on an unseen hour", "zh": "在未见过的时段上做一次前向传播"},
    "network.forward.title_day": {"en": "A forward pass on an unseen day", "zh": "在未见过的日子上做一次前向传播"},
    "network.forward.when": {"en": "predicting {when}", "zh": "预测 {when}"},
    "network.forward.inputs": {"en": "inputs: {unit}, previous {k} {step}", "zh": "输入：前 {k} {step}的{unit}"},
    "network.forward.fill": {
        "en": "fill of a hidden neuron = a ÷ the largest a of its layer over the unseen period",
        "zh": "隐藏神经元的填充 = a ÷ 该层在整个未见时段中的最大 a",
    },
    "network.forward.fill_ends": {
        "en": "inputs and output: from the smallest to the largest value of the unseen period",
        "zh": "输入与输出：从未见时段中的最小值到最大值",
    },
    "network.forward.edges": {
        "en": "edges: blue w > 0, red w < 0, wider = larger |w|",
        "zh": "连线：蓝色 w > 0，红色 w < 0，越粗 |w| 越大",
    },
    "network.forward.prediction": {"en": "prediction {value} {unit}", "zh": "预测 {value} {unit}"},
    "network.forward.truth": {"en": "true value {value} {unit}", "zh": "真实值 {value} {unit}"},
    "network.forward.error": {"en": "|prediction − truth| = {value}", "zh": "|预测 − 真实| = {value}"},
    "network.forward.unseen_mae": {
        "en": "whole unseen period: mean error {value} {unit}",
        "zh": "整个未见时段：平均误差 {value} {unit}",
    },
}
