"""sales: 판매정보/판매상품 keep the currency their price was entered in; images kept per channel account

Revision ID: 0028_channel_fixes_ccy_images
Revises: 0027_shiprest_gift_notify
Create Date: 2026-12-05 03:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0028_channel_fixes_ccy_images'
down_revision = '0027_shiprest_gift_notify'
branch_labels = None
depends_on = None

# Channels whose prices are yen (their adapters' price_currency), as of this revision.
YEN_CHANNELS = ("rakuten", "qoo10jp", "amazonjp")


def upgrade():
    for table in ("sales_info", "listing"):
        op.add_column(table, sa.Column("price_currency", sa.String(3), nullable=True))
        # A won channel only ever took won. A yen channel's rows stay NULL: saved before the currency was
        # recorded, their numbers may be won (the form once said 원), and nothing tells which: re-entry.
        channels = ", ".join(f"'{c}'" for c in YEN_CHANNELS)
        op.execute(f"UPDATE {table} SET price_currency = 'KRW' WHERE channel NOT IN ({channels})")
    op.create_table(
        "channel_image",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tenant_id", sa.Integer(), sa.ForeignKey("tenant.id"), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("channel_account.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("account_id", "content_sha256", name="uq_channel_image_content"),
    )
    op.create_index("ix_channel_image_tenant_id", "channel_image", ["tenant_id"])


def downgrade():
    op.drop_index("ix_channel_image_tenant_id", table_name="channel_image")
    op.drop_table("channel_image")
    for table in ("listing", "sales_info"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("price_currency")
