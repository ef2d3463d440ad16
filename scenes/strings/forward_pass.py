"""Strings of ForwardPass (CHAPTER.md §6: a deep network's output computed layer by layer), and its narration."""

STRINGS = {
    "forward.title": {"en": "A forward pass on an unseen hour", "zh": "把没见过的时段送进网络算一遍（前向传播）"},
    "forward.title_day": {"en": "A forward pass on an unseen day", "zh": "把没见过的日子送进网络算一遍（前向传播）"},
    "forward.explain": {
        "en": "forward pass: the inputs go in on the left and are computed layer by layer, up to the output y",
        "zh": "前向传播：输入从左边送进去，一层一层往右算，直到输出 y",
    },
    "forward.when": {"en": "predicting {when}", "zh": "预测 {when}"},
    "forward.inputs": {
        "en": "inputs x₁ … x{ks}: {quantity}, the previous {k} {step}",
        "zh": "输入 x₁ … x{ks}：前 {k} {step}的{quantity}",
    },
    "forward.fill": {
        "en": "fuller disc = larger value (empty ring: a ReLU at 0); edges: blue w > 0, red w < 0",
        "zh": "圆盘越满，数值越大（空心圆：ReLU 输出 0）；连线：蓝色 w > 0，红色 w < 0",
    },
    "forward.standardised": {
        "en": "computed on standardised values (x − {mean}) ÷ {std}; y converted back to {unit}",
        "zh": "内部用标准化的数值 (x − {mean}) ÷ {std} 计算；y 再换算回{unit}",
    },
    "forward.output": {"en": "output y = {value} {unit}", "zh": "输出 y = {value} {unit}"},
    "forward.label": {"en": "label ŷ = {value} {unit}", "zh": "标签 ŷ = {value} {unit}"},
    "forward.error": {"en": "|y − ŷ| = {value} {unit}", "zh": "|y − ŷ| = {value} {unit}"},
    # The unit after the number 1 (English singular; other languages and °C keep the unit as it is).
    "forward.unit_one.bikeshare": {"en": "rider/h", "zh": "{unit}"},
    "forward.unit_one.seattle": {"en": "{unit}", "zh": "{unit}"},
    "forward.unseen_mae": {
        "en": "all {n} unseen hours: MAE {value} {unit}",
        "zh": "全部 {n} 个未见时段：MAE {value} {unit}",
    },
    "forward.trained_on.mse": {
        "en": "(trained on MSE; the error is reported\nas MAE, as in the book's table)",
        "zh": "（用 MSE 训练；误差和书中的表一样\n用 MAE 表示）",
    },
    "forward.trained_on.mae": {
        "en": "(trained on MAE, as in the book's table)",
        "zh": "（和书中的表一样用 MAE 训练）",
    },
    # Narration
    "ForwardPass.say.0": {
        "en": "A forward pass: inputs go into a trained network and are computed layer by layer, up to the output. "
              "A fuller disc means a larger value, and the edges are its weights.",
        "zh": "前向传播：把输入送进训练好的网络，一层一层算到输出。圆盘越满，数值越大；连线就是它的权重。",
    },
    "ForwardPass.say.1": {
        "en": "Feed in the riders of the {k} hours before an hour it never saw. Layer by layer the ReLUs fire, "
              "and the output y is {y} riders per hour, against a label of {label}.",
        "zh": "输入它从未见过的某个时刻之前 {k} 个小时的骑行人数。"
              "ReLU 一层一层地激活，输出 y 是每小时 {y} 人，标签是 {label}。",
    },
    "ForwardPass.say.2": {
        "en": "Another hour: other inputs light up other neurons. Output {y}, label {label}.",
        "zh": "换一个时刻：不同的输入点亮不同的神经元。输出 {y}，标签 {label}。",
    },
    "ForwardPass.say.3": {
        "en": "A quiet hour at night: output {y}, label {label}.",
        "zh": "再看一个夜里人少的时刻：输出 {y}，标签 {label}。",
    },
    "ForwardPass.say.4": {
        "en": "Over the whole unseen period, its mean absolute error is {mae} riders per hour. {trained_on}",
        "zh": "在整个未见时段上，它的平均绝对误差是每小时 {mae} 人。{trained_on}",
    },
    "forward.say.trained_on.mse": {
        "en": "It was trained on the mean squared error; like the book's table, we report the absolute one.",
        "zh": "它是用均方误差训练的；这里和书中的表一样，报告平均绝对误差。",
    },
    "forward.say.trained_on.mae": {
        "en": "It was trained on that same error, as in the book's table.",
        "zh": "它就是用这个误差训练的，和书中的表一样。",
    },
}
