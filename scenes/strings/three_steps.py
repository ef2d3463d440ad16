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
}
