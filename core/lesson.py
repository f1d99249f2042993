"""Lessons: a data file per part of the lecture, opened with one key in class.

A lesson (``resources/lessons/*.json``, format in ``resources/lessons/README.md``) names a
landscape, its hikers (listed, or one of the comparison line-ups), how far they have walked,
the view, the panels to open, a short narrative, "what to notice" prompts and the keys to
press. ``load_lesson`` validates a file completely; any defect is a ``LessonFileError`` with a
plain message, raised before anything on screen changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .catalogue import SLOW_TO_BUILD
from .comparisons import descent_comparison, lr_comparison, optimizer_comparison, random_restarts
from .landscape import Landscape
from .scene import HikerSpec, Scene
from .scene_file import (
    MAX_STEPS,
    SceneFileError,
    _kind,
    _number,
    _whole,
    check_landscape,
    parse_hiker,
    parse_landscape,
    read_document,
)

SCHEMA = "foghike-lesson"
VERSION = 1
PANELS = ("hikers", "sweep", "descent", "classifier", "loop", "formula")
COMPARISONS = ("learning-rates", "descent-types", "optimizers", "random-restarts")
# view options a lesson may set, with their types
VIEW_KEYS = {
    "hikers_fog": bool,
    "fog_lifted": bool,
    "atmospheric_fog": bool,
    "contours": bool,
    "log_height": bool,
    "tangent_plane": bool,
    "momentum_arrow": bool,
    "log_loss": bool,
    "follow": bool,
    "colormap": str,
}
CAMERA_KEYS = {"elevation": (-90.0, 90.0), "azimuth": (-360.0, 360.0), "zoom": (0.2, 5.0)}


class LessonFileError(ValueError):
    """A lesson file that cannot be used; the message names the problem."""


@dataclass(frozen=True)
class Lesson:
    """One part of the lecture, as the teacher will show it."""

    id: str
    title: str
    number: int
    landscape: dict[str, Any]  # as in a scene file: {"name": ...} or {"formula": ..., "bounds": [...]}
    hikers: tuple[dict[str, Any], ...] = ()  # scene-file hikers; or empty with a comparison
    comparison: dict[str, Any] | None = None  # {"kind": one of COMPARISONS, ...its settings}
    steps: int = 0  # steps every hiker has walked when the lesson opens
    panels: tuple[str, ...] = ()
    view: dict[str, Any] = field(default_factory=dict)
    camera: dict[str, float] = field(default_factory=dict)
    narrative: tuple[str, ...] = ()
    notice: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()  # action names (the app shows each with its shortcut)
    source: str = ""

    @property
    def slow(self) -> bool:
        """True when the landscape is costly to build (the app builds it off the GUI thread)."""
        return self.landscape.get("name") in SLOW_TO_BUILD

    def build_landscape(self) -> Landscape:
        try:
            return parse_landscape(self.landscape)
        except SceneFileError as exc:
            raise LessonFileError(f"{self.source}: {exc}") from None

    def hiker_specs(self, L: Landscape) -> tuple[list[HikerSpec], str]:
        """The hikers on ``L`` and how they are coloured ("hiker", or "basin" for restarts)."""
        c = self.comparison
        if c is None:
            try:
                return [parse_hiker(h, i, L)[0] for i, h in enumerate(self.hikers)], "hiker"
            except SceneFileError as exc:
                raise LessonFileError(f"{self.source}: {exc}") from None
        start = c.get("start")
        if c["kind"] == "learning-rates":
            return lr_comparison(L, start=start, optimizer=c.get("optimizer", "sgd")), "hiker"
        if c["kind"] == "descent-types":
            b = c.get("batch_size")
            if b is not None and b > L.n_samples:
                raise LessonFileError(f"{self.source}: comparison.batch_size {b} exceeds the {L.n_samples} samples")
            return descent_comparison(
                L, lr=c.get("lr", 0.05), batch_size=b, start=start, seed=c.get("seed", 0)
            ), "hiker"
        if c["kind"] == "optimizers":
            return optimizer_comparison(L, start=start), "hiker"
        return random_restarts(L, c.get("k", 12), seed=c.get("seed", 0)), "basin"

    def scene(self, L: Landscape | None = None) -> Scene:
        """A new scene with this lesson's hikers, walked ``steps`` steps."""
        L = self.build_landscape() if L is None else L
        specs, colour_by = self.hiker_specs(L)
        try:
            scene = Scene(L, specs)
        except ValueError as exc:  # e.g. nesterov without momentum
            raise LessonFileError(f"{self.source}: hiker settings: {exc}") from None
        scene.colour_by = colour_by
        for h in scene.hikes:
            h.step(self.steps)
        return scene


