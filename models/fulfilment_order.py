"""대기목록 (배송접수 waiting list): one row per order line waiting for, or taken into, a shipment.

Rows come from every order source: 수기주문 and uploaded orders (ManualOrder / ManualOrderLine) and the
collected lines (ChannelOrderLine) of channel accounts whose seller chose "배송관리로 보내기"
(ChannelAccount.fulfilment_enabled). A row copies what the shipment needs at the time it enters the
list (recipient, codes, amounts), so the seller can correct it here (요미가나, English name for Japan)
without touching the original order; `manual_line_id` / `channel_line_id` point back to the original
line and keep a line from entering twice.

Life of a row:
- waiting: shipment_id NULL, held False, deleted_at NULL → shown in 대기목록;
- held (보류): stays in 대기목록 but 배송접수 skips it;
- deleted (삭제목록): deleted_at set; restorable at any time before its shipment is received;
- taken: shipment_id set by 배송접수; 묶음관리 may delete / restore it inside its shipment (deleted_at);
- 재배송 copies: new rows with reship_of_id, order_no / cart_no carrying the chosen suffix.

SKU matching (services of blueprints.fulfilment.sku_master) fills `sku_code` (the code chosen by the
documented priority), `match_state` and, for a code naming exactly one SKU, `sku_id`; a comma-separated
code becomes several ShipmentItem rows at 배송접수.
"""
from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin, utcnow
from .order import trigram

# Where a row came from.
SOURCE_MANUAL, SOURCE_CHANNEL, SOURCE_RESHIP = "manual", "channel", "reship"
SOURCE_LABELS = {SOURCE_MANUAL: N_("수기/엑셀"), SOURCE_CHANNEL: N_("API수집"), SOURCE_RESHIP: N_("재배송")}
# SKU matching result of a row.
MATCH_NONE, MATCH_OK, MATCH_PARTIAL = "none", "ok", "partial"
MATCH_LABELS = {MATCH_NONE: N_("미매칭"), MATCH_OK: N_("매칭"), MATCH_PARTIAL: N_("일부 미매칭")}

WAITING = db.text("shipment_id IS NULL AND deleted_at IS NULL")


