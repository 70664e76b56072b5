"""statistics on PostgreSQL: the source tables' noting functions skip the statements of a 수기주문 upload that
counts its new orders itself (a long upload recomputed its day at every chunk's commit)

Revision ID: 0029_upload_speed_stat_counted
Revises: 0028_channel_fixes_ccy_images
Create Date: 2026-12-05 03:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0029_upload_speed_stat_counted'
down_revision = '0028_channel_fixes_ccy_images'
branch_labels = None
depends_on = None


def upgrade():
    """Replace stat_<table>() with today's bodies (SQLite's row triggers are unchanged)."""
    from models.stat_triggers import pg_source_functions

    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in pg_source_functions():
        op.execute(statement)


def downgrade():
    """The skip is harmless for the older code, which never sets the flag: nothing to undo."""
