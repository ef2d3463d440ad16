"""Strings of ForwardPass (CHAPTER.md §6: a deep network's output computed layer by layer), and its narration."""

STRINGS = {
    "forward.title": {"en": "A forward pass on an unseen hour", "zh": "在未见过的时段上做一次前向传播"},
    "forward.title_day": {"en": "A forward pass on an unseen day", "zh": "在未见过的日子上做一次前向传播"},
    "forward.when": {"en": "predicting {when}", "zh": "预测 {when}"},
    "forward.inputs": {
        "en": "inputs x₁ … x{ks}: {unit}, the previous {k} {step}",
        "zh": "输入 x₁ … x{ks}：前 {k} {step}的{unit}",
    },
    "forward.fill": {
        "en": "disc area = a ÷ the largest a of its layer over the unseen period (empty ring: a = 0)",
        "zh": "圆盘面积 = a ÷ 该层在整个未见时段中的最大 a（空心圆：a = 0）",
    },
    "forward.fill_ends": {
        "en": "inputs and output: from the smallest (empty) to the largest (full) value of the unseen period",
        "zh": "输入与输出：从未见时段中的最小值（空）到最大值（满）",
    },
    "forward.edges": {
        "en": "edges: the trained weights, blue w > 0, red w < 0, wider = larger |w|",
        "zh": "连线：训练得到的权重，蓝色 w > 0，红色 w < 0，越粗 |w| 越大",
    },
    "forward.standardised": {
        "en": "the network computes on standardised values (x − {mean}) ÷ {std}; y is converted back to {unit}",
        "zh": "网络内部用标准化的数值 (x − {mean}) ÷ {std} 计算；y 再换算回{unit}",
    },
    "forward.output": {"en": "output y = {value} {unit}", "zh": "输出 y = {value} {unit}"},
    "forward.label": {"en": "label ŷ = {value} {unit}", "zh": "标签 ŷ = {value} {unit}"},
    "forward.error": {"en": "|y − ŷ| = {value} {unit}", "zh": "|y − ŷ| = {value} {unit}"},
    "forward.unseen_mae": {
        "en": "all {n} unseen hours: MAE {value} {unit}",
        "zh": "全部 {n} 个未见时段：MAE {value} {unit}",
    },
    # Narration
    "ForwardPass.say.0": {
        "en": "A trained network: discs will show how strongly each neuron fires, and the edges are its weights.",
        "zh": "一个训练好的网络。每个神经元里的圆盘表示它的激活有多强，连线就是它的权重。",
    },
    "ForwardPass.say.1": {
        "en": "Feed in the riders of the {k} hours before an hour it never saw. Layer by layer the ReLUs fire, "
              "and the output y is {y} riders per hour, against a label of {label}.",
        "zh": "输入一个它从未见过的时刻之前 {k} 个小时的骑行人数。ReLU 一层一层地激活，输出 y 是每小时 {y} 人，标签是 {label}。",
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
        "en": "Over the whole unseen period, its mean absolute error is {mae} riders per hour.",
        "zh": "在整个未见时段上，它的平均绝对误差是每小时 {mae} 人。",
    },
}
