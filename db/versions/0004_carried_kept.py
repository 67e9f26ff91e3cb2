"""A reviewer's decision to keep a carried-over annotation that was not found: carried.kept.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the column; the records already there are not kept (their orphans wait in the review queue)."""
    with op.batch_alter_table("carried") as batch:
        batch.add_column(sa.Column("kept", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    """Drop the column again (kept orphans wait in the review queue once more)."""
    with op.batch_alter_table("carried") as batch:
        batch.drop_column("kept")
