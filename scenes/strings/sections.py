"""Section titles of the chapter video (one card per section)."""

STRINGS = {
    "section.chapter": {"en": "Chapter 1 · part {number}", "zh": "第一章 · 第 {number} 部分"},
    "section.piecewise": {"en": "Piecewise linear curves", "zh": "分段线性曲线"},
    "section.sigmoid_relu": {"en": "Sigmoid and ReLU", "zh": "Sigmoid 与 ReLU"},
    "section.deep": {"en": "Layers: deep learning", "zh": "多层：深度学习"},
    "section.loss": {"en": "Loss and the error surface", "zh": "损失与误差曲面"},
    "section.optimisation": {"en": "Optimisation", "zh": "优化"},
}
