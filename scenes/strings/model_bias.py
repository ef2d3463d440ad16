"""Strings of ModelBias: the best line vs the riders by hour of day."""

STRINGS = {
    "model_bias.title": {"en": "Model bias: the best line cannot bend", "zh": "模型偏差：最好的直线也弯不了"},
    "model_bias.data": {"en": "{n} training hours of 2011", "zh": "2011 年训练数据中的 {n} 个小时"},
    "model_bias.x_axis": {"en": "x₁ = hour of the day", "zh": "x₁ = 一天中的几点"},
    "model_bias.y_axis": {"en": "riders/h", "zh": "人/小时"},
    "model_bias.feature": {"en": "the same model, a new feature:", "zh": "同样的模型，换一个特征："},
    "model_bias.best": {"en": "the best line (lowest L):", "zh": "最好的直线（L 最小）："},
    "model_bias.w": {"en": "w* = {w:.2f} riders/h per hour",
                     "zh": "w* = {w:.2f}：时刻每往后 1 小时，\n直线升高 {w:.2f} 人/小时"},
    "model_bias.b": {"en": "b* = {b:.1f} riders/h", "zh": "b* = {b:.1f} 人/小时"},
    "model_bias.loss": {"en": "L = {loss:,.0f} (riders/h)²", "zh": "L = {loss:,.0f} (人/小时)²"},
    "model_bias.root": {"en": "√L = {root:.0f} riders/h", "zh": "√L = {root:.0f} 人/小时"},
    # The miss is measured against the mean of the hour's points (the yellow dot), not any one day.
    "model_bias.miss": {"en": "{hour}:00 average:\nline {miss:.0f} too low",
                        "zh": "{hour}:00 的平均值：\n直线低了 {miss:.0f}"},
    "model_bias.verdict": {
        "en": "No w, b bends it to the peaks:\nthis is model bias",
        "zh": "没有任何 w、b 能让直线弯到高峰：\n这就是模型偏差",
    },
    "model_bias.curve": {"en": "the best curve with a corner\nevery {spacing} hours (lowest L):",
                         "zh": "每 {spacing} 小时一个转折点、\nL 最小的折线："},
    # Where the least-squares curve dips below 0: nothing in y = b + w x₁ + Σ c max(0, ...) keeps y ≥ 0.
    "model_bias.below_zero": {
        "en": "at {hour} the curve\npredicts {riders} riders/h:\na negative count.\nNothing in the\nmodel forbids it.",
        "zh": "折线在 {hour}\n预测 {riders} 人/小时：\n骑行人数是负的。\n模型本身并不\n禁止这样。",
    },
    "model_bias.floor": {
        "en": "no function of the hour alone\ngets below L = {floor:,.0f}: days differ",
        "zh": "只用“几点钟”作输入，任何函数的 L\n都不低于 {floor:,.0f}：同一时刻每天的人数不同",
    },
    "model_bias.next": {"en": "Step 1 again: a more flexible function", "zh": "回到步骤 1：更有灵活性的函数"},
    # Narration: one line per stretch, numbers filled from the fits.
    "ModelBias.say.0": {
        "en": "Riders depend on the time of day. Keep the model y = b + w x₁, "
              "but let x₁ be the hour of the day.",
        "zh": "骑行人数跟一天中的时段有关。模型还是 y = b + w·x₁，但这次 x₁ 是一天中的第几个小时。",
    },
    "ModelBias.say.1": {
        "en": "Steps two and three give the best line: its typical miss is about {root} riders an hour.",
        "zh": "经过步骤二和步骤三，得到最好的直线：它的典型误差约为每小时 {root} 人。",
    },
    "ModelBias.say.2": {
        "en": "At {morning} in the morning the line is {morning_miss} riders below the average of those hours, "
              "at {evening} in the evening {evening_miss} below. No weight and bias make a line bend: "
              "that is model bias.",
        "zh": "早上 {morning} 点，直线比这个时刻的平均人数低了 {morning_miss} 人；"
              "傍晚 {evening} 点，低了 {evening_miss} 人。"
              "没有哪组权重和偏置能让直线弯曲：这就是模型偏差。",
    },
    "ModelBias.say.3": {
        "en": "A curve with corners follows the peaks: its loss is {percent} percent of the line's. "
              "So we go back to step one and build a more flexible function.",
        "zh": "带转折点的折线能跟上高峰：它的损失只有直线的 {percent}%。所以我们回到步骤一，构造一个更有灵活性的函数。",
    },
}
