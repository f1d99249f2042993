"""foghike.core stays pure numpy: no Qt, pyqtgraph, OpenGL or app anywhere inside it."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import foghike.core

FORBIDDEN = ("PyQt6", "PyQt5", "PySide6", "pyqtgraph", "OpenGL", "foghike.app")


def test_no_forbidden_import_statement_in_core():
    core_dir = Path(foghike.core.__file__).parent
    for path in core_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
                assert not name.startswith(".."), f"{path.name} reaches outside core: {name}"


def test_importing_core_loads_no_qt():
    code = f"import sys, foghike.core; print(sorted(m for m in sys.modules if m.startswith({FORBIDDEN!r})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_import_linter_contract_holds():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    root = Path(__file__).resolve().parents[1]
    p = subprocess.run([exe], cwd=root, capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
