"""Choosing where the annotations are kept: the reviewer's own file, or the team's PostgreSQL server."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode

import shiboken6
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.background import Task, run_in_background
from annotator.ui.database import DatabaseOpener
from annotator.ui.i18n import Translator


# libpq's sslmode values offered in the dialog; "" leaves it to libpq (prefer: TLS when the server offers it).
TLS_MODES = ("", "require", "verify-full")


def server_url(host: str, port: int, database: str, user: str, password: str, *, sslmode: str = "",
               sslrootcert: str = "", extra: tuple[tuple[str, str], ...] = ()) -> str:
    """An SQLAlchemy URL for a PostgreSQL server (names and password escaped), with its TLS settings."""
    credentials = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
    query = [*extra, *(("sslmode", sslmode),) * bool(sslmode), *(("sslrootcert", sslrootcert),) * bool(sslrootcert)]
    tail = "?" + urlencode(query, safe="/") if query else ""
    return f"postgresql+psycopg://{credentials}@{host}:{port}/{quote(database, safe='')}{tail}"


class DatabaseDialog(QDialog):
    """Pick the local database file or a team server; "Test" tries the connection without changing anything."""

    def __init__(self, tr: Translator, current_url: str, local_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._local_url = local_url
        self._tasks: set[Task] = set()
        self.setObjectName("database-dialog")
        self.setWindowTitle(tr("Annotation Database"))
        self.local = QRadioButton(tr("On this computer ({path})", path=local_url.removeprefix("sqlite:///")))
        self.server = QRadioButton(tr("On the team's PostgreSQL server"))
        self.host = QLineEdit("localhost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("annotator")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("empty: use ~/.pgpass"))
        self.tls = QComboBox()
        self.tls.setObjectName("database-tls")
        for mode, text in zip(TLS_MODES, (tr("When the server offers it"), tr("Required"),
                                          tr("Required, with the server's certificate checked (verify-full)"))):
            self.tls.addItem(text, mode)
        self.root_cert = QLineEdit()
        self.root_cert.setObjectName("database-root-cert")
        self.root_cert.setPlaceholderText(tr("empty: ~/.postgresql/root.crt"))
        self._extra: tuple[tuple[str, str], ...] = ()
        self.status = QLabel()
        self.status.setObjectName("database-status")
        self.status.setWordWrap(True)
        test = QPushButton(tr("Test Connection"))
        test.clicked.connect(self.test)
        fields = QWidget()
        form = QFormLayout(fields)
        form.addRow(tr("Server"), self.host)
        form.addRow(tr("Port"), self.port)
        form.addRow(tr("Database"), self.database)
        form.addRow(tr("User"), self.user)
        form.addRow(tr("Password"), self.password)
        form.addRow(tr("Encryption (TLS)"), self.tls)
        form.addRow(tr("CA certificate"), self.root_cert)
        form.addRow(test)
        self.server.toggled.connect(fields.setEnabled)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addWidget(self.server)
        layout.addWidget(fields)
        layout.addWidget(self.status)
        layout.addWidget(box)
        self._fill(current_url)

    def _fill(self, url: str) -> None:
        if url.startswith("postgresql"):
            from urllib.parse import unquote, urlsplit

            parsed = urlsplit(url)
            self.host.setText(parsed.hostname or "localhost")
            self.port.setValue(parsed.port or 5432)
            self.database.setText(unquote(parsed.path.lstrip("/")) or "annotator")
            self.user.setText(unquote(parsed.username or ""))
            self.password.setText(unquote(parsed.password or ""))
            query = parse_qsl(parsed.query)
            settings = dict(query)
            mode = settings.get("sslmode", "")
            if mode not in TLS_MODES:  # verify-ca, allow, disable, ...: offered as they are
                self.tls.addItem(mode, mode)
            self.tls.setCurrentIndex(self.tls.findData(mode))
            self.root_cert.setText(settings.get("sslrootcert", ""))
            self._extra = tuple((key, value) for key, value in query if key not in ("sslmode", "sslrootcert"))
            self.server.setChecked(True)
        else:
            self.local.setChecked(True)
            self.server.toggled.emit(False)

    def url(self) -> str:
        """The database chosen."""
        if self.local.isChecked():
            return self._local_url
        return server_url(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                          self.user.text().strip(), self.password.text(), sslmode=str(self.tls.currentData() or ""),
                          sslrootcert=self.root_cert.text().strip(), extra=self._extra)

    def test(self) -> Task:
        """Connect (and set up the tables on a new, empty database) in the background; report the outcome."""
        self.status.setText(self._tr("Connecting…"))
        opener = DatabaseOpener(self.url())

        def work() -> str:
            database = opener()
            database.close()  # type: ignore[attr-defined]
            return opener.url

        return run_in_background(self, work, lambda _url: self.status.setText(self._tr("Connected.")),
                                 lambda error: self.status.setText(str(error)), self._tasks)

    def done(self, result: int) -> None:  # noqa: D102 - waits for a running test before closing
        for task in list(self._tasks):
            if shiboken6.isValid(task):
                task.wait()
        super().done(result)

