"""The annotation list: the table model and filter proxy under Qt's model checks, and the panel a reviewer uses."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import Anchor, AnchorStatus, Annotation, Judgment, Rect, Theme, TreatyRef
from annotator.paths import resources_dir
from annotator.ui.annotation_list import AnnotationListPanel
from annotator.ui.annotation_table import (
    ID_ROLE,
    JUDGMENT_COLOURS,
    SORT_ROLE,
    AnnotationFilterProxy,
    AnnotationTableModel,
    Column,
)
from annotator.ui.i18n import Translator

THEMES = (Theme("asylum", "Asiel en migratie", 0), Theme("privacy", "Privacy en digitalisering", 1),
          Theme("labour", "Werk en inkomen", 2))
AUTHORS = ("Anouk", "Bram", "Chaima")
QUOTES = (
    "De opvang van asielzoekers wordt verbeterd en de IND krijgt meer capaciteit.",
    "Wij voeren een Algoritmewaakhond in die toeziet op overheidsalgoritmen.",
    "Het minimumloon wordt stapsgewijs verhoogd met 7,5 procent.",
    "Vreemdelingenbewaring wordt alleen als uiterste middel ingezet.",
    "Gezinshereniging van nareizigers\n wordt   beperkt.",
)
REFS = (TreatyRef("echr", "5"), TreatyRef("echr", "8"), TreatyRef("refugee_convention", "33"),
        TreatyRef.parse("Kinderrechtenverdrag, preambule"))
EPOCH = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)

# The model's fonts and icons need the application object, as in the program.
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The real treaty catalogue shipped with the program."""
    return Catalogue.load(resources_dir() / "treaties.json")


def make(number: int, page: int = 0, y: float = 100.0, quote: str | None = None, judgment: Judgment | None = None,
         theme: str | None = None, author: str = "Anouk", refs: tuple[TreatyRef, ...] = (), comment: str = "",
         status: AnchorStatus = AnchorStatus.ANCHORED, deleted: bool = False) -> Annotation:
    """An annotation with a one-line anchor on ``page`` at height ``y``."""
    text = quote if quote is not None else QUOTES[number % len(QUOTES)]
    anchor = Anchor(page=page, quads=(Rect(72, y, 500, y + 12),), exact=text)
    return Annotation(id=f"a{number:04d}", document="sha", author=author, anchor=anchor, status=status,
                      judgment=judgment, theme_id=theme, references=refs, comment=comment,
                      created=EPOCH, modified=EPOCH + timedelta(minutes=number), deleted=deleted)


def varied(count: int, seed: int = 7) -> list[Annotation]:
    """``count`` annotations spread over 60 pages with every judgment, theme, author and some references."""
    rnd = random.Random(seed)
    judgments = [None, *Judgment]
    themes = [None, *(theme.id for theme in THEMES)]
    return [make(number, page=rnd.randrange(60), y=rnd.uniform(50, 780), judgment=rnd.choice(judgments),
                 theme=rnd.choice(themes), author=rnd.choice(AUTHORS),
                 refs=tuple(rnd.sample(REFS, rnd.randrange(3))), comment=rnd.choice(("", "zie ook p. 12")))
            for number in range(count)]


def shown_ids(proxy: AnnotationFilterProxy) -> list[str]:
    """The ids the proxy shows, top to bottom."""
    return [proxy.index(row, 0).data(ID_ROLE) for row in range(proxy.rowCount())]


