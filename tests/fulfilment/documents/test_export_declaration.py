"""수출신고: received shipments' declaration data filled from the SKU master, marked where it is not,
edited per shipment, downloaded as Excel; 해외소포수령증 per shipment or for a day."""
import io

from openpyxl import load_workbook

from .pages import open_pdf, text_in

MISSING = "00FFF2A8"  # openpyxl reads the fill back with its alpha byte


def test_list_shows_only_received_shipments_and_what_needs_checking(client, auth, floor):
    auth.login()
    html = client.get("/fulfilment/export-declaration").get_data(as_text=True)
    assert "K2211070200003" in html
    assert "K2211070200001" not in html and "K2211070200009" not in html
    assert "수출용 영문 품명을 입력해 주세요" in html and "HS코드 10자리를 숫자로 입력해 주세요." in html


def test_excel_is_filled_from_the_sku_master_and_marks_the_gaps_yellow(client, auth, floor):
    auth.login()
    response = client.post("/fulfilment/export-declaration/download",
                           data={"shipment_ids": [floor["shipped"].id]})
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    first, second = sheet[2], sheet[3]
    col = {name: header.index(name) for name in ("품명(영문)", "HS부호(10자리)", "순중량(kg)", "수량", "수취인(영문)")}
    assert first[col["품명(영문)"]].value == "SKIN CARE COSMETIC" and first[col["HS부호(10자리)"]].value == "3304992000"
    assert first[col["순중량(kg)"]].value == 0.12 and first[col["품명(영문)"]].fill.fgColor.rgb != MISSING
    assert second[col["품명(영문)"]].value is None and second[col["품명(영문)"]].fill.fgColor.rgb == MISSING
    assert first[col["수취인(영문)"]].fill.fgColor.rgb == MISSING


def test_edit_refuses_a_name_over_50_characters_then_saves_and_fills_the_file(client, auth, floor):
    auth.login()
    shipped = floor["shipped"]
    item = shipped.items[1]
    url = f"/fulfilment/export-declaration/{shipped.id}"
    too_long = "MAKE-UP COSMETIC " * 3 + "X"
    response = client.post(url, data={"recipient_kana": "テラザワ シオリ", "recipient_en": "terazawa shiori",
                                      f"name_en_{item.id}": too_long, f"hs_code_{item.id}": "3304.99.2000",
                                      f"weight_{item.id}": "abc"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "수출용 영문 품명은 공백 포함 50자 이내로 입력해 주세요 (지금 52자)." in html
    assert "무게는 0보다 크고 1000 이하인 kg 숫자로 입력해 주세요" in html
    response = client.post(url, data={"recipient_kana": "テラザワ シオリ", "recipient_en": "terazawa shiori",
                                      f"name_en_{item.id}": "MAKE UP COSMETIC", f"hs_code_{item.id}": "3304.99.2000",
                                      f"weight_{item.id}": "0.05"})
    assert response.status_code == 303
    sheet = load_workbook(io.BytesIO(client.post("/fulfilment/export-declaration/download", data={
        "shipment_ids": [shipped.id]}).data)).active
    header = [cell.value for cell in sheet[1]]
    row = [cell.value for cell in sheet[3]]
    assert row[header.index("품명(영문)")] == "MAKE UP COSMETIC" and row[header.index("HS부호(10자리)")] == "3304992000"
    assert row[header.index("수취인(영문)")] == "TERAZAWA SHIORI" and row[header.index("순중량(kg)")] == 0.05
    assert all(cell.fill.fgColor.rgb != MISSING for cell in sheet[3])


def test_walls_a_waiting_or_foreign_shipment_is_a_404(client, auth, floor):
    auth.login()
    assert client.get(f"/fulfilment/export-declaration/{floor['foreign'].id}").status_code == 404
    assert client.get(f"/fulfilment/export-declaration/{floor['first'].id}").status_code == 404
    response = client.post("/fulfilment/export-declaration/download", data={"shipment_ids": [floor["first"].id]})
    assert response.status_code == 404


def test_parcel_receipt_per_shipment_and_for_a_day(client, auth, floor):
    auth.login()
    one = client.post("/fulfilment/export-declaration/receipts", data={"shipment_ids": [floor["shipped"].id]})
    doc = open_pdf(one.data)
    text = text_in(doc, 0, (0, 0, 210, 297))
    assert "해외소포수령증" in text and "K2211070200003" in text and "SKINCARECOSMETIC" in text
    assert "가나다상회" in text
    day = client.post("/fulfilment/export-declaration/receipts", data={"day": "2022-11-08"})
    assert len(open_pdf(day.data)) == 1
    empty = client.post("/fulfilment/export-declaration/receipts", data={"day": "2022-11-09"})
    assert empty.status_code == 303
