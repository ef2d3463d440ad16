"""Strings of the three steps of machine learning (the list and badges), LinearModel and GradientDescent."""

STRINGS = {
    # The three steps (CHAPTER.md §1) and the badge of each step's scenes
    "steps.1": {"en": "{n}  a function with unknown parameters", "zh": "{n}  写出带有未知参数的函数"},
    "steps.2": {"en": "{n}  a loss L: how bad are the parameters?", "zh": "{n}  定义损失 L：参数有多差？"},
    "steps.3": {"en": "{n}  optimisation: find the best parameters", "zh": "{n}  优化：找出最好的参数"},
    "steps.short.1": {"en": "a function with unknowns", "zh": "带未知参数的函数"},
    "steps.short.2": {"en": "the loss", "zh": "损失"},
    "steps.short.3": {"en": "optimisation", "zh": "优化"},
    "steps.badge": {"en": "Step {n} · {name}", "zh": "步骤 {n} · {name}"},
    # LinearModel
    "linear.title": {"en": "Machine learning in three steps", "zh": "机器学习的三个步骤"},
    "linear.data_title": {"en": "Riders this hour, from the hour before", "zh": "用前一小时的人数预测这一小时"},
    "linear.hours_axis": {"en": "hours from {date} 00:00", "zh": "从 {date} 0 点起的小时数"},
    "linear.riders_axis": {"en": "riders/hour", "zh": "人/小时"},
    "linear.label_here": {"en": "this hour: ŷ = {v} (label)", "zh": "这一小时：ŷ = {v}（标签）"},
    "linear.previous_here": {"en": "hour before: x₁ = {v}", "zh": "前一小时：x₁ = {v}"},
    "linear.x1_axis": {"en": "x₁: riders in the previous hour", "zh": "x₁：前一小时的人数"},
    "linear.label_axis": {"en": "ŷ: riders this hour (label)", "zh": "ŷ：这一小时的人数（标签）"},
    "linear.scatter_note": {"en": "one dot per training hour (every {every}th of N = {n})",
                            "zh": "每个点是一个训练小时（N = {n} 个中每 {every} 个取一个）"},
    "linear.y_is": {"en": "y: the model's output (riders/hour)", "zh": "y：模型的输出（人/小时）"},
    "linear.x1_is": {"en": "x₁: the feature, riders the hour before", "zh": "x₁：特征，前一小时的人数"},
    "linear.w_is": {"en": "w: the weight", "zh": "w：权重"},
    "linear.b_is": {"en": "b: the bias", "zh": "b：偏置"},
    "linear.unknown": {"en": "w and b are unknown parameters", "zh": "w 和 b 是未知参数"},
    "linear.guess": {"en": "a guess: w = {w}, b = {b}", "zh": "一个猜测：w = {w}，b = {b}"},
    "linear.which": {"en": "Which guess is better?\nStep 2, the loss, tells.", "zh": "哪个猜测更好？\n步骤 2 的损失会告诉我们。"},
    "LinearModel.say.0": {
        "en": "Machine learning in three steps: write a function with unknown parameters, define a loss, "
              "and optimise to find the best parameters.",
        "zh": "机器学习分三步：写出带有未知参数的函数，定义损失，再通过优化找出最好的参数。",
    },
    "LinearModel.say.1": {
        "en": "Our data: bike-share riders per hour in Washington, 2011. "
              "Can we predict this hour, the label, from the hour before?",
        "zh": "我们的数据：2011 年华盛顿每小时的共享单车骑行人数。能不能用前一小时，预测这一小时的人数，也就是标签？",
    },
    "LinearModel.say.2": {
        "en": "Each training hour is one point. Our function: y equals b plus w times x one. "
              "The weight w and the bias b are unknown.",
        "zh": "每个训练小时是一个点。我们的函数：y 等于 b 加 w 乘 x1。权重 w 和偏置 b 都是未知的。",
    },
    "LinearModel.say.3": {
        "en": "Every choice of w and b is a line. Here are two guesses. Which is better? Step two, the loss, will tell.",
        "zh": "每一组 w 和 b 都是一条直线。这里有两个猜测。哪个更好？步骤二的损失会告诉我们。",
    },
}
