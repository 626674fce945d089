"""Mask-weight gradient descent on sparse regression, as Sources/Core/Trainer.swift runs it.

x = m ⊙ w, loss f(x) = (1/2n)‖Zx − y‖², g = Zᵀ(Zx − y)/n, L2 weight decay λ on both factors:
    m ← m − η(g ⊙ w + λm),   w ← w − η(g ⊙ m + λw)   (both from the old factors).
PILoT initialization at x = 0 with β = 1: m = √β, w = 0. η = 10⁻³, λ = 10⁻³ (as
`mirrorsweep-bench measure`). Every step also computes the loss, as the Swift trainer does to
detect divergence; the last one is returned.
"""
import numpy as np

LEARNING_RATE = 1e-3
WEIGHT_DECAY = 1e-3
INIT_SCALE = 1.0


def problem(dimension, samples, seed=7, sparsity=5):
    """Z (n × d, N(0, 1)), y = Z x* with a sparsity-sparse x*, float64."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((samples, dimension))
    truth = np.zeros(dimension)
    support = rng.choice(dimension, size=min(sparsity, dimension), replace=False)
    truth[support] = rng.standard_normal(support.size)
    return z, z @ truth


def initial_factors(dimension, init_scale=INIT_SCALE):
    """m = √β, w = 0: the PILoT initialization of x = 0."""
    return np.full(dimension, np.sqrt(init_scale)), np.zeros(dimension)


def run_numpy(z, y, m, w, steps, eta=LEARNING_RATE, lam=WEIGHT_DECAY):
    """`steps` steps in NumPy with preallocated buffers; returns (m, w, last loss)."""
    n, d = z.shape
    m, w = m.copy(), w.copy()
    x, r, g = m * w, np.empty(n), np.empty(d)
    gm, gw = np.empty(d), np.empty(d)
    loss = 0.0
    for _ in range(steps):
        np.dot(z, x, out=r)
        r -= y
        loss = np.dot(r, r) / (2 * n)
        np.dot(r, z, out=g)
        g /= n
        np.multiply(g, w, out=gm)
        gm += lam * m
        np.multiply(g, m, out=gw)
        gw += lam * w
        m -= eta * gm
        w -= eta * gw
        np.multiply(m, w, out=x)
    return m, w, loss


def jax_functions():
    """(run, run_batched): jitted JAX versions; run_batched maps over m, w and λ (Z, y shared)."""
    import jax
    import jax.numpy as jnp
    from jax import lax

    def run(z, y, m, w, lam, steps):
        n = z.shape[0]

        def body(_, state):
            m, w, _ = state
            r = z @ (m * w) - y
            g = (r @ z) / n
            return (m - LEARNING_RATE * (g * w + lam * m), w - LEARNING_RATE * (g * m + lam * w), r @ r / (2 * n))

        return lax.fori_loop(0, steps, body, (m, w, jnp.zeros((), z.dtype)))

    batched = jax.vmap(run, in_axes=(None, None, 0, 0, 0, None))
    return jax.jit(run), jax.jit(batched)
