"""The ``foghike`` command: the GUI with no arguments, plus list / trace / sweep for worksheets.

Every user error is one line on stderr and exit status 2, never a traceback.
Qt is imported only when a window or a render is asked for.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

EXIT_USAGE = 2
_COMMANDS = {"list", "trace", "sweep", "render", "animate"}
# options whose value may start with "-" (negative coordinates: --start -1.5,2)
_VALUE_OPTIONS = {"--start", "--betas", "--bounds", "--lr-min", "--lr-max", "--formula"}


class UsageError(Exception):
    """A problem with what the user typed: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _finite(name: str, lo: float | None = None) -> Any:
    def parse(text: str) -> float:
        try:
            v = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a number, got {text!r}") from None
        if not math.isfinite(v):
            raise argparse.ArgumentTypeError(f"{name} must be finite, got {text!r}")
        if lo is not None and v < lo:
            raise argparse.ArgumentTypeError(f"{name} must be at least {lo:g}, got {text!r}")
        return v

    return parse


def _count(name: str, lo: int = 0) -> Any:
    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a whole number, got {text!r}") from None
        if v < lo:
            raise argparse.ArgumentTypeError(f"{name} must be at least {lo}, got {text!r}")
        return v

    return parse


def _pair(name: str) -> Any:
    def parse(text: str) -> tuple[float, float]:
        parts = text.split(",")
        if len(parts) != 2:
            raise argparse.ArgumentTypeError(
                f"{name} needs two numbers separated by a comma, e.g. -1.5,2; got {text!r}"
            )
        return tuple(_finite(name)(p.strip()) for p in parts)  # type: ignore[return-value]

    return parse


def _bounds(text: str) -> tuple[float, float, float, float]:
    parts = text.split(",")
    if len(parts) != 4:
        raise argparse.ArgumentTypeError(f"--bounds needs four numbers W1MIN,W1MAX,W2MIN,W2MAX; got {text!r}")
    return tuple(_finite("--bounds")(p.strip()) for p in parts)  # type: ignore[return-value]


def _landscape(args: argparse.Namespace):
    from foghike.core import formula_landscape, landscape

    if args.formula is not None:
        return formula_landscape(args.formula, args.bounds or (-3.0, 3.0, -3.0, 3.0))
    if args.bounds is not None:
        raise UsageError("--bounds goes with --formula")
    return landscape(args.landscape)


def _add_hike_options(p: argparse.ArgumentParser) -> None:
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--landscape", help="landscape name (foghike list landscapes)")
    where.add_argument("--formula", help='your own loss in w1 and w2, e.g. "sin(w1)*cos(w2) + 0.1*(w1^2 + w2^2)"')
    p.add_argument("--bounds", type=_bounds, help="plot bounds for --formula: W1MIN,W1MAX,W2MIN,W2MAX")
    p.add_argument("--optimizer", default="sgd", help="sgd, adagrad, rmsprop, adam, adamw")
    p.add_argument("--start", type=_pair("--start"), help="start point X,Y")
    p.add_argument("--mode", default="batch", choices=["batch", "sgd", "minibatch"])
    p.add_argument("--batch-size", type=_count("--batch-size", 1), help="B for minibatch (default 32)")
    p.add_argument("--seed", type=_count("--seed"), default=0)
    p.add_argument("--momentum", type=_finite("--momentum", 0.0))
    p.add_argument("--dampening", type=_finite("--dampening", 0.0))
    p.add_argument("--nesterov", action="store_true", default=None)
    p.add_argument("--weight-decay", type=_finite("--weight-decay", 0.0))
    p.add_argument("--alpha", type=_finite("--alpha", 0.0))
    p.add_argument("--eps", type=_finite("--eps", 0.0))
    p.add_argument("--betas", type=_pair("--betas"))
    p.add_argument("--centered", action="store_true", default=None)
    p.add_argument("--amsgrad", action="store_true", default=None)
    p.add_argument("--lr-decay", type=_finite("--lr-decay", 0.0))
    p.add_argument("--initial-accumulator-value", type=_finite("--initial-accumulator-value", 0.0))
    p.add_argument("--format", default="csv", choices=["csv", "json"])


_HYPER_FLAGS = (
    "momentum",
    "dampening",
    "nesterov",
    "weight_decay",
    "alpha",
    "eps",
    "betas",
    "centered",
    "amsgrad",
    "lr_decay",
    "initial_accumulator_value",
)


