"""Strings of LocalMinima: two random starts of one small ReLU network stop at different losses.

"Global minimum" (全局最小值) appears only in ``local_minima.not_global`` and the last narration
line, which say that *neither* stop is one: the previous scene's 2-ReLU run (same hours, same η,
another random start) reached a lower L.
"""

STRINGS = {
    "local_minima.title": {"en": "Where gradient descent stops depends on the start",
                           "zh": "梯度下降停在哪里，取决于起点"},
    "local_minima.data": {"en": "{n} training hours of 2011", "zh": "2011 年训练数据中的 {n} 个小时"},
    "local_minima.x_axis": {"en": "x₁ = hour of the day", "zh": "x₁ = 一天中的几点"},
    "local_minima.y_axis": {"en": "riders/h", "zh": "人/小时"},
    "local_minima.start": {"en": "start {i}", "zh": "起点 {i}"},
    "local_minima.same": {
        "en": "the same 2 ReLUs, the same {n} hours, the same η = {lr} (one batch = all hours);\n"
              "only the random start θ⁰ differs",
        "zh": "同样的 2 个 ReLU、同样的 {n} 个小时、同样的 η = {lr}（一个批量 = 全部小时）；\n"
              "只有随机的起点 θ⁰ 不同",
    },
    "local_minima.loss_axis": {"en": "loss L, (riders/h)²", "zh": "损失 L，单位 (人/小时)²"},
    "local_minima.updates_axis": {"en": "updates (log scale)", "zh": "更新次数（对数刻度）"},
    "local_minima.loss_end": {"en": "{loss}", "zh": "{loss}"},
    "local_minima.gradient": {"en": "‖g‖ = ‖∇L(θ)‖, standardised units as before",
                              "zh": "‖g‖ = ‖∇L(θ)‖，同前，按标准化单位计算"},
    "local_minima.stop": {"en": "● start {i}: ‖g‖ < {tol} from update {k} on",
                          "zh": "● 起点 {i}：从第 {k} 次更新起 ‖g‖ < {tol}"},
    "local_minima.after": {"en": "ran on to update {updates}:\n‖g‖ = {high}, {low}",
                           "zh": "继续到第 {updates} 次更新：\n‖g‖ = {high}，{low}"},
    "local_minima.local": {
        "en": "Start {high_i} stopped at a local minimum: none of {probes} random θ near it has a lower L.\n"
              "Yet start {low_i} stopped lower: L = {low} < {high}.",
        "zh": "起点 {high_i} 停在一个局部最小值：它附近随机取的 {probes} 个 θ，没有一个的 L 更低。\n"
              "可是起点 {low_i} 停得更低：L = {low} < {high}。",
    },
    "local_minima.why": {
        "en": "Why: in each run one ReLU is 0 at every hour, so its gradient is 0: it never moved.\n"
              "Start {high_i}'s other ReLU bends before 0:00, so its curve is a straight line:\n"
              "the best straight line (L = {line}).",
        "zh": "原因：每次训练都有一个 ReLU 在每个小时都是 0，它的梯度是 0，从没动过。\n"
              "起点 {high_i} 的另一个 ReLU 在 0 点之前就转折，所以它的曲线是一条直线：\n"
              "最佳直线（L = {line}）。",
    },
    "local_minima.conclusion": {
        "en": "Gradient descent stops where the gradient is ≈ 0; where, depends on the random start.",
        "zh": "梯度下降停在梯度 ≈ 0 的地方；停在哪里，取决于随机的起点。",
    },
    "local_minima.not_global": {
        "en": "Start {low_i} passes the same check: both stops are local minima.\n"
              "The previous scene's 2 ReLUs (same hours, same η, another random start)\n"
              "reached L = {other} after {other_updates} updates, lower than both:\n"
              "neither stop is the global minimum (the lowest L of all θ).",
        "zh": "起点 {low_i} 也通过同样的检查：两个停止点都是局部最小值。\n"
              "上一节的 2 个 ReLU（同样的小时、同样的 η、另一个随机起点）\n"
              "更新 {other_updates} 次后 L = {other}，比两者都低：\n"
              "两个停止点都不是全局最小值（所有 θ 中 L 最低的点）。",
    },
    # Narration: one line per stretch; numbers filled from mathcore (narration_values).
    "LocalMinima.say.0": {
        "en": "One network of two ReLUs, the same {n} hours, the same learning rate. "
              "Only the random start differs: start one in orange, start two in green.",
        "zh": "同一个有两个 ReLU 的网络，同样的 {n} 个小时，同样的学习率。"
              "只有随机的起点不同：起点 1 是橙色，起点 2 是绿色。",
    },
    "LocalMinima.say.1": {
        "en": "Gradient descent makes {updates} updates from each start. "
              "Both losses fall fast, then flatten, and the curves stop changing.",
        "zh": "梯度下降从每个起点各更新 {updates} 次。两条损失曲线都先快速下降，然后变平，拟合的曲线也不再变化。",
    },
    "LocalMinima.say.2": {
        "en": "The gradient drops below {tol} after {stop_high} updates from start one, and {stop_low} from start two: "
              "the stopping rule would stop them there. We ran on to {updates}, and the losses stayed "
              "{high} and {low}: different.",
        "zh": "从起点 1 出发，更新 {stop_high} 次后梯度就小于 {tol}；从起点 2 出发是 {stop_low} 次："
              "停止规则本会让它们停在那里。我们继续跑到 {updates} 次，损失仍是 {high} 和 {low}：两者不同。",
    },
    "LocalMinima.say.3": {
        "en": "Start {high_i} is a local minimum: we tried {probes} random settings of the parameters "
              "close to it, and none has a lower loss. Still, start {low_i} went lower.",
        "zh": "起点 {high_i} 是一个局部最小值：在它附近随机试了 {probes} 组参数，没有一组的损失更低。"
              "可是起点 {low_i} 停得更低。",
    },
    "LocalMinima.say.4": {
        "en": "Why? In each run one ReLU is zero at every hour, so its gradient is zero and it never moves. "
              "Start {high_i}'s other ReLU bends before midnight, so its curve is just the best straight line.",
        "zh": "为什么？每次训练都有一个 ReLU 在每个小时都是零，它的梯度是零，所以从不移动。"
              "起点 {high_i} 的另一个 ReLU 在零点之前就转折，所以它的曲线就是最佳直线。",
    },
    "LocalMinima.say.5": {
        "en": "So gradient descent stops where the gradient is near zero, and where depends on the random start. "
              "Start {low_i} passes the same check, so both stops are local minima. The previous scene's two ReLUs, "
              "from another start, reached {other}: lower than both. So neither stop is the global minimum.",
        "zh": "所以，梯度下降停在梯度接近零的地方；停在哪里，取决于随机的起点。"
              "起点 {low_i} 也通过同样的检查，所以两个停止点都是局部最小值。上一节的两个 ReLU 从另一个起点出发，"
              "损失降到了 {other}，比两者都低。所以两个停止点都不是全局最小值。",
    },
}
