"""How carried-over annotations came to a new version: the carried table.

Revision ID: 0003
Revises: 0002
Create Date: 2025-09-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the table; annotations carried over by earlier versions have no row (nothing is known of them)."""
    op.create_table(
        "carried",
        sa.Column("annotation_id", sa.String(36), nullable=False),
        sa.Column("original_id", sa.String(36), nullable=False),
        sa.Column("old_document", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("old_quote", sa.Text(), nullable=False),
        sa.Column("old_page", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("candidates", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotation_id"],
            ["annotations.id"],
            name="fk_carried_annotation_id_annotations",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("annotation_id", name="pk_carried"),
    )


def downgrade() -> None:
    """Drop the table again (the carried annotations stay, without what the carry-over knew of them)."""
    op.drop_table("carried")