def _hyper(args: argparse.Namespace) -> dict[str, Any]:
    return {k: getattr(args, k) for k in _HYPER_FLAGS if getattr(args, k) is not None}


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="foghike", description="A hiker in the fog: gradient descent you can watch.")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    ls = sub.add_parser("list", help="list landscapes, optimizers or descent modes")
    ls.add_argument(
        "what", nargs="?", default="landscapes", choices=["landscapes", "optimizers", "modes", "lessons"]
    )

    tr = sub.add_parser("trace", help="print a hike step by step (csv or json)")
    _add_hike_options(tr)
    tr.add_argument("--lr", type=_finite("--lr", 0.0), help="learning rate (default: the optimizer's)")
    tr.add_argument("--steps", type=_count("--steps"), required=True)

    sw = sub.add_parser("sweep", help="loss after K steps for many learning rates")
    _add_hike_options(sw)
    sw.add_argument("--steps", type=_count("--steps"), required=True)
    sw.add_argument("--lr-min", type=_finite("--lr-min"), default=1e-4)
    sw.add_argument("--lr-max", type=_finite("--lr-max"), default=10.0)
    sw.add_argument("--count", type=_count("--count", 1), default=50)
    p.add_argument("--lesson", help="open the window on a lesson (foghike list lessons)")
    rd = sub.add_parser("render", help="render a scene or lesson to a PNG without showing a window")
    _add_source(rd)
    rd.add_argument("--steps", type=_count("--steps"), default=0, help="steps to take after opening it")
    rd.add_argument("--scale", type=_count("--scale", 1), default=1, help="supersampling factor K")
    rd.add_argument("--view", choices=["3d", "contour", "window"], default="3d")
    rd.add_argument("--fog", choices=["on", "off"], help="the hiker's fog down (on) or lifted (off)")
    rd.add_argument("-o", "--output", required=True, help="the PNG to write")
    an = sub.add_parser("animate", help="the next N steps of a lesson or scene as a GIF or APNG")
    _add_source(an)
    an.add_argument("--steps", type=_count("--steps", 1), required=True, help="steps to animate (frames: N + 1)")
    an.add_argument("--fps", type=_finite("--fps", 0.5), default=5.0, help="frames per second (default 5)")
    an.add_argument("--fog", choices=["on", "off"], help="the hiker's fog down (on) or lifted (off)")
    an.add_argument("-o", "--output", required=True, help="the .gif or .png (APNG) to write")
    return p


def _add_source(p: argparse.ArgumentParser) -> None:
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--scene", help="a .foghike.json scene file")
    where.add_argument("--lesson", help="a lesson name (foghike list lessons) or a lesson file")
    p.add_argument("--size", type=_size, default=(1280, 800), help="WxH in pixels (default 1280x800)")


