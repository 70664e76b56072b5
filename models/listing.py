"""Listings (판매상품): a product on one channel account, its 연동이력, stock pushes and data migration."""
from flask_babel import gettext as _

from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin, utcnow
from .sales_info import channel_price_currency

WAITING, LINKING, LIVE, FAILED, ENDED = "waiting", "linking", "live", "failed", "ended"
STATUS_LABELS = {WAITING: N_("연동대기"), LINKING: N_("연동중"), LIVE: N_("반영완료"), FAILED: N_("연동실패"),
                 ENDED: N_("판매종료")}


class Listing(TenantOwned, TimestampMixin, db.Model):
    __tablename__ = "listing"
    __table_args__ = (
        # One listing per product and account: linking again re-sends, never duplicates.
        db.UniqueConstraint("tenant_id", "product_id", "account_id", name="uq_listing_product_account"),
    )

    id = db.Column(db.Integer, primary_key=True)
    product_id = db.Column(db.Integer, db.ForeignKey("product.id"), nullable=False, index=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False,
                           index=True)
    sales_info_id = db.Column(db.Integer, db.ForeignKey("sales_info.id"), index=True)
    channel = db.Column(db.String(40), nullable=False, index=True)
    status = db.Column(db.String(10), nullable=False, default=WAITING, index=True)
    market_price = db.Column(db.Integer, nullable=False, default=0)
    sale_price = db.Column(db.Integer, nullable=False, default=0)
    # The currency of sale_price/market_price; NULL: saved before it was recorded (re-entry).
    price_currency = db.Column(db.String(3), default=channel_price_currency)
    # The category is frozen once the channel has the product (상품 연동 후 카테고리 변경 불가).
    category_id = db.Column(db.String(40), nullable=False, default="")
    category_path = db.Column(db.String(300), nullable=False, default="")
    sale_days = db.Column(db.Integer, nullable=False, default=90)
    sale_start = db.Column(db.Date)
    sale_end = db.Column(db.Date, index=True)
    channel_product_id = db.Column(db.String(40), index=True)
    # The seller code sent to the channel; the generation grows when a listing is re-registered.
    generation = db.Column(db.Integer, nullable=False, default=0)
    seller_code = db.Column(db.String(40), nullable=False, default="")
    # Set before a push and cleared by its answer: a crash or AMBIGUOUS answer leaves it set,
    # and the next link reads the channel back before sending anything.
    push_pending = db.Column(db.Boolean, nullable=False, default=False)
    last_message = db.Column(db.String(500), nullable=False, default="")
    linked_at = db.Column(db.DateTime)
    ended_at = db.Column(db.DateTime)
    # 종합몰: the 품목고시 entered again for this channel (a group code and {key: {value, separate}})
    notice_group = db.Column(db.String(30), nullable=False, default="", server_default="")
    notice = db.Column(db.JSON, nullable=False, default=dict, server_default="{}")
    sent = db.Column(db.JSON, nullable=False, default=dict)  # the fields of the last push
    snapshot = db.Column(db.JSON, nullable=False, default=dict)  # the channel's copy, last read
    snapshot_at = db.Column(db.DateTime)
    stock_keys = db.Column(db.JSON, nullable=False, default=list)  # [{"id", "option"}]
    buffer_kind = db.Column(db.String(10))  # None = the account's buffer
    buffer_value = db.Column(db.Integer, nullable=False, default=0)
    # Stock versions: bumped on every stock change; a push records the version it carried.
    stock_seq = db.Column(db.Integer, nullable=False, default=0)
    pushed_seq = db.Column(db.Integer, nullable=False, default=0)
    pushed_qty = db.Column(db.Integer)
    pushed_at = db.Column(db.DateTime)

    product = db.relationship("Product")
    account = db.relationship("ChannelAccount")
    sales_info = db.relationship("SalesInfo")

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS.get(self.status, self.status))


class ListingEvent(TenantOwned, db.Model):
    """연동이력: one link, re-send, end, resume or period change and the channel's answer."""

    id = db.Column(db.Integer, primary_key=True)
    listing_id = db.Column(db.Integer, db.ForeignKey("listing.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    action = db.Column(db.String(20), nullable=False)  # 상품연동, 상품수정, 판매종료 ...
    ok = db.Column(db.Boolean, nullable=False)
    message = db.Column(db.String(500), nullable=False, default="")
    run_id = db.Column(db.Integer, db.ForeignKey("job_run.id"))
    user_name = db.Column(db.String(80), nullable=False, default="")


class StockPush(TenantOwned, db.Model):
    """재고연동이력: one quantity sent to one listing, the version it carried and the result."""

    id = db.Column(db.Integer, primary_key=True)
    listing_id = db.Column(db.Integer, db.ForeignKey("listing.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    product_id = db.Column(db.Integer, db.ForeignKey("product.id"), nullable=False, index=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    seq = db.Column(db.Integer, nullable=False, default=0)
    stock = db.Column(db.Integer, nullable=False, default=0)  # sellable stock in the portal
    buffer = db.Column(db.String(20), nullable=False, default="")  # e.g. "2개", "10%"
    quantity = db.Column(db.Integer, nullable=False, default=0)  # what the channel got
    result = db.Column(db.String(10), nullable=False)  # ok / fail / skipped
    message = db.Column(db.String(500), nullable=False, default="")
    run_id = db.Column(db.Integer, db.ForeignKey("job_run.id"))

    listing = db.relationship("Listing")


MIGRATION_LABELS = {"requested": N_("수집신청"), "running": N_("수집중"), "done": N_("완료"),
                    "collect_failed": N_("수집실패"), "import_error": N_("이관오류")}


class MigrationRequest(TenantOwned, TimestampMixin, db.Model):
    """데이터이전 서비스신청 of one channel account: collect what is already on sale there."""

    __table_args__ = (db.UniqueConstraint("account_id", name="uq_migration_account"),)

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False)
    requested_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    collected_at = db.Column(db.DateTime)
    status = db.Column(db.String(20), nullable=False, default="requested")
    result = db.Column(db.String(500), nullable=False, default="")
    run_id = db.Column(db.Integer, db.ForeignKey("job_run.id"))

    account = db.relationship("ChannelAccount")

    @property
    def status_label(self) -> str:
        return _(MIGRATION_LABELS.get(self.status, self.status))
