"""Strings of LayersStacking and DepthTable (CHAPTER.md §6 and §9)."""

STRINGS = {
    # LayersStacking
    "depth.stack.title": {"en": "Stacking layers", "zh": "一层一层叠起来"},
    "depth.stack.relu_note": {
        "en": "activation function: ReLU(z) = max(0, z)",
        "zh": "激活函数：ReLU(z) = max(0, z)",
    },
    "depth.stack.fit_one": {"en": "1 layer of ReLUs: {n} linear pieces", "zh": "1 层 ReLU：{n} 段直线"},
    "depth.stack.fit_many": {"en": "{d} layers of ReLUs: {n} linear pieces", "zh": "{d} 层 ReLU：{n} 段直线"},
    "depth.stack.corners": {"en": "{corners} corners (dots)", "zh": "{corners} 个转折点（圆点）"},
    # corners whose dots overlap: a ring around them and how far apart they are, in x's unit
    "depth.stack.close_pair": {"en": "{k} corners,\n{gap} {unit} apart", "zh": "{k} 个转折点，\n相距 {gap} {unit}"},
    "depth.stack.close_run": {"en": "{k} corners\nwithin {gap} {unit}", "zh": "{k} 个转折点\n相距不到 {gap} {unit}"},
    "depth.unit.bikeshare.cycle": {"en": "h", "zh": "小时"},
    "depth.unit.minutes": {"en": "min", "zh": "分钟"},
    "depth.unit.bikeshare.lag1": {"en": "riders/h", "zh": "人/小时"},
    "depth.unit.seattle.cycle": {"en": "days", "zh": "天"},
    "depth.unit.seattle.lag1": {"en": "°C", "zh": "°C"},
    "depth.stack.trained": {
        "en": "each network trained on {n} real points ({width} ReLUs per layer)",
        "zh": "每个网络都在 {n} 个真实数据点上训练（每层 {width} 个 ReLU）",
    },
    "depth.stack.per_layer": {
        "en": "Each ReLU's output as a function of x, layer by layer",
        "zh": "逐层画出每个 ReLU 的输出（x 的函数）",
    },
    "depth.stack.layer": {"en": "layer {k}", "zh": "第 {k} 层"},
    "depth.stack.up_to": {"en": "up to {n} pieces", "zh": "最多 {n} 段"},
    "depth.stack.output": {"en": "output y", "zh": "输出 y"},
    "depth.stack.pieces": {"en": "{n} pieces", "zh": "{n} 段"},
    "depth.stack.sum": {
        "en": "y = b + Σ cᵢ aᵢ adds up the {w} curves of layer {k}: it bends wherever any of them bends, so {n} pieces",
        "zh": "y = b + Σ cᵢ aᵢ 把第 {k} 层的 {w} 条折线加起来：哪一条转弯，y 就在哪里转弯，所以有 {n} 段",
    },
    "depth.x.bikeshare.cycle": {"en": "hour of day", "zh": "一天中的小时"},
    "depth.x.bikeshare.lag1": {"en": "riders one hour before", "zh": "前一小时的人数"},
    "depth.x.seattle.cycle": {"en": "day of year", "zh": "一年中的第几天"},
    "depth.x.seattle.lag1": {"en": "°C the day before", "zh": "前一天的气温 °C"},
    "depth.y.bikeshare": {"en": "riders/h", "zh": "人/小时"},
    "depth.y.seattle": {"en": "°C (daily maximum)", "zh": "每日最高气温 °C"},
    "depth.names.neuron": {"en": "neuron", "zh": "神经元"},
    "depth.names.network": {"en": "neural network", "zh": "神经网络"},
    "depth.names.hidden": {"en": "hidden layer", "zh": "隐藏层"},
    "depth.names.deep": {"en": "many hidden layers: deep learning", "zh": "很多隐藏层：深度学习"},
    "depth.names.old": {"en": "old names: neuron, neural network", "zh": "旧说法：神经元、神经网络"},
    "depth.names.new": {"en": "new names: hidden layer, deep learning", "zh": "新说法：隐藏层、深度学习"},
    # DepthTable
    "depth.table.title": {"en": "The book's experiment, redone on public data", "zh": "在公开数据上重做书中的实验"},
    "depth.table.data": {
        "en": "{label}; each row: mean of {seeds} random starts",
        "zh": "{label}；每一行：{seeds} 次随机初始化的平均",
    },
    "depth.table.loss.mae": {
        "en": "trained and measured with MAE in {unit}, as in the book's table (not the MSE of the first straight line)",
        "zh": "训练和衡量都用 MAE（{unit}），和书中的表一样（不是最初那条直线用的 MSE）",
    },
    "depth.table.reduced": {
        "en": "reduced grid (narrower layers, fewer epochs): a quick run, not the full experiment",
        "zh": "缩小版网格（更窄的层、更少的回合）：快速运行，不是完整实验",
    },
    "depth.table.days": {"en": "more previous {step} (linear)", "zh": "往前看更多{step}（线性）"},
    "depth.table.linear_x": {
        "en": "(j = 1 … k; xⱼ: the value j {step} before)",
        "zh": "（j = 1 … k；xⱼ：j {step}之前的值）",
    },
    "depth.table.relus": {"en": "more ReLUs (one layer)", "zh": "更多 ReLU（一层）"},
    "depth.table.layers": {
        "en": "more layers (overfitting would be: training loss down, unseen loss up)",
        "zh": "更多层（过拟合指的是：训练损失下降，未见数据上的损失却上升）",
    },
    "depth.table.book": {"en": "the book (thousand views)", "zh": "书中（千次观看）"},
    "depth.table.ours": {"en": "ours ({unit})", "zh": "我们的（{unit}）"},
    "depth.table.train": {"en": "training", "zh": "训练"},
    "depth.table.unseen": {"en": "unseen", "zh": "未见数据"},
    "depth.table.overfit": {
        "en": "overfitting: more layers, lower training loss, but unseen {a} → {b} {unit}, "
              "more than the spread of {seeds} random starts (±{spread})",
        "zh": "过拟合：层数更多，训练损失更低，但未见 {a} → {b} {unit}，"
              "超过 {seeds} 次随机初始化之间的差别（±{spread}）",
    },
    "depth.table.within_spread": {
        "en": "no clear overfitting: {d1} → {d2} layers, unseen {a} → {b} {unit}, "
              "within the spread of {seeds} random starts (±{spread})",
        "zh": "看不出明显的过拟合：{d1} → {d2} 层，未见 {a} → {b} {unit}，"
              "在 {seeds} 次随机初始化之间的差别之内（±{spread}）",
    },
    "depth.table.no_overfit": {
        "en": "our unseen loss never turns up while the training loss falls: no overfitting to mark",
        "zh": "训练损失下降时，我们在未见数据上的损失没有回升：没有可标注的过拟合",
    },
    "depth.table.seattle_overfits": {
        "en": "Seattle temperatures, same grid: {d1} → {d2} layers, unseen {a} → {b} {unit} (±{spread}): overfitting\n"
              "(layers of {width} ReLUs, at most {epochs} epochs each)",
        "zh": "西雅图气温，同样的一组实验：{d1} → {d2} 层，未见 {a} → {b} {unit}（±{spread}）：过拟合\n"
              "（每层 {width} 个 ReLU，每次最多训练 {epochs} 个回合）",
    },
    "depth.table.seattle_neither": {
        "en": "Seattle temperatures, same grid: no clear overfitting either",
        "zh": "西雅图气温，同样的一组实验：也看不出明显的过拟合",
    },
    "depth.table.book_overfit": {
        "en": "the book: {d} layers overfit (unseen {a} → {b})",
        "zh": "书中：{d} 层过拟合（未见 {a} → {b}）",
    },
    "depth.table.lesson_row": {
        "en": "* trained on MAE like every row, so not gradient descent's MSE line (w* = {w}, b* = {b} {unit})",
        "zh": "* 与其他各行一样用 MAE 训练，不是前面梯度下降用 MSE 找到的直线（w* = {w}，b* = {b} {unit}）",
    },
    "depth.table.row_marked": {"en": "{label} *", "zh": "{label} *"},
    "depth.table.row_days": {"en": "linear, k = {k}", "zh": "线性，k = {k}"},
    "depth.table.row_relus": {"en": "{w} ReLU, k = {k}", "zh": "{w} 个 ReLU，k = {k}"},
    "depth.table.row_layers": {"en": "{d} × {w} ReLU", "zh": "{d} 层 × {w} 个 ReLU"},
    # Narration of LayersStacking and DepthTable (placeholders filled from the numbers drawn)
    "depth.say.train_falls": {"en": "the training loss keeps falling.", "zh": "训练损失一直下降。"},
    "depth.say.train_mixed": {"en": "the training loss does not fall at every step.", "zh": "训练损失并不是每一步都下降。"},
    "depth.say.overfit": {
        "en": "The unseen loss turns up by more than the runs differ: overfitting.",
        "zh": "未见数据上的损失回升，而且超过了不同训练之间的波动：过拟合。",
    },
    "depth.say.within_spread": {
        "en": "The unseen loss barely moves, less than the runs differ: no clear overfitting here.",
        "zh": "未见数据上的损失几乎不动，变化小于不同训练之间的波动：这里看不出明显的过拟合。",
    },
    "depth.say.no_rise": {
        "en": "The unseen loss does not turn up: no overfitting here.",
        "zh": "未见数据上的损失没有回升：这里没有过拟合。",
    },
    "depth.say.seattle_overfits": {
        "en": "On Seattle temperatures the same grid does overfit, and the next scene shows it epoch by epoch, "
              "with a narrower network trained for a fixed number of epochs.",
        "zh": "在西雅图气温上，同样的一组实验确实过拟合了；"
              "下一个场景用一个更窄、训练固定回合数的网络，一个回合一个回合地展示。",
    },
    "depth.say.seattle_neither": {
        "en": "Nor on Seattle temperatures in this grid; the next scene trains a deep network for longer.",
        "zh": "在这组实验里，西雅图气温上也看不出；下一个场景把一个深层网络训练得更久。",
    },
    "DepthTable.say.0": {
        "en": "The book's experiment on public data, trained and measured with MAE as in the book's table. "
              "First, linear models that look further back.",
        "zh": "在公开数据上重做书中的实验，和书中的表一样用 MAE 训练和衡量。先看往回看得更远的线性模型。",
    },
    "DepthTable.say.1": {
        "en": "Then one layer with more and more ReLUs.",
        "zh": "然后是一层、越来越多的 ReLU。",
    },
    "DepthTable.say.2": {
        "en": "Then more layers: {train_trend} If the unseen loss rose meanwhile, that would be overfitting.",
        "zh": "再是更多的层：{train_trend}如果这时未见数据上的损失反而上升，那就是过拟合。",
    },
    "DepthTable.say.3": {
        "en": "{verdict} {elsewhere}",
        "zh": "{verdict}{elsewhere}",
    },
    # LayersStacking
    "depth.say.pieces_more": {"en": "Now {n} pieces instead of {before}.", "zh": "现在是 {n} 段，而不是 {before} 段。"},
    "depth.say.pieces_same": {
        "en": "Still {n} pieces: a layer can add bends, but it need not.",
        "zh": "还是 {n} 段：多一层可以多出转折点，但不一定。",
    },
    "depth.say.pieces_fewer": {
        "en": "{n} pieces, fewer than {before}: training decides how many bends are used.",
        "zh": "{n} 段，比 {before} 段还少：用多少转折点由训练决定。",
    },
    "LayersStacking.say.0": {
        "en": "One layer of {width} ReLUs, trained on real hours: a curve of {n} straight pieces. "
              "A dot marks each corner.",
        "zh": "一层 {width} 个 ReLU，在真实数据上训练：一条由 {n} 段直线组成的曲线，每个圆点是一个转折点。",
    },
    "LayersStacking.say.1": {
        "en": "Feed it into a second layer: a′ = ReLU(b′ + W′ a). {change}",
        "zh": "把它送进第二层：a′ = ReLU(b′ + W′ a)。{change}",
    },
    "LayersStacking.say.2": {
        "en": "A third layer. {change}",
        "zh": "第三层。{change}",
    },
    "LayersStacking.say.3": {
        "en": "A fourth layer. {change}",
        "zh": "第四层。{change}",
    },
    "LayersStacking.say.4": {
        "en": "Inside the deepest network, each ReLU as a function of x: at most {first} pieces in the first "
              "layer, {last} at the output. Each layer bends what the layer before passes on. {sum}",
        "zh": "在最深的网络里，把每个 ReLU 都画成 x 的函数：第一层每个最多 {first} 段，输出有 {last} 段。"
              "每一层都把上一层传来的折线再弯折。{sum}",
    },
    "depth.say.sum": {
        "en": "The output adds up the {w} curves of the last layer, so it bends wherever any of them bends.",
        "zh": "输出把最后一层的 {w} 条折线加起来，哪一条转弯，它就在哪里转弯。",
    },
    "LayersStacking.say.5": {
        "en": "The old names: each unit is a neuron, and the whole is a neural network.",
        "zh": "旧说法：每个单元叫作神经元，整体叫作神经网络。",
    },
    "LayersStacking.say.6": {
        "en": "The new names: each column is a hidden layer, and many hidden layers make deep learning.",
        "zh": "新说法：每一列叫作隐藏层，很多隐藏层就是深度学习。",
    },
}
