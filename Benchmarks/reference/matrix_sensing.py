"""Matrix sensing with X = UUᵀ, as Sources/Core/MatrixSensingTrainer.swift runs it (model uu).

Loss f(X) = (1/2m)Σ(⟨A_i, X⟩ − y_i)², G = ∇_X f = (1/m)Σ r_i A_i, ∂f/∂U = (G + Gᵀ)U, L2 weight
decay λ on U: U ← U − η((G + Gᵀ)U + λU). A_i = (B_i + B_iᵀ)/2 with N(0, 1) entries, X* = U*U*ᵀ of
rank r with N(0, 1/d) entries, U₀ with α·N(0, 1)/√d entries; α = 10⁻², η = 0.05, λ = 10⁻⁴ (as
`mirrorsweep-bench measure`). The design is kept as the m × d² matrix of vec(A_i) (MirrorSweep
packs the symmetric A_i into d(d + 1)/2 columns instead).
"""
import numpy as np

LEARNING_RATE = 0.05
WEIGHT_DECAY = 1e-4
INIT_SCALE = 1e-2


def problem(dimension, measurements, rank=3, seed=7):
    """(A as m × d², y), float64."""
    rng = np.random.default_rng(seed)
    factor = rng.standard_normal((dimension, rank)) / np.sqrt(dimension)
    truth = factor @ factor.T
    b = rng.standard_normal((measurements, dimension, dimension))
    a = 0.5 * (b + b.transpose(0, 2, 1))
    flat = a.reshape(measurements, dimension * dimension)
    return flat, flat @ truth.ravel()


def initial_factor(dimension, seed=1, init_scale=INIT_SCALE):
    """U₀ with entries α·N(0, 1)/√d."""
    rng = np.random.default_rng(seed)
    return init_scale * rng.standard_normal((dimension, dimension)) / np.sqrt(dimension)


def run_numpy(a, y, u, steps, eta=LEARNING_RATE, lam=WEIGHT_DECAY):
    """`steps` steps in NumPy; returns (U, last loss)."""
    m = a.shape[0]
    d = u.shape[0]
    u = u.copy()
    loss = 0.0
    for _ in range(steps):
        r = a @ (u @ u.T).ravel() - y
        loss = r @ r / (2 * m)
        g = (r @ a).reshape(d, d) / m
        u -= eta * ((g + g.T) @ u + lam * u)
    return u, loss


def jax_function():
    """The jitted JAX version: run(a, y, u, lam, steps) → (U, last loss)."""
    import jax
    import jax.numpy as jnp
    from jax import lax

    def run(a, y, u, lam, steps):
        m = a.shape[0]
        d = u.shape[0]

        def body(_, state):
            u, _ = state
            r = a @ (u @ u.T).ravel() - y
            g = (r @ a).reshape(d, d) / m
            return u - LEARNING_RATE * ((g + g.T) @ u + lam * u), r @ r / (2 * m)

        return lax.fori_loop(0, steps, body, (u, jnp.zeros((), a.dtype)))

    return jax.jit(run)
