"""The lecture's practical example, for real: an image classifier trained on 1000 images.

A one-hidden-layer perceptron (64 pixels → 32 tanh units → 10 digits, softmax cross-entropy)
in numpy, with the learning loop written out: forward → loss → backward → update. It has
2410 weights; the 3-D view shows a 2-D slice of that landscape: the plane through the final
weights w* of a reference training run, spanned by the first two principal components of
that run's trajectory (so its projected path lies in the plane), or by two filter-normalised
random directions (Li et al., 2018, "Visualizing the Loss Landscape of Neural Nets"). The
loss shown anywhere on the slice is the true loss of the full network there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .datasets import digits
from .landscape import Landscape, LandscapeInfo

N_TRAIN = 1000
HIDDEN = 32
PIXELS = 64
CLASSES = 10
SPLIT_SEED = 2024  # which 1000 images train and which 797 are held out: fixed, so results compare
REFERENCE = {"optimizer": "sgd", "lr": 0.5, "mode": "minibatch", "batch_size": 32, "steps": 1000}


def n_weights(hidden: int = HIDDEN) -> int:
    return PIXELS * hidden + hidden + hidden * CLASSES + CLASSES


def unpack(theta: np.ndarray, hidden: int = HIDDEN):
    """Flat weights (..., D) → W1 (..., 64, H), b1 (..., H), W2 (..., H, 10), b2 (..., 10) (views)."""
    lead = theta.shape[:-1]
    i = 0
    parts = []
    for shape in ((PIXELS, hidden), (hidden,), (hidden, CLASSES), (CLASSES,)):
        n = int(np.prod(shape))
        parts.append(theta[..., i : i + n].reshape(*lead, *shape))
        i += n
    return parts


def init_weights(seed: int, hidden: int = HIDDEN) -> np.ndarray:
    """Glorot-uniform weights, zero biases, from a seed."""
    rng = np.random.default_rng(seed)
    a1 = np.sqrt(6.0 / (PIXELS + hidden))
    a2 = np.sqrt(6.0 / (hidden + CLASSES))
    return np.concatenate([
        rng.uniform(-a1, a1, PIXELS * hidden), np.zeros(hidden),
        rng.uniform(-a2, a2, hidden * CLASSES), np.zeros(CLASSES),
    ])


def forward(theta: np.ndarray, X: np.ndarray, hidden: int = HIDDEN) -> tuple[np.ndarray, np.ndarray]:
    """Hidden activations and log-probabilities, batched over leading weight axes."""
    W1, b1, W2, b2 = unpack(theta, hidden)
    h = np.tanh(X @ W1 + b1[..., None, :])
    z = h @ W2 + b2[..., None, :]
    z = z - z.max(axis=-1, keepdims=True)
    return h, z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def loss_and_grad(theta: np.ndarray, X: np.ndarray, y: np.ndarray, hidden: int = HIDDEN) -> tuple[float, np.ndarray]:
    """Mean cross-entropy over (X, y) and its exact gradient (backpropagation), for one weight vector."""
    W2 = unpack(theta, hidden)[2]
    h, logp = forward(theta, X, hidden)  # forward
    B = len(y)
    loss = -float(np.mean(logp[np.arange(B), y]))  # loss
    dz = np.exp(logp)  # backward: ∂L/∂z = softmax − one-hot, averaged
    dz[np.arange(B), y] -= 1.0
    dz /= B
    dh = (dz @ W2.T) * (1.0 - h * h)
    return loss, np.concatenate([(X.T @ dh).ravel(), dh.sum(0), (h.T @ dz).ravel(), dz.sum(0)])


class DigitsMLP(Landscape):
    """The classifier's loss over its 2410 weights, shown on a 2-D slice (see the module doc)."""

    max_grid = 41  # each grid point is the full network on all 1000 images

    def __init__(self, seed: int = 0, slice_kind: str = "pca", hidden: int = HIDDEN,
                 reference: dict | None = None, cache_dir: str | Path | None = None,
                 progress: Callable[[float], bool] | None = None) -> None:
        if slice_kind not in ("pca", "random"):
            raise ValueError("the slice is 'pca' (the training path's principal plane) or 'random'")
        d = digits()
        order = np.random.default_rng(SPLIT_SEED).permutation(len(d.y))
        train, test = order[:N_TRAIN], order[N_TRAIN:]
        X = d.X / 16.0  # grey levels 0..16 → 0..1
        self.X, self.y = X[train], d.y[train]
        self.X_test, self.y_test = X[test], d.y[test]
        self.images_test = d.X[test].reshape(-1, 8, 8)
        self.hidden = hidden
        self.dim = n_weights(hidden)
        self.n_samples = N_TRAIN
        self.seed = seed
        self.slice_kind = slice_kind
        self.reference = {**REFERENCE, **(reference or {})}
        self.theta0 = init_weights(seed, hidden)
        self._dirs: np.ndarray | None = None
        self.w_star = self.theta0.copy()
        self.info = LandscapeInfo("digits-mlp", "", (-1.0, 1.0, -1.0, 1.0), tuple(self.theta0))
        self._grid_cache: dict[int, tuple] = {}
        key = self._key()
        cached = self._load(cache_dir, key)
        if cached is None:
            self._train_reference(progress)
        else:
            self.trajectory, self._dirs, self.w_star = cached["trajectory"], cached["dirs"], cached["w_star"]
        self._finish_slice()
        if cached is not None and "Z" in cached:
            n = int(cached["n"])
            self._grid_cache[n] = (cached["xs"], cached["ys"], cached["Z"])
        self.cache_dir, self._cache_key = cache_dir, key

    # -- the reference run and its plane -------------------------------------------------------
    def _key(self) -> str:
        blob = json.dumps({"seed": self.seed, "slice": self.slice_kind, "hidden": self.hidden,
                           "reference": self.reference, "split": SPLIT_SEED, "v": 1}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def _train_reference(self, progress) -> None:
        from .hike import Hike

        r = self.reference
        hike = Hike(self, r["optimizer"], mode=r["mode"], batch_size=r["batch_size"], start=self.theta0,
                    seed=self.seed, lr=r["lr"])
        for done in range(0, r["steps"], 50):
            hike.step(min(50, r["steps"] - done))
            if progress is not None and progress(0.5 * (done + 50) / r["steps"]) is False:
                raise InterruptedError("cancelled")
        self.trajectory = hike.positions()
        self.w_star = self.trajectory[-1].copy()
        rng = np.random.default_rng(self.seed + 1)
        if self.slice_kind == "pca":
            # principal directions of the path around its end: the plane it moves in most
            _, _, vt = np.linalg.svd(self.trajectory - self.w_star, full_matrices=False)
            self._dirs = vt[:2].copy()
        else:
            dirs = []
            for _ in range(2):  # filter-normalised: each unit's direction scaled to that unit's weights
                v = rng.standard_normal(self.dim)
                for part_v, part_w in zip(unpack(v, self.hidden), unpack(self.w_star, self.hidden)):
                    if part_v.ndim == 2:  # a weight matrix: one filter per output unit (column)
                        part_v *= np.linalg.norm(part_w, axis=0) / np.maximum(np.linalg.norm(part_v, axis=0), 1e-12)
                    else:
                        part_v[:] = 0.0  # biases are left out, as in Li et al.
                dirs.append(v)
            self._dirs = np.array(dirs)

    def _finish_slice(self) -> None:
        D = self._dirs
        self._gram_inv = np.linalg.inv(D @ D.T)
        P = self.project(self.trajectory)
        lo, hi = P.min(axis=0), P.max(axis=0)
        span = max(float((hi - lo).max()), 1e-6)
        c = (lo + hi) / 2
        half = 0.65 * span
        kind = ("the plane of the training path's first two principal components" if self.slice_kind == "pca"
                else "two filter-normalised random directions")
        self.info = LandscapeInfo(
            "digits-mlp",
            f"a {self.dim}-weight digit classifier on 1000 real images; shown: a 2-D slice through the "
            f"final weights ({kind}); the loss is the true loss of the full network",
            (c[0] - half, c[0] + half, c[1] - half, c[1] + half),
            tuple(self.theta0),
            ((0.0, 0.0),),
            notes="(0, 0) is where the reference training run ended, not necessarily a minimum",
        )

    def project(self, W: np.ndarray) -> np.ndarray:
        """Weights (..., D) → coordinates on the slice (..., 2) (least squares for random directions)."""
        W = np.asarray(W, dtype=float)
        if self._dirs is None:
            return np.zeros((*W.shape[:-1], 2))
        return ((W - self.w_star) @ self._dirs.T) @ self._gram_inv

    def project_vector(self, v: np.ndarray) -> np.ndarray:
        """A direction in weight space (a gradient) → its coordinates on the slice."""
        if self._dirs is None:
            return np.zeros((*np.shape(v)[:-1], 2))
        return (np.asarray(v, dtype=float) @ self._dirs.T) @ self._gram_inv

    def lift(self, P: np.ndarray) -> np.ndarray:
        """Slice coordinates (..., 2) → the weights at that point of the plane (..., D)."""
        return self.w_star + np.asarray(P, dtype=float) @ self._dirs

    def plane_grad(self, P: np.ndarray) -> np.ndarray:
        """Gradient of the loss along the slice, ∂L(w* + p·D)/∂p = D ∇L (the chain rule)."""
        return self.grad(self.lift(P)) @ self._dirs.T

    def start_for(self, seed: int) -> np.ndarray:
        """A hike's own seed picks its initial weights (the reference run's seed gives its start)."""
        return self.theta0.copy() if seed == self.seed else init_weights(seed, self.hidden)

    def escape_radius(self) -> float:
        return 1e6  # a classifier's weights may wander far from the slice without diverging

    # -- the loss ------------------------------------------------------------------------
    def _losses(self, thetas: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
        flat = thetas.reshape(-1, self.dim)
        out = np.empty(len(flat))
        for i in range(0, len(flat), 24):  # 24 networks at once: (24, N, H) activations
            _, logp = forward(flat[i : i + 24], X, self.hidden)
            out[i : i + 24] = -logp[:, np.arange(len(y)), y].mean(axis=-1)
        return out.reshape(thetas.shape[:-1])

    def value(self, W: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return self._losses(np.asarray(W, dtype=float), self.X, self.y)

    def _grads(self, W: np.ndarray, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        W = np.asarray(W, dtype=float)
        flat = W.reshape(-1, self.dim)
        losses, grads = np.empty(len(flat)), np.empty_like(flat)
        with np.errstate(all="ignore"):
            for k, theta in enumerate(flat):
                losses[k], grads[k] = loss_and_grad(theta, X, y, self.hidden)
        return losses.reshape(W.shape[:-1]), grads.reshape(W.shape)

    def grad(self, W: np.ndarray) -> np.ndarray:
        return self._grads(W, self.X, self.y)[1]

    def value_and_grad(self, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self._grads(W, self.X, self.y)

    def batch_value(self, W: np.ndarray, idx: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return self._losses(np.asarray(W, dtype=float), self.X[idx], self.y[idx])

    def batch_grad(self, W: np.ndarray, idx: np.ndarray) -> np.ndarray:
        return self._grads(W, self.X[idx], self.y[idx])[1]

    def sample_values(self, W: np.ndarray) -> np.ndarray:
        W = np.asarray(W, dtype=float)
        _, logp = forward(W.reshape(-1, self.dim), self.X, self.hidden)
        return (-logp[:, np.arange(N_TRAIN), self.y]).reshape((*W.shape[:-1], N_TRAIN))

    def grid(self, n: int = 41, progress: Callable[[float], bool] | None = None):
        """The loss on an n×n grid of the slice (cached, and on disk when a cache folder is given)."""
        n = min(n, self.max_grid)
        if n in self._grid_cache:
            return self._grid_cache[n]
        x0, x1, y0, y1 = self.bounds
        xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
        Z = np.empty((n, n))
        for i, a in enumerate(xs):
            Z[i] = self.value(self.lift(np.stack([np.full(n, a), ys], axis=-1)))
            if progress is not None and progress(0.5 + 0.5 * (i + 1) / n) is False:
                raise InterruptedError("cancelled")
        self._grid_cache[n] = (xs, ys, Z)
        self._save(xs, ys, Z, n)
        return xs, ys, Z

    # -- what the class reads -------------------------------------------------------------
    def predict(self, theta: np.ndarray, X: np.ndarray | None = None) -> np.ndarray:
        _, logp = forward(np.asarray(theta, dtype=float), self.X_test if X is None else X, self.hidden)
        return logp.argmax(axis=-1)

    def accuracy(self, theta: np.ndarray) -> float:
        """Share of the 797 held-out images classified correctly."""
        return float(np.mean(self.predict(theta) == self.y_test))

    # -- disk cache --------------------------------------------------------------------------
    def _path(self, cache_dir, key) -> Path | None:
        return None if cache_dir is None else Path(cache_dir) / f"digits-mlp-{key}.npz"

    def _load(self, cache_dir, key) -> dict | None:
        path = self._path(cache_dir, key)
        if path is None or not path.exists():
            return None
        try:
            with np.load(path) as f:
                data = {k: f[k] for k in f.files}
            return data if data["dirs"].shape == (2, self.dim) else None
        except (OSError, ValueError, KeyError):
            return None  # a damaged cache is simply recomputed

    def _save(self, xs, ys, Z, n) -> None:
        path = self._path(getattr(self, "cache_dir", None), getattr(self, "_cache_key", None))
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp.npz")
            np.savez(tmp, trajectory=self.trajectory, dirs=self._dirs, w_star=self.w_star, xs=xs, ys=ys, Z=Z, n=n)
            tmp.replace(path)
        except OSError:
            pass  # no cache folder: compute again next time
