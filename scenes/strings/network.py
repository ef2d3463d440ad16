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
}
