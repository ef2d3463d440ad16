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
    "linear.riders_axis": {"en": "riders/h", "zh": "人/小时"},
    "linear.label_here": {"en": "this hour: ŷ = {v} (label)", "zh": "这一小时：ŷ = {v}（标签）"},
    "linear.previous_here": {"en": "hour before: x₁ = {v}", "zh": "前一小时：x₁ = {v}"},
    "linear.x1_axis": {"en": "x₁: riders in the previous hour", "zh": "x₁：前一小时的人数"},
    "linear.label_axis": {"en": "ŷ: riders this hour (label)", "zh": "ŷ：这一小时的人数（标签）"},
    "linear.scatter_note": {"en": "one dot per training hour (every {every}th of N = {n})",
                            "zh": "每个点是训练数据里的一个小时（N = {n} 个小时中每 {every} 个取一个）"},
    "linear.y_is": {"en": "y: the model's output (riders/h)", "zh": "y：模型的输出（人/小时）"},
    "linear.x1_is": {"en": "x₁: the feature, riders the hour before", "zh": "x₁：特征，前一小时的人数"},
    "linear.w_is": {"en": "w: the weight", "zh": "w：权重"},
    "linear.b_is": {"en": "b: the bias", "zh": "b：偏置"},
    "linear.unknown": {"en": "w and b are unknown parameters", "zh": "w 和 b 是未知参数"},
    "linear.guess": {"en": "guess {n}: w = {w}, b = {b}", "zh": "猜测 {n}：w = {w}，b = {b}"},
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
        "en": "Each training hour is one point. Our function: y = b + w x₁. "
              "The weight w and the bias b are unknown.",
        "zh": "训练数据里的每个小时是一个点。我们的函数：y = b + w·x₁。权重 w 和偏置 b 都是未知的。",
    },
    "LinearModel.say.3": {
        "en": "Every choice of w and b is a line. Here are two guesses. Which is better? Step two, the loss, will tell.",
        "zh": "每一组 w 和 b 都是一条直线。这里有两个猜测。哪个更好？步骤二的损失会告诉我们。",
    },
    # GradientDescent
    "gd.title": {"en": "Gradient descent for θ = (w, b)", "zh": "θ = (w, b) 的梯度下降"},
    "gd.map_title": {"en": "L̃(θ): the MSE in standardised units", "zh": "标准化单位下的 MSE"},
    "gd.units": {
        "en": "computed in standardised riders: x̃ = (x − μ)/s,\nŷ too; μ = {mean} and s = {std} riders/h are\n"
              "the mean and standard deviation of the riders\nin this model's {n} training hours",
        "zh": "用标准化的人数计算：x̃ = (x − μ)/s（ŷ 也一样），\nμ = {mean}，s = {std} 人/小时：\n"
              "本模型训练数据中 {n} 个小时的平均值和标准差",
    },
    "gd.why_units": {
        "en": "(in riders/h the bowl curves {ratio}× more\nsharply one way than the other: no η suits both)",
        "zh": "（以人/小时计，碗在两个方向上的弯曲程度\n相差 {ratio} 倍：没有一个 η 能同时适合）",
    },
    "gd.start": {"en": "θ⁰ (random)", "zh": "θ⁰（随机）"},
    "gd.proc_1": {"en": "1  pick θ⁰ at random", "zh": "1  随机选一个 θ⁰"},
    "gd.proc_2": {"en": "2  compute g = ∇L(θ⁰)", "zh": "2  计算梯度 g = ∇L(θ⁰)"},
    "gd.proc_3": {"en": "3  update θ¹ = θ⁰ − η g   (η = {lr})", "zh": "3  更新 θ¹ = θ⁰ − η g（η = {lr}）"},
    "gd.proc_4": {"en": "4  repeat until ‖g‖ < {tol}\n    or {budget} updates are spent",
                  "zh": "4  重复，直到 ‖g‖ < {tol}\n    或已更新 {budget} 次"},
    "gd.theta_s": {"en": "θ{s} = {theta}", "zh": "θ{s} = {theta}"},
    "gd.gradient": {"en": "g = ∇L(θ{s}) = {g}", "zh": "g = ∇L(θ{s}) = {g}"},
    "gd.arrow": {"en": "(the arrow is −g; the step is η = {lr} of it)", "zh": "（箭头是 −g；每步走它的 η = {lr} 倍）"},
    "gd.update": {"en": "θ{s1} = θ{s} − η g", "zh": "θ{s1} = θ{s} − η g"},
    "gd.update_numbers": {"en": "    = {theta} − {lr}·{g}\n    = {new}", "zh": "    = {theta} − {lr}·{g}\n    = {new}"},
    "gd.readout_updates": {"en": "updates:", "zh": "更新次数："},
    "gd.readout_loss": {"en": "L̃ =", "zh": "L̃ ="},
    "gd.readout_norm": {"en": "‖g‖ =", "zh": "‖g‖ ="},
    "gd.stopped_gradient": {"en": "stopped after {n} updates:\n‖g‖ = {norm} < {tol}",
                            "zh": "更新 {n} 次后停下：\n‖g‖ = {norm} < {tol}"},
    "gd.stopped_budget": {"en": "stopped: all {n} updates spent\n(‖g‖ = {norm}, not yet < {tol})",
                          "zh": "停下：{n} 次更新已用完\n（‖g‖ = {norm}，还没有 < {tol}）"},
    "gd.back": {"en": "back to riders/h:", "zh": "换回人/小时："},
    "gd.back_formula": {"en": "w = w̃,  b = μ(1 − w̃) + s·b̃,  L = s²L̃", "zh": "w = w̃,  b = μ(1 − w̃) + s·b̃,  L = s²L̃"},
    "gd.w_star": {"en": "w* = {w}", "zh": "w* = {w}"},
    "gd.b_star": {"en": "b* = {b} riders/h", "zh": "b* = {b} 人/小时"},
    "gd.l_star": {"en": "L* = {loss} (riders/h)²", "zh": "L* = {loss} (人/小时)²"},
    "GradientDescent.say.0": {
        "en": "Step three for w and b together. We compute in standardised units, where the bowl is round. "
              "Start at random, compute the gradient g, step against it, and repeat.",
        "zh": "步骤三：同时更新 w 和 b。我们在标准化单位下计算，那里的碗是圆的。随机选一个起点，计算梯度 g，朝它的反方向走一步，然后重复。",
    },
    "GradientDescent.say.1": {
        "en": "The first update: θ¹ = θ⁰ − η g, the learning rate times the gradient at θ⁰, subtracted from θ⁰.",
        "zh": "第一次更新：θ¹ = θ⁰ − η g，从起点减去学习率乘以起点处的梯度。",
    },
    "GradientDescent.say.2": {
        "en": "Again from θ¹: a new gradient, and a shorter step, because the slope here is gentler.",
        "zh": "再从新的位置出发：新的梯度，步子更短，因为这里的坡更缓。",
    },
    "GradientDescent.say.3": {
        "en": "Repeat. The loss falls with every update, and after {updates} updates the gradient is so small that we stop.",
        "zh": "不断重复。每次更新损失都在下降，更新 {updates} 次后梯度已经很小，我们就停下。",
    },
    "GradientDescent.say.4": {
        "en": "Back in riders per hour: w* = {w} and b* = {b} riders, the best line, with a loss of {loss}.",
        "zh": "换回人/小时：w* = {w}，b* = {b} 人/小时，这就是最好的直线，损失是 {loss}。",
    },
}
