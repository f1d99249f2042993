"""foghike's engine: loss landscapes, optimizers, descent types and hikes, in pure numpy.

>>> from foghike.core import landscape, Hike
>>> hike = Hike(landscape("bowl"), "sgd", lr=0.1, start=(1.0, 1.0))
>>> hike.step(); hike.position  # w ← w − lr·∇L = (1, 1) − 0.1·(2, 2)
1
array([0.8, 0.8])
"""

from .catalogue import LANDSCAPE_NAMES, landscape
from .comparisons import (
    basin,
    descent_comparison,
    lr_comparison,
    optimizer_comparison,
    random_restarts,
    restart_tally,
    too_high_rate,
)
from .descent import MODES, DescentMode
from .formula import Formula, FormulaError, formula_landscape
from .hike import Hike
from .landscape import AnalyticLandscape, Landscape, LandscapeInfo
from .optimizers import OPTIMIZERS, Optimizer, make_optimizer
from .party import BOUNCING, CONVERGED, DESCENDING, DIVERGED, STATUS_TEXT, Party
from .scene import LR_LADDER, HikerSpec, Scene, next_rate
from .scene_file import SceneFileError, load_scene, save_scene, scene_from_dict, scene_to_dict
from .sweep import SweepResult, log_rates, rate_regions, sweep

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
    "Formula",
    "FormulaError",
    "Hike",
    "HikerSpec",
    "Landscape",
    "LandscapeInfo",
    "Optimizer",
    "Party",
    "Scene",
    "SceneFileError",
    "SweepResult",
    "basin",
    "descent_comparison",
    "formula_landscape",
    "landscape",
    "load_scene",
    "log_rates",
    "lr_comparison",
    "make_optimizer",
    "next_rate",
    "optimizer_comparison",
    "random_restarts",
    "rate_regions",
    "restart_tally",
    "save_scene",
    "scene_from_dict",
    "scene_to_dict",
    "sweep",
    "too_high_rate",
]
