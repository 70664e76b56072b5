"""Ids of 판매상품관리 and 상품판매정보 rows for the URL-map sweep: a sales-info template and a listing."""
from blueprints.products.services.catalog import assign_code
from models import ChannelAccount, Listing, Product, SalesInfo
from portal.extensions import db


def owned_args(tenant) -> dict:
    account = ChannelAccount(tenant_id=tenant.id, channel="interpark", alias="판매 스윕", settings_json="{}",
                             secrets_json="{}", hints_json="{}", endpoint="sandbox")
    product = Product(tenant_id=tenant.id, name="판매 스윕 상품", rep_price=1000, stock=3)
    db.session.add_all([account, product])
    db.session.flush()
    assign_code(product)
    info = SalesInfo(tenant_id=tenant.id, account_id=account.id, channel="interpark", group_name="스윕",
                     sale_price=10000, market_price=12000)
    db.session.add(info)
    db.session.flush()
    listing = Listing(tenant_id=tenant.id, product_id=product.id, account_id=account.id, channel="interpark",
                      sales_info_id=info.id, sale_price=10000, market_price=12000, channel_product_id="9100000001",
                      status="live", snapshot={"name": "판매 스윕 상품", "price": 9000, "stock": 3, "status": "SALE"})
    db.session.add(listing)
    db.session.commit()
    return {"template_id": info.id, "listing_id": listing.id}
