"""Who made the last change of an annotation: annotations.modified_by.

Revision ID: 0002
Revises: 0001
Create Date: 2025-06-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the column; the rows already there get an empty name (nobody is known to have changed them)."""
    # Batch mode on SQLite (env.py turns it on there), plain ALTER TABLE on PostgreSQL; both keep every row.
    with op.batch_alter_table("annotations") as batch:
        batch.add_column(sa.Column("modified_by", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    """Drop the column again."""
    with op.batch_alter_table("annotations") as batch:
        batch.drop_column("modified_by")
