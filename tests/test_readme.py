"""The README's notebook example runs as written, and its test command is the one CI runs."""

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_notebook_example_runs():
    code = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    p = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "descending" in p.stdout and "800 6.25" in p.stdout


def test_ci_runs_the_readme_test_command():
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- test-command -->")[1].split("<!-- /test-command -->")[0]
    assert "python -m pytest" in block
    assert "README.md" in (README.parent / ".ci" / "run").read_text(encoding="utf-8")
