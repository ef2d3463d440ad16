"""Section titles of the chapter video (one card per section), and which of the three steps of
machine learning (1 a function with unknown parameters, 2 the loss, 3 optimisation) each is in."""

STRINGS = {
    "section.chapter": {"en": "Chapter 1 · part {number}", "zh": "第一章 · 第 {number} 部分"},
    "section.three_steps": {"en": "Machine learning in three steps: a linear model",
                            "zh": "机器学习三步骤：线性模型"},
    "section.three_steps.step": {"en": "Step 1 a function · step 2 the loss · step 3 optimisation",
                                 "zh": "步骤 1 函数 · 步骤 2 损失 · 步骤 3 优化"},
    "section.piecewise": {"en": "A more flexible function: piecewise linear curves",
                          "zh": "更有灵活性的函数：分段线性曲线"},
    "section.piecewise.step": {"en": "Step 1 again: a new function; steps 2 and 3 as before",
                               "zh": "回到步骤 1：新的函数；步骤 2、3 照旧"},
    "section.relu": {"en": "ReLU (rectified linear unit): another way to make a hard sigmoid",
                     "zh": "ReLU（修正线性单元）：另一种构造 Hard Sigmoid 的方法"},
    "section.relu.step": {"en": "Step 1 again: ReLUs instead of sigmoids; steps 2 and 3 as before",
                          "zh": "回到步骤 1：用 ReLU 代替 Sigmoid；步骤 2、3 照旧"},
    "section.deep": {"en": "Layers: deep learning", "zh": "多层：深度学习"},
    "section.deep.step": {"en": "Step 1 again: more layers", "zh": "回到步骤 1：更多层"},
    "section.optimisers": {"en": "Beyond plain gradient descent", "zh": "超越普通的梯度下降"},
    "section.optimisers.step": {"en": "Step 3 again: better ways to optimise", "zh": "回到步骤 3：更好的优化方法"},
}
