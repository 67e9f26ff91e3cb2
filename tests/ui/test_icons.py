"""Every toolbar button and the menu entries comparable tools give one show an icon: drawn sharp at the screen's
pixel ratio, in the palette's text colour (dark on light, light in dark mode), from SVG files the wheel and the
frozen build carry with their licence."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPalette
from PySide6.QtWidgets import QToolButton

from annotator.paths import resources_dir
from annotator.ui import icons
from annotator.ui.palette import relative_luminance
from annotator.ui.preferences import dark_palette, light_palette
from ui_support import open_review, window  # noqa: F401 - the fixture

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample" / "regeerakkoord-voorbeeld.pdf"


def _ink(image: QImage) -> list[QColor]:
    """The colours of the pixels an icon drew (those not transparent)."""
    return [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() > 200]


def test_every_icon_named_is_a_file_and_the_licence_is_beside_them() -> None:
    folder = resources_dir() / "icons"
    for name in {*icons.WINDOW_ICONS.values(), *icons.REVIEW_ICONS.values(), "history"}:
        assert (folder / f"{name}.svg").is_file(), name
    assert "ISC License" in (folder / "LICENSE").read_text(encoding="utf-8")


def test_every_toolbar_button_and_menu_entry_of_comparable_tools_has_an_icon(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_review(qtbot, window, SAMPLE)
    buttons = [action for action in window.toolbar.actions() if not action.isSeparator()
               and window.toolbar.widgetForAction(action) is not None
               and isinstance(window.toolbar.widgetForAction(action), QToolButton)]
    assert len(buttons) >= 10
    for action in buttons:
        assert not action.icon().isNull(), action.text()
        button = window.toolbar.widgetForAction(action)
        assert not button.icon().isNull(), action.text()
    menu_entries = [window.open_action, window.import_action, window.export_action, window.zoom_in_action,
                    window.zoom_out_action, window.fit_width_action, window.fit_page_action, window.find_action,
                    window.find_next_action, window.find_previous_action, window.next_page_action,
                    window.previous_page_action, window.preferences_action, window.about_action,
                    window.export_letter_action, window.carry_over_action, window.merge_action,
                    window.database_action, window.review_actions.undo, window.review_actions.redo,
                    window.review_actions.highlight, window.review_actions.area, window.review_actions.delete]
    for action in menu_entries:
        assert not action.icon().isNull(), action.text()
    assert not window.recent_menu.icon().isNull()
    # The toolbar as the reviewer sees it: each button draws its icon (ink in the middle of the button).
    button = window.toolbar.widgetForAction(window.zoom_in_action)
    image = button.grab().toImage()
    background = window.toolbar.palette().color(QPalette.ColorRole.Button)
    middle = [image.pixelColor(x, y) for x in range(image.width() // 4, 3 * image.width() // 4)
              for y in range(image.height() // 4, 3 * image.height() // 4)]
    assert any(abs(relative_luminance(colour) - relative_luminance(background)) > 0.3 for colour in middle)


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_an_icon_is_drawn_with_as_many_pixels_as_the_screen_has(qtbot, ratio: float) -> None:  # type: ignore[no-untyped-def]
    pixmap = icons.icon("zoom-in").pixmap(QSize(24, 24), ratio)
    assert pixmap.size() == QSize(round(24 * ratio), round(24 * ratio))
    assert pixmap.devicePixelRatio() == ratio
    # Drawn at that size from the vector, not scaled up: a line two pixels wide at 1x is four wide at 2x, with
    # solid ink in its middle.
    assert _ink(pixmap.toImage())


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_icons_take_the_palettes_text_colour(qtbot, appearance: str) -> None:  # type: ignore[no-untyped-def]
    application = QGuiApplication.instance()
    assert isinstance(application, QGuiApplication)
    before = QGuiApplication.palette()
    palette = dark_palette() if appearance == "dark" else light_palette()
    QGuiApplication.setPalette(palette)
    try:
        icon = icons.icon("search")
        ink = _ink(icon.pixmap(QSize(32, 32), 1.0).toImage())
        text = palette.color(QPalette.ColorRole.WindowText)
        assert ink and all(abs(colour.red() - text.red()) < 40 for colour in ink), appearance
        window = palette.color(QPalette.ColorRole.Window)
        assert abs(relative_luminance(ink[0]) - relative_luminance(window)) > 0.4
        disabled = _ink(icon.pixmap(QSize(32, 32), 1.0, QIcon.Mode.Disabled).toImage())
        grey = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        assert disabled and all(abs(colour.red() - grey.red()) < 40 for colour in disabled)
    finally:
        QGuiApplication.setPalette(before)


def test_a_missing_icon_is_null_rather_than_an_error(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert icons.icon("no-such-icon").isNull()
    assert not icons.icon("search").isNull()


# --- the frozen build -------------------------------------------------------------------------------------------


def _run_spec(tmp_path: Path, qt_binaries: list[tuple[str, str, str]]) -> Any:
    """Run packaging/annotator.spec with PyInstaller's build steps stubbed: the Analysis it makes, after the spec's
    own filtering, with ``qt_binaries`` as what PyInstaller's Qt hooks would have collected."""
    pytest.importorskip("PyInstaller")
    made: dict[str, Any] = {}

    def analysis(scripts: list[str], **options: Any) -> Any:
        datas = [(str(Path(target) / Path(source).name), source, "DATA") for source, target in options["datas"]]
        made["analysis"] = SimpleNamespace(scripts=[], binaries=list(qt_binaries), datas=datas, pure=[],
                                           options=options)
        return made["analysis"]

    stub = lambda *args, **options: SimpleNamespace(args=args, options=options)  # noqa: E731
    spec = REPO / "packaging" / "annotator.spec"
    runpy.run_path(str(spec), init_globals={
        "SPECPATH": str(spec.parent), "workpath": str(tmp_path), "Analysis": analysis, "PYZ": stub, "EXE": stub,
        "COLLECT": stub, "BUNDLE": stub})
    return made["analysis"]


