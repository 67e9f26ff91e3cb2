"""The team server's password, kept in the system's keyring, never in the settings file or on a command line.

The keyring is the operating system's own store (Secret Service on Linux, the macOS Keychain, the Windows
Credential Manager), through the ``keyring`` library. A server URL is remembered without its password; the password
is kept under the URL's user, host, port and database, and filled in again when the URL is used. Where no keyring is
available (a bare Linux without a Secret Service), the password is kept for this run of the program only: the
reviewer is asked for it again at the next start, and it is still never written to disk.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit, urlunsplit

SERVICE = "annotator"
_session: dict[str, str] = {}  # passwords of this run, where the keyring could not keep them


def is_server_url(url: str) -> bool:
    return urlsplit(url).scheme.startswith("postgresql")


def account(url: str) -> str:
    """The keyring's name for the login in ``url``: user@host:port/database (no password)."""
    parts = urlsplit(url)
    user = unquote(parts.username or "")
    return f"{user}@{parts.hostname or ''}:{parts.port or 5432}{parts.path or '/'}"


def without_password(url: str) -> tuple[str, str | None]:
    """``url`` without its password, and the password (None when it had none)."""
    parts = urlsplit(url)
    if not is_server_url(url) or parts.password is None:
        return url, None
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    netloc = quote(unquote(parts.username or ""), safe="") + "@" + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), unquote(parts.password)


def remember(url: str) -> tuple[str, bool]:
    """Keep the password of ``url`` in the keyring; returns the URL to write down (without it), and whether the
    keyring took it (False: it is kept for this run only)."""
    bare, password = without_password(url)
    if password is None:
        return url, True
    _session[account(bare)] = password
    try:
        import keyring

        keyring.set_password(SERVICE, account(bare), password)
    except Exception:  # noqa: BLE001 - no keyring here (NoKeyringError), locked, or refused: this run only
        return bare, False
    return bare, True


def complete(url: str) -> str:
    """``url`` with its password from the keyring (or this run), when it has none of its own."""
    bare, password = without_password(url)
    if password is not None or not is_server_url(url):
        return url
    found = _session.get(account(bare))
    if found is None:
        try:
            import keyring

            found = keyring.get_password(SERVICE, account(bare))
        except Exception:  # noqa: BLE001 - no keyring: libpq's own ways remain (~/.pgpass, a certificate)
            found = None
    if not found:
        return url
    parts = urlsplit(bare)
    user, rest = parts.netloc.split("@", 1)
    netloc = f"{user}:{quote(found, safe='')}@{rest}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
