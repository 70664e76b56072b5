"""An English seller's 배송관리 files: the Excel headers and PDF titles it reads come in English, while the files a
customs broker, a channel or the forwarder's warehouse reads back keep their Korean columns."""
import io

from flask_babel import force_locale
from openpyxl import load_workbook

from blueprints.fulfilment import helper, skus

from .pages import open_pdf, text_in


def _rows(data: bytes):
    book = load_workbook(io.BytesIO(data))
    return book, list(book.active.iter_rows(values_only=True))


def _print(client, shipments, **form):
    return client.post("/fulfilment/packing/print", data={"shipment_ids": [s.id for s in shipments], **form})


def test_packing_and_picking_lists_read_english(english, floor):
    book, rows = _rows(_print(english, [floor["second"]], action="xlsx").data)
    assert book.active.title == "Packing list"
    assert rows[0][:4] == ("Receipt no.", "Cart no.", "Market", "Order no.")
    assert rows[0][-3:] == ("Quantity", "Gift", "Memo")
    assert {row[16] for row in rows[1:]} == {"사입 (5) 10/31"}  # the seller's own memo stays as typed
    _book, picking = _rows(_print(english, [floor["first"]], action="picking_xlsx").data)
    assert picking[0] == ("Location", "SKU", "Product name", "Quantity")
    pdf = open_pdf(_print(english, [floor["first"]], action="picking").data)
    text = text_in(pdf, 0, (0, 0, 210, 297))
    assert "Pickinglist" in text and "Location" in text and "피킹" not in text and "로케이션" not in text
    pdf = open_pdf(_print(english, [floor["first"]], action="pdf").data)
    text = text_in(pdf, 0, (0, 0, 210, 297))
    assert "Itemcode" in text and "Cartno." in text and "아이템코드" not in text


def test_the_delivery_status_excel_reads_english(english, floor):
    resp = english.get("/fulfilment/tracking?format=xlsx")
    assert "delivery_status.xlsx" in resp.headers["Content-Disposition"]
    book, rows = _rows(resp.data)
    assert book.active.title == "Delivery status"
    assert rows[0][:5] == ("Receipt no.", "Registered on", "Status code", "Status", "Days in status")
    assert not any("\uac00" <= ch <= "\ud7a3" for header in rows[0] for ch in header)


def test_the_customs_declaration_keeps_its_korean_columns_for_an_english_seller(english, floor):
    resp = english.post("/fulfilment/export-declaration/download", data={"shipment_ids": [floor["shipped"].id]})
    _book, rows = _rows(resp.data)
    assert rows[0][:3] == ("배송번호(접수번호)", "주문번호", "장바구니번호")
    assert "export_declaration.xlsx" in resp.headers["Content-Disposition"]


def test_the_manual_order_template_guides_in_english_and_keeps_the_columns_it_reads(english):
    book = load_workbook(io.BytesIO(english.get("/fulfilment/manual?format=xlsx").data))
    orders, guide = book.worksheets
    assert orders.title == "Manual orders" and guide.title == "How to fill in"
    assert [c.value for c in orders[1]][:3] == ["주문번호", "수취인명", "전화번호"]  # the upload matches these
    assert [c.value for c in guide[1]] == ["Field", "Required", "How to fill", "Example"]
    assert guide["B2"].value == "Required" and guide["C3"].value == "Recipient's name (up to 20 characters)"


def test_the_order_helper_finds_the_unknown_sku_in_an_english_reason(app):
    with app.test_request_context(), force_locale("en"):
        reason = skus.unknown("DEMO-99")
        assert reason.startswith("Unregistered SKU: DEMO-99 (")
        assert helper.unknown_here(reason, "DEMO-99") and not helper.unknown_here(reason, "DEMO-98")
        fixes = helper.Suggester({"recipient_phone": 0}, []).fixes(["010.1234.5678"], _phone_reason())
        assert [(f.new, f.why) for f in fixes] == [("010-1234-5678", "Phone number separators as -")]
    with app.test_request_context(), force_locale("ko"):
        assert helper.unknown_here(skus.unknown("DEMO-99"), "DEMO-99")


def _phone_reason() -> str:
    from flask_babel import gettext
    return gettext("전화번호는 15자 이내이고 숫자, (, ), +, - 만 입력이 가능해요.")
