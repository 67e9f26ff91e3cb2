"""The command line: ``annotator [FILE.pdf]`` opens the GUI; subcommands work without a window."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.services.database import Database


# How many new themes the import command names (it says how many more there are).
_THEMES_NAMED = 12
INFO_TIMEOUT_S = 9.5  # info answers any file within 10 seconds: with its description, or by giving up


class UserError(Exception):
    """A problem the user can fix; printed as one ``error:`` line, exit code 1."""


def _database_url(value: str | None) -> str:
    """The --db value as an SQLAlchemy URL; without one, ANNOTATOR_DB or the file in the user data folder."""
    from annotator.paths import database_url, default_database_url
    from annotator.services.credentials import complete

    # A server URL without a password takes the one the window keeps in the system keyring (never pass it here).
    return complete(database_url(value) if value else default_database_url())


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Review a coalition agreement against human rights and draft the response letter. "
        "Without a subcommand the window opens. Subcommands: info, import, export, compile, merge, reanchor, "
        "overview, server (see annotator SUBCOMMAND --help).",
    )
    parser.add_argument("pdf", nargs="?", type=Path, help="the agreement to open")
    parser.add_argument("--sample", action="store_true", help="open the bundled sample agreement")
    parser.add_argument("--password", help="password of an encrypted PDF")
    parser.add_argument("--lang", choices=("nl", "en"), help="interface language (default: the system's)")
    parser.add_argument("--db", help="database: a file path or an SQLAlchemy URL (default: ANNOTATOR_DB, "
                        "else a file in the user data folder)")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png",
                        help="save the window as PNG once the visible pages are painted, then exit")
    return parser


def _info_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="annotator info", description="Describe a PDF: pages, title, "
                                     "fingerprint, encryption, repairs and pages without a text layer.")
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--password", help="password of an encrypted PDF")
    parser.add_argument("--db", help="accepted for symmetry with the other commands; not used")
    args = parser.parse_args(argv)
    from annotator.pdf.errors import PdfOpenError
    from annotator.pdf.service import PdfProcess, PdfServiceError

    # In a process of its own, so that a pathological file is given up on instead of hanging the command.
    process = PdfProcess()
    try:
        info = process.call("info", args.pdf.absolute(), args.password, timeout=INFO_TIMEOUT_S)
    except PdfOpenError as error:
        raise UserError(str(error)) from error
    except PdfServiceError as error:
        raise UserError(f"{args.pdf}: gave up reading the file ({error})") from error
    finally:
        process.close()
    data = info.to_json()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    without = data["pages_without_text"]
    labels = info.page_labels
    numbered = [label for label in labels if label]
    print(f"file:         {info.path}")
    print(f"title:        {info.title}")
    print(f"pages:        {info.page_count}")
    if numbered:
        print(f"page labels:  {numbered[0]}–{numbered[-1]} (first printed number on PDF page "
              f"{labels.index(numbered[0]) + 1})")
    print(f"fingerprint:  {info.fingerprint}")
    print(f"encrypted:    {'yes' if info.encrypted else 'no'}")
    print(f"repaired:     {'yes' if info.repaired else 'no'}")
    print(f"no text on:   {', '.join(map(str, without)) if without else '-'}")
    return 0


def _print_progress(done: int, total: int) -> None:
    print(f"progress {done} {total}", file=sys.stderr, flush=True)


def _author_name(db_value: str | None) -> str:
    """Who signs what a command writes without a name of its own: on a team server the server's user name (the role
    in the URL), never the computer login; on a local file the login name."""
    from annotator.services.server import is_server_url, login_name, server_user_name

    url = _database_url(db_value)
    return server_user_name(url) if is_server_url(url) else login_name()


def _import_pdf_highlights(pdf: Path, db_value: str | None, author: str | None, password: str | None) -> int:
    """``annotator import ANNOTATED.pdf``: the highlights and notes made in another reader."""
    from annotator.pdf.jobs import check_pdf
    from annotator.services.database import open_database
    from annotator.services.errors import PdfOpenError, StoreError
    from annotator.services.pdf_export import import_pdf_highlights

    try:
        check_pdf(pdf, password)
        db = open_database(_database_url(db_value))
    except (PdfOpenError, StoreError) as error:
        raise UserError(str(error)) from error
    try:
        report = import_pdf_highlights(db, pdf, author_fallback=author or _author_name(db_value), password=password)
    except (PdfOpenError, StoreError) as error:
        raise UserError(str(error)) from error
    finally:
        db.close()
    print(f"highlights imported {report.added}, skipped (already in the database): {report.skipped_existing}")
    return 0


def _import_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="annotator import", description="Import W3C Web Annotations (JSON-LD), "
                                     "placing each quote in the PDF; annotations already in the database are "
                                     "skipped, quotes that cannot be placed are kept as orphans.")
    parser.add_argument("file", type=Path, metavar="FILE.jsonld",
                        help="W3C annotations; or a PDF annotated in another reader, whose highlights and notes "
                        "become annotations of that PDF")
    parser.add_argument("--pdf", type=Path, help="the PDF the annotations belong to (needed for FILE.jsonld)")
    parser.add_argument("--db", help="database: a file path or an SQLAlchemy URL")
    parser.add_argument("--author", help="name for annotations without a creator (default: on a team server the "
                        "server's user name, else the login name)")
    parser.add_argument("--password", help="password of an encrypted PDF")
    parser.add_argument("--progress", action="store_true",
                        help="report progress on stderr as lines 'progress DONE TOTAL'")
    args = parser.parse_args(argv)
    if args.file.suffix.lower() == ".pdf":
        return _import_pdf_highlights(args.file, args.db, args.author, args.password)
    if args.pdf is None:
        parser.error("--pdf is required to import FILE.jsonld")
    from annotator.pdf.jobs import check_pdf
    from annotator.services.database import open_database
    from annotator.services.errors import InterchangeError, PdfOpenError, StoreError
    from annotator.services.interchange import import_w3c, read_w3c_file

    # Everything that can be wrong with the two files is found before the database is opened (or created).
    try:
        data = read_w3c_file(args.file)
        check_pdf(args.pdf, args.password)
        db = open_database(_database_url(args.db))
    except (InterchangeError, PdfOpenError, StoreError) as error:
        raise UserError(str(error)) from error
    author = args.author or _author_name(args.db)
    try:
        report = import_w3c(db, args.pdf, data, author_fallback=author, password=args.password,
                            progress=_print_progress if args.progress else None)
    except (PdfOpenError, StoreError) as error:
        raise UserError(str(error)) from error
    finally:
        db.close()
    print(f"anchored {report.anchored}, ambiguous {report.ambiguous}, orphaned {report.orphaned}")
    print(f"skipped (already in the database): {report.skipped_existing}")
    created = report.themes_created
    shown = ", ".join(created[:_THEMES_NAMED]) + (f", … {len(created) - _THEMES_NAMED:,} more"
                                                  if len(created) > _THEMES_NAMED else "")
    print(f"themes created: {len(created)}" + (f" ({shown})" if created else ""))
    if report.other_source:
        print(f"note: {report.other_source} annotations were made on another version of the PDF "
              f"({', '.join(fp[:12] for fp in report.other_fingerprints)}); they were placed by their quotes")
    return 0


def _export_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="annotator export", description="Export a document's annotations as "
                                     "W3C Web Annotations (JSON-LD) or as a CSV table.")
    parser.add_argument("--pdf", type=Path, required=True, help="the PDF whose annotations to export")
    parser.add_argument("--format", choices=("jsonld", "csv", "pdf"), required=True,
                        help="pdf: a copy of the PDF with a highlight annotation for every placed annotation")
    parser.add_argument("--out", type=Path, required=True, metavar="PATH")
    parser.add_argument("--db", help="database: a file path or an SQLAlchemy URL")
    parser.add_argument("--password", help="password of an encrypted PDF (the pdf format saves it decrypted)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the pdf popups")
    args = parser.parse_args(argv)
    from annotator.pdf.jobs import check_pdf
    from annotator.services.database import open_database
    from annotator.services.errors import PdfOpenError, StoreError
    from annotator.services.interchange import export_annotations

    try:
        check_pdf(args.pdf, args.password)
        # Exporting must not create an empty database where the reviewer mistyped the path of theirs.
        db = open_database(_database_url(args.db), must_exist=True)
    except (PdfOpenError, StoreError) as error:
        raise UserError(str(error)) from error
    if args.format == "pdf":
        return _export_pdf(db, args.pdf, args.out, args.password, args.lang)
    try:
        report = export_annotations(db, args.pdf, args.out, args.format, password=args.password)
    except (PdfOpenError, StoreError) as error:
        raise UserError(str(error)) from error
    finally:
        db.close()
    print(f"exported {report.count} annotations to {args.out}")
    return 0


def _merge_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="annotator merge", description="Merge other reviewers' annotation "
                                     "databases into yours. Your database is backed up first; an annotation both "
                                     "of you changed keeps the newer version, and each such conflict is listed.")
    parser.add_argument("others", type=Path, nargs="+", metavar="OTHER.sqlite")
    parser.add_argument("--db", help="database: a file path or an SQLAlchemy URL")
    args = parser.parse_args(argv)
    from annotator.services.database import open_database
    from annotator.services.errors import StoreError
    from annotator.services.merge import merge

    try:
        db = open_database(_database_url(args.db))
    except StoreError as error:
        raise UserError(str(error)) from error
    try:
        for other in args.others:
            try:
                summary = merge(db, other)
            except StoreError as error:
                raise UserError(str(error)) from error
            print(f"{other}: added {summary.added}, updated {summary.updated}, deleted {summary.deleted}, "
                  f"conflicts {len(summary.conflicts)}, unchanged {summary.unchanged}")
            if summary.themes_added:
                print(f"  themes added: {', '.join(summary.themes_added)}")
            for conflict in summary.conflicts:
                kept = conflict.theirs if conflict.kept == "theirs" else conflict.ours
                quote = " ".join(conflict.ours.quote.split())
                quote = quote if len(quote) <= 50 else quote[:49] + "…"
                page = f" (p. {conflict.ours.anchor.page + 1})" if conflict.ours.anchor else ""
                print(f"  conflict: {quote or conflict.ours.id}{page}: kept {conflict.kept}, "
                      f"modified {kept.modified.isoformat(timespec='seconds')} by {kept.author or '?'}")
            if summary.backup_path is not None:
                print(f"  backup of your database before this merge: {summary.backup_path}")
    finally:
        db.close()
    return 0


def _compile_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="annotator compile", description="Compile the draft response letter from "
                                     "the annotations included in the letter: .docx (Word, with footnotes), .md or "
                                     ".html, chosen by the suffix of --out. Checks (missing treaty references, "
                                     "themes, orphans) are printed as warnings. An unknown suffix is a usage "
                                     "error (exit 2).")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.docx|.md|.html")
    parser.add_argument("--pdf", type=Path, help="the agreement whose letter to compile (default: the document "
                        "added to the database last)")
    parser.add_argument("--lang", choices=("nl", "en"), help="language of the letter (default: the letter settings')")
    parser.add_argument("--annex", action="store_true", help="add a table of every included annotation")
    parser.add_argument("--chart", action="store_true", help="with the annex, open it with a chart of the judgments "
                        "per theme (implies --annex)")
    parser.add_argument("--settings", type=Path, metavar="FILE.json",
                        help="a letter profile (organisation, signatory, signatory_function, introduction, closing, "
                        "language, citation_style, sections) whose values replace the database's letter settings "
                        "for this compile only; a profile that cannot be used is a usage error (exit 2)")
    parser.add_argument("--db", help="database: a file path or an SQLAlchemy URL")
    args = parser.parse_args(argv)
    from annotator.letter.settings import ProfileError, read_profile
    from annotator.services.letter import RENDERERS

    if args.out.suffix.lower() not in RENDERERS:
        parser.error(f"--out {args.out}: the suffix must be .docx, .md or .html")
    profile: dict[str, object] = {}
    if args.settings is not None:
        try:
            profile = read_profile(args.settings)
        except ProfileError as error:
            print(f"error: {str(error).replace(chr(10), ' ')}", file=sys.stderr)
            return 2
    from annotator.domain.catalogue import CatalogueError
    from annotator.letter.phrases import PhraseError
    from annotator.letter.render_docx import TemplateError
    from annotator.pdf.jobs import check_pdf, file_fingerprint
    from annotator.services.database import open_database
    from annotator.services.errors import PdfOpenError, StoreError
    from annotator.services.letter import LetterError, compile_letter, latest_document, write_letter

    try:
        if args.pdf is not None:
            check_pdf(args.pdf)
        # Compiling must not create an empty database where the reviewer mistyped the path of theirs.
        db = open_database(_database_url(args.db), must_exist=True)
    except (PdfOpenError, StoreError) as error:
        raise UserError(str(error)) from error
    try:
        if args.pdf is not None:
            fingerprint = file_fingerprint(args.pdf)
        else:
            latest = latest_document(db)
            if latest is None:
                raise UserError("the database holds no document yet; annotate or import a PDF first")
            fingerprint = str(latest["fingerprint"])
            print(f"compiling the letter for {latest['file_name']} ({latest['title']}), the document added last; "
                  "use --pdf to choose another", file=sys.stderr)
        override: dict[str, object] = dict(profile)  # --lang says more than the profile's language
        if args.lang:
            override["language"] = args.lang
        if args.annex or args.chart:
            override["annex"] = True
        if args.chart:
            override["chart"] = True
        letter, checks = compile_letter(db, fingerprint, override, chart=_chart_png)
        for check in checks:
            print(f"warning: {check.message}", file=sys.stderr)
        write_letter(letter, args.out)
    except (LetterError, TemplateError, PhraseError, CatalogueError, StoreError) as error:
        raise UserError(str(error)) from error
    finally:
        db.close()
    paragraphs = sum(len(section.paragraphs) for section in letter.sections)
    print(f"wrote {args.out}: {len(letter.sections)} sections, {paragraphs} paragraphs, "
          f"{len(letter.footnotes)} footnotes, {len(checks)} warnings")
    return 0


def _chart_png(overview: object) -> bytes:
    """The annex's chart, drawn by the window's chart code (Qt, loaded only when a letter asks for the figure)."""
    from annotator.ui.overview_chart import chart_png

    return chart_png(overview)  # type: ignore[arg-type]


def _export_pdf(db: Database, pdf: Path, out: Path, password: str | None, lang: str) -> int:
    """The pdf branch of export: a copy of the agreement with the review as highlight annotations."""
    from annotator.domain.catalogue import Catalogue, CatalogueError
    from annotator.paths import resources_dir
    from annotator.services.errors import PdfOpenError, StoreError
    from annotator.services.pdf_export import export_pdf

    try:
        if out.expanduser().resolve() == pdf.expanduser().resolve():
            raise UserError(f"{out}: the annotated copy cannot replace the original; choose another file name")
        catalogue = Catalogue.load(resources_dir() / "treaties.json")
        report = export_pdf(db, pdf, out, catalogue=catalogue, lang=lang, password=password)
    except (StoreError, PdfOpenError, CatalogueError) as error:
        raise UserError(str(error)) from error
    finally:
        db.close()
    left_out = f" ({report.orphans} without a place in the PDF left out)" if report.orphans else ""
    print(f"exported {report.written} highlights to {out}{left_out}")
    return 0


def _reanchor_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="annotator reanchor",
        description="Carry the annotations of one version of the agreement over to the next. With the old PDF, "
        "both texts are aligned word by word and every annotation follows its passage; with only the old "
        "version's fingerprint, each passage is searched for. Each annotation comes out exact (the same words), "
        "fuzzy (changed words, for the reviewer to accept), ambiguous (several places fit; the candidates are "
        "kept) or orphaned (the passage is gone; the annotation is kept with its old quote). Running it again "
        "adds nothing.")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--from", dest="old", metavar="OLD.pdf|FINGERPRINT",
                        help="the earlier version: its PDF, or the fingerprint of a version in the database")
    source.add_argument("--from-document", dest="old_fingerprint", metavar="FINGERPRINT", help=argparse.SUPPRESS)
    parser.add_argument("--to", dest="new", type=Path, required=True, metavar="NEW.pdf")
    parser.add_argument("--json", action="store_true", help="print the outcome per annotation as JSON")
    parser.add_argument("--report", type=Path, metavar="FILE.md|FILE.html",
                        help="also write the changes report: per theme, the judged passages the new version removed, "
                        "changed or kept, with the old and the new wording (HTML for .html, else Markdown)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the report (default nl)")
    parser.add_argument("--password", help="password of the new PDF (and of the old one), when encrypted")
    parser.add_argument("--db", help="database: a file path or an SQLAlchemy URL")
    args = parser.parse_args(argv)
    from annotator.pdf.jobs import check_pdf
    from annotator.services.database import open_database
    from annotator.services.errors import PasswordRequiredError, PdfOpenError, StoreError
    from annotator.services.reanchor import reanchor, status_name

    old: Path | str = args.old_fingerprint or args.old
    if args.old is not None and _FINGERPRINT.fullmatch(args.old.lower()) and not Path(args.old).exists():
        old = args.old.lower()
    elif args.old is not None:
        old = Path(args.old)
    try:
        if isinstance(old, Path):
            try:
                check_pdf(old, args.password)
            except PasswordRequiredError:
                pass  # a PDF all the same: the old version is then known by the fingerprint of its bytes only
        check_pdf(args.new, args.password)
        db = open_database(_database_url(args.db))
    except (PdfOpenError, StoreError) as error:
        raise UserError(str(error)) from error
    try:
        report = reanchor(db, old, args.new, password=args.password)
        if args.report is not None:
            _write_changes_report(db, report.new, report.old, args.report, args.lang)
    except (PdfOpenError, StoreError) as error:
        raise UserError(str(error)) from error
    finally:
        db.close()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    how = ("aligned with the old version's text" if report.aligned
           else "searched for by their words (give the old PDF with --from to align both versions)")
    print(f"carried {len(report.items)} annotations over to {args.new.name}, {how}:")
    print(f"exact {report.exact}, fuzzy {report.fuzzy}, ambiguous {report.ambiguous}, orphaned {report.orphaned}; "
          f"skipped (carried over before): {report.skipped_existing}")
    for item in report.items:
        if item.status.value == "anchored":
            continue
        was = "" if item.old_page is None else f" (was PDF page {item.old_page + 1})"
        quote = _shortened(item.quote)
        name = status_name(item.status)
        if item.new_page is None:
            print(f"{name}: \"{quote}\"{was}")
        elif item.status.value == "fuzzy":
            print(f"{name} ({item.score:.2f}): \"{quote}\"{was} is now \"{_shortened(item.new_quote)}\" on PDF page "
                  f"{item.new_page + 1}")
        else:
            pages = ", ".join(str(candidate.anchor.page + 1) for candidate in item.candidates)
            print(f"{name}: \"{quote}\"{was} fits {len(item.candidates)} places, on PDF pages {pages}")
    return 0


_FINGERPRINT = re.compile(r"[0-9a-f]{64}")


def _write_changes_report(db: Database, new: str, old: str, path: Path, language: str) -> None:
    from annotator.services.changes import changes_report, write_report

    write_report(changes_report(db, new, language, old_document=old), path)


def _shortened(text: str, width: int = 70) -> str:
    words = " ".join(text.split())
    return words if len(words) <= width else words[:width - 1].rstrip() + "\u2026"


def _server_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="annotator server", description="Set up the team's PostgreSQL server "
                                     "(run by whoever administers it, as a role that may create roles): "
                                     "'init' once, then 'add-reviewer' for each colleague.")
    commands = parser.add_subparsers(dest="action", required=True, metavar="init|add-reviewer")
    init = commands.add_parser("init", help="create or upgrade the tables, the roles and their grants",
                               description="Migrate the team database to this version's schema, owned by a role "
                               "that does not log in (--owner); create the reviewers' group (may read and change "
                               "annotations, not the tables) and the readers' group (may only read) if missing, "
                               "with their grants, also for tables made later. Running it again is harmless and "
                               "upgrades an older schema.")
    init.add_argument("--db", required=True, metavar="URL", help="the server, e.g. postgresql+psycopg://admin@host/db")
    init.add_argument("--owner", default=None, help="the role that owns the tables (default: annotator_owner)")
    init.add_argument("--group", default=None, help="the reviewers' group (default: annotator_reviewers)")
    init.add_argument("--read-only-group", default=None, metavar="GROUP",
                      help="the readers' group (default: annotator_readers)")
    add = commands.add_parser("add-reviewer", help="a login role for a colleague, in the reviewers' group",
                              description="Create a login role NAME in the reviewers' group (or the readers' "
                              "group, --read-only); an existing role is moved into it. The password is asked "
                              "twice, unless --password-stdin or --no-password (certificate or peer login).")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--db", required=True, metavar="URL", help="the server, as for init")
    add.add_argument("--read-only", action="store_true", help="may read the annotations, not change them")
    secret = add.add_mutually_exclusive_group()
    secret.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    secret.add_argument("--no-password", action="store_true",
                        help="no password: the colleague logs in with a certificate or as their own login (peer); "
                        "an existing role keeps its password")
    add.add_argument("--group", default=None, help="the reviewers' group (default: annotator_reviewers)")
    add.add_argument("--read-only-group", default=None, metavar="GROUP",
                     help="the readers' group (default: annotator_readers)")
    args = parser.parse_args(argv)
    from annotator.services import server
    from annotator.services.errors import StoreError

    group = args.group or server.DEFAULT_GROUP
    readers = args.read_only_group or server.DEFAULT_READERS
    try:
        if args.action == "init":
            report = server.init_server(args.db, owner=args.owner or server.DEFAULT_OWNER, group=group,
                                        readers=readers)
        else:
            password = None if args.no_password else _new_password(args.name, args.password_stdin)
            added = server.add_reviewer(args.db, args.name, password=password, read_only=args.read_only,
                                        group=group, readers=readers)
    except StoreError as error:
        raise UserError(str(error)) from error
    if args.action == "init":
        before = report.revision_before
        state = ("already the newest" if before == report.revision else
                 f"upgraded from {before}" if before else "created")
        print(f"{report.where}: schema {report.revision} ({state}) in {report.schema}, owned by {report.owner}")
        print(f"roles created: {', '.join(report.roles_created) if report.roles_created else 'none (all there)'}")
        if report.tables_given:
            print(f"tables given to {report.owner}: {', '.join(report.tables_given)}")
        print(f"{report.group} may read, add, change and delete annotations; {report.readers} may only read")
        print(f"next: annotator server add-reviewer NAME --db {args.db}")
        return 0
    kind = "read-only reviewer" if args.read_only else "reviewer"
    what = (f"created the login role {added.name} in" if added.created else
            f"the role {added.name} was already in" if added.already_member else
            f"moved the existing role {added.name} into")
    password_note = ("with the password given" if added.password_set else
                     "without a password (certificate or peer login)" if added.created else "its password unchanged")
    print(f"{what} {added.group} ({kind}), {password_note}")
    if added.left_group:
        print(f"  {added.name} left {added.left_group}")
    print(f"{added.name} connects with: {added.url}")
    print("  (in the window: File › Annotation Database…, or annotator --db URL; the password is asked there or "
          "kept in ~/.pgpass)")
    return 0


def _new_password(name: str, from_stdin: bool) -> str:
    """The new role's password: the first line of stdin, or typed twice without echo."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        import getpass

        password = getpass.getpass(f"Password for {name}: ")
        if getpass.getpass(f"Password for {name} again: ") != password:
            raise UserError("the two passwords differ; nothing was changed")
    if not password:
        raise UserError("the password is empty; give one, or use --no-password for a certificate or peer login")
    return password


