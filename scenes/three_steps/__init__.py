"""Part 1, the three steps of machine learning on the linear model y = b + w x₁: the model
(LinearModel), its loss (LossDefinition, ErrorSurface), gradient descent (TangentStep,
GradientDescent, LearningRates), and its model bias (ModelBias)."""