def _size(text: str) -> tuple[int, int]:
    parts = text.lower().split("x")
    try:
        w, h = (int(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--size needs WxH, e.g. 1920x1080; got {text!r}") from None
    return w, h


def _join_negative_values(argv: Sequence[str]) -> list[str]:
    out: list[str] = []
    it = iter(argv)
    for a in it:
        if a in _VALUE_OPTIONS:
            nxt = next(it, None)
            if nxt is None:
                out.append(a)
            else:
                out.append(f"{a}={nxt}")
        else:
            out.append(a)
    return out


def _num(x: float) -> str:
    return repr(float(x))


def cmd_list(args: argparse.Namespace, out: Any) -> int:
    from foghike.core import LANDSCAPE_NAMES, MODES, OPTIMIZERS, landscape

    if args.what == "landscapes":
        for name in LANDSCAPE_NAMES:
            L = landscape(name)
            x0, x1, y0, y1 = L.bounds
            start = ",".join(f"{v:g}" for v in L.project(L.start))
            print(
                f"{name:30s} N={L.n_samples:<5d} bounds=[{x0:g},{x1:g}]x[{y0:g},{y1:g}] "
                f"start=({start})  {L.description}",
                file=out,
            )
    elif args.what == "optimizers":
        for name, cls in OPTIMIZERS.items():
            defaults = ", ".join(f"{k}={v}" for k, v in cls.defaults.items())
            print(f"{name:8s} {cls.description}  [{defaults}]", file=out)
    elif args.what == "lessons":
        from foghike.core.lesson import builtin_lessons

        for le in builtin_lessons():
            print(f"{le.id:24s} {le.title}", file=out)
    else:
        for name, text in MODES.items():
            print(f"{name:10s} {text}", file=out)
    return 0


def _make_hike(args: argparse.Namespace, lr: float | None) -> Any:
    from foghike.core import DescentMode, Hike, make_optimizer

    L = _landscape(args)
    hyper = _hyper(args)
    if lr is not None:
        hyper["lr"] = lr
    opt = make_optimizer(args.optimizer, 1, L.dim, **hyper)
    mode = DescentMode(args.mode, args.batch_size)
    mode.size(L.n_samples)
    return Hike(L, opt, mode=mode, start=args.start, seed=args.seed)


def cmd_trace(args: argparse.Namespace, out: Any, err: Any) -> int:
    hike = _make_hike(args, args.lr)
    hike.step(args.steps)
    L = hike.landscape  # a network's weights and gradients are reported on its slice's two directions
    P = L.project(hike.positions())
    G = L.project_vector(hike.gradients())
    losses = hike.losses()
    samples = hike.samples()
    if args.format == "csv":
        lines = ["step,w1,w2,loss,g1,g2,samples"]
        for t in range(len(P)):
            lines.append(
                f"{t},{_num(P[t, 0])},{_num(P[t, 1])},{_num(losses[t])},{_num(G[t, 0])},{_num(G[t, 1])},{samples[t]}"
            )
        out.write("\n".join(lines) + "\n")
    else:
        rows = [
            {
                "step": t,
                "w1": float(P[t, 0]),
                "w2": float(P[t, 1]),
                "loss": float(losses[t]),
                "g1": float(G[t, 0]),
                "g2": float(G[t, 1]),
                "samples": int(samples[t]),
            }
            for t in range(len(P))
        ]
        doc = {
            "landscape": args.landscape or {"formula": args.formula, "bounds": list(hike.landscape.bounds)},
            "optimizer": hike.optimizer.name,
            "settings": _jsonable(hike.optimizer.settings),
            "mode": hike.mode.kind,
            "batch_size": hike.mode.size(hike.landscape.n_samples),
            "seed": hike.seed,
            "start": [float(v) for v in L.project(hike.start)],
            "requested_steps": args.steps,
            "status": hike.status,
            "diverged_at": hike.diverged_at,
            "steps": rows,
        }
        json.dump(doc, out, indent=1)
        out.write("\n")
    if hike.diverged:
        print(f"foghike: diverged at step {hike.diverged_at}", file=err)
    return 0


def _jsonable(settings: dict[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in settings.items()}


def cmd_sweep(args: argparse.Namespace, out: Any) -> int:
    from foghike.core import DescentMode, log_rates, sweep

    L = _landscape(args)
    mode = DescentMode(args.mode, args.batch_size)
    mode.size(L.n_samples)
    lrs = log_rates(args.lr_min, args.lr_max, args.count)
    res = sweep(L, args.optimizer, lrs, args.steps, start=args.start, mode=mode, seed=args.seed, **_hyper(args))
    if args.format == "csv":
        out.write("lr,loss,status\n")
        for lr, loss, st in zip(res.lrs, res.final_loss, res.status):
            out.write(f"{_num(lr)},{_num(loss)},{st}\n")
    else:
        doc = {
            "landscape": args.landscape or {"formula": args.formula, "bounds": list(L.bounds)},
            "optimizer": args.optimizer,
            "steps": args.steps,
            "rows": [
                {"lr": float(lr), "loss": float(loss), "status": str(st)}
                for lr, loss, st in zip(res.lrs, res.final_loss, res.status)
            ],
        }
        json.dump(doc, out, indent=1)
        out.write("\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``foghike``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    out, err = sys.stdout, sys.stderr
    try:
        if argv and not argv[0].startswith("-") and argv[0] not in _COMMANDS:
            # `foghike FILE.foghike.json` (or a double-click): check the file, then open the window
            from foghike.core import load_scene

            load_scene(argv[0])  # SceneFileError (a ValueError) → one line, exit 2
            from .main import run

            return run(scene_file=argv[0])
        args = build_parser().parse_args(_join_negative_values(argv))
        if args.command == "list":
            return cmd_list(args, out)
        if args.command == "trace":
            return cmd_trace(args, out, err)
        if args.command == "sweep":
            return cmd_sweep(args, out)
        if args.command == "render":
            from .render import render

            path = render(
                args.scene, args.output, args.size, args.scale, args.view, args.fog, args.steps, lesson=args.lesson
            )
            print(f"wrote {path}", file=out)
            return 0
        if args.command == "animate":
            from .render import animate

            path, n = animate(args.scene, args.lesson, args.output, args.steps, args.fps, args.size, args.fog)
            print(f"wrote {path} ({n} frames)", file=out)
            return 0
        from .main import run

        if args.lesson is not None:  # LessonFileError (a ValueError) → one line, exit 2
            from foghike.core.lesson import lesson, load_lesson

            load_lesson(args.lesson) if args.lesson.endswith(".json") else lesson(args.lesson)
        return run(lesson=args.lesson)
    except (UsageError, ValueError) as exc:
        print(f"foghike: error: {str(exc).splitlines()[0]}", file=err)  # one line, always
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `foghike trace ... | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
