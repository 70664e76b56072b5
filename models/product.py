"""Product master data (상품 기본정보): products, option combinations, add-ons, history, settings."""
from flask_babel import gettext as _

from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin, utcnow

ON_SALE, NOT_ON_SALE = "on", "off"
STATUS_LABELS = {ON_SALE: N_("판매가능"), NOT_ON_SALE: N_("판매불가")}


def _tenant_column():
    """tenant_id without an index of its own: every index these lists read starts with it."""
    return db.Column(db.Integer, db.ForeignKey("tenant.id"), nullable=False)


def _product_tenant_column():
    """The product's tenant (on options and history copied for tenant-scoped reads), with no foreign
    key: it is the signed-in seller's and tenants are never deleted (models.cascades)."""
    return db.Column(db.Integer, nullable=False)


def _product_key():
    """An option's or history row's product: indexed, kept by a trigger instead of a foreign key
    (models.cascades), since 상품대량등록 writes these by the ten thousand."""
    return db.Column(db.Integer, nullable=False, index=True)


class Product(TenantOwned, TimestampMixin, db.Model):
    # Every index is paid for by each product written (상품대량등록 writes 10,000 at once), so
    # only the ones a list or lookup reads are kept. Name, brand and category are searched by
    # partial match (LIKE '%..%'), which no b-tree serves; live and deleted rows each have
    # tenant-scoped partial indexes below; a seller's rows are found through those.
    __table_args__ = (
        db.UniqueConstraint("tenant_id", "own_code", name="uq_product_own_code"),
        db.UniqueConstraint("tenant_id", "import_key", name="uq_product_import_key"),
    )

    tenant_id = _product_tenant_column()
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(20), unique=True, index=True)  # 상품코드, set right after insert
    own_code = db.Column(db.String(10))  # 자체상품코드
    name = db.Column(db.String(100), nullable=False)
    status = db.Column(db.String(3), nullable=False, default=ON_SALE)
    category_code = db.Column(db.String(20), nullable=False, default="")
    category_path = db.Column(db.String(200), nullable=False, default="")
    model_name = db.Column(db.String(30), nullable=False, default="")
    model_no = db.Column(db.String(30), nullable=False, default="")
    is_isbn = db.Column(db.Boolean, nullable=False, default=False)
    maker = db.Column(db.String(50), nullable=False, default="")
    brand = db.Column(db.String(50), nullable=False, default="")
    made_on = db.Column(db.Date)
    expires_on = db.Column(db.Date)
    origin_type = db.Column(db.String(10), nullable=False, default="none")
    origin_detail = db.Column(db.String(100), nullable=False, default="")
    raw_materials = db.Column(db.JSON, nullable=False, default=list)  # [{name, origin, content}]
    certifications = db.Column(db.JSON, nullable=False, default=list)  # [{kind, authority, number}]
    notice_group = db.Column(db.String(30), nullable=False, default="")
    notice = db.Column(db.JSON, nullable=False, default=dict)  # {key: {value, separate}}
    keywords = db.Column(db.String(200), nullable=False, default="")
    description = db.Column(db.Text, nullable=False, default="")  # sanitised HTML
    main_image = db.Column(db.String(60), nullable=False, default="")
    detail_image = db.Column(db.String(60), nullable=False, default="", server_default="")  # 상세설명 이미지
    extra_images = db.Column(db.JSON, nullable=False, default=list)
    rep_price = db.Column(db.Integer, nullable=False, default=0)  # 대표가격 (공급원가)
    tax_type = db.Column(db.String(10), nullable=False, default="taxable")
    sale_region = db.Column(db.String(20), nullable=False, default="all")
    adult_only = db.Column(db.Boolean, nullable=False, default=False)
    option_names = db.Column(db.JSON, nullable=False, default=list)  # [] = 옵션 사용안함
    # 옵션형식 구매자 입력형: names of what the buyer types when ordering (no combinations, the
    # stock stays on the product). The server default covers rows written without the ORM.
    input_option_names = db.Column(db.JSON, nullable=False, default=list,
                                   server_default=db.text("'[]'"))
    stock = db.Column(db.Integer, nullable=False, default=0)  # stock of a product without options
    # Channels this product is live on; 판매상품관리 drives it. Options are frozen while > 0.
    listing_count = db.Column(db.Integer, nullable=False, default=0)
    # Fingerprint of the bulk-upload row that created it: the same row twice creates nothing.
    import_key = db.Column(db.String(64))
    deleted_at = db.Column(db.DateTime)
    deleted_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    options = db.relationship("ProductOption", back_populates="product", order_by="ProductOption.no",
                              primaryjoin="Product.id == foreign(ProductOption.product_id)",
                              cascade="all, delete-orphan")
    addon_groups = db.relationship("AddonGroup", back_populates="product",
                                   order_by="AddonGroup.position", cascade="all, delete-orphan")

    @property
    def on_sale(self) -> bool:
        return self.listing_count > 0

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS.get(self.status, self.status))

    @property
    def total_stock(self) -> int:
        if self.options:
            return sum(o.stock for o in self.options)
        return self.stock

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ProductOption(TenantOwned, db.Model):
    """One 조합형 combination, e.g. "a/핑크/조립", with its extra price and stock."""

    tenant_id = _product_tenant_column()  # ix_product_option_seek and _low start with it
    id = db.Column(db.Integer, primary_key=True)
    product_id = _product_key()
    no = db.Column(db.Integer, nullable=False)
    values = db.Column(db.String(200), nullable=False)  # values joined with "/"
    extra_price = db.Column(db.Integer, nullable=False, default=0)
    status = db.Column(db.String(3), nullable=False, default=ON_SALE)
    stock = db.Column(db.Integer, nullable=False, default=0)

    product = db.relationship("Product", back_populates="options",
                              primaryjoin="Product.id == foreign(ProductOption.product_id)")

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS.get(self.status, self.status))


