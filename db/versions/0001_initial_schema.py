"""Initial schema: documents, reviewers, themes, annotations with their treaty references, letter settings.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Timestamps are fixed-width ISO 8601 text in UTC (see annotator.store.models.UtcTimestamp).
TIMESTAMP = sa.String(32)


def upgrade() -> None:
    """Create every table of the first release."""
    op.create_table(
        "documents",
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("page_labels", sa.Text(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("supersedes", sa.String(64), nullable=True),
        sa.Column("added", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_documents"),
    )
    op.create_table(
        "reviewers",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reviewers"),
        sa.UniqueConstraint("name", name="uq_reviewers_name"),
    )
    op.create_table(
        "themes",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_themes"),
    )
    op.create_index(
        "uq_themes_live_title",
        "themes",
        ["title"],
        unique=True,
        sqlite_where=sa.text("deleted = 0"),
        postgresql_where=sa.text("deleted = false"),
    )
    op.create_table(
        "annotations",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("document", sa.String(64), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("created", TIMESTAMP, nullable=False),
        sa.Column("modified", TIMESTAMP, nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("quads", sa.Text(), nullable=True),
        sa.Column("exact", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("suffix", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("judgment", sa.String(32), nullable=True),
        sa.Column("theme_id", sa.String(36), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("include_in_letter", sa.Boolean(), nullable=False),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document"], ["documents.fingerprint"], name="fk_annotations_document_documents"),
        sa.ForeignKeyConstraint(["theme_id"], ["themes.id"], name="fk_annotations_theme_id_themes"),
        sa.PrimaryKeyConstraint("id", name="pk_annotations"),
    )
    op.create_index("ix_annotations_document_page", "annotations", ["document", "page"])
    op.create_index("ix_annotations_document_deleted", "annotations", ["document", "deleted"])
    op.create_table(
        "annotation_refs",
        sa.Column("annotation_id", sa.String(36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("custom", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotation_id"],
            ["annotations.id"],
            name="fk_annotation_refs_annotation_id_annotations",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("annotation_id", "position", name="pk_annotation_refs"),
    )
    op.create_index("ix_annotation_refs_ref", "annotation_refs", ["ref"])
    op.create_table(
        "letter_settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_letter_settings"),
    )


def downgrade() -> None:
    """Drop every table (the reviewer's data goes with them; the program backs the file up before migrating)."""
    op.drop_table("letter_settings")
    op.drop_index("ix_annotation_refs_ref", table_name="annotation_refs")
    op.drop_table("annotation_refs")
    op.drop_index("ix_annotations_document_deleted", table_name="annotations")
    op.drop_index("ix_annotations_document_page", table_name="annotations")
    op.drop_table("annotations")
    op.drop_index("uq_themes_live_title", table_name="themes")
    op.drop_table("themes")
    op.drop_table("reviewers")
    op.drop_table("documents")
