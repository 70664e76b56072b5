"""상품판매정보: per-channel sales-info templates, cached channel categories, stock buffers per account."""
from flask_babel import gettext as _

from portal.extensions import db
from portal.i18n import N_, ko

from .base import TenantOwned, TimestampMixin, utcnow

MAX_BUY_LABELS = {"none": N_("제한없음"), "per_person": N_("1인 최대 구매 수량"),
                  "per_person_days": N_("1인 기간별 최대 구매 수량"), "per_order": N_("1회 최대 구매 수량")}


def channel_price_currency(context) -> str:
    """A new row's 판매가 is entered in its channel's currency (the form checks yen as yen)."""
    from portal.marketplaces import discover_adapters

    cls = discover_adapters().get(context.get_current_parameters().get("channel") or "")
    return getattr(cls, "price_currency", "KRW") if cls else "KRW"


class SalesInfo(TenantOwned, TimestampMixin, db.Model):
    """One 판매정보 (그룹명) for one channel account; many products link with it."""

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False,
                           index=True)
    channel = db.Column(db.String(40), nullable=False, index=True)
    group_name = db.Column(db.String(50), nullable=False)
    category_id = db.Column(db.String(40), nullable=False, default="")
    category_path = db.Column(db.String(300), nullable=False, default="")
    market_price = db.Column(db.Integer, nullable=False, default=0)  # 시중가
    sale_price = db.Column(db.Integer, nullable=False, default=0)  # 판매가
    # The currency the 판매가/시중가 were entered in; NULL: saved before it was recorded (re-entry).
    price_currency = db.Column(db.String(3), default=channel_price_currency)
    max_buy_type = db.Column(db.String(20), nullable=False, default="none")
    max_buy_qty = db.Column(db.Integer, nullable=False, default=0)
    max_buy_days = db.Column(db.Integer, nullable=False, default=0)
    sale_days = db.Column(db.Integer, nullable=False, default=90)
    ship_policy = db.Column(db.String(30), nullable=False, default=ko("순차발송"))
    ship_days = db.Column(db.Integer, nullable=False, default=3)  # 출고기한 (days)
    ship_time = db.Column(db.String(5), nullable=False, default="")  # 출고시간 when 출고기한 is 1 day
    delivery_method = db.Column(db.String(20), nullable=False, default="parcel")
    # 우편, 퀵서비스, 방문수령: extra ways as {"post": {"fee": 0}, "quick": {...}, "pickup": {...}}
    extra_methods = db.Column(db.JSON, nullable=False, default=dict)
    fee_type = db.Column(db.String(20), nullable=False, default="free")
    fee = db.Column(db.Integer, nullable=False, default=0)
    free_over = db.Column(db.Integer, nullable=False, default=0)
    fee_tiers = db.Column(db.JSON, nullable=False, default=list)  # [{"upto": 3, "fee": 2500}]
    fee_payment = db.Column(db.String(10), nullable=False, default="prepaid")
    jeju_fee = db.Column(db.Integer, nullable=False, default=0)
    island_fee = db.Column(db.Integer, nullable=False, default=0)
    ship_zip = db.Column(db.String(10), nullable=False, default="")
    ship_address = db.Column(db.String(200), nullable=False, default="")
    return_zip = db.Column(db.String(10), nullable=False, default="")
    return_address = db.Column(db.String(200), nullable=False, default="")
    courier = db.Column(db.String(30), nullable=False, default="")
    return_fee = db.Column(db.Integer, nullable=False, default=0)  # 편도 배송비
    as_info = db.Column(db.String(500), nullable=False, default="")
    # 옵션정보 on 종합몰: "open_market" (오픈마켓용으로만; 종합몰에는 단품) or "general_too" (종합몰에도, 판매가로)
    option_scope = db.Column(db.String(20), nullable=False, default="open_market",
                             server_default="open_market")

    account = db.relationship("ChannelAccount")

    @property
    def max_buy_label(self) -> str:
        if self.max_buy_type == "per_person_days":
            return _("1인이 %(days)s일 동안 최대 %(qty)s개", days=self.max_buy_days, qty=format(self.max_buy_qty, ","))
        if self.max_buy_type in ("per_person", "per_order"):
            return _("%(label)s %(qty)s개", label=_(MAX_BUY_LABELS[self.max_buy_type]),
                     qty=format(self.max_buy_qty, ","))
        return _(MAX_BUY_LABELS["none"])


class ChannelCategory(TenantOwned, db.Model):
    """A channel's category tree as last fetched through one account (search runs on this copy)."""

    __table_args__ = (db.UniqueConstraint("account_id", "category_id", name="uq_channel_category"),)

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False,
                           index=True)
    category_id = db.Column(db.String(40), nullable=False)
    parent_id = db.Column(db.String(40))
    name = db.Column(db.String(100), nullable=False)
    path = db.Column(db.String(300), nullable=False, default="")
    is_leaf = db.Column(db.Boolean, nullable=False, default=False)
    fetched_at = db.Column(db.DateTime, nullable=False, default=utcnow)


class StockBuffer(TenantOwned, db.Model):
    """재고 안전버퍼 of one channel account: keep N units (or N %) back from that channel."""

    __table_args__ = (db.UniqueConstraint("account_id", name="uq_stock_buffer_account"),)

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False)
    kind = db.Column(db.String(10), nullable=False, default="none")  # none / fixed / percent
    value = db.Column(db.Integer, nullable=False, default=0)
