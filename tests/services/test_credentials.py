"""The server's password is kept in the system keyring, never in the URL that is written down."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as NoKeyring

from annotator.services import credentials
from annotator.services.credentials import complete, remember, without_password

URL = "postgresql+psycopg://fatima:g%2Fe%40heim@db.amnesty.example:5433/annotator?sslmode=verify-full"
BARE = "postgresql+psycopg://fatima@db.amnesty.example:5433/annotator?sslmode=verify-full"


class _Store(KeyringBackend):
    """A keyring of this process (the machines the tests run on have no Secret Service)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def store() -> Iterator[_Store]:
    previous = keyring.get_keyring()
    backend = _Store()
    keyring.set_keyring(backend)
    credentials._session.clear()
    yield backend
    keyring.set_keyring(previous)
    credentials._session.clear()


def test_the_url_written_down_has_no_password_and_the_keyring_has_it(store: _Store) -> None:
    saved, kept = remember(URL)
    assert kept and saved == BARE and "heim" not in saved
    assert store.kept == {("annotator", "fatima@db.amnesty.example:5433/annotator"): "g/e@heim"}
    credentials._session.clear()  # the next start
    assert complete(BARE) == "postgresql+psycopg://fatima:g%2Fe%40heim@db.amnesty.example:5433/annotator" \
                             "?sslmode=verify-full"


def test_without_a_keyring_the_password_lives_only_as_long_as_the_program(store: _Store) -> None:
    keyring.set_keyring(NoKeyring())
    saved, kept = remember(URL)
    assert not kept and saved == BARE
    assert without_password(complete(saved))[1] == "g/e@heim"  # this run still connects
    credentials._session.clear()
    assert complete(saved) == BARE  # the next start asks (or ~/.pgpass answers)


def test_local_files_and_urls_without_a_password_are_left_alone(store: _Store) -> None:
    assert remember("sqlite:////home/fatima/annotaties.sqlite") == ("sqlite:////home/fatima/annotaties.sqlite", True)
    assert complete("sqlite:////home/fatima/annotaties.sqlite") == "sqlite:////home/fatima/annotaties.sqlite"
    assert complete("postgresql+psycopg://jan@db/annotator") == "postgresql+psycopg://jan@db/annotator"
    assert store.kept == {}
