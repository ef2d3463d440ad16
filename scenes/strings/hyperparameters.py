"""Strings of ParametersVsHyperparameters."""

STRINGS = {
    "hyper.title": {"en": "Parameters are learned, hyperparameters are chosen",
                    "zh": "参数靠学习，超参数靠我们选"},
    "hyper.learned": {"en": "Parameters θ: learned", "zh": "参数 θ：学出来的"},
    "hyper.model": {"en": "the model of {inputs} inputs and {sigmoids} sigmoids:",
                    "zh": "{inputs} 个输入、{sigmoids} 个 Sigmoid 的模型："},
    "hyper.count": {"en": "{n} unknowns, found by steps 2 and 3", "zh": "{n} 个未知数，由步骤 2、3 找出"},
    "hyper.chosen": {"en": "Hyperparameters: chosen by us", "zh": "超参数：我们自己设定"},
    "hyper.used": {"en": "the values this chapter uses:", "zh": "本章用到的取值："},
    "hyper.lr": {"en": "learning rate η: {lr_small}, {lr_good}, {lr_large} compared",
                 "zh": "学习率 η：比较了 {lr_small}、{lr_good}、{lr_large}"},
    "hyper.batch": {"en": "batch size B: {batch} of N = {n} hours", "zh": "批量大小 B：N = {n} 个小时中取 {batch} 个"},
    "hyper.epochs": {"en": "number of epochs: {epochs}", "zh": "回合数：{epochs}"},
    "hyper.sigmoids": {"en": "number of sigmoids: {sigmoids}", "zh": "Sigmoid 的个数：{sigmoids}"},
    "hyper.later": {"en": "coming next, also ours to choose:\n{relus} ReLUs instead of sigmoids, up to {layers} layers",
                    "zh": "接下来也由我们选择：\n用 {relus} 个 ReLU 代替 Sigmoid，最多 {layers} 层"},
    "hyper.summary": {"en": "We set the hyperparameters; gradient descent finds θ.",
                      "zh": "超参数由我们设定；θ 由梯度下降找出。"},
    # Narration, numbers filled from the scenes' own settings.
    "ParametersVsHyperparameters.say.0": {
        "en": "Everything the machine learns is a parameter. The model with {n_inputs} inputs and {sigmoids} "
              "sigmoids has a weight matrix W, a bias for each sigmoid, output weights c and one more bias b: "
              "{n_params} numbers, stacked into one column, theta.",
        "zh": "机器学到的每一个数都是参数。{n_inputs} 个输入、{sigmoids} 个 Sigmoid 的模型有权重矩阵 W、"
              "每个 Sigmoid 的偏置、输出权重 c 和偏置 b：一共 {n_params} 个数，排成一列，就是 θ。",
    },
    "ParametersVsHyperparameters.say.1": {
        "en": "Other numbers we choose ourselves before training: the learning rate eta, the batch size B, "
              "how many epochs, how many sigmoids. These are hyperparameters.",
        "zh": "还有一些数是训练之前由我们自己决定的：学习率 η、批量大小 B、训练几个回合、用几个 Sigmoid。"
              "这些叫超参数。",
    },
    "ParametersVsHyperparameters.say.2": {
        "en": "Next we will also choose ReLUs instead of sigmoids, and how many layers. "
              "We set the hyperparameters; gradient descent finds theta.",
        "zh": "接下来我们还要选择用 ReLU 代替 Sigmoid，以及用几层。超参数由我们设定，θ 由梯度下降找出。",
    },
}
