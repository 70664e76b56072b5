"""A seller writes 판매정보, links one product to an open market and a general mall, watches the
연동상황 window, changes the price, reads the field diff, re-sends (same product number), and ends the listing."""
import pytest

from models import Listing, Product, SalesInfo
from portal.extensions import db

from ..conftest import PASSWORD, make_tenant, make_user
from ..sales.conftest import add_categories, make_account, make_product, make_template
from .conftest import screenshot

pytestmark = pytest.mark.e2e


def run_job(page, click):
    """Click something that starts a job; wait until the progress window says 완료; close it."""
    click()
    page.wait_for_selector("#job-window:not([hidden])")
    page.wait_for_selector("#job-window[data-status=done]", timeout=30000)
    lines = page.locator("[data-job-lines] li").all_inner_texts()
    return lines


def close_job(page):
    page.locator("#job-window footer [data-job-close]").click()


def test_sales_info_link_two_channels_diff_resend_and_end(page, live_server, fresh_sandbox):
    app = live_server.app
    app.config["SANDBOX_URL"] = fresh_sandbox.url
    with app.app_context():
        tenant = make_tenant()
        make_user("sellerAmaster", tenant, master=True)
        interpark, hmall = make_account(tenant, "interpark"), make_account(tenant, "hmall")
        add_categories(tenant, hmall)
        product = make_product(tenant, name="린넨 원피스", rep_price=20000, stock=12)
        make_template(tenant, hmall, sale_price=26000, market_price=32000, group_name="현대몰 원피스")
        ids = {"product": product.id, "interpark": interpark.id}
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/login")
    page.fill("#login_id", "sellerAmaster")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/dashboard")

    # 판매정보 for 인터파크: the category tree comes through a job, then it is searched.
    page.goto(f"/products/sales-info/new?account_id={ids['interpark']}&product_id={ids['product']}")
    lines = run_job(page, lambda: page.click("button:has-text('카테고리 가져오기')"))
    assert any("카테고리 5개를 가져왔습니다." in ln for ln in lines)
    close_job(page)
    page.fill("#category_q", "없는카테고리")  # after the fetch: nothing matches, not "fetch them first"
    page.click("[data-category-find]")
    page.locator("#category_results option[disabled]").wait_for(state="attached")
    assert page.inner_text("#category_results") == "'없는카테고리'에 맞는 카테고리가 없습니다. 다른 이름으로 검색해 주세요."
    page.fill("#category_q", "여성")
    page.click("[data-category-find]")
    page.select_option("#category_results", "1010")
    assert page.inner_text("[data-category-path]") == "패션의류 > 여성의류"
    page.fill("#market_price", "30000")
    page.fill("#sale_price", "25000")
    assert page.inner_text("#margin") == "20.0"
    page.fill("#ship_zip", "07583")
    page.fill("#return_zip", "07583")
    screenshot(page, "sales-info-form")
    page.click("button[value=save_link]")
    page.wait_for_url("**/products/waiting")

    # The general mall's 판매정보 exists already: pick it from the product's 판매정보등록 panel.
    page.goto(f"/products/sales-info?product_id={ids['product']}")
    page.check("input[aria-label='현대몰 원피스']")
    page.click("#link-form button[type=submit]")
    page.wait_for_url("**/products/waiting")
    assert page.locator("#waiting-list tbody tr").count() == 2
    page.check("[data-check-all]")
    lines = run_job(page, lambda: page.click("#link-selected"))
    assert sum("연동 성공했습니다" in ln for ln in lines) == 2, lines
    screenshot(page, "sales-link-window")
    close_job(page)

    page.goto("/sales/search")
    assert page.locator("#listing-list .badge.st-live").count() == 2
    with app.app_context():
        listing = Listing.query.filter_by(account_id=ids["interpark"]).one()
        first_no, listing_id = listing.channel_product_id, listing.id
    assert first_no in page.inner_text("#listing-list")
    screenshot(page, "sales-search-live")

    # Change the price, read the channel's copy, and see the field diff before re-sending.
    page.goto(f"/sales/listings/{listing_id}")
    page.fill("#sale_price", "23000")
    page.click("#listing-form button[type=submit]")
    page.wait_for_url(f"**/sales/listings/{listing_id}/preview")
    run_job(page, lambda: page.click("button:has-text('제휴몰 상품 다시 조회')"))
    close_job(page)
    page.reload()
    row = page.locator("#diff tr[data-field=price]")
    assert row.locator("td.old").inner_text() == "25000" and row.locator("td.new").inner_text() == "23000"
    assert page.locator("#update-note").is_visible() and page.locator("#reregister-note").count() == 0
    screenshot(page, "sales-preview-diff")
    lines = run_job(page, lambda: page.click("button:has-text('재연동')"))
    assert any(f"상품번호 {first_no} 그대로 수정했습니다" in ln for ln in lines), lines
    close_job(page)
    page.reload()
    assert page.inner_text("#no-diff") == "제휴몰 상품과 달라지는 항목이 없습니다."
    with app.app_context():
        assert db.session.get(Listing, listing_id).channel_product_id == first_no
    shop = fresh_sandbox.shop_id("interpark")
    assert fresh_sandbox.ops("GET", f"/shops/{shop}/products/{first_no}")["product"]["price"] == 23000

    # End it on the channel; it moves to the ended list.
    page.goto("/sales/ended")
    page.check(f"#live-list tr[data-listing='{listing_id}'] input[name=listing_id]")
    run_job(page, lambda: page.click("#end-selected"))
    close_job(page)
    page.reload()
    assert page.locator(f"#ended-list tr[data-listing='{listing_id}']").count() == 1
    screenshot(page, "sales-ended")
    with app.app_context():
        assert db.session.get(Listing, listing_id).status == "ended"
        assert SalesInfo.query.count() == 2 and db.session.get(Product, ids["product"]).listing_count == 1
