"""Optimisers. Each implements one method, ``step(theta, grad) -> new theta``.

The update rules are PyTorch's defaults for the same name and arguments (no weight
decay), written in the same order of floating-point operations so that float64
results agree with ``torch.optim`` to the last digits:

    GradientDescent  theta - lr*g
    Momentum         v = beta*v + g;                 theta - lr*v
    AdaGrad          s += g*g;                       theta - lr*g/(sqrt(s)+eps)
    RMSProp          s = alpha*s + (1-alpha)*g*g;    theta - lr*g/(sqrt(s)+eps)
    Adam             m, v bias-corrected;            eps added after the sqrt
"""

from __future__ import annotations

import math

import numpy as np

from mathcore.validation import check_choice, check_positive_float, check_unit_interval


class Optimizer:
    """Base class: keeps the hyperparameters and the state, and makes fresh copies."""

    name = "optimizer"

    def __init__(self, lr: float) -> None:
        self.lr = check_positive_float("lr", lr)
        self.reset()

    def reset(self) -> None:
        """Forget all state (velocities, accumulators, step count)."""
        self.t = 0

    def hyperparameters(self) -> dict[str, float]:
        return {"lr": self.lr}

    def config(self) -> dict:
        """The optimiser's name and arguments: enough to rebuild it."""
        return {"name": self.name, **self.hyperparameters()}

    def fresh(self) -> "Optimizer":
        """A new optimiser with the same hyperparameters and no state."""
        return type(self)(**self.hyperparameters())

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        """Return the updated parameters; ``theta`` itself is not modified."""
        self.t += 1
        return self._update(theta, grad)

    def _update(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.hyperparameters().items())
        return f"{type(self).__name__}({args})"


class GradientDescent(Optimizer):
    """theta <- theta - lr * g (torch.optim.SGD with no momentum)."""

    name = "gd"

    def _update(self, theta, grad):
        return theta + (-self.lr) * grad


class Momentum(Optimizer):
    """v <- beta v + g; theta <- theta - lr v (torch.optim.SGD(momentum=beta))."""

    name = "momentum"

    def __init__(self, lr: float, beta: float = 0.9) -> None:
        self.beta = check_unit_interval("beta", beta)
        super().__init__(lr)

    def reset(self):
        super().reset()
        self.v = None

    def hyperparameters(self):
        return {"lr": self.lr, "beta": self.beta}

    def _update(self, theta, grad):
        # PyTorch starts the buffer as a copy of g, which equals beta*0 + g.
        self.v = grad.copy() if self.v is None else self.v * self.beta + grad
        return theta + (-self.lr) * self.v


class AdaGrad(Optimizer):
    """s <- s + g^2; theta <- theta - lr g / (sqrt(s) + eps) (torch.optim.Adagrad)."""

    name = "adagrad"

    def __init__(self, lr: float, eps: float = 1e-10) -> None:
        self.eps = check_positive_float("eps", eps)
        super().__init__(lr)

    def reset(self):
        super().reset()
        self.s = None

    def hyperparameters(self):
        return {"lr": self.lr, "eps": self.eps}

    def _update(self, theta, grad):
        self.s = (0.0 if self.s is None else self.s) + grad * grad
        return theta + (-self.lr) * (grad / (np.sqrt(self.s) + self.eps))


class RMSProp(Optimizer):
    """s <- alpha s + (1-alpha) g^2; theta <- theta - lr g / (sqrt(s) + eps)."""

    name = "rmsprop"

    def __init__(self, lr: float, alpha: float = 0.99, eps: float = 1e-8) -> None:
        self.alpha = check_unit_interval("alpha", alpha)
        self.eps = check_positive_float("eps", eps)
        super().__init__(lr)

    def reset(self):
        super().reset()
        self.s = None

    def hyperparameters(self):
        return {"lr": self.lr, "alpha": self.alpha, "eps": self.eps}

    def _update(self, theta, grad):
        s = np.zeros_like(grad) if self.s is None else self.s
        self.s = s * self.alpha + (1 - self.alpha) * grad * grad
        return theta + (-self.lr) * (grad / (np.sqrt(self.s) + self.eps))


class Adam(Optimizer):
    """Adam with bias correction; eps is added after the square root (torch.optim.Adam)."""

    name = "adam"

    def __init__(self, lr: float, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> None:
        self.beta1 = check_unit_interval("beta1", beta1)
        self.beta2 = check_unit_interval("beta2", beta2)
        self.eps = check_positive_float("eps", eps)
        super().__init__(lr)

    def reset(self):
        super().reset()
        self.m = None
        self.v = None
        self._scratch = None

    def hyperparameters(self):
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps}

    def _update(self, theta, grad):
        if self.m is None:
            self.m, self.v, self._scratch = np.zeros_like(grad), np.zeros_like(grad), np.empty_like(grad)
        m, v, tmp = self.m, self.v, self._scratch   # updated in place, in torch's order of operations
        m += np.multiply(np.subtract(grad, m, out=tmp), 1 - self.beta1, out=tmp)  # m.lerp_(g, 1 - beta1)
        v *= self.beta2
        v += np.multiply(np.multiply(grad, 1 - self.beta2, out=tmp), grad, out=tmp)  # + (1-beta2) g g
        bias_correction1 = 1 - self.beta1**self.t
        bias_correction2_sqrt = math.sqrt(1 - self.beta2**self.t)
        step_size = self.lr / bias_correction1
        denom = np.add(np.divide(np.sqrt(v, out=tmp), bias_correction2_sqrt, out=tmp), self.eps, out=tmp)
        return theta + (-step_size) * np.divide(m, denom, out=tmp)


OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (GradientDescent, Momentum, AdaGrad, RMSProp, Adam)
}


def make_optimizer(config: dict) -> Optimizer:
    """Build an optimiser from ``Optimizer.config()`` output, e.g. {"name": "adam", "lr": 0.01}."""
    args = dict(config)
    name = check_choice("optimizer", args.pop("name", None), tuple(OPTIMIZERS))
    try:
        return OPTIMIZERS[name](**args)
    except TypeError as exc:
        raise TypeError(f"bad arguments for optimizer {name!r}: {exc}") from None
