"""Part 3, step 1 again: ReLU, another way to make a hard sigmoid (ReluPairHardSigmoid), a
sum of ReLUs trained on the real data (ReluFitTraining), and local minima (LocalMinima)."""