def test_the_frozen_build_carries_the_icons_and_qts_svg_plugins(tmp_path: Path) -> None:
    plugin = "PySide6/Qt/plugins" if sys.platform != "win32" else "PySide6\\plugins"
    collected = [(f"{plugin}/imageformats/libqsvg.so", "/qt/libqsvg.so", "BINARY"),
                 (f"{plugin}/iconengines/libqsvgicon.so", "/qt/libqsvgicon.so", "BINARY"),
                 ("PySide6/Qt/lib/libQt6Svg.so.6", "/qt/libQt6Svg.so.6", "BINARY"),
                 (f"{plugin}/platforms/libqvnc.so", "/qt/libqvnc.so", "BINARY")]
    built = _run_spec(tmp_path, collected)
    kept = {entry[0] for entry in built.binaries}
    assert {collected[0][0], collected[1][0], collected[2][0]} <= kept
    assert collected[3][0] not in kept  # the spec's filter is at work
    carried = {Path(entry[1]).resolve() for entry in built.datas}
    for svg in (REPO / "resources" / "icons").iterdir():
        assert svg.resolve() in carried, svg.name
    targets = {Path(entry[0]).parent.as_posix() for entry in built.datas if entry[1].endswith(".svg")}
    assert targets == {"annotator/_resources/icons"}  # where annotator.paths looks in the frozen app
    assert "PySide6.QtSvg" in built.options["excludes"]  # the Python module stays out: Qt's plugin reads SVG


def test_the_built_app_has_them_when_there_is_one() -> None:
    built = REPO / "dist" / "annotator" / "_internal"
    if not (built / "annotator" / "_resources" / "icons").is_dir():
        pytest.skip("no frozen build with icons here (scripts/build-app.sh makes one)")
    assert (built / "annotator" / "_resources" / "icons" / "zoom-in.svg").is_file()
    assert list(built.rglob("*qsvg*")), "Qt's svg image format plugin is in the build"
