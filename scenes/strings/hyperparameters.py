"""Strings of ParametersVsHyperparameters: both sides describe BatchesEpochs' model."""

STRINGS = {
    "hyper.title": {"en": "Parameters are learned, hyperparameters are chosen",
                    "zh": "参数靠学习，超参数靠我们选"},
    "hyper.learned": {"en": "Parameters θ: learned", "zh": "参数 θ：学出来的"},
    "hyper.model": {"en": "the model of “Batches and epochs”:\n{inputs} input (the hour), {sigmoids} sigmoids",
                    "zh": "“批量与回合”一节的模型：\n{inputs} 个输入（几点钟）、{sigmoids} 个 Sigmoid"},
    "hyper.count": {"en": "{n} unknowns, found by steps 2 and 3", "zh": "{n} 个未知数，由步骤 2、3 找出"},
    "hyper.chosen": {"en": "Hyperparameters: chosen by us", "zh": "超参数：我们自己设定"},
    "hyper.used": {"en": "what we chose for that model:", "zh": "我们为这个模型选的："},
    "hyper.lr": {"en": "learning rate η: {lr}", "zh": "学习率 η：{lr}"},
    "hyper.lr_elsewhere": {"en": "(other scenes chose other η,\nfor example {rates})",
                           "zh": "（别的几节选了别的 η，\n例如 {rates}）"},
    "hyper.batch": {"en": "batch size B: {batch} of N = {n} hours", "zh": "批量大小 B：N = {n} 个小时中取 {batch} 个"},
    "hyper.epochs": {"en": "number of epochs: {epochs}", "zh": "回合数：{epochs}"},
    "hyper.sigmoids": {"en": "number of sigmoids: {sigmoids}", "zh": "Sigmoid 的个数：{sigmoids}"},
    "hyper.later": {"en": "still to come, also ours to choose:\na new function for the sigmoids ({relus} of them),\n"
                          "and how many layers (up to {layers})",
                    "zh": "后面还会讲到、也由我们选择的：\n代替 Sigmoid 的一种新函数（用 {relus} 个），\n"
                          "以及用几层（最多 {layers} 层）"},
    "hyper.summary": {"en": "We set the hyperparameters; gradient descent finds θ.",
                      "zh": "超参数由我们设定；θ 由梯度下降找出。"},
    # Narration, numbers filled from the scenes' own settings.
    "ParametersVsHyperparameters.say.0": {
        "en": "Everything the machine learns is a parameter. The model we just trained in batches, with "
              "{inputs} input and {sigmoids} sigmoids, has a weight and a bias for each sigmoid, output weights c "
              "and one more bias b: {n_params} numbers, stacked into one column, θ.",
        "zh": "机器学到的每一个数都是参数。刚才分批量训练的模型有 {inputs} 个输入、{sigmoids} 个 Sigmoid："
              "每个 Sigmoid 一个权重和一个偏置，还有输出权重 c 和偏置 b，一共 {n_params} 个数，排成一列，就是 θ。",
    },
    "ParametersVsHyperparameters.say.1": {
        "en": "Other numbers we chose ourselves before training it: the learning rate η, {lr}; the batch size B, "
              "{batch}; {epochs} epochs; {sigmoids} sigmoids. Other scenes chose other learning rates. "
              "These are hyperparameters.",
        "zh": "还有一些数是训练之前由我们自己决定的：学习率 η 是 {lr}，批量大小 B 是 {batch}，训练 {epochs} 个回合，"
              "用 {sigmoids} 个 Sigmoid。别的几节选了别的学习率。这些叫超参数。",
    },
    "ParametersVsHyperparameters.say.2": {
        "en": "Still to come: a new function in place of the sigmoid, and how many layers, also ours to choose. "
              "We set the hyperparameters; gradient descent finds θ.",
        "zh": "后面还会讲到：代替 Sigmoid 的一种新函数，以及用几层，也由我们选择。超参数由我们设定，θ 由梯度下降找出。",
    },
}
