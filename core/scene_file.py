"""Scenes as ``.foghike.json`` files: prepared at home, opened in class, shared with students.

A file holds the landscape (a name, or a formula and bounds), every hiker's settings, how
far it walked and the hyper-parameter edits made on the way, plus the camera and view
options for the app. Loading validates everything and replays each hike step by step, so
positions and optimizer state come back bit for bit; any defect is a SceneFileError with
a plain message, raised before the current scene is touched.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path
from typing import Any

from .catalogue import LANDSCAPE_NAMES, SLICES
from .catalogue import landscape as landscape_by_name
from .descent import MODES
from .formula import FormulaError, formula_landscape
from .landscape import Landscape
from .optimizers import OPTIMIZERS
from .scene import HikerSpec, Scene

SCHEMA = "foghike-scene"
VERSION = 1
MAX_STEPS = 100_000


class SceneFileError(ValueError):
    """A scene file that cannot be used; the message says what is wrong and where."""


def scene_to_dict(scene: Scene, camera: dict | None = None, view: dict | None = None) -> dict[str, Any]:
    L = scene.landscape
    if getattr(L, "formula", None) is not None:
        land: dict[str, Any] = {"formula": L.formula.text, "bounds": list(L.bounds)}
    else:
        land = {"name": L.name}
        if getattr(L, "slice_kind", None) is not None:
            land["slice"] = L.slice_kind
    hikers = []
    for spec, hike, edits in zip(scene.specs, scene.hikes, scene.edits):
        hikers.append(
            {
                "name": spec.name,
                "optimizer": spec.optimizer,
                "hyper": {k: (list(v) if isinstance(v, tuple) else v) for k, v in spec.hyper.items()},
                "mode": spec.mode,
                "batch_size": spec.batch_size,
                "start": None if spec.start is None else list(spec.start),
                "seed": spec.seed,
                "steps": hike.t,
                "edits": [{"step": t, "hyper": e} for t, e in edits],
            }
        )
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "version": VERSION,
        "landscape": land,
        "hikers": hikers,
        "colour_by": scene.colour_by,
    }
    if camera is not None:
        doc["camera"] = camera
    if view is not None:
        doc["view"] = view
    return doc


def save_scene(path: str | Path, scene: Scene, camera: dict | None = None, view: dict | None = None) -> None:
    """Write the scene (atomically: a crash mid-write never leaves half a file)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(scene_to_dict(scene, camera, view), indent=1, allow_nan=False), encoding="utf-8")
    tmp.replace(path)


# -- reading ----------------------------------------------------------------------------------
def _reject_constant(name: str) -> float:
    raise SceneFileError(f"the file contains {name}, which is not a number a scene can hold")


def _number(v: Any, where: str, lo: float | None = None, hi: float | None = None) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise SceneFileError(f"{where} must be a number, not {type(v).__name__}")
    if not math.isfinite(v):
        raise SceneFileError(f"{where} must be finite")
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise SceneFileError(f"{where} = {v:g} is out of range [{lo:g}, {hi:g}]")
    return float(v)


def _whole(v: Any, where: str, lo: int = 0, hi: int = 2**31 - 1) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise SceneFileError(f"{where} must be a whole number")
    if not lo <= v <= hi:
        raise SceneFileError(f"{where} = {v} is out of range [{lo}, {hi}]")
    return v


def _kind(v: Any, t: type, where: str) -> Any:
    if not isinstance(v, t):
        raise SceneFileError(f"{where} must be {'an object' if t is dict else 'a list' if t is list else t.__name__}")
    return v


def _hyper(d: Any, optimizer: str, where: str) -> dict[str, Any]:
    _kind(d, dict, where)
    defaults = OPTIMIZERS[optimizer].defaults
    out: dict[str, Any] = {}
    for k, v in d.items():
        if k not in defaults:
            raise SceneFileError(f"{where}: {optimizer} has no hyper-parameter {k!r}")
        if isinstance(defaults[k], bool):
            out[k] = _kind(v, bool, f"{where}.{k}")
        elif k == "betas":
            _kind(v, list, f"{where}.betas")
            if len(v) != 2:
                raise SceneFileError(f"{where}.betas needs two numbers")
            out[k] = tuple(_number(b, f"{where}.betas", 0.0, 1.0) for b in v)
        else:
            out[k] = _number(v, f"{where}.{k}", 0.0, 1e6)
    return out


def check_landscape(land: Any) -> dict[str, Any]:
    """A scene's or lesson's landscape entry, checked without building the surface (the classifier's
    takes seconds): ``{"name": ..., "slice": ...}``, or ``{"formula": ..., "bounds": [...]}``."""
    land = _kind(land, dict, "landscape")
    if "formula" in land:
        bounds = _kind(land.get("bounds"), list, "landscape.bounds")
        if len(bounds) != 4:
            raise SceneFileError("landscape.bounds needs four numbers")
        b = [_number(v, "landscape.bounds", -1e6, 1e6) for v in bounds]
        text = _kind(land["formula"], str, "landscape.formula")
        try:
            formula_landscape(text, tuple(b))  # parsing is cheap; a typo is caught here
        except FormulaError as exc:
            raise SceneFileError(f"landscape.formula: {str(exc).splitlines()[0]}") from None
        return {"formula": text, "bounds": b}
    name = land.get("name")
    if name not in LANDSCAPE_NAMES:
        raise SceneFileError(f"unknown landscape {name!r}; foghike knows {', '.join(LANDSCAPE_NAMES)}")
    sl = land.get("slice", "pca")
    if sl not in SLICES:
        raise SceneFileError(f"landscape.slice: unknown slice {sl!r}; choose from {', '.join(SLICES)}")
    return {"name": name, "slice": sl}


