"""Costly landscapes (the digit classifier: a training run and its surface) built on a QThread,
with a progress dialog and Cancel; the window stays responsive and a cancel changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from PyQt6 import QtCore, QtWidgets

from foghike.core import Landscape, landscape


class BuildWorker(QtCore.QThread):
    """Builds one landscape off the GUI thread; ``progressed`` carries 0..1000."""

    progressed = QtCore.pyqtSignal(int)
    built = QtCore.pyqtSignal(object)
    failed = QtCore.pyqtSignal(str)

    def __init__(self, name: str, slice: str, parent=None) -> None:
        super().__init__(parent)
        self.name, self.slice = name, slice
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def _progress(self, fraction: float) -> bool:
        self.progressed.emit(int(1000 * fraction))
        return not self._cancel

    def run(self) -> None:
        try:
            land = landscape(self.name, self.slice, progress=self._progress)
        except InterruptedError:
            self.failed.emit("")  # cancelled: nothing to say, nothing changed
            return
        except (OSError, ValueError, MemoryError) as exc:
            self.failed.emit(str(exc))
            return
        self.built.emit(land)


class LandscapeLoader(QtCore.QObject):
    """One build at a time: a progress dialog over the window, then ``on_built(landscape)``."""

    def __init__(self, window: QtWidgets.QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.worker: BuildWorker | None = None
        self.dialog: QtWidgets.QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def load(
        self,
        name: str,
        slice: str,
        on_built: Callable[[Landscape], None],
        on_failed: Callable[[str], None],
        label: str,
    ) -> None:
        if self.busy:
            return
        dialog = QtWidgets.QProgressDialog(label, "Cancel", 0, 1000, self.window)
        dialog.setWindowTitle("foghike")
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(520)
        worker = BuildWorker(name, slice, self)
        worker.progressed.connect(dialog.setValue)
        dialog.canceled.connect(worker.cancel)

        def done_ok(land: Landscape) -> None:
            self._finish()
            on_built(land)

        def done_fail(message: str) -> None:
            self._finish()
            on_failed(message)

        worker.built.connect(done_ok)
        worker.failed.connect(done_fail)
        self.worker, self.dialog = worker, dialog
        dialog.show()
        worker.start()

    def cancel(self) -> None:
        """As the dialog's Cancel button: the worker stops at its next progress report."""
        if self.worker is not None:
            self.worker.cancel()

    def wait(self) -> None:
        """Block until the worker (if any) has stopped; its result is then dropped."""
        if self.worker is not None:
            self.worker.built.disconnect()
            self.worker.failed.disconnect()
            self.worker.wait()
            self._finish()

    def _finish(self) -> None:
        if self.worker is not None:
            self.worker.wait()
            self.worker.deleteLater()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.worker = self.dialog = None
        self.window.activateWindow()  # the keys go to the window again, not to the closed dialog
