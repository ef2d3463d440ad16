"""Strings of Overfitting (CHAPTER.md §6: overfitting over epochs, then early stopping), and its narration."""

STRINGS = {
    "overfit.title": {"en": "Overfitting, epoch by epoch", "zh": "过拟合：一个回合一个回合地看"},
    "overfit.data": {
        "en": "Seattle daily maximum temperature: the previous {k} days → the next day",
        "zh": "西雅图每日最高气温：用前 {k} 天预测下一天",
    },
    "overfit.model": {
        "en": "{layers} hidden layers × {width} ReLUs, {epochs} epochs, batches of {batch}, no early stopping",
        "zh": "{layers} 个隐藏层 × {width} 个 ReLU，{epochs} 个回合，批量大小 {batch}，中途不停",
    },
    "overfit.setup_note.mae": {
        "en": "narrower than the table's {table_width} ReLUs per layer, which stopped early; "
              "loss: MAE, as in the book's table",
        "zh": "比上一张表每层 {table_width} 个 ReLU 更窄，那里的训练还会提前停下；损失：MAE，和书中的表一样",
    },
    "overfit.epoch_axis": {"en": "epoch", "zh": "回合"},
    "overfit.loss_axis": {"en": "loss L: MAE in {unit}", "zh": "损失 L：MAE（{unit}）"},
    "overfit.part.train": {"en": "training {first} – {last}", "zh": "训练 {first} – {last}"},
    "overfit.part.val": {"en": "validation {first} – {last}", "zh": "验证 {first} – {last}"},
    "overfit.part.unseen": {"en": "unseen {first} – {last}", "zh": "未见 {first} – {last}"},
    "overfit.train_end": {
        "en": "training loss after {epochs} epochs: {value} {unit}",
        "zh": "{epochs} 个回合后的训练损失：{value} {unit}",
    },
    "overfit.off_chart": {
        "en": "before epoch {first} the losses start above {top} {unit}",
        "zh": "第 {first} 个回合之前，损失高于 {top} {unit}（超出图框）",
    },
    "overfit.verdict": {
        "en": "overfitting: after epoch {epoch} the unseen\nloss rises, {a} → {b} {unit},\nwhile the training loss falls",
        "zh": "过拟合：第 {epoch} 个回合之后，\n未见数据上的损失从 {a} 升到 {b} {unit}，\n而训练损失还在下降",
    },
    "overfit.seeds": {
        "en": "all {runs} runs (random starts): rises of {lo} to {hi} {unit};\n"
              "the runs differ by only {spread} {unit}",
        "zh": "全部 {runs} 次训练（不同的随机初始化）：\n"
              "回升幅度在 {lo} 到 {hi} {unit} 之间；各次之间只相差 {spread} {unit}",
    },
    "overfit.no_verdict": {
        "en": "the unseen loss does not rise by more\nthan the {runs} runs differ ({spread} {unit}):\nno overfitting shown",
        "zh": "未见数据上的损失回升不超过 {runs} 次训练之间的差异\n（{spread} {unit}）：这里看不出过拟合",
    },
    "overfit.validation": {
        "en": "validation: days held back from training,\nused only to decide when to stop",
        "zh": "验证数据：不参与训练的日子，\n只用来决定何时停止",
    },
    "overfit.stopping": {
        "en": "early stopping watches the validation loss\nand waits at most {patience} epochs for a new lowest",
        "zh": "早停看的是验证损失\n（连续 {patience} 个回合不再变好就停）",
    },
    "overfit.stopped": {
        "en": "{patience} epochs with no new lowest:\nstop at epoch {stopped}, keep epoch {kept}",
        "zh": "连续 {patience} 个回合没有新的最低点：\n在第 {stopped} 个回合停止，保留第 {kept} 个回合",
    },
    "overfit.kept_unseen": {
        "en": "only then, the unseen loss\nat epoch {kept}: {value} {unit}",
        "zh": "之后才去看未见数据：\n第 {kept} 个回合的损失 = {value} {unit}",
    },
    "overfit.compare": {
        "en": "after all {epochs} epochs: {end} {unit}; the unseen lowest\n"
              "({low}, epoch {lowest}) can't be chosen without peeking",
        "zh": "训练满 {epochs} 个回合：{end} {unit}；未见数据上的最低点\n（第 {lowest} 个回合的 {low}）不偷看就选不到",
    },
    # Narration
    "Overfitting.say.0": {
        "en": "Where does overfitting really show? Seattle's daily highs: the previous {k} days predict the next. "
              "The days are split in time, and each part's loss appears with its curve.",
        "zh": "过拟合在哪里真的出现？西雅图的每日最高气温：用前 {k} 天预测下一天。日子按时间切成几部分，"
              "每一部分的损失和它的曲线一起出现。",
    },
    "Overfitting.say.1": {
        "en": "A deep network, {layers} layers of {width} ReLUs, narrower than the table's {table_width}, "
              "trains for {epochs} epochs with nothing to stop it. "
              "Its training loss, the mean absolute error, keeps falling, to {train_end} {unit}.",
        "zh": "一个深层网络，{layers} 层、每层 {width} 个 ReLU，比上一张表的 {table_width} 个更窄，"
              "训练 {epochs} 个回合，中途不停。它的训练损失（平均绝对误差）一直下降，降到 {train_end} 度。",
    },
    "Overfitting.say.2": {
        "en": "On the unseen year the loss falls until epoch {lowest_epoch}, to {unseen_low} {unit}, "
              "and ends at {unseen_end} {unit}. {verdict}",
        "zh": "在未见过的那一年上，损失降到第 {lowest_epoch} 个回合的 {unseen_low} 度，最后是 {unseen_end} 度。{verdict}",
    },
    "overfit.say.verdict": {
        "en": "It climbs back while training still improves: that is overfitting. In all {runs} runs the unseen "
              "loss rises by {lo} to {hi} {unit}, more than the {spread} {unit} the runs differ by.",
        "zh": "训练损失还在变好，它却回升了：这就是过拟合。{runs} 次训练都回升了 {lo} 到 {hi} 度，"
              "大于各次之间 {spread} 度的差别。",
    },
    "overfit.say.no_verdict": {
        "en": "Its rise is no larger than the runs differ, so this run shows no overfitting.",
        "zh": "它的回升不比各次训练之间的差别大，所以这里看不出过拟合。",
    },
    "Overfitting.say.3": {
        "en": "Early stopping watches the validation loss instead: the loss on days held back from training, "
              "used only to decide when to stop. After {patience} epochs without a new "
              "lowest value it stops, at epoch {stopped}, and keeps the parameters of epoch {kept}.",
        "zh": "早停看的是验证损失，也就是不参与训练、只用来决定何时停止的那些日子上的损失：连续 {patience} 个回合没有新的最低点就停下，在第 {stopped} 个回合停止，"
              "保留第 {kept} 个回合的参数。",
    },
    "Overfitting.say.4": {
        "en": "Only then do we look at 2015: {unseen_kept} {unit} at the kept epoch, against {unseen_end} {unit} "
              "after training to the end.",
        "zh": "到这时才去看 2015 年：保留的那个回合是 {unseen_kept} 度，一直训练到最后则是 {unseen_end} 度。",
    },
}