class AddonGroup(TenantOwned, db.Model):
    """추가상품 그룹 (at most 5 per product)."""

    tenant_id = _tenant_column()  # groups are only read through their product
    id = db.Column(db.Integer, primary_key=True)
    product_id = db.Column(db.Integer, db.ForeignKey("product.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    position = db.Column(db.Integer, nullable=False)
    name = db.Column(db.String(50), nullable=False)

    product = db.relationship("Product", back_populates="addon_groups")
    items = db.relationship("AddonItem", back_populates="group", order_by="AddonItem.position",
                            cascade="all, delete-orphan")


class AddonItem(TenantOwned, db.Model):
    # Read by group, or per seller and product through ix_addon_item_seek (products are only
    # ever soft-deleted, so the product key needs no index for a cascade either).
    tenant_id = _tenant_column()
    id = db.Column(db.Integer, primary_key=True)
    group_id = db.Column(db.Integer, db.ForeignKey("addon_group.id", ondelete="CASCADE"),
                         nullable=False, index=True)
    product_id = db.Column(db.Integer, db.ForeignKey("product.id", ondelete="CASCADE"),
                           nullable=False)
    position = db.Column(db.Integer, nullable=False)
    name = db.Column(db.String(50), nullable=False)
    image = db.Column(db.String(60), nullable=False, default="")
    status = db.Column(db.String(3), nullable=False, default=ON_SALE)
    price = db.Column(db.Integer, nullable=False, default=0)
    stock = db.Column(db.Integer, nullable=False, default=0)

    group = db.relationship("AddonGroup", back_populates="items")
    product = db.relationship("Product")

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS.get(self.status, self.status))


class ProductHistory(TenantOwned, db.Model):
    """상품수정이력: who changed what and when, field by field."""

    # 상품수정이력 lists a seller's rows newest first (ix_product_history_recent) or one product's.
    tenant_id = _product_tenant_column()
    id = db.Column(db.Integer, primary_key=True)
    product_id = _product_key()
    at = db.Column(db.DateTime, nullable=False, default=utcnow)
    user_id = db.Column(db.Integer)  # no key: the record outlives the staff account
    user_name = db.Column(db.String(80), nullable=False, default="")  # kept if the user goes
    action = db.Column(db.String(20), nullable=False)
    changes = db.Column(db.JSON, nullable=False, default=list)  # [{field, before, after}]

    product = db.relationship("Product", primaryjoin="Product.id == foreign(ProductHistory.product_id)")


class ProductSettings(TenantOwned, db.Model):
    """Per-seller settings of the product menus (재고부족 기준 개수)."""

    __table_args__ = (db.UniqueConstraint("tenant_id", name="uq_product_settings_tenant"),)

    id = db.Column(db.Integer, primary_key=True)
    low_stock_enabled = db.Column(db.Boolean, nullable=False, default=False)
    low_stock_threshold = db.Column(db.Integer, nullable=False, default=5)


# Keyset paging of 상품조회 reads live products of one seller in (sort key, id) order: one index
# per sortable column, limited to live rows. 재고관리 walks combinations and add-ons per product.
_LIVE = {"postgresql_where": Product.deleted_at.is_(None), "sqlite_where": Product.deleted_at.is_(None)}
for _name, _key in (("code", Product.code), ("name", Product.name),
                    ("own_code", db.func.coalesce(Product.own_code, "")),
                    ("price", Product.rep_price), ("status", Product.status),
                    ("created", Product.created_at), ("updated", Product.updated_at)):
    db.Index(f"ix_product_live_{_name}", Product.tenant_id, _key, Product.id, **_LIVE)
db.Index("ix_product_option_seek", ProductOption.tenant_id, ProductOption.product_id,
         ProductOption.no)
db.Index("ix_addon_item_seek", AddonItem.tenant_id, AddonItem.product_id, AddonItem.position)

# 재고관리 counts its lines without joining 300,000 combinations to their products: a product
# without options is one line (a small partial index), combinations and add-ons are counted per
# seller and those of deleted products subtracted (deleted products have their own index, which
# 상품복원 pages by). The stock columns serve the 재고부족 filter.
PLAIN_LIVE = db.and_(Product.deleted_at.is_(None),
                     db.func.json_array_length(Product.option_names) == db.literal_column("0"))
db.Index("ix_product_plain_live", Product.tenant_id, Product.id, postgresql_include=["stock"],
         postgresql_where=PLAIN_LIVE, sqlite_where=PLAIN_LIVE)
_DELETED = Product.deleted_at.isnot(None)
db.Index("ix_product_deleted_updated", Product.tenant_id, Product.updated_at, Product.id,
         postgresql_where=_DELETED, sqlite_where=_DELETED)
db.Index("ix_product_option_low", ProductOption.tenant_id, ProductOption.stock)
db.Index("ix_addon_item_low", AddonItem.tenant_id, AddonItem.stock)
# 상품수정이력 of the whole seller, newest first: one index for the filter and the order.
db.Index("ix_product_history_recent", ProductHistory.tenant_id, ProductHistory.at,
         ProductHistory.id)
