"""What the classroom window shows: one landscape and the hikers walking on it.

The scene is the model: views subscribe to ``events.landscape`` (new surface),
``events.hikers`` (hikers added, removed or edited) and ``events.moved`` (any
step, step back or reset). Data flows one way: key press → scene → redraw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .catalogue import landscape as landscape_by_name
from .descent import DescentMode
from .events import Event
from .hike import Hike
from .landscape import Landscape
from .optimizers import OPTIMIZERS, make_optimizer

# The lecture's learning-rate ladder, for the [ and ] keys.
LR_LADDER = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)


@dataclass(frozen=True)
class HikerSpec:
    """How one hiker walks: the settings a teacher picks (torch.optim names)."""

    name: str = "hiker"
    optimizer: str = "sgd"
    hyper: dict[str, Any] = field(default_factory=lambda: {"lr": 0.1})
    mode: str = "batch"
    batch_size: int | None = None
    start: tuple[float, ...] | None = None  # None: the landscape's default start
    seed: int = 0

    @property
    def lr(self) -> float:
        return float(self.hyper.get("lr", 0.0))

    def build(self, landscape: Landscape) -> Hike:
        opt = make_optimizer(self.optimizer, 1, landscape.dim, **self.hyper)
        return Hike(landscape, opt, mode=DescentMode(self.mode, self.batch_size), start=self.start, seed=self.seed)


class Scene:
    """A landscape plus hikers that step together."""

    def __init__(self, landscape: Landscape | str = "mountains", specs: list[HikerSpec] | None = None) -> None:
        self.events = type("SceneEvents", (), {})()
        self.events.landscape = Event()
        self.events.hikers = Event()
        self.events.moved = Event()
        self.landscape = landscape_by_name(landscape) if isinstance(landscape, str) else landscape
        self.specs: list[HikerSpec] = list(specs) if specs is not None else [HikerSpec()]
        self.hikes: list[Hike] = [s.build(self.landscape) for s in self.specs]
        # per hiker: (step, hyper) edits made while walking, so a saved scene replays exactly
        self.edits: list[list[tuple[int, dict[str, Any]]]] = [[] for _ in self.specs]
        # "hiker": each hiker its own colour; "basin": coloured by the valley it is heading into
        self.colour_by = "hiker"

    # -- what is on the map --------------------------------------------------------------
    def set_landscape(self, landscape: Landscape | str) -> None:
        """A new surface; every hiker restarts from the new landscape's default start."""
        new = landscape_by_name(landscape) if isinstance(landscape, str) else landscape
        specs = [replace(s, start=None) for s in self.specs]
        hikes = [s.build(new) for s in specs]  # build first: a bad spec leaves the scene as it was
        self.landscape, self.specs, self.hikes = new, specs, hikes
        self.edits = [[] for _ in specs]
        self.events.landscape.emit(self)
        self.events.hikers.emit(self)
        self.events.moved.emit(self)

    def set_hikers(self, specs: list[HikerSpec], colour_by: str = "hiker") -> None:
        hikes = [s.build(self.landscape) for s in specs]
        self.specs, self.hikes = list(specs), hikes
        self.edits = [[] for _ in specs]
        self.colour_by = colour_by
        self.events.hikers.emit(self)
        self.events.moved.emit(self)

    def add_hiker(self, spec: HikerSpec) -> None:
        hike = spec.build(self.landscape)
        self.specs.append(spec)
        self.hikes.append(hike)
        self.edits.append([])
        self.events.hikers.emit(self)
        self.events.moved.emit(self)

    def remove_hiker(self, i: int) -> None:
        if len(self.hikes) <= 1:
            raise ValueError("the scene needs at least one hiker")
        del self.specs[i], self.hikes[i], self.edits[i]
        self.events.hikers.emit(self)
        self.events.moved.emit(self)

    def edit_hiker(self, i: int, **changes: Any) -> None:
        """Change hiker i. New hyper-parameters (and a new name) apply from the current step
        on; a different optimizer, descent mode, batch size, start or seed is a different
        walk, so that hiker restarts with them. A bad setting leaves the hiker as it was."""
        spec = self.specs[i]
        hyper = changes.pop("hyper", None)
        name = changes.pop("name", spec.name)
        if changes:
            new = replace(spec, name=name, **changes, **({"hyper": dict(hyper)} if hyper is not None else {}))
            self.hikes[i] = new.build(self.landscape)
            self.edits[i] = []
        else:
            new = replace(spec, name=name)
            if hyper:
                self.hikes[i].set_hyper(**hyper)
                self.edits[i].append((self.hikes[i].t, dict(hyper)))
        self.specs[i] = new
        self.events.hikers.emit(self)
        self.events.moved.emit(self)

    # -- walking ----------------------------------------------------------------------
    @property
    def t(self) -> int:
        return max((h.t for h in self.hikes), default=0)

    def step(self, n: int = 1) -> int:
        """Every hiker takes up to n steps; returns the most steps any took."""
        taken = max((h.step(n) for h in self.hikes), default=0)
        self.events.moved.emit(self)
        return taken

    def back(self, n: int = 1) -> int:
        """Every hiker that is past step t − n goes back, so all stand at the same iteration again."""
        target = max(self.t - int(n), 0)
        undone = 0
        for h in self.hikes:
            undone = max(undone, h.back(h.t - target) if h.t > target else 0)
        self.events.moved.emit(self)
        return undone

    def reset(self, start: Any = None) -> None:
        """Everyone back to the start (or all to a new start, e.g. a click on the map)."""
        if start is not None:
            start = tuple(float(v) for v in np.asarray(start, dtype=float).reshape(-1))
            self.specs = [replace(s, start=start) for s in self.specs]
        for h, s in zip(self.hikes, self.specs):
            h.reset(start=s.start if s.start is not None else self.landscape.start_for(s.seed))
        self.events.moved.emit(self)

    def current_hyper(self, i: int) -> dict[str, Any]:
        """Hiker i's hyper-parameters now: its spec's, then every edit in order."""
        h = dict(self.specs[i].hyper)
        for _t, e in self.edits[i]:
            h.update(e)
        return h

    def replace_all(
        self,
        landscape: Landscape,
        specs: list[HikerSpec],
        hikes: list[Hike],
        edits: list[list[tuple[int, dict[str, Any]]]],
        colour_by: str = "hiker",
    ) -> None:
        """Swap in a whole new state at once (a loaded scene), then tell every view."""
        self.landscape, self.specs, self.hikes, self.edits, self.colour_by = landscape, specs, hikes, edits, colour_by
        self.events.landscape.emit(self)
        self.events.hikers.emit(self)
        self.events.moved.emit(self)

    def replay(self, on_frame: Callable[[int, int], bool]) -> bool:
        """Walk the whole history again from step 0, calling ``on_frame(t, T)`` at every step
        (hyper-parameter edits re-applied where they were made, so it ends bit for bit where it
        was). ``on_frame`` returning False stops the calls; the walk still finishes."""
        target = [h.t for h in self.hikes]
        T = self.t
        self.back(T)
        for h, spec, edits in zip(self.hikes, self.specs, self.edits):
            if edits:  # the settings it started with, before any edit
                defaults = OPTIMIZERS[spec.optimizer].defaults
                h.set_hyper(**{k: spec.hyper.get(k, defaults[k]) for _t, e in edits for k in e})
        calling = on_frame(0, T) is not False
        for t in range(T):
            for h, edits, n in zip(self.hikes, self.edits, target):
                for te, e in edits:
                    if te == t:
                        h.set_hyper(**e)
                if h.t < n:
                    h.step(1)
            self.events.moved.emit(self)
            if calling:
                calling = on_frame(t + 1, T) is not False
        for h, edits in zip(self.hikes, self.edits):  # edits made at the very end
            for te, e in edits:
                if te >= T:
                    h.set_hyper(**e)
        return calling

    def set_lr(self, lr: float) -> None:
        """One learning rate for every hiker, from the current step on."""
        for i in range(len(self.hikes)):
            self.hikes[i].set_hyper(lr=lr)
            self.edits[i].append((self.hikes[i].t, {"lr": lr}))
        self.events.hikers.emit(self)
        self.events.moved.emit(self)


def next_rate(lr: float, direction: int) -> float:
    """The neighbour of ``lr`` on the lecture's ladder 0.001 … 3 (direction +1 up, −1 down)."""
    ladder = np.array(LR_LADDER)
    if direction > 0:
        above = ladder[ladder > lr * (1 + 1e-9)]
        return float(above[0]) if above.size else float(ladder[-1])
    below = ladder[ladder < lr * (1 - 1e-9)]
    return float(below[-1]) if below.size else float(ladder[0])