def _overview_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="annotator overview", description="Draw the overview of a document's "
                                     "annotations: per theme (or per chapter of the PDF's outline) a bar of the "
                                     "judgments its passages got, each segment with its count, and a legend. PNG or "
                                     "SVG, chosen by the suffix of --out; another suffix is a usage error (exit 2).")
    parser.add_argument("--pdf", type=Path, required=True, help="the agreement whose annotations to draw")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.png|FILE.svg")
    parser.add_argument("--by", choices=("theme", "chapter"), default="theme",
                        help="a bar per theme, in the themes' order (default), or per top-level outline entry")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the chart (default nl)")
    parser.add_argument("--password", help="password of an encrypted PDF")
    parser.add_argument("--db", help="database: a file path or an SQLAlchemy URL")
    args = parser.parse_args(argv)
    if args.out.suffix.lower() not in (".png", ".svg"):
        parser.error(f"--out {args.out}: the suffix must be .png or .svg")
    from annotator.services.database import open_database
    from annotator.services.errors import PdfOpenError, StoreError
    from annotator.services.overview import OverviewError, document_overview, read_document

    try:
        document = read_document(args.pdf, args.password)
        # Drawing must not create an empty database where the reviewer mistyped the path of theirs.
        db = open_database(_database_url(args.db), must_exist=True)
    except (PdfOpenError, StoreError) as error:
        raise UserError(str(error)) from error
    try:
        overview = document_overview(db, document, args.by, args.lang)
    except (OverviewError, StoreError) as error:
        raise UserError(str(error)) from error
    finally:
        db.close()
    from annotator.ui.overview_chart import write_chart  # Qt, on the offscreen platform where there is no display

    write_chart(overview, args.out)
    if args.by == "chapter" and not overview.has_outline:
        print(f"warning: {args.pdf.name} has no outline: there are no chapters to count by", file=sys.stderr)
    groups = "chapters" if args.by == "chapter" else "themes"
    print(f"wrote {args.out}: {overview.total} annotations in {len(overview.groups)} {groups}")
    return 0


SUBCOMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "info": _info_command,
    "import": _import_command,
    "reanchor": _reanchor_command,
    "export": _export_command,
    "merge": _merge_command,
    "compile": _compile_command,
    "server": _server_command,
    "overview": _overview_command,
}


def _gui(argv: Sequence[str]) -> int:
    from annotator.memory import return_large_blocks

    return_large_blocks()  # the window's rendered pages go back to the system when they leave the cache
    import gc

    gc.disable()  # until the first page is on screen (run_gui): start-up makes objects that live, not garbage
    args = _gui_parser().parse_args(argv)
    pdf = args.pdf
    if args.sample:
        from annotator.paths import sample_agreement

        pdf = sample_agreement()
    if pdf is not None and not pdf.exists():
        raise UserError(f"{pdf}: no such file")
    # The PDF processes start before the window's modules load, so both get going at once.
    from annotator.pdf.service import ProcessPool

    processes = ProcessPool()
    first = None
    if pdf is not None:
        # The document opens in its process while the window's modules load.
        first = processes.take()
        first.prefetch("open", pdf.absolute(), args.password)
    from annotator.ui.app import run_gui

    from annotator.paths import database_url

    return run_gui(pdf, screenshot=args.screenshot, password=args.password, language=args.lang,
                   database_url=database_url(args.db) if args.db else None, processes=processes, first_process=first)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 user-facing error, 2 usage)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in SUBCOMMANDS:
            return SUBCOMMANDS[args[0]](args[1:])
        return _gui(args)
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        # Disk full, permissions, a vanished file: the environment's fault, said plainly.
        name = f"{error.filename}: " if error.filename else ""
        print(f"error: {name}{error.strerror or error}", file=sys.stderr)
        return 1