# -- reading ------------------------------------------------------------------------------------
def _text(v: Any, where: str, max_len: int = 4000) -> str:
    if not isinstance(v, str) or not v.strip():
        raise LessonFileError(f"{where} must be a non-empty text")
    if len(v) > max_len:
        raise LessonFileError(f"{where} is longer than {max_len} characters")
    return v.strip()


def _texts(v: Any, where: str) -> tuple[str, ...]:
    if v is None:
        return ()
    if not isinstance(v, list):
        raise LessonFileError(f"{where} must be a list of texts")
    return tuple(_text(t, f"{where}[{i}]") for i, t in enumerate(v))


def _comparison(c: Any) -> dict[str, Any]:
    c = dict(_kind(c, dict, "comparison"))
    if c.get("kind") not in COMPARISONS:
        raise SceneFileError(
            f"comparison.kind: unknown comparison {c.get('kind')!r}; choose from {', '.join(COMPARISONS)}"
        )
    allowed = {"kind", "start", "optimizer", "lr", "batch_size", "seed", "k"}
    for k in c:
        if k not in allowed:
            raise SceneFileError(f"comparison: unknown setting {k!r}")
    if "start" in c:
        s = _kind(c["start"], list, "comparison.start")
        if len(s) != 2:
            raise SceneFileError("comparison.start needs two numbers")
        c["start"] = tuple(_number(v, "comparison.start", -1e6, 1e6) for v in s)
    if "optimizer" in c and c["optimizer"] not in ("sgd", "adagrad", "rmsprop", "adam", "adamw"):
        raise SceneFileError(f"comparison.optimizer: unknown optimizer {c['optimizer']!r}")
    if "lr" in c:
        c["lr"] = _number(c["lr"], "comparison.lr", 0.0, 1e6)
    for k, lo, hi in (("batch_size", 1, 10**6), ("seed", 0, 2**31 - 1), ("k", 1, 100)):
        if k in c:
            c[k] = _whole(c[k], f"comparison.{k}", lo, hi)
    return c


def lesson_from_dict(doc: Any, source: str = "lesson", known_keys: set[str] | None = None) -> Lesson:
    """A validated Lesson; ``known_keys`` (the app's action names) checks the suggested keys."""
    try:
        return _lesson_from_dict(doc, source, known_keys)
    except SceneFileError as exc:  # the scene-file checks the lesson shares
        raise LessonFileError(f"{source}: {exc}") from None
    except LessonFileError as exc:
        raise LessonFileError(f"{source}: {exc}") from None


