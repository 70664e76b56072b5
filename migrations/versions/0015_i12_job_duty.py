"""jobs: a run remembers the duty of the page that started it (who besides its starter may open it)
and the worker running it (whose heartbeat tells whether it still lives)

Revision ID: 0015_i12_job_duty
Revises: 0015_i13_claim_product_name
Create Date: 2026-12-04 17:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0015_i12_job_duty'
down_revision = '0015_i13_claim_product_name'
branch_labels = None
depends_on = None


def upgrade():
    # NULL (runs from before): only their starter and the master open them.
    with op.batch_alter_table('job_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('duty', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('worker', sa.String(length=100), nullable=True))


def downgrade():
    with op.batch_alter_table('job_run', schema=None) as batch_op:
        batch_op.drop_column('worker')
        batch_op.drop_column('duty')
