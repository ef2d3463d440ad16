"""Strings of LossDefinition (CHAPTER.md §7)."""

STRINGS = {
    "loss.title": {"en": "Loss: how wrong is a choice of w and b?", "zh": "损失：一组 w 和 b 有多差？"},
    "loss.truth": {"en": "truth y", "zh": "真实值 y"},
    "loss.prediction": {"en": "prediction ŷ = b + w·x₁", "zh": "预测 ŷ = b + w·x₁"},
    "loss.error_bar": {"en": "error e", "zh": "误差 e"},
    "loss.x_axis": {"en": "hour of the day, {date}", "zh": "{date} 的小时"},
    "loss.y_axis": {"en": "{unit}", "zh": "每小时骑行人数"},
    "loss.model": {
        "en": "x₁ = riders the hour before;  w = {w},  b = {b}",
        "zh": "x₁ = 前一小时的人数；  w = {w}，  b = {b}",
    },
    "loss.col_hour": {"en": "hour", "zh": "小时"},
    "loss.mae_name": {"en": "MAE", "zh": "MAE"},
    "loss.mse_name": {"en": "MSE", "zh": "MSE"},
    "loss.all_rows": {
        "en": "all N = {n} training hours:",
        "zh": "全部 N = {n} 个训练小时：",
    },
    "loss.shown_rows": {"en": "these N = {n} hours", "zh": "这 N = {n} 个小时"},
    "loss.units_mae": {"en": "riders/hour", "zh": "人/小时"},
    "loss.units_mse": {"en": "(riders/hour)²", "zh": "(人/小时)²"},
    "LossDefinition.say.0": {
        "en": "The model predicts each hour from the hour before. Against the truth, each prediction is off by e.",
        "zh": "模型用前一小时预测这一小时。和真实值相比，每个预测都差了 e。",
    },
    "LossDefinition.say.1": {
        "en": "Mean absolute error: add up the |e| and divide by N.",
        "zh": "平均绝对误差：把 |e| 加起来，再除以 N。",
    },
    "LossDefinition.say.2": {
        "en": "Mean squared error squares each e first, so big mistakes count much more.",
        "zh": "均方误差先把每个 e 平方，大的错误就被放大。",
    },
    "LossDefinition.say.3": {
        "en": "Over every training hour, the same two numbers say how good w and b are.",
        "zh": "在全部训练小时上，这两个数告诉我们 w 和 b 有多好。",
    },
}
