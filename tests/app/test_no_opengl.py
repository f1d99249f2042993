"""Without OpenGL (the offscreen platform here) the app still opens, works and says why."""

import json
import os
import subprocess
import sys
import textwrap

import pytest


@pytest.mark.parametrize("with_display", [False, True], ids=["no-display", "display"])
def test_offscreen_start_shows_the_banner_and_still_works(tmp_path, with_display):
    script = textwrap.dedent(
        f"""
        import json
        from PyQt6 import QtCore
        from foghike.app.main import application, build
        app = application()
        settings = QtCore.QSettings({str(tmp_path / "s.ini")!r}, QtCore.QSettings.Format.IniFormat)
        w, c = build(settings, glide=False)
        w.show()
        app.processEvents()
        c.actions["step"].trigger()
        c.actions["step"].trigger()
        print(json.dumps({{
            "view": w.view is not None,
            "banner": w.banner.isVisible(),
            "text": w.banner.text(),
            "t": c.scene.hikes[0].t,
            "readout": w.readout.values()["iteration"],
            "map_points": len(w.map.trails[1].xData),
        }}))
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if not with_display:
        env.pop("DISPLAY", None)
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["view"] is False and out["banner"] is True
    assert "3D view is unavailable" in out["text"] and "offscreen" in out["text"]
    assert out["t"] == 2 and out["readout"] == "2" and out["map_points"] == 3