def _lesson_from_dict(doc: Any, source: str, known_keys: set[str] | None) -> Lesson:
    _kind(doc, dict, "the lesson")
    if doc.get("schema") != SCHEMA:
        raise LessonFileError(f'this is not a foghike lesson (no "schema": "{SCHEMA}")')
    version = _whole(doc.get("version"), "version", 1, 10**6)
    if version > VERSION:
        raise LessonFileError(
            f"this lesson was written for a newer foghike (file version {version}; this one reads "
            f"version {VERSION}): update foghike to open it"
        )
    ident = _text(doc.get("id"), "id", 60)
    if not all(ch.isalnum() or ch == "-" for ch in ident):
        raise LessonFileError(f"id {ident!r} may hold only letters, digits and '-'")
    land = check_landscape(doc.get("landscape"))
    hikers = doc.get("hikers")
    comparison = doc.get("comparison")
    if (hikers is None) == (comparison is None):
        raise LessonFileError('a lesson needs either "hikers" (a list) or "comparison", not both')
    if hikers is not None:
        _kind(hikers, list, "hikers")
        if not 1 <= len(hikers) <= 100:
            raise LessonFileError("a lesson needs 1 to 100 hikers")
        for i, h in enumerate(hikers):  # the parts that need no surface; the rest on opening
            _kind(h, dict, f"hikers[{i}]")
            if h.get("steps") or h.get("edits"):
                raise LessonFileError(f'hikers[{i}]: a lesson sets "steps" for all hikers, not per hiker')
        if land.get("name") not in SLOW_TO_BUILD:
            L = parse_landscape(land)
            for i, h in enumerate(hikers):
                parse_hiker(h, i, L)
    panels = doc.get("panels", [])
    _kind(panels, list, "panels")
    for p in panels:
        if p not in PANELS:
            raise LessonFileError(f"panels: unknown panel {p!r}; choose from {', '.join(PANELS)}")
    view = _kind(doc.get("view", {}), dict, "view")
    for k, v in view.items():
        if k not in VIEW_KEYS:
            raise LessonFileError(f"view: unknown option {k!r}; choose from {', '.join(VIEW_KEYS)}")
        if not isinstance(v, VIEW_KEYS[k]):
            raise LessonFileError(f"view.{k} must be {'true or false' if VIEW_KEYS[k] is bool else 'a text'}")
    camera = _kind(doc.get("camera", {}), dict, "camera")
    cam = {}
    for k, v in camera.items():
        if k not in CAMERA_KEYS:
            raise LessonFileError(f"camera: unknown setting {k!r}; choose from {', '.join(CAMERA_KEYS)}")
        cam[k] = _number(v, f"camera.{k}", *CAMERA_KEYS[k])
    keys = doc.get("keys", [])
    _kind(keys, list, "keys")
    for k in keys:
        if not isinstance(k, str) or (known_keys is not None and k not in known_keys):
            raise LessonFileError(f"keys: unknown action {k!r}")
    narrative = _texts(doc.get("narrative"), "narrative")
    if not narrative:
        raise LessonFileError("narrative must be a list of at least one paragraph")
    return Lesson(
        id=ident,
        title=_text(doc.get("title"), "title", 120),
        number=_whole(doc.get("number", 99), "number", 0, 999),
        landscape=land,
        hikers=tuple(hikers or ()),
        comparison=None if comparison is None else _comparison(comparison),
        steps=_whole(doc.get("steps", 0), "steps", 0, MAX_STEPS),
        panels=tuple(panels),
        view=dict(view),
        camera=cam,
        narrative=narrative,
        notice=_texts(doc.get("notice"), "notice"),
        keys=tuple(keys),
        source=source,
    )


def load_lesson(path: str | Path, known_keys: set[str] | None = None) -> Lesson:
    """Read and check a lesson file; LessonFileError (never another exception) if it cannot be used."""
    doc = read_document(path, "lesson", LessonFileError)
    return lesson_from_dict(doc, Path(path).name, known_keys)


def _lesson_files() -> list[Any]:
    folder = resources.files("foghike.resources") / "lessons"
    return [f for f in folder.iterdir() if f.name.endswith(".json")]


@lru_cache(maxsize=1)
def builtin_lessons() -> tuple[Lesson, ...]:
    """The lessons that follow the lecture, in its order."""
    out = [lesson_from_dict(json.loads(f.read_text(encoding="utf-8")), f.name) for f in _lesson_files()]
    return tuple(sorted(out, key=lambda le: (le.number, le.id)))


def lesson(name: str) -> Lesson:
    """A built-in lesson by its id (``foghike list lessons``)."""
    for le in builtin_lessons():
        if le.id == name:
            return le
    raise LessonFileError(f"unknown lesson {name!r}; choose from {', '.join(le.id for le in builtin_lessons())}")