def parse_landscape(land: Any) -> Landscape:
    """The landscape a scene or lesson names, built."""
    land = check_landscape(land)
    if "formula" in land:
        return formula_landscape(land["formula"], tuple(land["bounds"]))
    return landscape_by_name(land["name"], slice=land["slice"])


def parse_hiker(h: Any, i: int, L: Landscape) -> tuple[HikerSpec, int, list[tuple[int, dict[str, Any]]]]:
    """Hiker i of a file: its settings, how many steps it walked, and its edits (sorted by step)."""
    w = f"hikers[{i}]"
    _kind(h, dict, w)
    opt = h.get("optimizer")
    if opt not in OPTIMIZERS:
        raise SceneFileError(f"{w}.optimizer: unknown optimizer {opt!r}; choose from {', '.join(OPTIMIZERS)}")
    mode = h.get("mode", "batch")
    if mode not in MODES:
        raise SceneFileError(f"{w}.mode: unknown descent mode {mode!r}; choose from {', '.join(MODES)}")
    b = h.get("batch_size")
    b = None if b is None else _whole(b, f"{w}.batch_size", 1, L.n_samples)
    start = h.get("start")
    if start is not None:
        _kind(start, list, f"{w}.start")
        if len(start) != 2:
            raise SceneFileError(f"{w}.start needs two numbers")
        x0, x1, y0, y1 = L.bounds
        span = max(x1 - x0, y1 - y0)
        start = (
            _number(start[0], f"{w}.start", x0 - 10 * span, x1 + 10 * span),
            _number(start[1], f"{w}.start", y0 - 10 * span, y1 + 10 * span),
        )
    spec = HikerSpec(
        name=str(_kind(h.get("name", f"hiker {i + 1}"), str, f"{w}.name"))[:80],
        optimizer=opt,
        hyper=_hyper(h.get("hyper", {}), opt, f"{w}.hyper"),
        mode=mode,
        batch_size=b,
        start=start,
        seed=_whole(h.get("seed", 0), f"{w}.seed"),
    )
    steps = _whole(h.get("steps", 0), f"{w}.steps", 0, MAX_STEPS)
    e_list = []
    for j, e in enumerate(_kind(h.get("edits", []), list, f"{w}.edits")):
        _kind(e, dict, f"{w}.edits[{j}]")
        e_list.append(
            (
                _whole(e.get("step"), f"{w}.edits[{j}].step", 0, MAX_STEPS),
                _hyper(e.get("hyper"), opt, f"{w}.edits[{j}].hyper"),
            )
        )
    return spec, steps, sorted(e_list, key=lambda te: te[0])


def scene_from_dict(doc: Any) -> tuple[Scene, dict, dict]:
    """A new Scene replayed from a document, plus its camera and view options; or SceneFileError."""
    _kind(doc, dict, "the scene")
    if doc.get("schema") != SCHEMA:
        raise SceneFileError('this is not a foghike scene (no "schema": "foghike-scene")')
    version = _whole(doc.get("version"), "version", 1, 10**6)
    if version > VERSION:
        raise SceneFileError(
            f"this scene was saved by a newer foghike (file version {version}; this one reads "
            f"version {VERSION}): update foghike to open it"
        )
    L = parse_landscape(doc.get("landscape"))
    hikers = _kind(doc.get("hikers"), list, "hikers")
    if not 1 <= len(hikers) <= 100:
        raise SceneFileError("a scene needs 1 to 100 hikers")
    specs, targets, edits = [], [], []
    for i, h in enumerate(hikers):
        spec, steps, e_list = parse_hiker(h, i, L)
        specs.append(spec)
        targets.append(steps)
        edits.append(e_list)
    colour_by = doc.get("colour_by", "hiker")
    if colour_by not in ("hiker", "basin"):
        raise SceneFileError(f'colour_by must be "hiker" or "basin", not {colour_by!r}')
    try:
        hikes = [spec.build(L) for spec in specs]
    except ValueError as exc:  # e.g. nesterov without momentum
        raise SceneFileError(f"hiker settings: {exc}") from None
    for hike, target, e_list in zip(hikes, targets, edits):
        for t, hyper in e_list:  # replay: walk to each edit, apply it, walk on
            hike.step(min(t, target) - hike.t)
            try:
                hike.set_hyper(**hyper)
            except ValueError as exc:
                raise SceneFileError(f"an edit's settings: {exc}") from None
        hike.step(target - hike.t)
    scene = Scene(L, [replace(s) for s in specs])
    scene.hikes, scene.edits, scene.colour_by = hikes, edits, colour_by
    camera = doc.get("camera") if isinstance(doc.get("camera"), dict) else {}
    view = doc.get("view") if isinstance(doc.get("view"), dict) else {}
    return scene, camera, view


def read_document(path: str | Path, what: str = "scene", error: type[ValueError] = SceneFileError) -> Any:
    """A small JSON file as Python data; ``error`` (never another exception) with a plain message."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path.name}: no such file") from None
    except OSError as exc:
        raise error(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > 5_000_000:
        raise error(f"{path.name}: too large for a {what} ({len(data)} bytes)")
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise error(f"{path.name}: not a text file") from None
    except json.JSONDecodeError as exc:
        raise error(f"{path.name}: not complete JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise error(f"{path.name}: nested too deeply") from None
    except SceneFileError as exc:  # NaN / Infinity in the file
        raise error(f"{path.name}: {exc}") from None


def load_scene(path: str | Path) -> tuple[Scene, dict, dict]:
    """Read and replay a scene file; SceneFileError (never another exception) if it cannot be used."""
    doc = read_document(path)
    try:
        return scene_from_dict(doc)
    except SceneFileError as exc:
        raise SceneFileError(f"{Path(path).name}: {exc}") from None
