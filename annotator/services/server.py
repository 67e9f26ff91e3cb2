"""Setting up the team's PostgreSQL server (roles and grants), and who a reviewer is on it.

Importing this module loads no database driver: the window asks it for the server's user name at start-up.
"""

from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

if TYPE_CHECKING:
    from annotator.store.roles import InitReport, ReviewerReport

# The same names as annotator.store.roles (which loads SQLAlchemy, so is imported only when used).
DEFAULT_OWNER = "annotator_owner"
DEFAULT_GROUP = "annotator_reviewers"
DEFAULT_READERS = "annotator_readers"

__all__ = ["DEFAULT_GROUP", "DEFAULT_OWNER", "DEFAULT_READERS", "add_reviewer", "init_server", "is_server_url",
           "login_name", "server_user_name"]


def is_server_url(url: str | None) -> bool:
    """True for a database server URL (PostgreSQL), False for an SQLite file, a plain path or nothing."""
    return bool(url) and "://" in str(url) and not str(url).startswith("sqlite")


def login_name() -> str:
    """The computer login's name ("reviewer" when the system does not know it)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "reviewer"


def server_user_name(url: str | None) -> str:
    """The role a server URL logs in as, found as libpq finds it: the URL's user, its ``user=``, PGUSER, else the
    login name (which is then also the server's name for the reviewer); "" for an SQLite file."""
    if not is_server_url(url):
        return ""
    parts = urlsplit(str(url))
    if parts.username:
        return unquote(parts.username)
    named = parse_qs(parts.query).get("user", [""])[0]
    return named or os.environ.get("PGUSER", "") or login_name()


def init_server(url: str, *, owner: str = DEFAULT_OWNER, group: str = DEFAULT_GROUP,
                readers: str | None = DEFAULT_READERS) -> InitReport:
    """Set up (or upgrade) the team database at ``url``: see annotator.store.roles.init_server. Raises StoreError."""
    from annotator.store import roles

    return roles.init_server(url, owner=owner, group=group, readers=readers)


def add_reviewer(url: str, name: str, *, password: str | None, read_only: bool = False,
                 group: str = DEFAULT_GROUP, readers: str = DEFAULT_READERS) -> ReviewerReport:
    """A login role for a colleague in the reviewers' (or readers') group. Raises StoreError."""
    from annotator.store import roles

    return roles.add_reviewer(url, name, password=password, read_only=read_only, group=group, readers=readers)