def test_model_and_proxy_pass_qt_model_checks(qtmodeltester, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    model = AnnotationTableModel(Translator("en"), catalogue)
    model.set_themes(THEMES)
    model.set_annotations(varied(300))
    qtmodeltester.check(model, force_py=True)
    proxy = AnnotationFilterProxy(model)
    proxy.set_judgments({Judgment.CONCERN, Judgment.VIOLATION})
    proxy.set_text("opvang")
    qtmodeltester.check(proxy, force_py=True)


def test_cells_show_what_a_reviewer_reads(catalogue: Catalogue) -> None:
    model = AnnotationTableModel(Translator("en"), catalogue)
    model.set_themes(THEMES)
    long_quote = "Het kabinet investeert " + "in de rechtsstaat en " * 20 + "einde."
    model.set_annotations([
        make(1, page=4, quote=long_quote, judgment=Judgment.SERIOUS_CONCERN, theme="asylum", comment="Te vaag.",
             refs=(TreatyRef("echr", "5"), TreatyRef.parse("Kinderrechtenverdrag, preambule"))),
        make(2, page=5, quote="Gezinshereniging\nwordt   beperkt.", status=AnchorStatus.ORPHANED),
    ])
    model.set_labels(["i", "ii", "iii", "iv", "1", ""])

    def cell(row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.index(row, column).data(role)

    quote = cell(0, Column.QUOTE)
    assert isinstance(quote, str) and len(quote) <= 120 and quote.endswith("…") and "\n" not in quote
    tooltip = cell(0, Column.QUOTE, Qt.ItemDataRole.ToolTipRole)
    assert "einde." in tooltip and "Te vaag." in tooltip
    assert cell(0, Column.PAGE) == "1"
    assert cell(1, Column.PAGE) == "6", "an empty label shows the page number"
    assert cell(0, Column.JUDGMENT) == "Serious concern"
    assert QColor(cell(0, Column.JUDGMENT, Qt.ItemDataRole.DecorationRole)) == JUDGMENT_COLOURS[Judgment.SERIOUS_CONCERN]
    assert cell(0, Column.THEME) == "Asiel en migratie"
    assert cell(0, Column.REFERENCES) == "Article 5 ECHR, Kinderrechtenverdrag, preambule"
    assert cell(0, Column.AUTHOR) == "Anouk"
    local = (EPOCH + timedelta(minutes=1)).astimezone()
    assert cell(0, Column.MODIFIED) == local.strftime("%Y-%m-%d %H:%M")
    assert cell(1, Column.QUOTE) == "Gezinshereniging wordt beperkt."
    assert cell(1, Column.QUOTE, Qt.ItemDataRole.FontRole).italic()
    assert not cell(1, Column.QUOTE, Qt.ItemDataRole.DecorationRole).isNull(), "an orphan is marked with a sign"
    assert cell(0, Column.QUOTE, Qt.ItemDataRole.DecorationRole) is None
    assert "Not found" in cell(1, Column.QUOTE, Qt.ItemDataRole.ToolTipRole)
    assert not cell(0, Column.QUOTE, Qt.ItemDataRole.FontRole)
    assert cell(1, Column.QUOTE, ID_ROLE) == "a0002"


def test_dutch_labels(qtbot, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    panel = AnnotationListPanel(Translator("nl"), catalogue)
    qtbot.addWidget(panel)
    panel.set_themes(THEMES)
    panel.model.set_annotations([make(1, judgment=Judgment.VIOLATION, refs=(TreatyRef("echr", "5"),)),
                                 make(2, judgment=Judgment.WELCOME)])
    model = panel.model
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in Column]
    assert headers == ["Citaat", "Pagina", "Oordeel", "Thema", "Verwijzingen", "Auteur", "Gewijzigd",
                       "Status"]
    names = {model.index(row, Column.JUDGMENT).data() for row in range(2)}
    assert names == {"Schending", "Welkom"}
    assert model.index(0, Column.REFERENCES).data() == "art. 5 EVRM"
    assert panel.filter_edit.placeholderText() == "Filteren…"
    assert panel.count_label.text() == "2 van 2"
    assert panel.theme_combo.itemText(0) == "Alle thema's"
    menu = panel.context_menu()
    assert [action.text() for action in menu.actions() if action.text()] == ["Oordeel geven", "Thema kiezen",
                                                                           "Verwijderen\tDel"]


def test_upsert_and_remove_change_rows_without_a_reset(qtmodeltester, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    model = AnnotationTableModel(Translator("en"), catalogue)
    model.set_themes(THEMES)
    annotations = varied(200)
    model.set_annotations(annotations)
    proxy = AnnotationFilterProxy(model)
    proxy.set_judgments({Judgment.VIOLATION})
    qtmodeltester.check(proxy, force_py=True)  # keeps checking the proxy while the model changes below
    resets: list[str] = []
    model.modelReset.connect(lambda: resets.append("model"))
    proxy.modelReset.connect(lambda: resets.append("proxy"))
    changed_rows: list[int] = []
    model.dataChanged.connect(lambda first, last: changed_rows.extend(range(first.row(), last.row() + 1)))

    target = annotations[10]
    row = model.row_of(target.id)
    model.upsert([target.changed(judgment=Judgment.VIOLATION, comment="Schendt het non-refoulementbeginsel")])
    assert model.row_of(target.id) == row and changed_rows == [row]
    assert model.annotation(row).comment == "Schendt het non-refoulementbeginsel"
    assert target.id in shown_ids(proxy), "a row that now passes the filter appears"

    new = [make(1000 + number, page=number * 10, judgment=Judgment.VIOLATION) for number in range(5)]
    model.upsert(new)
    assert model.rowCount() == 205
    for annotation in new:
        position = model.row_of(annotation.id)
        assert model.annotation(position) == annotation
    positions = [model.index(row, Column.PAGE).data(SORT_ROLE) for row in range(model.rowCount())]
    assert positions == sorted(positions), "new rows go to their place in document order"
    assert set(shown_ids(proxy)) >= {annotation.id for annotation in new}

    doomed = [annotation.id for annotation in annotations[50:60]] + [new[0].id, "not-there"]
    model.remove(doomed)
    assert model.rowCount() == 205 - 11
    assert all(model.row_of(id) is None for id in doomed)
    assert all(model.row_of(model.annotation(row).id) == row for row in range(model.rowCount()))
    assert not set(doomed) & set(shown_ids(proxy))
    assert resets == []


def test_filters_by_text_judgment_theme_author_and_combined(catalogue: Catalogue) -> None:
    model = AnnotationTableModel(Translator("en"), catalogue)
    model.set_themes(THEMES)
    annotations = varied(300)
    model.set_annotations([*annotations, make(999, quote="Opvang in Ter Apel", deleted=True)])
    proxy = AnnotationFilterProxy(model)
    live = [annotation for annotation in annotations if not annotation.deleted]
    assert proxy.rowCount() == len(live), "deleted annotations are never shown"

    def expect(predicate) -> None:  # type: ignore[no-untyped-def]
        assert sorted(shown_ids(proxy)) == sorted(a.id for a in live if predicate(a))

    proxy.set_text("OPVANG")
    expect(lambda a: "opvang" in a.quote.lower())
    proxy.set_text("opvang capaciteit")  # every word must occur, in any order
    expect(lambda a: "opvang" in a.quote.lower() and "capaciteit" in a.quote.lower())
    proxy.set_text("opvang algoritmewaakhond")
    assert proxy.rowCount() == 0
    proxy.set_text("zie ook")  # words of the comment
    expect(lambda a: "zie ook" in a.comment)
    cites_echr = lambda a: any(ref.instrument == "echr" for ref in a.references)  # noqa: E731
    proxy.set_text("evrm")  # the Dutch abbreviation in the English interface, as the README says to type it
    expect(cites_echr)
    proxy.set_text("ECHR")
    expect(cites_echr)
    proxy.set_text("article 8 echr")
    expect(lambda a: TreatyRef("echr", "8") in a.references)
    for query in ("EVRM 8", "art. 8 EVRM", "artikel 8 van het EVRM", "ECHR art. 8", "8 EVRM"):
        proxy.set_text(query)
        expect(lambda a: TreatyRef("echr", "8") in a.references)
    proxy.set_text("evrm 5 zie ook")  # a reference and words together: both must hold
    expect(lambda a: TreatyRef("echr", "5") in a.references and "zie ook" in a.comment)
    proxy.set_text("Vluchtelingenverdrag 33")
    expect(lambda a: TreatyRef("refugee_convention", "33") in a.references)
    proxy.set_text("")
    proxy.set_judgments({Judgment.CONCERN, Judgment.VIOLATION})
    expect(lambda a: a.judgment in (Judgment.CONCERN, Judgment.VIOLATION))
    proxy.set_theme("privacy")
    expect(lambda a: a.judgment in (Judgment.CONCERN, Judgment.VIOLATION) and a.theme_id == "privacy")
    proxy.set_author("Bram")
    proxy.set_text("algoritmewaakhond")
    expect(lambda a: a.judgment in (Judgment.CONCERN, Judgment.VIOLATION) and a.theme_id == "privacy"
           and a.author == "Bram" and "algoritmewaakhond" in a.quote.lower())
    proxy.set_judgments(())
    proxy.set_theme(None)
    proxy.set_text("")
    expect(lambda a: a.author == "Bram")
    proxy.set_author(None)
    proxy.set_reference("refugee_convention")
    expect(lambda a: any(ref.instrument == "refugee_convention" for ref in a.references))
    proxy.set_reference("echr:5")
    expect(lambda a: TreatyRef("echr", "5") in a.references)
    proxy.set_reference("Kinderrechtenverdrag, preambule")
    expect(lambda a: any(ref.is_custom for ref in a.references))
    proxy.set_reference(None)
    expect(lambda a: True)


def test_filter_follows_edits_to_rows(catalogue: Catalogue) -> None:
    model = AnnotationTableModel(Translator("en"), catalogue)
    annotations = [make(number, page=number, judgment=Judgment.NOTE) for number in range(20)]
    model.set_annotations(annotations)
    proxy = AnnotationFilterProxy(model)
    proxy.set_judgments({Judgment.NOTE})
    assert proxy.rowCount() == 20
    model.upsert([annotations[3].changed(judgment=Judgment.WELCOME)])
    assert proxy.rowCount() == 19 and annotations[3].id not in shown_ids(proxy)
    model.upsert([annotations[4].changed(deleted=True)])
    assert proxy.rowCount() == 18 and model.live_count == 19
    proxy.set_judgments({Judgment.NOTE, Judgment.WELCOME})
    assert proxy.rowCount() == 19


def test_sort_by_page_follows_document_order(qtbot, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    panel = AnnotationListPanel(Translator("en"), catalogue)
    qtbot.addWidget(panel)
    labels = [str(page + 1) for page in range(12)]
    annotations = [make(1, page=9, y=300), make(2, page=8, y=100), make(3, page=9, y=80), make(4, page=1, y=500),
                   make(5, page=10, y=50)]
    panel.model.set_labels(labels)
    panel.model.set_annotations(annotations)
    panel.table.sortByColumn(Column.AUTHOR, Qt.SortOrder.AscendingOrder)
    panel.table.sortByColumn(Column.PAGE, Qt.SortOrder.AscendingOrder)
    pages = [panel.proxy.index(row, Column.PAGE).data() for row in range(panel.proxy.rowCount())]
    assert pages == ["2", "9", "10", "10", "11"]
    assert shown_ids(panel.proxy) == ["a0004", "a0002", "a0003", "a0001", "a0005"], "top of the page first"
    panel.table.sortByColumn(Column.PAGE, Qt.SortOrder.DescendingOrder)
    assert shown_ids(panel.proxy) == ["a0005", "a0001", "a0003", "a0002", "a0004"]


def test_sort_by_judgment_and_date_keeps_the_selection(qtbot, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    panel = AnnotationListPanel(Translator("en"), catalogue)
    qtbot.addWidget(panel)
    panel.model.set_annotations([make(1, page=0, judgment=Judgment.VIOLATION), make(2, page=1),
                                 make(3, page=2, judgment=Judgment.WELCOME), make(4, page=3, judgment=Judgment.NOTE)])
    assert panel.select_annotation("a0003")
    panel.table.sortByColumn(Column.JUDGMENT, Qt.SortOrder.AscendingOrder)
    assert shown_ids(panel.proxy) == ["a0002", "a0003", "a0004", "a0001"], "no judgment first, then the scale"
    assert panel.selected_ids() == ["a0003"]
    panel.table.sortByColumn(Column.MODIFIED, Qt.SortOrder.DescendingOrder)
    assert shown_ids(panel.proxy) == ["a0004", "a0003", "a0002", "a0001"]
    panel.model.upsert([make(5, page=1)])
    assert shown_ids(panel.proxy)[0] == "a0005", "a new annotation goes to its place in the current order"


def test_filter_holds_through_sorting_and_edits(qtbot, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    panel = AnnotationListPanel(Translator("en"), catalogue)
    qtbot.addWidget(panel)
    annotations = varied(2000)
    panel.model.set_annotations(annotations)
    panel.proxy.set_text("opvang")
    panel.proxy.set_author("Chaima")
    expected = {a.id for a in annotations if "opvang" in a.quote.lower() and a.author == "Chaima"}
    assert set(shown_ids(panel.proxy)) == expected
    for column in (Column.MODIFIED, Column.JUDGMENT, Column.PAGE):
        panel.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        assert set(shown_ids(panel.proxy)) == expected
        keys = [panel.proxy.index(row, column).data(SORT_ROLE) for row in range(panel.proxy.rowCount())]
        assert keys == sorted(keys, reverse=True)
    gone = sorted(expected)[:3]
    panel.model.remove(gone)
    newcomer = make(5000, author="Chaima", quote="Meer opvang in de regio.")
    panel.model.upsert([newcomer])
    panel.proxy.set_text("opvang regio")
    assert shown_ids(panel.proxy) == [newcomer.id]
    panel.proxy.set_text("opvang")  # backspacing back to an earlier query gives today's rows, not yesterday's
    assert newcomer.id in shown_ids(panel.proxy) and not set(gone) & set(shown_ids(panel.proxy))


@pytest.fixture
def panel(qtbot, catalogue: Catalogue) -> AnnotationListPanel:  # type: ignore[no-untyped-def]
    """A shown English panel with 40 annotations and the themes."""
    widget = AnnotationListPanel(Translator("en"), catalogue)
    qtbot.addWidget(widget)
    widget.set_themes(THEMES)
    widget.model.set_annotations(varied(40))
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_keys_judge_and_delete_the_selected_rows(qtbot, panel: AnnotationListPanel) -> None:  # type: ignore[no-untyped-def]
    table = panel.table
    table.setFocus()
    top = [panel.proxy.index(row, 0).data(ID_ROLE) for row in range(3)]
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert panel.selected_ids() == top
    for key, judgment in ((Qt.Key.Key_1, Judgment.WELCOME), (Qt.Key.Key_3, Judgment.CONCERN),
                          (Qt.Key.Key_5, Judgment.VIOLATION)):
        with qtbot.waitSignal(panel.judgment_requested) as blocker:
            qtbot.keyClick(table, key)
        assert blocker.args == [top, judgment]
    with qtbot.waitSignal(panel.delete_requested) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert blocker.args == [top]
    with qtbot.assertNotEmitted(panel.judgment_requested):
        qtbot.keyClick(table, Qt.Key.Key_6)
        qtbot.keyClick(table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)


def test_click_and_enter_activate_and_selection_is_reported(qtbot, panel: AnnotationListPanel) -> None:  # type: ignore[no-untyped-def]
    table = panel.table
    second = panel.proxy.index(1, Column.QUOTE)
    with qtbot.waitSignal(panel.activated) as activated, qtbot.waitSignal(panel.selection_changed) as selected:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(second).center())
    assert activated.args == [second.data(ID_ROLE)]
    assert selected.args == [[second.data(ID_ROLE)]]
    assert panel.selected_ids() == [second.data(ID_ROLE)]
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.activated) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [panel.proxy.index(2, 0).data(ID_ROLE)]


def test_select_annotation_scrolls_without_activating(qtbot, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    panel = AnnotationListPanel(Translator("en"), catalogue)
    qtbot.addWidget(panel)
    panel.model.set_annotations(varied(500))
    panel.resize(800, 300)
    panel.show()
    qtbot.waitExposed(panel)
    last = panel.proxy.index(panel.proxy.rowCount() - 1, 0).data(ID_ROLE)
    with qtbot.assertNotEmitted(panel.activated), qtbot.assertNotEmitted(panel.selection_changed):
        assert panel.select_annotation(last)
    assert panel.selected_ids() == [last]
    rect = panel.table.visualRect(panel.proxy.index(panel.proxy.rowCount() - 1, 0))
    assert panel.table.viewport().rect().contains(rect.center()), "the row is scrolled into view"
    assert not panel.select_annotation("unknown")
    panel.proxy.set_text("no annotation has this text")
    assert not panel.select_annotation(last), "a row the filter hides cannot be selected"


def test_context_menu_sets_theme_and_judgment(qtbot, panel: AnnotationListPanel) -> None:  # type: ignore[no-untyped-def]
    assert not any(action.isEnabled() for action in panel.context_menu().actions()), "nothing selected"
    panel.table.selectRow(4)
    chosen = [panel.proxy.index(4, 0).data(ID_ROLE)]
    menu = panel.context_menu()
    judgments, themes = (action.menu() for action in menu.actions()[:2])
    with qtbot.waitSignal(panel.judgment_requested) as blocker:
        judgments.actions()[3].trigger()
    assert blocker.args == [chosen, Judgment.SERIOUS_CONCERN]
    assert [action.text() for action in themes.actions()] == ["No theme", *(theme.title for theme in THEMES)]
    with qtbot.waitSignal(panel.theme_requested) as blocker:
        themes.actions()[2].trigger()
    assert blocker.args == [chosen, "privacy"]
    with qtbot.waitSignal(panel.theme_requested) as blocker:
        themes.actions()[0].trigger()
    assert blocker.args == [chosen, None]


def test_filter_bar_and_count(qtbot, panel: AnnotationListPanel) -> None:  # type: ignore[no-untyped-def]
    live = [panel.model.annotation(row) for row in range(panel.model.rowCount())]
    assert panel.count_label.text() == f"{len(live)} of {len(live)}"
    qtbot.keyClicks(panel.filter_edit, "ALGORITME")
    assert panel.proxy.rowCount() == len(live), "the filter waits until typing pauses"
    matching = [a for a in live if "algoritme" in a.quote.lower()]
    qtbot.waitUntil(lambda: panel.count_label.text() == f"{len(matching)} of {len(live)}", timeout=2000)
    panel.judgment_buttons[Judgment.NOTE].click()
    panel.judgment_buttons[Judgment.WELCOME].click()
    both = [a for a in matching if a.judgment in (Judgment.NOTE, Judgment.WELCOME)]
    assert panel.count_label.text() == f"{len(both)} of {len(live)}"
    assert [panel.author_combo.itemText(i) for i in range(panel.author_combo.count())] == ["All authors", *AUTHORS]
    panel.author_combo.setCurrentIndex(2)
    panel.theme_combo.setCurrentIndex(1)
    narrowed = [a for a in both if a.author == "Bram" and a.theme_id == "asylum"]
    assert sorted(shown_ids(panel.proxy)) == sorted(a.id for a in narrowed)
    panel.filter_edit.clear()
    for button in panel.judgment_buttons.values():
        button.setChecked(False)
    panel.author_combo.setCurrentIndex(0)
    panel.theme_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == len(live), timeout=2000)
    panel.model.remove([live[0].id])
    assert panel.count_label.text() == f"{len(live) - 1} of {len(live) - 1}"
    panel.model.upsert([make(500, author="Dirk")])
    qtbot.waitUntil(lambda: panel.author_combo.findText("Dirk") > 0, timeout=2000)


def test_empty_model_is_valid(qtmodeltester, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    model = AnnotationTableModel(Translator("en"), catalogue)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0 and model.row_of("a0001") is None
    assert model.rowCount(model.index(0, 0)) == 0 and not model.index(0, 0).isValid()
    assert model.rowCount(QModelIndex()) == 0
    with pytest.raises(IndexError, match="row 3"):
        model.annotation(3)


def test_filter_by_treaty(qtbot, panel: AnnotationListPanel) -> None:  # type: ignore[no-untyped-def]
    live = [panel.model.annotation(row) for row in range(panel.model.rowCount())]
    qtbot.waitUntil(lambda: panel.reference_combo.count() > 1, timeout=2000)
    instruments = {ref.instrument for a in live for ref in a.references if not ref.is_custom}
    offered = [panel.reference_combo.itemData(i) for i in range(1, panel.reference_combo.count())]
    assert sorted(offered) == sorted(instruments)
    chosen = offered[0]
    panel.reference_combo.setCurrentIndex(1)
    citing = [a.id for a in live if any(ref.instrument == chosen for ref in a.references)]
    assert sorted(shown_ids(panel.proxy)) == sorted(citing)
    panel.reference_combo.setCurrentIndex(0)
    assert panel.proxy.rowCount() == len(live)


def test_the_text_filter_reads_references_in_either_language(catalogue: Catalogue) -> None:
    model = AnnotationTableModel(Translator("nl"), catalogue)
    model.set_annotations([
        make(1, refs=(TreatyRef("echr", "3"),)),
        make(2, refs=(TreatyRef("echr", "13"),)),
        make(3, refs=(TreatyRef("refugee_convention", "33"),)),
        make(4, comment="Strijdig met art. 3 EVRM."),  # named in the text, not cited
        make(5, refs=(TreatyRef("echr", "P4-4"),)),
    ])
    proxy = AnnotationFilterProxy(model)

    def shown(query: str) -> list[str]:
        proxy.set_text(query)
        return sorted(shown_ids(proxy))

    assert shown("ECHR") == ["a0001", "a0002", "a0004", "a0005"]  # English in the Dutch interface
    assert shown("Article 3 ECHR") == ["a0001", "a0004"]
    assert shown("EVRM 3") == ["a0001", "a0004"], "not art. 13 nor art. 33"
    assert shown("art 13 evrm") == ["a0002"]
    assert shown("Refugee Convention 33") == ["a0003"]
    assert shown("evrm p4-4") == ["a0005"]
    assert shown("Kinderrechtenverdrag") == []
