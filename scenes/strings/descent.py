"""Strings of LearningRates, BatchesEpochs and OptimizerRace (CHAPTER.md §8)."""

STRINGS = {
    # LearningRates
    "descent.lr_title": {"en": "The learning rate η", "zh": "学习率 η"},
    "descent.lr_hyper": {
        "en": "η is a hyperparameter: we choose it, the model does not learn it",
        "zh": "η 是超参数：由我们自己设定，不是模型学出来的",
    },
    "descent.lr_units": {
        "en": "y = b + w x₁, L = MSE; the steps count riders in hundreds (x₁ = 1.5 means 150 riders/h)",
        "zh": "y = b + w x₁，L = MSE；计算步长时人数以百为单位（x₁ = 1.5 即每小时 150 人）",
    },
    "descent.lr_small": {"en": "η = {lr}: too small", "zh": "η = {lr}：太小"},
    "descent.lr_good": {"en": "η = {lr}: good", "zh": "η = {lr}：合适"},
    "descent.lr_large": {"en": "η = {lr}: too large", "zh": "η = {lr}：太大"},
    "descent.step": {"en": "step", "zh": "步数"},
    "descent.minimum": {
        "en": "×: the lowest loss L* = {loss} (riders/h)², at w* = {w}, b* = {b} riders/h",
        "zh": "×：最低的损失 L* = {loss}（人/小时）²，在 w* = {w}、b* = {b} 人/小时",
    },
    "descent.near_min": {"en": "L within 1 % of L*", "zh": "L 与 L* 相差不到 1%"},
    "descent.above_min": {"en": "L still {percent} % above L*", "zh": "L 仍比 L* 高 {percent}%"},
    "descent.left_map": {"en": "left the map at step {step}", "zh": "第 {step} 步离开了图"},
    "LearningRates.say.0": {
        "en": "The learning rate eta is a hyperparameter: we choose it. Three choices, one start, "
            "the same long valley.",
        "zh": "学习率 η 是超参数，由我们自己设定。三个选择，同一个起点，同一条狭长的山谷。",
    },
    "LearningRates.say.1": {
        "en": "Too small creeps down the valley. A good rate jumps across it, a little less each time. "
              "Too large jumps further every time and leaves the map at step {exit_step}.",
        "zh": "太小的学习率沿着山谷慢慢往下挪。合适的学习率跳过山谷，每次跳得少一点。"
              "太大的学习率每次跳得更远，在第 {exit_step} 步离开了图。",
    },
    "LearningRates.say.2": {
        "en": "After {steps} steps the small rate's loss is still {small_percent} percent above the lowest; "
              "the good rate is within one percent.",
        "zh": "走了 {steps} 步之后，太小的学习率的损失仍比最低值高 {small_percent}%；合适的学习率已经相差不到 1%。",
    },
    # BatchesEpochs
    "batches.title": {"en": "Batches and epochs", "zh": "批次与轮次"},
    "batches.data": {
        "en": "N = {n} real hours (riders the hour before → riders now)",
        "zh": "N = {n} 个真实小时（前一小时人数 → 现在人数）",
    },
    "batches.shuffle": {"en": "shuffle", "zh": "打乱"},
    "batches.cut": {"en": "cut into batches of B = {b}", "zh": "切成每批 B = {b} 个"},
    "batches.batch_loss": {"en": "each batch: its own loss and one update", "zh": "每一批：自己的损失，更新一次"},
    "batches.epoch": {"en": "epoch", "zh": "轮次"},
    "batches.update": {"en": "update", "zh": "更新"},
    "batches.epochs_done": {"en": "epochs done", "zh": "已完成轮次"},
    "batches.per_epoch": {
        "en": "one epoch = every batch once: N/B = {n}/{b} = {updates} updates",
        "zh": "一轮 = 每批各用一次：N/B = {n}/{b} = {updates} 次更新",
    },
    "batches.book": {
        "en": "N = {n} and B = {b}: {updates} updates per epoch",
        "zh": "N = {n}、B = {b}：每轮 {updates} 次更新",
    },
    "batches.full": {"en": "full batch (B = N): {updates} updates", "zh": "全批次（B = N）：{updates} 次更新"},
    "batches.mini": {"en": "mini-batches (B = {b}): {updates} updates", "zh": "小批次（B = {b}）：{updates} 次更新"},
    "batches.same_epochs": {"en": "the same {epochs} epochs", "zh": "同样的 {epochs} 轮"},
    "BatchesEpochs.say.0": {
        "en": "Shuffle the examples and cut them into batches.",
        "zh": "把样本打乱，切成一批一批。",
    },
    "BatchesEpochs.say.1": {
        "en": "Each batch gives its own loss and one update. Seeing every batch once is one epoch.",
        "zh": "每一批算出自己的损失，更新一次参数。每批都用过一次，就是一轮。",
    },
    "BatchesEpochs.say.2": {
        "en": "In the same epochs, small batches make many noisy updates; the full batch makes few.",
        "zh": "同样的轮数里，小批次更新多次但有噪声；全批次只更新几次。",
    },
    # OptimizerRace
    "race.title": {"en": "Optimisers race", "zh": "优化器赛跑"},
    "race.linear": {
        "en": "the one-hour model's long valley from before: y = b + w x₁, L = MSE; ×: the lowest L*",
        "zh": "前面那条狭长的山谷：y = b + w x₁，L = MSE；×：最低的损失 L*",
    },
    "race.rule": {
        "en": "each with its best η of 0.001, 0.002, 0.005, …, 5: the lowest L after {steps} steps",
        "zh": "每个都用自己最好的 η（从 0.001、0.002、0.005、…、5 中选）：{steps} 步后 L 最低的那个",
    },
    "race.deep": {
        "en": "a network, {layers} layers of {width} ReLUs: hour of day → riders, L = MAE in riders/h",
        "zh": "一个网络，{layers} 层、每层 {width} 个 ReLU：一天中的小时 → 人数，L = MAE（人/小时）",
    },
    "race.deep_plane": {
        "en": "the map: the loss on the plane through θ that holds {share}% of the paths' spread",
        "zh": "图：θ 空间中一个平面上的损失，这个平面包含路径 {share}% 的变化",
    },
    "race.deep_result": {
        "en": "after {steps} steps, one start:\nlowest L: {lowest}\nhighest L: {highest}",
        "zh": "从这一个起点走 {steps} 步后：\nL 最低：{lowest}\nL 最高：{highest}",
    },
    "race.gd": {"en": "gradient descent", "zh": "梯度下降"},
    "race.momentum": {"en": "momentum", "zh": "动量"},
    "race.adagrad": {"en": "AdaGrad", "zh": "AdaGrad"},
    "race.rmsprop": {"en": "RMSProp", "zh": "RMSProp"},
    "race.adam": {"en": "Adam", "zh": "Adam"},
    "race.none": {"en": "none", "zh": "没有"},
    "race.twins": {
        "en": "{a} and {b} take\nalmost the same path here.",
        "zh": "{a} 和 {b}\n在这里走的路几乎一样。",
    },
    "OptimizerRace.say.0": {
        "en": "Five optimisers start at the same point, each with the learning rate that did best in a small sweep.",
        "zh": "五个优化器从同一点出发，每个都用一次小范围搜索中表现最好的学习率。",
    },
    "OptimizerRace.say.1": {
        "en": "On this small valley, after {steps} steps, {near} are within one percent of the lowest loss; "
              "{far} not yet. {twins}",
        "zh": "在这条小山谷上，走了 {steps} 步之后，{near} 与最低损失相差不到 1%；{far} 还没有。{twins}",
    },
    "OptimizerRace.say.2": {
        "en": "On a network's loss the five take different roads.",
        "zh": "在一个网络的损失上，这五个走了不同的路。",
    },
    "OptimizerRace.say.3": {
        "en": "From this one start, after {epochs} steps, {lowest} ends lowest and {highest} highest.",
        "zh": "从这一个起点出发，走了 {epochs} 步之后，{lowest} 的损失最低，{highest} 最高。",
    },
}
