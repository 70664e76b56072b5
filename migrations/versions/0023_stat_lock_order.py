"""statistics on PostgreSQL: the commit-time refresh locks all of a transaction's noted days in one order
before refreshing any (two collections of one seller deadlocked on days noted in opposite orders)

Revision ID: 0023_stat_lock_order
Revises: 0022_rollups_sqlite_dirty
Create Date: 2026-12-05 00:10:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0023_stat_lock_order'
down_revision = '0022_rollups_sqlite_dirty'
branch_labels = None
depends_on = None


def upgrade():
    """Replace stat_refresh/stat_dirty_refresh with today's bodies (SQLite refreshes in Python)."""
    from models.stat_triggers import pg_functions

    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in pg_functions():
        op.execute(statement)


def downgrade():
    """The lock order is harmless for the older schema: nothing to undo."""
