"""Part 4, step 1 again: layers (LayersStacking), a trained network's forward pass
(ForwardPass), the book's experiment table rerun (DepthTable), and overfitting with early
stopping (Overfitting)."""
