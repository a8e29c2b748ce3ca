"""The Sound page: the bells, how loud, how gently, and your own file.

Beside each bell a Play button plays it through the app's real player, at
the volume and fade-in chosen on this page (saved or not), so the choice
is made by ear. With no audio output the page says so calmly. The own file
is chosen with a file picker and checked with the player's own rules and
words before it is taken.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QWidget,
)

from presence_app.core.settings import CUSTOM_CUE, NO_CUE, field_of, parse_setting_duration
from presence_app.i18n import N_, _
from presence_app.ui.settings.controls import ChoiceControl, Control, make_control
from presence_app.ui.settings.page import FormPage
from presence_app.ui.settings.ports import SettingsPorts

SOUND_FILES = N_("Sound files (*.wav *.ogg *.oga *.opus *.flac *.mp3);;All files (*)")


class VolumeControl(Control):
    """A slider from 0 to 100 with the number beside it."""

    def __init__(self) -> None:
        field = field_of("sound.volume")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(10)
        super().__init__(field, self.slider)
        self.number = QLabel()
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("100") + 4)
        self.slider.valueChanged.connect(lambda value: self.number.setText(str(value)))
        self.slider.valueChanged.connect(self.edited)
        self.place = QWidget()
        row = QHBoxLayout(self.place)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.number)

    def value(self) -> Any:
        return self.slider.value()

    def set_value(self, value: Any) -> None:
        self.slider.setValue(int(value))
        self.number.setText(str(int(value)))


class FileControl(Control):
    """The own sound file: its path, "Choose…" and "Clear"."""

    def __init__(self, check: Any) -> None:
        field = field_of("sound.custom_file")
        self.line = QLineEdit()
        self.line.setReadOnly(True)
        self.line.setPlaceholderText(_("No file chosen"))
        super().__init__(field, self.line)
        self._check = check
        self.choose = QPushButton(_("Choose…"))
        self.choose.setAccessibleName(_("Choose…"))
        self.choose.setAccessibleDescription(_("Choose a sound file of your own."))
        self.choose.clicked.connect(self._on_choose_clicked)
        self.clear = QPushButton(_("Clear"))
        self.clear.setAccessibleName(_("Clear"))
        self.clear.setAccessibleDescription(_("Use no file of your own."))
        self.clear.clicked.connect(lambda: self._take(""))
        self.place = QWidget()
        row = QHBoxLayout(self.place)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.choose)
        row.addWidget(self.clear)

    def value(self) -> Any:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        self.line.setText(str(value))

    def _on_choose_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.line.window(), _("Choose a sound file"), self.line.text(), _(SOUND_FILES)
        )
        if not path:
            return
        problem = self._check(path)
        if problem:
            self.hint.setText(problem)
            self.hint.show()
            return
        self._take(path)

    def _take(self, path: str) -> None:
        self.hint.hide()
        self.line.setText(path)
        self.edited.emit()


class SoundPage(FormPage):
    """Builds the Sound page; ``controls`` are handed to the window."""

    HANDLES = (
        "sound.enabled",
        "sound.volume",
        "sound.start",
        "sound.end",
        "sound.fade_in",
        "sound.custom_file",
    )

    def __init__(self, ports: SettingsPorts, value: Any) -> None:
        super().__init__(_("Sound"), _("A bell invites each pause and another closes it."))
        self._ports = ports
        self._value = value
        """Reads the draft's current plain value of a key."""
        self.controls: list[Control] = [make_control(field_of("sound.enabled"))]
        self.add_control(self.controls[0])
        volume = VolumeControl()
        self.add_control(volume, volume.place)
        self.controls.append(volume)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setProperty("role", "muted")
        self.status.setObjectName("sound-status")
        self.status.hide()
        for key, closing in (("sound.start", False), ("sound.end", True)):
            self.controls.append(self._cue_row(key, closing))
        self.add_row(None, self.status)
        for field in ("sound.fade_in",):
            control = make_control(field_of(field))
            self.add_control(control)
            self.controls.append(control)
        own = FileControl(ports.check_sound_file)
        self.add_control(own, own.place)
        self.controls.append(own)

    def _cue_row(self, key: str, closing: bool) -> ChoiceControl:
        control = ChoiceControl(field_of(key))
        play = QPushButton(_("Play"))
        play.setObjectName(f"play-{key.split('.')[1]}")
        play.setAccessibleName(_("Play"))
        play.setAccessibleDescription(
            _("Play the closing bell now.") if closing else _("Play the opening bell now.")
        )
        play.clicked.connect(lambda: self._play(key, closing))
        control.combo.currentIndexChanged.connect(
            lambda: play.setEnabled(control.value() != NO_CUE)
        )
        place = QWidget()
        row = QHBoxLayout(place)
        row.setContentsMargins(0, 0, 0, 0)
        control.combo.setMinimumWidth(control.combo.fontMetrics().horizontalAdvance("M" * 16))
        row.addWidget(control.combo)
        row.addWidget(play)
        row.addStretch()
        self.add_control(control, place)
        return control

    def _play(self, key: str, closing: bool) -> None:
        cue = str(self._value(key))
        volume = int(self._value("sound.volume"))
        problem = self._ports.play_cue(
            cue,
            volume=volume,
            fade_in=parse_setting_duration(str(self._value("sound.fade_in"))),
            closing=closing,
            custom_file=str(self._value("sound.custom_file")),
        )
        field = field_of(key)
        if cue == CUSTOM_CUE:
            playing = _("Playing your own sound at volume {volume}.").format(volume=volume)
        else:
            playing = _("Playing “{sound}” at volume {volume}.").format(
                sound=_(field.name_of(cue)), volume=volume
            )
        self.status.setText(problem or playing)
        self.status.show()
