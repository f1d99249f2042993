"""Make the README's screenshot with the app itself: the window driven by its own actions,
saved with the app's own window grab. Run on a display with OpenGL, e.g.
    xvfb-run -a -s "-screen 0 1600x1000x24" python docs/make_screenshot.py docs/screenshot.png [action ...]
"""

import sys
import tempfile

from PyQt6 import QtCore

from foghike.app.export import grab_window
from foghike.app.main import application, build


def main() -> None:
    out, actions = sys.argv[1], sys.argv[2:] or ["ten", "step", "step"]
    app = application()
    settings = QtCore.QSettings(tempfile.mktemp(suffix=".ini"), QtCore.QSettings.Format.IniFormat)
    settings.setValue("scene/restore_last", False)  # the default scene, not whatever ran last
    window, controller = build(settings, glide=False)
    window.resize(1600, 900)
    window.show()
    for _ in range(10):
        app.processEvents()
    for name in actions:
        if name.startswith("landscape="):
            controller.set_landscape(name.split("=", 1)[1])
        else:
            controller.actions[name].trigger()
        app.processEvents()
    QtCore.QTimer.singleShot(200, app.quit)
    app.exec()
    grab_window(window, window.view).save(out)


if __name__ == "__main__":
    main()
