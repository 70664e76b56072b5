"""A seller registers a product with combination options and add-ons in a real browser (옵션형식 switch too)."""
import pytest

from models import Product

from ..conftest import PASSWORD
from .conftest import screenshot

pytestmark = pytest.mark.e2e


def test_register_product_with_options_and_addons(page, live_server, seller):
    page.goto("/login")
    page.fill("#login_id", "sellerAmaster")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")
    page.goto("/products/register")

    page.fill("#name", "알톤 파올라 미니벨로 접이식 자전거 핑크 블루")
    assert page.inner_text("[data-name-counter]") == "44/40"  # Hangul counts 2
    assert "over" in page.get_attribute("[data-name-counter]", "class")
    page.fill("#name", "알톤 미니벨로 자전거")
    page.select_option("select[data-level='1']", label="스포츠/레저/취미")
    page.wait_for_selector("select[data-level='2'] option")
    page.select_option("select[data-level='2']", label="스포츠용품")
    page.wait_for_selector("select[data-level='3'] option")
    page.select_option("select[data-level='3']", label="자전거용품")
    page.click("[data-category-apply]")
    assert page.inner_text("[data-category-applied]") == "스포츠/레저/취미 > 스포츠용품 > 자전거용품"

    page.fill("#own_code", "ALTON1")
    page.click("[data-own-code-check]")
    page.wait_for_selector("[data-own-code-result]:has-text('사용 가능한 자체상품코드입니다.')")

    page.select_option("#notice_group", label="스포츠용품")
    page.wait_for_selector("input[name=notice_f11]")
    for i in range(1, 12):
        page.check(f"input[name=notice_f{i}_sep]")
    page.fill("input[name=notice_f1]", "알톤 파올라 미니벨로")
    page.fill("#rep_price", "135000")

    # 옵션형식: 구매자 입력형 shows only its names, 조합형 brings the combination table back.
    page.check("input[name=option_type][value=input]")
    assert page.is_visible("#input-option-spec") and not page.is_visible("#option-spec")
    assert page.is_checked("#use_options")
    page.check("input[name=option_type][value=combination]")
    assert page.is_visible("#option-spec") and not page.is_visible("#input-option-spec")

    names, values = page.locator("input[name=opt_name]"), page.locator("input[name=opt_values]")
    names.nth(0).fill("색상")
    values.nth(0).fill("핑크,블루")
    names.nth(1).fill("조립")
    values.nth(1).fill("미조립,조립")
    page.click("[data-option-generate]")
    rows = page.locator("[data-option-row]")
    assert rows.count() == 4
    assert rows.nth(3).inner_text().startswith("4\t블루/조립")
    page.fill("input[name=bulk_extra]", "0")
    page.click("[data-option-bulk]")
    page.locator("input[name=row_extra]").nth(1).fill("30000")
    page.locator("input[name=row_extra]").nth(3).fill("30000")
    for i in range(4):
        page.locator("input[name=row_stock]").nth(i).fill("5")
    page.locator("#option-rows").screenshot(path=screenshot(page, "product-options-page"))
    screenshot_path = screenshot(page, "product-register-filled")
    assert screenshot_path.endswith(".png")

    page.check("#use_addons")
    group = page.locator("[data-addon-group]").first
    group.locator("input[name=addon_group_name]").fill("잠금장치")
    group.locator("input[name=addon_item_name]").first.fill("번호키")
    group.locator("input[name=addon_item_price]").first.fill("1000")
    group.locator("[data-addon-item-add]").click()
    group.locator("input[name=addon_item_name]").nth(1).fill("자물쇠")
    group.locator("input[name=addon_item_price]").nth(1).fill("2000")
    page.click("[data-addon-group-add]")
    second = page.locator("[data-addon-group]").nth(1)
    second.locator("input[name=addon_group_name]").fill("조명")
    second.locator("input[name=addon_item_name]").first.fill("전조등")
    second.locator("input[name=addon_item_price]").first.fill("3000")

    page.click("#save")
    page.wait_for_selector(".flash.success")
    assert "상품을 저장했습니다" in page.inner_text(".flash.success")
    page.locator("#option-rows").screenshot(path=screenshot(page, "product-options-saved"))
    with live_server.app.app_context():
        product = Product.query.filter_by(own_code="ALTON1").one()
        assert [(o.values, o.extra_price, o.stock) for o in product.options] == [
            ("핑크/미조립", 0, 5), ("핑크/조립", 30000, 5), ("블루/미조립", 0, 5), ("블루/조립", 30000, 5)]
        assert [(g.name, [i.name for i in g.items]) for g in product.addon_groups] == [
            ("잠금장치", ["번호키", "자물쇠"]), ("조명", ["전조등"])]
        assert product.notice["f1"]["value"] == "알톤 파올라 미니벨로"
