"""The database tables as SQLAlchemy 2 typed models; these rows never leave annotator.store."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, Dialect, Float, ForeignKey, Index, Integer, MetaData, String, Text, false, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so that migrations (and SQLite batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

TIMESTAMP_WIDTH = 32


class UtcTimestamp(TypeDecorator[datetime]):
    """A timezone-aware instant kept as fixed-width ISO 8601 text in UTC.

    Text rather than a native type because SQLite has none: this way both SQLite and PostgreSQL give back exactly
    the microseconds that went in, and the fixed width makes text order equal time order.
    """

    impl = String(TIMESTAMP_WIDTH)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        """Store as ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00``."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"a timestamp without a timezone cannot be stored: {value!r}")
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        """Read the text back as an aware datetime in UTC."""
        if value is None:
            return None
        return datetime.fromisoformat(value).astimezone(timezone.utc)


class Base(DeclarativeBase):
    """The declarative base of all annotator tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DocumentRow(Base):
    """One version of a PDF, identified by the sha256 of its bytes."""

    __tablename__ = "documents"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    page_count: Mapped[int] = mapped_column(Integer)
    page_labels: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of printed page labels
    file_name: Mapped[str] = mapped_column(Text, default="")
    # No foreign key: a shared database may hold only the newer version of a document.
    supersedes: Mapped[str | None] = mapped_column(String(64), nullable=True)
    added: Mapped[datetime] = mapped_column(UtcTimestamp())


class ReviewerRow(Base):
    """A person who writes annotations."""

    __tablename__ = "reviewers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)


class ThemeRow(Base):
    """A heading of the letter; deleted themes stay so that old annotations keep their title."""

    __tablename__ = "themes"
    __table_args__ = (
        Index(
            "uq_themes_live_title",
            "title",
            unique=True,
            sqlite_where=text("deleted = 0"),
            postgresql_where=text("deleted = false"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class AnnotationRow(Base):
    """One highlight with its anchor and judgment; a deleted one stays as a tombstone for undo and merge."""

    __tablename__ = "annotations"
    __table_args__ = (
        Index("ix_annotations_document_page", "document", "page"),
        Index("ix_annotations_document_deleted", "document", "deleted"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    document: Mapped[str] = mapped_column(ForeignKey("documents.fingerprint"))
    author: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(UtcTimestamp())
    modified: Mapped[datetime] = mapped_column(UtcTimestamp())
    revision: Mapped[int] = mapped_column(Integer, default=1)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    # page is NULL exactly when the annotation has no anchor at all.
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quads: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON list of [x0, y0, x1, y1]
    exact: Mapped[str] = mapped_column(Text, default="")
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    judgment: Mapped[str | None] = mapped_column(String(32), nullable=True)
    theme_id: Mapped[str | None] = mapped_column(ForeignKey("themes.id"), nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    include_in_letter: Mapped[bool] = mapped_column(Boolean, default=True)
    sources: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of strings
    # The reviewer whose write made this revision (migration 0002, hence last: SQLite appends added columns).
    modified_by: Mapped[str] = mapped_column(Text, default="", server_default="")


class AnnotationRefRow(Base):
    """One treaty reference of an annotation, in a table of its own so that filtering by reference uses an index."""

    __tablename__ = "annotation_refs"
    __table_args__ = (Index("ix_annotation_refs_ref", "ref"),)

    annotation_id: Mapped[str] = mapped_column(
        ForeignKey("annotations.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(Text)  # str(TreatyRef): "echr:5", or a custom reference verbatim
    # Kept apart so that a custom reference that happens to look like "x:y" reads back as custom.
    custom: Mapped[bool] = mapped_column(Boolean, default=False)


class CarriedRow(Base):
    """How an annotation came to a new version of its document by a carry-over (migration 0003): the original
    annotation, the old version, the status the carry-over gave it, the old quote and page, how close the new
    words are (0-1), and the candidate places (a JSON list of anchors with their scores)."""

    __tablename__ = "carried"

    annotation_id: Mapped[str] = mapped_column(
        ForeignKey("annotations.id", ondelete="CASCADE"), primary_key=True
    )
    original_id: Mapped[str] = mapped_column(String(36))
    # No foreign key, as documents.supersedes: a shared database may hold only the newer version.
    old_document: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    old_quote: Mapped[str] = mapped_column(Text, default="")
    old_page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    score: Mapped[float] = mapped_column(Float)
    candidates: Mapped[str] = mapped_column(Text, default="[]")
    # The reviewer kept an annotation that was not found as it is (migration 0004): it leaves the review queue.
    kept: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class LetterSettingRow(Base):
    """One setting of the letter (sender, addressee, salutation, ...)."""

    __tablename__ = "letter_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
