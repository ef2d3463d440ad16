"""Strings of ReluFitTraining."""

STRINGS = {
    "relu_fit.title": {"en": "{n} ReLUs learn a real curve", "zh": "{n} 个 ReLU 学习一条真实曲线"},
    "relu_fit.data": {"en": "{name}: {y_label} vs {x_label}", "zh": "{name}：{y_label} 与 {x_label}"},
    # Per data set: the caption and the unit of the loss (fallback: the data set's own labels).
    "relu_fit.caption.bikeshare": {"en": "Bike share: riders per hour vs hour of the day (training hours)",
                                   "zh": "共享单车：每小时骑行人数 与 一天中的时刻（训练数据）"},
    "relu_fit.unit.bikeshare": {"en": "riders/h", "zh": "人/小时"},
    "relu_fit.caption.seattle": {"en": "Seattle: temperature (°C) vs day of the year",
                                 "zh": "西雅图：气温（°C）与 一年中的第几天"},
    "relu_fit.unit.seattle": {"en": "°C", "zh": "°C"},
    "relu_fit.components": {"en": "the {n} ReLUs", "zh": "{n} 个 ReLU"},
    "relu_fit.sum": {"en": "red: b + their sum", "zh": "红色：b + 它们的和"},
    "relu_fit.step": {"en": "update", "zh": "更新次数"},
    "relu_fit.loss": {"en": "loss L (MSE)\nin ({unit})²", "zh": "损失 L（MSE）\n单位 ({unit})²"},
    "relu_fit.settings": {"en": "{optimizer}\nlearning rate η = {lr}\n{epochs} epochs; one batch = all\n"
                                "{n} points: one update per epoch",
                          "zh": "{optimizer}\n学习率 η = {lr}\n{epochs} 个回合；一个批量 = 全部\n"
                                "{n} 个点：每个回合更新一次"},
    "relu_fit.optimizer.gd": {"en": "gradient descent", "zh": "梯度下降"},
    "relu_fit.strip_title": {"en": "More ReLUs, same data: final training loss L, ({unit})²",
                             "zh": "ReLU 越多（同样的数据）：最终训练损失 L，单位 ({unit})²"},
    "relu_fit.references": {"en": "best straight line: L = {line};  "
                                  "lowest any function of the hour can reach: L = {floor}",
                            "zh": "最佳直线：L = {line}；只看时刻的任何函数最低能到：L = {floor}"},
    # Said after the strip's losses when the best straight line is known (hourly data).
    "relu_fit.line_sentence": {"en": " The best straight line had {line}.", "zh": "最佳直线的损失是 {line}。"},
    "relu_fit.below_zero": {"en": "red at {x}: y = {value} {unit};\nnothing in the model keeps y ≥ 0",
                            "zh": "红色曲线在 {x}：y = {value} {unit}；\n模型里没有任何东西保证 y ≥ 0"},
    "relu_fit.strip_n": {"en": "{n} ReLUs", "zh": "{n} 个 ReLU"},
    "relu_fit.strip_loss": {"en": "L = {loss}", "zh": "L = {loss}"},
    "ReluFitTraining.say.0": {
        "en": "Back to riders per hour against the hour of the day, in {points} training hours: "
              "no straight line fits them.",
        "zh": "回到每小时骑行人数与一天中时刻的关系，训练数据共 {points} 个小时：没有一条直线能拟合它们。",
    },
    "ReluFitTraining.say.1": {
        "en": "{n} ReLUs with random weights. Each is a thin line; the red curve is b plus their sum.",
        "zh": "{n} 个权重随机的 ReLU。每个是一条细线；红色曲线是 b 加上它们的和。",
    },
    "ReluFitTraining.say.2": {
        "en": "Gradient descent moves every corner and slope. Over {epochs} epochs the loss falls "
              "from {start_loss} to {final_loss} riders per hour, squared.",
        "zh": "梯度下降移动每个转折点和斜率。经过 {epochs} 个回合，损失从 {start_loss} 降到 {final_loss}"
              "(人/小时)²。",
    },
    "ReluFitTraining.say.3": {
        "en": "More ReLUs give more corners, and the training loss falls a little each time: "
              "from {few_loss} with {few} ReLUs to {most_loss} with {most}.{line_sentence}",
        "zh": "ReLU 越多，转折点越多，训练损失每次都再降一点："
              "从 {few} 个 ReLU 的 {few_loss} 降到 {most} 个的 {most_loss}。{line_sentence}",
    },
}
