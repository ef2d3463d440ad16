"""``python -m explainer``: the ``explainer`` command (``explainer.cli``)."""

import sys

from explainer import stopping

stopping.install()  # before explainer.cli's heavy imports: a signal while they load is one line too

from explainer.cli import main  # noqa: E402

sys.exit(main())
