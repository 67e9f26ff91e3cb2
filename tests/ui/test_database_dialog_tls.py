"""The database dialog's TLS settings: sslmode and the CA certificate go into the server's URL and come back."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from annotator.ui.database_dialog import DatabaseDialog
from annotator.ui.i18n import Translator


def test_tls_chosen_in_the_dialog_goes_into_the_url(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = DatabaseDialog(Translator("en"), "sqlite:///x", "sqlite:///x")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # On the radio button's circle (the button is as wide as the dialog, its text much shorter).
    QTest.mouseClick(dialog.server, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.server.height() // 2))
    assert dialog.server.isChecked()
    for field, text in ((dialog.host, "db.amnesty.example"), (dialog.user, "bert")):
        field.selectAll()
        QTest.keyClicks(field, text)
    assert dialog.url() == "postgresql+psycopg://bert@db.amnesty.example:5432/annotator"
    dialog.tls.setFocus()
    QTest.keyClick(dialog.tls, Qt.Key.Key_Down)
    QTest.keyClick(dialog.tls, Qt.Key.Key_Down)
    assert dialog.tls.currentText() == "Required, with the server's certificate checked (verify-full)"
    QTest.keyClicks(dialog.root_cert, "/etc/ssl/team-ca.pem")
    assert dialog.url() == ("postgresql+psycopg://bert@db.amnesty.example:5432/annotator"
                            "?sslmode=verify-full&sslrootcert=/etc/ssl/team-ca.pem")


def test_a_url_with_tls_fills_the_dialog_and_keeps_its_other_settings(qtbot) -> None:  # type: ignore[no-untyped-def]
    url = ("postgresql+psycopg://anna@db.example:6543/review?application_name=annotator&sslmode=verify-full"
           "&sslrootcert=/home/anna/ca.crt")
    dialog = DatabaseDialog(Translator("nl"), url, "sqlite:///x")
    qtbot.addWidget(dialog)
    assert dialog.server.isChecked() and dialog.root_cert.text() == "/home/anna/ca.crt"
    assert dialog.tls.currentText() == "Vereist, met controle van het certificaat van de server (verify-full)"
    assert dialog.url() == ("postgresql+psycopg://anna@db.example:6543/review?application_name=annotator"
                            "&sslmode=verify-full&sslrootcert=/home/anna/ca.crt")
    plain = DatabaseDialog(Translator("en"), "postgresql+psycopg://anna@db.example:5432/review", "sqlite:///x")
    qtbot.addWidget(plain)
    assert plain.tls.currentText() == "When the server offers it" and "?" not in plain.url()
