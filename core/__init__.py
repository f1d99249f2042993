"""foghike's engine: loss landscapes, optimizers, descent types and hikes, in pure numpy.

>>> from foghike.core import landscape, Hike
>>> hike = Hike(landscape("bowl"), "sgd", lr=0.1, start=(1.0, 1.0))
>>> hike.step(); hike.position  # w ← w − lr·∇L = (1, 1) − 0.1·(2, 2)
1
array([0.8, 0.8])
"""

from .catalogue import LANDSCAPE_NAMES, landscape
from .descent import MODES, DescentMode
from .hike import Hike
from .landscape import AnalyticLandscape, Landscape, LandscapeInfo
from .optimizers import OPTIMIZERS, Optimizer, make_optimizer
from .party import BOUNCING, CONVERGED, DESCENDING, DIVERGED, STATUS_TEXT, Party
from .scene import LR_LADDER, HikerSpec, Scene, next_rate
from .sweep import SweepResult, log_rates, sweep

__all__ = [
    "BOUNCING",
    "CONVERGED",
    "DESCENDING",
    "DIVERGED",
    "LANDSCAPE_NAMES",
    "LR_LADDER",
    "MODES",
    "OPTIMIZERS",
    "STATUS_TEXT",
    "AnalyticLandscape",
    "DescentMode",
    "Hike",
    "HikerSpec",
    "Landscape",
    "LandscapeInfo",
    "Optimizer",
    "Party",
    "Scene",
    "SweepResult",
    "landscape",
    "log_rates",
    "make_optimizer",
    "next_rate",
    "sweep",
]
