"""Part 5, step 3 again: optimisers beyond plain gradient descent (OptimizerRace)."""
