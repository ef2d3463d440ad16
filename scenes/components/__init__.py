"""Reusable mobjects. They take plain numbers and arrays and know nothing of training."""
