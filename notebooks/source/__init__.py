"""The source of the learner's notebooks: one list of cells, written out in English and Chinese (``build``)."""
