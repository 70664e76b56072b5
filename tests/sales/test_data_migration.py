"""데이터이전 서비스신청: listings already on sale are collected, matched to products, linked; never twice."""
from models import Listing, MigrationRequest, Product

from .conftest import make_account, make_product, wait_job


def test_collection_matches_or_creates_products_and_never_duplicates(client, auth, seller, sandboxed):
    auth.login()
    account = make_account(seller, "interpark")
    shirt = make_product(seller, name="반팔티 (자체코드로 찾음)", own_code="DEMO-TS-01")
    html = client.get("/account/migration").get_data(as_text=True)
    assert "데이터이전 서비스신청" in html and "수집신청일자" in html
    lines = wait_job(client, client.post("/account/migration", data={"account_id": account.id}))
    req = MigrationRequest.query.one()
    assert req.status == "done" and req.collected_at is not None, lines
    assert req.result == "수집 2건: 신규상품 1, 기존상품 연결 1, 이미 연동 0, 이관오류 0"
    listings = Listing.query.filter_by(account_id=account.id).order_by(Listing.id).all()
    assert [x.status for x in listings] == ["live", "live"]
    assert listings[0].product_id == shirt.id and listings[0].stock_keys
    fruit = Product.query.filter_by(name="제주 감귤 5kg").one()
    assert fruit.own_code == "DEMO-FR-01" and fruit.code and fruit.listing_count == 1
    wait_job(client, client.post("/account/migration", data={"account_id": account.id}))
    assert Listing.query.count() == 2 and Product.query.count() == 2
    assert MigrationRequest.query.one().result == "수집 2건: 신규상품 0, 기존상품 연결 0, 이미 연동 2, 이관오류 0"
    page = client.get("/account/migration").get_data(as_text=True)
    assert "완료" in page and "이미 연동 2" in page


def test_11st_listings_come_through_the_documented_list_with_their_stock_numbers(
        client, auth, seller, sandboxed):
    """11번가 documents 다중 상품 조회, so its listings can be taken over like the others'."""
    auth.login()
    account = make_account(seller, "11st")
    lines = wait_job(client, client.post("/account/migration", data={"account_id": account.id}))
    req = MigrationRequest.query.one()
    assert req.status == "done", lines
    listings = Listing.query.filter_by(account_id=account.id).all()
    assert listings and all(x.status == "live" for x in listings)
    # Stock goes by "prdNo:prdStckNo", the pair the stock change documents.
    assert all(k["id"].startswith(f"{x.channel_product_id}:") for x in listings
               for k in x.stock_keys)
    assert client.post("/account/migration", data={}).get_json()["error"] == "수집신청할 제휴몰 계정을 선택해 주세요."


def test_wrong_keys_end_as_collection_failure_with_the_reason(client, auth, seller, sandboxed):
    from blueprints.account.channel_services import adapter_class, save_account

    auth.login()
    account = save_account(seller, adapter_class("interpark"), {"alias": "틀린키", "endpoint": "sandbox",
                                                               "api_key": "wrong-key"})
    wait_job(client, client.post("/account/migration", data={"account_id": account.id}))
    req = MigrationRequest.query.one()
    assert req.status == "collect_failed" and req.status_label == "수집실패"
    assert req.result == "수집실패: API 키가 올바르지 않습니다."


def test_another_sellers_account_is_not_found(client, auth, seller, other_seller):
    auth.login()
    other = make_account(other_seller, "interpark")
    assert client.post("/account/migration", data={"account_id": other.id}).status_code == 404
