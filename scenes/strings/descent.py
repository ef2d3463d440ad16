"""Strings of LearningRates, BatchesEpochs and OptimizerRace (CHAPTER.md §8)."""

STRINGS = {
    # LearningRates
    "descent.lr_title": {"en": "The learning rate η", "zh": "学习率 η"},
    "descent.lr_hyper": {
        "en": "η is a hyperparameter: we choose it, the model does not learn it",
        "zh": "η 是超参数：由我们自己设定，不是模型学出来的",
    },
    "descent.lr_units": {
        "en": "the same y = b + w x₁ and L = MSE; the steps count riders in hundreds (x₁ = 1.5 means 150 riders/h)",
        "zh": "同样的 y = b + w x₁ 和 L = MSE；计算步长时人数以百为单位（x₁ = 1.5 即每小时 150 人）",
    },
    # Why η differs from scene to scene: its good size depends on the units of x₁ and L (computed bounds).
    "descent.lr_bound": {
        "en": "a good η depends on the units: descent blows up above η = {here} here, {raw} in riders/h, "
              "{std} standardised",
        "zh": "η 的合适大小取决于单位：η 超过 {here} 时梯度下降发散（这里）；以人/小时计是 {raw}，标准化后是 {std}",
    },
    "descent.lr_small": {"en": "η = {lr}: too small", "zh": "η = {lr}：太小"},
    "descent.lr_good": {"en": "η = {lr}: good", "zh": "η = {lr}：合适"},
    "descent.lr_large": {"en": "η = {lr}: too large", "zh": "η = {lr}：太大"},
    "descent.step": {"en": "step", "zh": "步数"},
    "descent.minimum": {
        "en": "×: the lowest loss L* = {loss} (riders/h)², at w* = {w}, b* = {b} riders/h",
        "zh": "×：最低的损失 L* = {loss} (人/小时)²，在 w* = {w}、b* = {b} 人/小时",
    },
    "descent.near_min": {"en": "L within 1 % of L*", "zh": "L 与 L* 相差不到 1%"},
    "descent.above_min": {"en": "L still {percent} % above L*", "zh": "L 仍比 L* 高 {percent}%"},
    "descent.left_map": {"en": "left the map at step {step}", "zh": "第 {step} 步跑出了图外"},
    "LearningRates.say.0": {
        "en": "The learning rate η is a hyperparameter: we choose it. Three choices, one start, "
              "the same long valley. Riders are counted in hundreds here, and a good rate's size depends on the units.",
        "zh": "学习率 η 是超参数，由我们自己设定。三个选择，同一个起点，同一条狭长的山谷。"
              "这里人数以百为单位；学习率合适的大小取决于单位。",
    },
    "LearningRates.say.1": {
        "en": "Too small creeps down the valley. A good rate bounces between its walls, a little less each time. "
              "Too large jumps further every time and leaves the map at step {exit_step}.",
        "zh": "太小的学习率沿着山谷慢慢往下挪。合适的学习率在山谷两壁之间来回跳，每次跳得更短一点。"
              "太大的学习率每次跳得更远，在第 {exit_step} 步跑出了图外。",
    },
    "LearningRates.say.2": {
        "en": "After {steps} steps the small rate's loss is still {small_percent} percent above the lowest; "
              "the good rate is within one percent.",
        "zh": "走了 {steps} 步之后，太小的学习率的损失仍比最低值高 {small_percent}%；合适的学习率已经相差不到 1%。",
    },
    # BatchesEpochs
    "batches.title": {"en": "Batches and epochs", "zh": "批量与回合"},
    "batches.model": {
        "en": "θ: the {p} unknowns of y = b + Σ cᵢ σ(bᵢ + wᵢ x₁), one input x₁, {k} sigmoids",
        "zh": "θ：y = b + Σ cᵢ σ(bᵢ + wᵢ x₁) 的全部 {p} 个未知参数；一个输入 x₁，{k} 个 Sigmoid",
    },
    "batches.data": {
        "en": "N = {n} real hours: hour of day → riders; L = MSE in (riders/h)²",
        "zh": "N = {n} 个真实的小时：一天中的小时 → 人数；L = MSE，单位 (人/小时)²",
    },
    "batches.shuffle": {"en": "shuffle", "zh": "打乱"},
    "batches.cut": {"en": "cut into batches of B = {b}", "zh": "分成大小 B = {b} 的批量"},
    "batches.batch_loss": {"en": "each batch: its own loss, then one update",
                           "zh": "每个批量：算自己的损失，再更新一次"},
    "batches.epoch": {"en": "epoch", "zh": "回合"},
    "batches.update": {"en": "update", "zh": "更新"},
    "batches.per_epoch": {
        "en": "one epoch = every batch once: N/B = {n}/{b} = {updates} updates",
        "zh": "一个回合 = 每个批量各用一次：N/B = {n}/{b} = {updates} 次更新",
    },
    "batches.per_epoch_rounded": {
        "en": "one epoch = every batch once: N/B = {n}/{b}, rounded up: {updates} updates (the last batch is smaller)",
        "zh": "一个回合 = 每个批量各用一次：N/B = {n}/{b}，向上取整：{updates} 次更新（最后一个批量较小）",
    },
    "batches.rounded_up": {"en": ", rounded up,", "zh": "（向上取整）"},
    "batches.book": {
        "en": "the book: N = {n} and B = {b}: {updates} updates per epoch",
        "zh": "书中：N = {n}、B = {b}：每个回合 {updates} 次更新",
    },
    "batches.epochs_axis": {"en": "epochs", "zh": "回合"},
    "batches.loss_all": {"en": "L on all {n} hours after each update", "zh": "每次更新后全部 {n} 个小时上的 L"},
    "batches.same_epochs": {"en": "the same {epochs} epochs, η and θ⁰:", "zh": "同样的 {epochs} 个回合、η 和 θ⁰："},
    "batches.full": {"en": "full batch (B = N = {n}): {updates} updates",
                     "zh": "全批量（B = N = {n}）：{updates} 次更新"},
    "batches.mini": {"en": "batches of B = {b}: {updates} updates", "zh": "批量大小 B = {b}：{updates} 次更新"},
    "batches.loss_now": {"en": "L =", "zh": "L ="},
    "batches.epochs_done": {"en": "epochs done", "zh": "已完成回合"},
    "batches.rises": {
        "en": "noisy: after {rises} of the {updates} small-batch\nupdates, L on all hours went up",
        "zh": "有噪声：小批量的 {updates} 次更新中，\n有 {rises} 次之后全部小时上的 L 反而上升",
    },
    "batches.mini_lower": {
        "en": "here the small batches end lower:\n{mini} against {full}",
        "zh": "这里小批量最后的 L 更低：\n{mini} 对 {full}",
    },
    "batches.full_lower": {
        "en": "here the full batch ends lower:\n{full} against {mini}",
        "zh": "这里全批量最后的 L 更低：\n{full} 对 {mini}",
    },
    "BatchesEpochs.say.0": {
        "en": "In practice, steps two and three go like this: shuffle the {n} hours and cut them into batches "
              "of {b}. Each batch gives its own loss and one update of θ.",
        "zh": "实际做第二步和第三步时：把 {n} 个小时打乱，分成大小为 {b} 的批量。"
              "每个批量算出自己的损失，更新一次 θ。",
    },
    "BatchesEpochs.say.1": {
        "en": "Using every batch once is one epoch: {n} over {b}{rounded} makes {per_epoch} updates. In the book, "
              "{n1} over {b1} makes {u1}, and {n2} over {b2} makes {u2}.",
        "zh": "每个批量都用过一次，就是一个回合：{n} 除以 {b}{rounded}，是 {per_epoch} 次更新。"
              "书中的例子：{n1} 除以 {b1} 是 {u1}，{n2} 除以 {b2} 是 {u2}。",
    },
    "BatchesEpochs.say.2": {
        "en": "In the same {epochs} epochs, batches of {b} make {mini_updates} updates and the full batch "
              "{full_updates}. Small batches are noisy: after {rises} of their {mini_updates} updates, "
              "the loss on all hours went up instead of down. "
              "{ending}.",
        "zh": "同样的 {epochs} 个回合里，大小为 {b} 的批量更新 {mini_updates} 次，全批量只更新 {full_updates} 次。"
              "小批量有噪声：它的 {mini_updates} 次更新中，有 {rises} 次之后全部小时上的损失不降反升。{ending}。",
    },
    # OptimizerRace
    "race.title": {"en": "Optimisers race", "zh": "优化器赛跑"},
    "race.linear": {
        "en": "the learning rate's long valley again (riders in hundreds): y = b + w x₁, L = MSE; ×: the lowest L*",
        "zh": "学习率一节那条狭长的山谷（人数以百为单位）：y = b + w x₁，L = MSE；×：最低的损失 L*",
    },
    "race.rule": {
        "en": "each with its best η of 0.001, 0.002, 0.005, …, 5: the lowest L after {steps} steps",
        "zh": "每个都用自己最好的 η（从 0.001、0.002、0.005、…、5 中选）：{steps} 步后 L 最低的那个",
    },
    "race.deep": {
        "en": "a network, {layers} layers of {width} ReLUs: hour of day → riders, L = MSE in (riders/h)²",
        "zh": "一个网络，{layers} 层、每层 {width} 个 ReLU：一天中的小时 → 人数，L = MSE，单位 (人/小时)²",
    },
    # The map is a 2-D slice of the network's loss; the dots are the paths' shadows on it.
    "race.deep_plane": {
        "en": "the map: the loss on a flat slice through the paths, along the 2 directions (α, β) "
              "they spread most ({share}% of it)",
        "zh": "图：穿过各路径的一个平面切片上的损失；α、β 是路径变化最大的两个方向（占变化的 {share}%）",
    },
    "race.deep_colour": {
        "en": "a dot's colour is the slice's loss there, not its run's own L (listed right)",
        "zh": "点所在处的颜色是切片上的损失，不是该路径自己的 L（见右侧）",
    },
    # One start, one run per optimiser: the order is what was measured, and so is the runner-up's gap.
    "race.deep_result": {
        "en": "after {steps} steps from this one start:\nlowest L: {lowest},\n{runner_up} {gap}% higher;\n"
              "highest L: {highest}",
        "zh": "从这一个起点走 {steps} 步后：\nL 最低：{lowest}，\n{runner_up} 只高 {gap}%；\nL 最高：{highest}",
    },
    "race.gd": {"en": "gradient descent", "zh": "梯度下降"},
    "race.momentum": {"en": "momentum", "zh": "动量"},
    "race.adagrad": {"en": "AdaGrad", "zh": "AdaGrad"},
    "race.rmsprop": {"en": "RMSProp", "zh": "RMSProp"},
    "race.adam": {"en": "Adam", "zh": "Adam"},
    "race.none": {"en": "none", "zh": "没有"},
    # One idea per optimiser, shown before the race; true of mathcore.optim's update rules
    # (momentum's factor is the runs' own β, read from their recorded configs).
    "race.idea.gd": {"en": "each step: θ minus η × the gradient", "zh": "每一步：θ 减去 η × 梯度"},
    "race.idea.momentum": {"en": "each step also adds {beta} × the previous step",
                           "zh": "每一步还加上前一步的 {beta} 倍"},
    "race.idea.adagrad": {"en": "divides each parameter's step by √(the sum of its past squared gradients)",
                          "zh": "每个参数的步长除以 √(它过去所有梯度的平方之和)"},
    "race.idea.rmsprop": {"en": "the same, but a moving average in place of the sum: old gradients fade",
                          "zh": "同上，但用梯度平方的滑动平均代替总和：旧的梯度逐渐淡去"},
    "race.idea.adam": {"en": "momentum and RMSProp together", "zh": "动量和 RMSProp 的结合"},
    "race.twins": {
        "en": "{a} and {b} take\nalmost the same path here.",
        "zh": "{a} 和 {b}\n在这里走的路几乎一样。",
    },
    "OptimizerRace.say.0": {
        "en": "Five optimisers, one idea each. Gradient descent: each step, θ minus the learning rate times the gradient. "
              "Momentum: each step also adds {beta} times the previous step. AdaGrad divides each parameter's step "
              "by the root of the sum of its past squared gradients. RMSProp does the same with a moving average "
              "of them, so old gradients fade. Adam is momentum and RMSProp together.",
        "zh": "五个优化器，各有一个想法。梯度下降：每一步，θ 减去学习率乘以梯度。动量：每一步还加上前一步的 {beta} 倍。"
              "AdaGrad：每个参数的步长除以它过去所有梯度平方之和的平方根。RMSProp：做法相同，但用梯度平方的滑动平均，"
              "旧的梯度逐渐淡去。Adam：动量和 RMSProp 的结合。",
    },
    "OptimizerRace.say.1": {
        "en": "Five optimisers start at the same point. Each uses the learning rate that did best when we "
              "tried one list of rates: the lowest loss after {steps} steps.",
        "zh": "五个优化器从同一点出发。我们把同一串学习率都试了一遍，每个优化器用其中表现最好的："
              "{steps} 步后损失最低的那个。",
    },
    "OptimizerRace.say.2": {
        "en": "On this long valley, after {steps} steps, within one percent of the lowest loss: {near}. "
              "Not yet: {far}. {twins}",
        "zh": "在这条狭长的山谷上，走了 {steps} 步之后，与最低损失相差不到 1% 的：{near}。还没有的：{far}。{twins}",
    },
    "OptimizerRace.say.3": {
        "en": "On a network's loss, each again with its best rate from the same list, the five take different "
              "roads. The map is a flat slice through their paths, along the two directions they spread most.",
        "zh": "在一个网络的损失上，每个仍用同一串学习率里最好的那个，五个优化器走了不同的路。"
              "这张图是穿过各路径的一个平面切片，沿着路径变化最大的两个方向。",
    },
    "OptimizerRace.say.4": {
        "en": "From this one start, after {epochs} steps, {lowest} ends lowest, {runner_up} only {gap} percent "
              "higher, and {highest} highest.",
        "zh": "从这一个起点出发，走了 {epochs} 步之后，{lowest} 的损失最低，{runner_up} 只高 {gap}%，{highest} 最高。",
    },
}
