"""Part 2, step 1 again: piecewise linear curves as a constant plus hard sigmoids
(PiecewiseAsHardSigmoids), the sigmoid (SigmoidKnobs), the matrix form (MatrixForm), batches
and epochs (BatchesEpochs), and parameters vs hyperparameters (ParametersVsHyperparameters)."""
