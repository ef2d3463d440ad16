"""Strings of LayersStacking and DepthTable (CHAPTER.md §6 and §9)."""

STRINGS = {
    # LayersStacking
    "depth.stack.title": {"en": "Stacking layers", "zh": "一层一层叠起来"},
    "depth.stack.sigma_note": {"en": "σ here: ReLU", "zh": "这里的 σ 是 ReLU"},
    "depth.stack.fit_one": {"en": "1 hidden layer: {n} linear pieces", "zh": "1 个隐藏层：{n} 段直线"},
    "depth.stack.fit_many": {"en": "{d} hidden layers: {n} linear pieces", "zh": "{d} 个隐藏层：{n} 段直线"},
    "depth.stack.trained": {
        "en": "each network trained on {n} real points ({width} ReLUs per layer)",
        "zh": "每个网络都在 {n} 个真实数据点上训练（每层 {width} 个 ReLU）",
    },
    "depth.stack.per_layer": {
        "en": "Each neuron's output as a function of x, layer by layer",
        "zh": "逐层画出每个神经元的输出（x 的函数）",
    },
    "depth.stack.layer": {"en": "layer {k}", "zh": "第 {k} 层"},
    "depth.stack.up_to": {"en": "up to {n} pieces", "zh": "最多 {n} 段"},
    "depth.stack.output": {"en": "output y", "zh": "输出 y"},
    "depth.stack.pieces": {"en": "{n} pieces", "zh": "{n} 段"},
    "depth.stack.exact": {
        "en": "pieces counted exactly from the weights (not by sampling), over the range of the data",
        "zh": "段数由权重精确算出（不是采样），范围为数据的 x 范围",
    },
    "depth.x.bikeshare.cycle": {"en": "hour of day", "zh": "一天中的小时"},
    "depth.x.bikeshare.lag1": {"en": "riders one hour before", "zh": "前一小时的人次"},
    "depth.x.seattle.cycle": {"en": "day of year", "zh": "一年中的第几天"},
    "depth.x.seattle.lag1": {"en": "°C the day before", "zh": "前一天的气温 °C"},
    "depth.y.bikeshare": {"en": "riders per hour", "zh": "每小时人次"},
    "depth.y.seattle": {"en": "°C (daily maximum)", "zh": "每日最高气温 °C"},
    "depth.names.neuron": {"en": "neuron", "zh": "神经元"},
    "depth.names.network": {"en": "neural network", "zh": "神经网络"},
    "depth.names.hidden": {"en": "hidden layer", "zh": "隐藏层"},
    "depth.names.deep": {"en": "many hidden layers: deep learning", "zh": "很多隐藏层：深度学习"},
    "depth.names.old": {"en": "old names: neuron, neural network", "zh": "旧名字：神经元、神经网络"},
    "depth.names.new": {"en": "new names: hidden layer, deep learning", "zh": "新名字：隐藏层、深度学习"},
    # DepthTable
    "depth.table.title": {"en": "The book's experiment, rerun on real data", "zh": "在真实数据上重做书中的实验"},
    "depth.table.data": {
        "en": "{label}; MAE in {unit}, mean of {seeds} seeds; k = previous {step}",
        "zh": "{label}；MAE（{unit}），{seeds} 个随机种子的平均；k = 前几{step}",
    },
    "depth.table.reduced": {
        "en": "reduced grid (narrower layers, fewer epochs): a quick run, not the full experiment",
        "zh": "缩小版网格（更窄的层、更少的轮数）：快速运行，不是完整实验",
    },
    "depth.table.days": {"en": "more days (linear)", "zh": "更多天数（线性）"},
    "depth.table.relus": {"en": "more ReLUs (one layer)", "zh": "更多 ReLU（一层）"},
    "depth.table.layers": {"en": "more layers", "zh": "更多层"},
    "depth.table.book": {"en": "the book (thousand views)", "zh": "书中（千次观看）"},
    "depth.table.ours": {"en": "ours ({unit})", "zh": "我们的（{unit}）"},
    "depth.table.train": {"en": "training", "zh": "训练"},
    "depth.table.unseen": {"en": "unseen", "zh": "未见"},
    "depth.table.overfit": {
        "en": "overfitting: more layers, lower training loss, but the unseen loss rises ({a} → {b})",
        "zh": "过拟合：层数更多，训练损失更低，但未见数据上的损失上升（{a} → {b}）",
    },
    "depth.table.no_overfit": {
        "en": "our unseen loss never turns up while the training loss falls: no overfitting to mark",
        "zh": "训练损失下降时，我们在未见数据上的损失没有回升：没有可标注的过拟合",
    },
    "depth.table.book_overfit": {
        "en": "the book: {d} layers overfit (unseen {a} → {b})",
        "zh": "书中：{d} 层过拟合（未见 {a} → {b}）",
    },
    "depth.table.within_spread": {
        "en": "but the rise is smaller than the spread over seeds (±{spread}): weak evidence",
        "zh": "但上升幅度小于不同随机种子之间的波动（±{spread}）：证据很弱",
    },
    "depth.table.row_days": {"en": "linear, k = {k}", "zh": "线性，k = {k}"},
    "depth.table.row_relus": {"en": "{w} ReLU, k = {k}", "zh": "{w} 个 ReLU，k = {k}"},
    "depth.table.row_layers": {"en": "{d} × {w} ReLU", "zh": "{d} 层 × {w} 个 ReLU"},
}
