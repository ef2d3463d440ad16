"""Strings of LossDefinition (CHAPTER.md §7)."""

STRINGS = {
    "loss.title": {"en": "The loss: how bad is a guess of w and b?", "zh": "损失：一组 w 和 b 有多差？"},
    "loss.label": {"en": "label ŷ", "zh": "标签 ŷ"},
    "loss.output": {"en": "output y = b + w·x₁", "zh": "模型输出 y = b + w·x₁"},
    "loss.error_bar": {"en": "error e", "zh": "误差 e"},
    "loss.x_axis": {"en": "hour of the day, {date}", "zh": "{date} 的小时"},
    "loss.y_axis": {"en": "riders/h", "zh": "人/小时"},
    "loss.model": {
        "en": "guess {n} from step 1:  w = {w},  b = {b}",
        "zh": "步骤 1 的猜测 {n}：  w = {w}，  b = {b}",
    },
    "loss.from_here": {
        "en": "From here on L = MSE: no kink at e = 0,\nso it has a slope everywhere.",
        "zh": "此后 L 用 MSE：在 e = 0 处没有折角，\n处处都有斜率。",
    },
    "loss.col_hour": {"en": "hour", "zh": "小时"},
    "loss.mae_name": {"en": "MAE", "zh": "MAE"},
    "loss.mse_name": {"en": "MSE", "zh": "MSE"},
    # the first time each is on screen: the full name with the short one
    "loss.mae_full": {"en": "MAE: mean absolute error", "zh": "MAE：平均绝对误差"},
    "loss.mse_full": {"en": "MSE: mean squared error", "zh": "MSE：均方误差"},
    "loss.all_rows": {
        "en": "all N = {n} training hours:",
        "zh": "训练数据的全部 N = {n} 个小时：",
    },
    "loss.shown_rows": {"en": "these N = {n} hours", "zh": "这 N = {n} 个小时"},
    "loss.units_mae": {"en": "riders/h", "zh": "人/小时"},
    "loss.units_mse": {"en": "(riders/h)²", "zh": "(人/小时)²"},
    "LossDefinition.say.0": {
        "en": "Score one guess from step one. Each hour, its output y misses the label ŷ by an error e.",
        "zh": "给步骤一的一个猜测打分。每个小时，它的输出 y 和标签 ŷ 相差一个误差 e。",
    },
    "LossDefinition.say.1": {
        "en": "Mean absolute error: e is the size of the gap. Add up the errors and divide by N.",
        "zh": "平均绝对误差：e 是差距的大小。把误差加起来，再除以 N。",
    },
    "LossDefinition.say.2": {
        "en": "Mean squared error squares each e first, so big mistakes count much more.",
        "zh": "均方误差先把每个 e 平方，大的错误就被放大。",
    },
    "LossDefinition.say.3": {
        "en": "Over all training hours, these two numbers score the guess. From here on we use the mean squared error: it has a slope everywhere.",
        "zh": "在训练数据的全部小时上，这两个数给这组 w 和 b 打分。此后我们用均方误差：它没有折角，处处都有斜率。",
    },
}
