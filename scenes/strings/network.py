"""Strings of MatrixForm and ForwardPass (CHAPTER.md §4 matrix form, §6 networks)."""

STRINGS = {
    # shared
    "network.step.hour": {"en": "hours", "zh": "小时"},
    "network.step.day": {"en": "days", "zh": "天"},
    "network.data.bikeshare": {"en": "bike-share riders per hour", "zh": "共享单车每小时骑行人数"},
    "network.unit.bikeshare": {"en": "riders/h", "zh": "人/小时"},
    "network.unit.seattle": {"en": "°C", "zh": "°C"},
    # what an input is, with its unit (Chinese names the quantity: 前 7 小时的骑行人数, not 前 7 小时的人/小时)
    "network.quantity.bikeshare": {"en": "riders/h", "zh": "骑行人数（人/小时）"},
    "network.quantity.seattle": {"en": "°C", "zh": "气温（°C）"},
    "network.data.seattle": {"en": "Seattle daily maximum temperature", "zh": "西雅图每日最高气温"},
    # MatrixForm
    "network.matrix.title": {"en": "Three sigmoids at once: the matrix form", "zh": "三个 Sigmoid 一起算：矩阵形式"},
    "network.matrix.trained": {
        "en": "a model of {data}: {xs} = the previous {k} {step}",
        "zh": "{data}的模型：{xs} = 前 {k} {step}",
    },
    "network.matrix.edges": {"en": "edges: the trained weights w and c,\nblue > 0, red < 0, wider = larger size",
                             "zh": "连线：训练得到的权重 w 和 c，\n蓝色 > 0，红色 < 0，越粗绝对值越大"},
    "network.matrix.weight": {"en": ": weights", "zh": "：权重"},
    "network.matrix.bias": {"en": ": biases", "zh": "：偏置"},
    "network.matrix.standardised": {
        "en": "trained numbers, for standardised riders:\n"
              "x = (riders/h − {mean}) / {std}\nriders/h = {mean} + {std} · y",
        "zh": "训练得到的数值，对应标准化的骑行人数：\n"
              "x = (骑行人数 − {mean}) / {std}\n骑行人数 = {mean} + {std} · y",
    },
    # The optimiser is not named here (tests/test_terms_order.py: names come in OptimizerRace); {part} is the
    # title of that part's card, as the viewer sees it.
    "network.matrix.optimiser": {"en": "trained with an improved gradient descent, shown in the last part: “{part}”",
                                 "zh": "用改进的梯度下降训练，最后一部分“{part}”会讲到"},
    "network.matrix.learned": {"en": "θ: every parameter, learned in steps 2 and 3",
                               "zh": "θ：所有参数，由第 2、3 步学出来"},
    "network.matrix.path": {"en": "one path from x{j} to y", "zh": "从 x{j} 到 y 的一条路径"},
    "network.matrix.path_note": {
        "en": "the strongest one: largest |c{i} · w{ij}|",
        "zh": "最强的一条：|c{i} · w{ij}| 最大",
    },
    "network.matrix.theta": {"en": "Every unknown in one column: θ", "zh": "所有未知参数排成一列：θ"},
    "network.matrix.theta_order": {
        "en": "{n} numbers (standardised units), in the order W (row by row), b, c, b",
        "zh": "共 {n} 个数（标准化单位），顺序为 W（逐行）、b、c、b",
    },
}
