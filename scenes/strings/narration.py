"""Narration lines (subtitles): ``<scene>.say.<i>`` is spoken over the stretch ending at pause i.

The last index covers the stretch after the last pause, to the end of the scene.
"""

STRINGS = {
    "ReluPairHardSigmoid.say.0": {
        "en": "Take two ReLUs: one rises from the first corner, the other falls from the second.",
        "zh": "取两个 ReLU：一个从第一个拐点开始上升，另一个从第二个拐点开始下降。",
    },
    "ReluPairHardSigmoid.say.1": {
        "en": "Past the corner the first reads 11, 12, 13 and the second -1, -2, -3.",
        "zh": "过了拐点，第一个的值是 11、12、13，第二个是 -1、-2、-3。",
    },
    "ReluPairHardSigmoid.say.2": {
        "en": "Their sum stays at 10: two ReLUs make one hard sigmoid.",
        "zh": "两者之和保持在 10：两个 ReLU 合成一个 Hard Sigmoid。",
    },
}