class FulfilmentOrder(TenantOwned, TimestampMixin, db.Model):
    """One order line of 대기목록 / a shipment's order (see the module docstring for its life)."""

    __table_args__ = (
        # A source line enters once (재배송 copies have neither reference).
        db.Index("uq_fulfilment_order_manual_line", "manual_line_id", unique=True,
                 postgresql_where=db.text("manual_line_id IS NOT NULL"),
                 sqlite_where=db.text("manual_line_id IS NOT NULL")),
        db.Index("uq_fulfilment_order_channel_line", "channel_line_id", unique=True,
                 postgresql_where=db.text("channel_line_id IS NOT NULL"),
                 sqlite_where=db.text("channel_line_id IS NOT NULL")),
        # 대기목록 pages walk the waiting rows of a seller by id.
        db.Index("ix_fulfilment_order_waiting", "tenant_id", "id", postgresql_where=WAITING, sqlite_where=WAITING),
        db.Index("ix_fulfilment_order_tenant_order_no", "tenant_id", "order_no"),
        db.Index("ix_fulfilment_order_tenant_cart_no", "tenant_id", "cart_no"),
        db.Index("ix_fulfilment_order_recipient_trgm", "recipient_name", **trigram("recipient_name")),
    )

    id = db.Column(db.Integer, primary_key=True)
    source = db.Column(db.String(10), nullable=False)  # manual / channel / reship (SOURCE_LABELS)
    manual_order_id = db.Column(db.Integer)  # ManualOrder of a 수기/엑셀 row (no FK: orders are bulk-written)
    manual_line_id = db.Column(db.Integer)  # ManualOrderLine the row copies (unique while set)
    channel_line_id = db.Column(db.Integer, db.ForeignKey("channel_order_line.id", ondelete="SET NULL"))
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id", ondelete="SET NULL"))  # API rows
    reship_of_id = db.Column(db.Integer, db.ForeignKey("fulfilment_order.id"))  # 재배송: the row copied
    channel = db.Column(db.String(50), nullable=False)  # 마켓: qoo10jp / rakuten / amazonjp / … ("gift" never here)
    order_no = db.Column(db.String(80), nullable=False)  # 주문번호 (재배송 copies: with suffix)
    cart_no = db.Column(db.String(80), nullable=False)  # 장바구니번호: one cart = one shipment; editable
    ordered_at = db.Column(db.DateTime)  # 주문일 (naive UTC)
    paid_at = db.Column(db.DateTime)  # 결제일 (naive UTC)
    country = db.Column(db.String(2), nullable=False, default="JP")  # 도착국가 ISO code
    # Recipient (personal data: masked in lists).
    recipient_name = db.Column(db.String(100), nullable=False, default="")  # as the channel writes it
    recipient_kana = db.Column(db.String(100), nullable=False, default="")  # 요미가나 (Japan)
    recipient_name_en = db.Column(db.String(100), nullable=False, default="")  # English name (labels, customs)
    recipient_phone = db.Column(db.String(30), nullable=False, default="")
    recipient_mobile = db.Column(db.String(30), nullable=False, default="")
    zip_code = db.Column(db.String(10), nullable=False, default="")
    address = db.Column(db.String(300), nullable=False, default="")
    address_detail = db.Column(db.String(200), nullable=False, default="")
    address_en = db.Column(db.String(300), nullable=False, default="")  # English address where required
    message = db.Column(db.String(300), nullable=False, default="")  # 배송메시지
    buyer_name = db.Column(db.String(100), nullable=False, default="")
    # The product as the buyer saw it, and the codes SKU matching reads (priority: option > seller > item).
    product_name = db.Column(db.String(300), nullable=False, default="")  # 상품명(Market)
    option_name = db.Column(db.String(300), nullable=False, default="")
    option_code = db.Column(db.String(220), nullable=False, default="")  # 옵션코드; Rakuten 商品番号; Amazon SKU
    seller_code = db.Column(db.String(220), nullable=False, default="")  # 판매자상품코드; Rakuten 商品管理番号
    item_code = db.Column(db.String(220), nullable=False, default="")  # 상품코드; Rakuten 商品明細ID
    product_url = db.Column(db.String(500), nullable=False, default="")  # 마켓 바로가기
    quantity = db.Column(db.Integer, nullable=False, default=1)
    unit_price = db.Column(db.Numeric(14, 2))  # 단가 = amount / quantity unless edited
    amount = db.Column(db.Numeric(14, 2))  # 금액: what the buyer paid for the line (통관기준금액)
    currency = db.Column(db.String(3), nullable=False, default="JPY")
    # SKU matching.
    sku_code = db.Column(db.String(220), nullable=False, default="")  # the code chosen by priority (may hold commas)
    match_state = db.Column(db.String(10), nullable=False, default=MATCH_NONE)  # MATCH_LABELS
    sku_id = db.Column(db.Integer, db.ForeignKey("fulfilment_sku.id", ondelete="SET NULL"))  # a one-SKU match
    # 보류: stays listed, skipped by 배송접수.
    held = db.Column(db.Boolean, nullable=False, default=False)
    hold_reason = db.Column(db.String(200), nullable=False, default="")
    held_at = db.Column(db.DateTime)
    held_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    # 삭제목록 (or 묶음관리 partial cancel inside a shipment); restorable until the shipment is received.
    deleted_at = db.Column(db.DateTime)
    deleted_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    delete_reason = db.Column(db.String(200), nullable=False, default="")
    # 배송접수.
    shipment_id = db.Column(db.Integer, db.ForeignKey("shipment.id", ondelete="SET NULL"), index=True)
    memo = db.Column(db.String(300), nullable=False, default="")
    # 배송 통지 of this order: the 국제 송장번호 that reached its channel (API: line sent through the outbox;
    # file: put in the channel's tracking-upload download) and when; a new number makes it pending again.
    notified_number = db.Column(db.String(40), nullable=False, default="", server_default="")
    notified_at = db.Column(db.DateTime)
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))  # NULL: entered by collection/upload
    updated_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    shipment = db.relationship("Shipment", back_populates="orders", foreign_keys=[shipment_id])
    sku = db.relationship("FulfilmentSku", foreign_keys=[sku_id])
    reship_of = db.relationship("FulfilmentOrder", remote_side=[id], foreign_keys=[reship_of_id])

    @property
    def is_waiting(self) -> bool:
        return self.shipment_id is None and self.deleted_at is None


class FulfilmentOrderChange(TenantOwned, db.Model):
    """수정 이력 of a 대기목록 line: one changed field (단가, 수량, 금액) with its value before and after, who and when."""

    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.Integer, db.ForeignKey("fulfilment_order.id", ondelete="CASCADE"), nullable=False,
                         index=True)
    field = db.Column(db.String(30), nullable=False)  # FulfilmentOrder column name (CHANGE_LABELS)
    before = db.Column(db.String(100), nullable=False, default="")
    after = db.Column(db.String(100), nullable=False, default="")
    at = db.Column(db.DateTime, nullable=False, default=utcnow)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    user = db.relationship("User")


CHANGE_LABELS = {"unit_price": N_("단가"), "quantity": N_("수량"), "amount": N_("금액"), "held": N_("보류"),
                 "deleted": N_("삭제"), "restored": N_("복구"), "recipient_name": N_("받는사람"), "recipient_kana": N_("요미가나"),
                 "recipient_name_en": N_("영문 이름"), "recipient_phone": N_("전화번호"),
                 "recipient_mobile": N_("휴대전화"), "zip_code": N_("우편번호"), "address": N_("주소"),
                 "address_detail": N_("상세주소"), "address_en": N_("영문 주소"), "message": N_("배송메시지"),
                 "cart_no": N_("장바구니번호"), "memo": N_("메모")}
