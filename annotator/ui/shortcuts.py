"""Keyboard shortcuts that are never bound twice, whatever standard keys the platform theme gives.

Qt runs neither of two shortcuts bound to the same key sequence in the same window ("Ambiguous shortcut
overload"), and the standard keys differ by platform theme: Redo is Ctrl+Shift+Z on X11 and Ctrl+Y plus
Ctrl+Shift+Z on Windows; Find Next is also Ctrl+G on Windows, GNOME and macOS, where the window uses Ctrl+G to go
to a page. So every action says which keys it wants (``set_keys``), and ``assign_unique`` binds them for the whole
window: keys written out first, then each standard key's sequences that no other action has claimed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QAction, QKeySequence

StandardKey = QKeySequence.StandardKey
Key = StandardKey | str
KEYS_PROPERTY = "annotator_keys"
_STANDARD = "standard:"

# How a platform theme turns a standard key into key sequences (QKeySequence.keyBindings in the running program).
Bindings = Callable[[StandardKey], Sequence[QKeySequence]]


def set_keys(action: QAction, *keys: Key) -> QAction:
    """Bind ``action`` to these keys (standard keys as the platform gives them) and remember them for
    :func:`assign_unique`, which settles clashes with the window's other actions."""
    action.setProperty(KEYS_PROPERTY, [f"{_STANDARD}{key.name}" if isinstance(key, StandardKey) else str(key)
                                       for key in keys])
    action.setShortcuts(bindings([action])[action])
    return action


def wanted_keys(action: QAction) -> list[Key]:
    """The keys ``action`` asked for with :func:`set_keys` (none when it did not)."""
    stored = action.property(KEYS_PROPERTY) or []
    return [getattr(StandardKey, key[len(_STANDARD):]) if key.startswith(_STANDARD) else key for key in stored]


def bindings(actions: Iterable[QAction], standard: Bindings = QKeySequence.keyBindings) -> dict[QAction, list[QKeySequence]]:
    """The key sequences each action gets, none twice: written-out keys first (in the actions' order), then the
    sequences of their standard keys that are still free. An action without wanted keys keeps its shortcuts."""
    actions = list(dict.fromkeys(actions))
    taken: set[str] = set()
    result: dict[QAction, list[QKeySequence]] = {}
    for action in actions:
        if action.property(KEYS_PROPERTY) is None:
            result[action] = [sequence for sequence in action.shortcuts() if not sequence.isEmpty()]
            taken.update(sequence.toString() for sequence in result[action])
    for action in actions:
        if action.property(KEYS_PROPERTY) is not None:
            result[action] = []
            for key in wanted_keys(action):
                if isinstance(key, str):
                    _claim(result[action], QKeySequence(key), taken)
    for action in actions:
        for key in wanted_keys(action):
            if not isinstance(key, str):
                for sequence in standard(key):
                    _claim(result[action], sequence, taken)
    return result


def _claim(chosen: list[QKeySequence], sequence: QKeySequence, taken: set[str]) -> None:
    text = sequence.toString()
    if not sequence.isEmpty() and text not in taken:
        taken.add(text)
        chosen.append(sequence)


def assign_unique(actions: Iterable[QAction]) -> None:
    """Bind every action to its keys so that no key sequence is bound twice among them."""
    for action, sequences in bindings(actions).items():
        if action.property(KEYS_PROPERTY) is not None and action.shortcuts() != sequences:
            action.setShortcuts(sequences)


def shown_keys(action: QAction) -> str:
    """The action's keys as a reviewer reads them ("Ctrl+Shift+Z, Ctrl+Y"), without media and Sun keyboard keys."""
    shown = []
    for sequence in action.shortcuts():
        if sequence.isEmpty():
            continue
        first: QKeyCombination = sequence[0]  # type: ignore[index]  # PySide6's stubs lack QKeySequence[i]
        key = first.key()
        if key >= Qt.Key.Key_Super_L or Qt.Key.Key_F13 <= key <= Qt.Key.Key_F35:  # media keys, Help, Sun's F14…
            continue
        shown.append(sequence.toString(QKeySequence.SequenceFormat.NativeText))
    return ", ".join(shown)
