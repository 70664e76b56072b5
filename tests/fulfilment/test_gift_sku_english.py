"""An English reader's refusals in 사은품/이벤트 and the SKU master: every reason of a bad gift, event, gift
application or SKU reads in English, with the values typed quoted as they are."""

from .shipments import make_shipment, make_sku


def test_gift_registration_refusals_read_english(english, seller):
    make_sku(seller, "MASK-1", "마스크", gift=True)
    page = english.post("/fulfilment/gifts/new", data={"code": "마스크 1", "name": ""},
                        follow_redirects=True).get_data(as_text=True)
    assert 'Use only letters, digits, "-" and "_" for the SKU, up to 60 characters: 마스크 1' in page.replace(
        "&#34;", '"')
    page = english.post("/fulfilment/gifts/new", data={"code": "mask-1", "name": "x"},
                        follow_redirects=True).get_data(as_text=True)
    assert "This SKU is already a gift: MASK-1" in page


def test_gift_application_refusals_read_english(english, seller):
    gift = make_sku(seller, "MASK-1", "마스크", gift=True)
    received = make_shipment(seller, status="A99")
    page = english.post("/fulfilment/gifts/apply", data={"shipment_ids": [received.id], "sku_id": gift.id,
                                                         "quantity": "1000"}, follow_redirects=True)
    assert "Enter a quantity to apply from 1 to 999." in page.get_data(as_text=True)
    page = english.post("/fulfilment/gifts/apply", data={"shipment_ids": [received.id], "sku_id": gift.id,
                                                         "quantity": "1"}, follow_redirects=True)
    assert (f"{received.receipt_no}: gifts cannot be added to a shipment already received at the warehouse."
            in page.get_data(as_text=True))


def test_event_form_refusals_read_english(english, seller):
    gift = make_sku(seller, "MASK-1", "마스크", gift=True)
    resp = english.post("/fulfilment/events/new", data={
        "name": "", "starts_on": "2026-13-01", "amount_min": "3000", "amount_max": "1000", "quantity_min": "x",
        "gift_sku_id": [gift.id, gift.id], "gift_quantity": ["1", "1"], "gift_limited": ["1", "0"],
        "gift_limit": ["", ""]})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400
    for message in ("Enter the event name.", "Enter order date (from) as 2026-12-01: 2026-13-01",
                    "Choose the currency (JPY, KRW, USD) for the order amount condition.",
                    "The maximum order amount cannot be below the minimum.",
                    "Enter minimum order quantity as a whole number of 1 or more: x",
                    "MASK-1: enter the limit count when you choose a limit.",
                    "The same gift cannot be chosen twice: MASK-1"):
        assert message in page, message


def test_sku_master_refusals_read_english(english):
    resp = english.post("/fulfilment/skus/new", data={"kind": "single", "code": "마스크 01", "name": "",
                                                      "weight_kg": "무거움", "hs_code": "33x"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "무거움" in page and "33x" in page
    for korean in ("입력해 주세요", "사용할 수 있습니다"):
        assert korean not in page, korean
