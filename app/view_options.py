"""What the teacher toggles about the picture (not the maths): persisted with QSettings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

FOG_DENSITIES = (0.0, 0.3, 0.6, 1.0, 1.6)


@dataclass
class ViewOptions:
    colormap: str = "viridis"
    atmospheric_fog: bool = True
    fog_density: float = 0.6
    hikers_fog: bool = True
    fog_lifted: bool = False
    contours: bool = True
    log_height: bool = False
    follow: bool = False
    tangent_plane: bool = False
    momentum_arrow: bool = False
    glide: bool = True  # animate the marker between steps (off in tests)
    resolution: int = 200
    speed: float = 4.0  # playback steps per second

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ViewOptions:
        """Known keys with values of the right type; anything else is ignored."""
        out = cls()
        for f in fields(cls):
            if f.name in d:
                default = getattr(out, f.name)
                try:
                    value = type(default)(d[f.name]) if not isinstance(default, bool) else _to_bool(d[f.name])
                except (TypeError, ValueError):
                    continue
                setattr(out, f.name, value)
        return out


def _to_bool(v: Any) -> bool:
    if isinstance(v, str):
        return v.strip().lower() in ("1", "true", "yes", "on")
    return bool(v)
