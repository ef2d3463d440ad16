"""Strings of ReluFitTraining."""

STRINGS = {
    "relu_fit.title": {"en": "{n} ReLUs learn a real curve", "zh": "{n} 个 ReLU 学习一条真实曲线"},
    "relu_fit.data": {"en": "{name}: {y_label} vs {x_label}", "zh": "{name}：{y_label} 与 {x_label}"},
    # Per data set: the caption and the unit of the RMSE (fallback: mathcore's own labels).
    "relu_fit.caption.bikeshare": {"en": "Bikeshare: riders per hour vs hour of the day",
                                   "zh": "共享单车：每小时骑行人数 与 一天中的时刻"},
    "relu_fit.unit.bikeshare": {"en": "riders/hour", "zh": "人次/小时"},
    "relu_fit.caption.seattle": {"en": "Seattle: temperature (°C) vs day of the year",
                                 "zh": "西雅图：气温（°C）与 一年中的第几天"},
    "relu_fit.unit.seattle": {"en": "°C", "zh": "°C"},
    "relu_fit.components": {"en": "the {n} ReLUs", "zh": "{n} 个 ReLU"},
    "relu_fit.sum": {"en": "red: b + their sum", "zh": "红色：b + 它们的和"},
    "relu_fit.step": {"en": "update", "zh": "更新次数"},
    "relu_fit.loss": {"en": "loss L (MSE)", "zh": "损失 L（MSE）"},
    "relu_fit.rmse": {"en": "RMSE in {unit}", "zh": "RMSE（{unit}）"},
    "relu_fit.optimiser": {"en": "{optimizer}, learning rate {lr},\n{epochs} full-batch epochs",
                           "zh": "{optimizer}，学习率 {lr}，\n全批量训练 {epochs} 轮"},
    "relu_fit.start": {"en": "random start", "zh": "随机初始值"},
    "relu_fit.trained": {"en": "trained", "zh": "训练完成"},
    "relu_fit.strip_title": {"en": "More ReLUs, same data: final training loss",
                             "zh": "ReLU 越多（同样的数据）：最终训练损失"},
    "relu_fit.strip_n": {"en": "{n} ReLUs", "zh": "{n} 个 ReLU"},
    "relu_fit.strip_loss": {"en": "L = {loss}", "zh": "L = {loss}"},
    "relu_fit.hours": {"en": "h", "zh": "时"},
    "ReluFitTraining.say.0": {
        "en": "Real data from the shipped series, one input and one output. No straight line fits this.",
        "zh": "来自随附数据集的真实数据：一个输入，一个输出。没有一条直线能拟合它。",
    },
    "ReluFitTraining.say.1": {
        "en": "ReLUs with random weights. Each is a thin line; the red curve is b plus their sum.",
        "zh": "权重随机的 ReLU。每个是一条细线；红色曲线是 b 加上它们的和。",
    },
    "ReluFitTraining.say.2": {
        "en": "Gradient steps move every corner and slope; the loss falls.",
        "zh": "每一步梯度更新都移动转折点和斜率；损失不断下降。",
    },
    "ReluFitTraining.say.3": {
        "en": "More ReLUs give more corners, and the training loss falls a little more.",
        "zh": "ReLU 越多，转折点越多，训练损失也再降低一些。",
    },
}
