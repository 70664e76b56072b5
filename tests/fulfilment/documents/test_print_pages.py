"""팩킹리스트 and 라벨/피킹리스트 pages: what the seller downloads for the shipments it checked."""
import io

from openpyxl import load_workbook

from models import JobRun, Shipment
from portal.extensions import db
from tests.conftest import csrf_token

from .pages import open_pdf, page_size_mm, render, scan, text_in


def post_print(client, ids, **form):
    return client.post("/fulfilment/packing/print", data={"shipment_ids": [s.id for s in ids], **form})


def test_packing_list_pdf_sorted_by_bundle_quantity_with_barcodes_names_and_memo(client, auth, floor):
    auth.login()
    response = post_print(client, [floor["first"], floor["second"]], action="pdf", sort="bundle_desc")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    doc = open_pdf(response.data)
    text = text_in(doc, 0, (0, 0, 210, 297))
    assert text.index("K2211070200002") < text.index("K2211070200001")  # 4 items before 3
    assert "에뛰드AC클린업핑크파우더스팟15ml" in text and "사입(5)10/31" in text
    assert scan(render(doc, 0), (0, 0, 80, 297)) == ["K2211070200002", "K2211070200001"]
    assert db.session.get(Shipment, floor["first"].id).printed_at is not None


def test_packing_list_excel_has_a_row_per_item(client, auth, floor):
    auth.login()
    response = post_print(client, [floor["second"]], action="xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("접수번호", "장바구니번호", "마켓")
    assert [row[12] for row in rows[1:]] == ["8809667983242", "TEST-01", "TEST-02"]
    assert {row[16] for row in rows[1:]} == {"사입 (5) 10/31"}


def test_labels_in_a_roll_layout_and_one_label_per_option_code(client, auth, floor):
    auth.login()
    response = post_print(client, [floor["second"]], action="labels", layout="L6")
    doc = open_pdf(response.data)
    assert len(doc) == 3  # the cream, then TEST-01 and TEST-02 on labels of their own
    assert [round(v, 1) for v in page_size_mm(doc, 0)] == [100.0, 80.0]
    assert "TEST-02" not in text_in(doc, 1, (0, 0, 100, 80))
    assert scan(render(doc, 2), (0, 0, 100, 80)) == ["K2211070200002"]


def test_picking_list_sums_per_sku_in_walking_order(client, auth, floor):
    auth.login()
    response = post_print(client, [floor["first"], floor["second"]], action="picking_xlsx")
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))[1:]
    assert [(row[0], row[1], row[3]) for row in rows] == [
        ("A17-A2", "8809685810315", 1), ("A17-A10", "8809667983242", 5), ("B01", "TEST-01", 1),
        ("B02", "TEST-02", 1)]
    assert rows[0][2] == "헤라 글로우 래스팅 쿠션 (리필) #17N1"
    pdf = post_print(client, [floor["first"]], action="picking")
    assert "A17-A10" in text_in(open_pdf(pdf.data), 0, (0, 0, 210, 297))


def test_another_sellers_shipment_is_a_404_and_nothing_checked_is_refused(client, auth, floor):
    auth.login()
    assert post_print(client, [floor["first"], floor["foreign"]], action="pdf").status_code == 404
    response = client.post("/fulfilment/packing/print", data={"action": "pdf"})
    assert response.status_code == 303
    assert "출력할 배송건을 선택해 주세요." in client.get("/fulfilment/packing").get_data(as_text=True)


def test_print_needs_the_forms_csrf_token(app, client, auth, floor):
    app.config["WTF_CSRF_ENABLED"] = True
    token = csrf_token(client)
    client.post("/login", data={"login_id": "sellerAmaster", "password": "Passw0rd!", "csrf_token": token})
    assert post_print(client, [floor["first"]], action="pdf").status_code == 400
    token = csrf_token(client, "/fulfilment/packing")
    response = post_print(client, [floor["first"]], action="pdf", csrf_token=token)
    assert response.status_code == 200


def test_a_large_label_run_is_a_job_with_a_pdf_to_download(app, client, auth, floor, monkeypatch):
    from blueprints.fulfilment import printing

    monkeypatch.setattr(printing, "LABEL_JOB_THRESHOLD", 2)  # the real threshold is 300 labels
    auth.login()
    response = post_print(client, [floor["first"], floor["second"]], action="labels", layout="A3")
    assert response.status_code == 303 and "/jobs/" in response.location
    from portal.queues import wait_inline_jobs

    wait_inline_jobs(app)
    run = db.session.query(JobRun).order_by(JobRun.id.desc()).first()
    db.session.refresh(run)
    assert run.status_label == "완료" and run.result_name == "라벨_A3.pdf"
    pdf = client.get(f"/jobs/{run.id}/file")
    assert pdf.status_code == 200 and len(open_pdf(pdf.data)) == 1


def test_pages_list_the_shipments_with_layout_previews(client, auth, staff, floor):
    auth.login("sellerAstaff")
    html = client.get("/fulfilment/packing").get_data(as_text=True)
    assert "K2211070200001" in html and "K2211070200009" not in html
    assert "A11. [A4-8칸] 바코드+옵션코드(2줄X5)" in html
    labels = client.get("/fulfilment/labels").get_data(as_text=True)
    assert "/fulfilment/labels/preview/L10.png" in labels
    image = client.get("/fulfilment/labels/preview/L10.png")
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert client.get("/fulfilment/labels/preview/Z9.png").status_code == 404


def test_a_long_packing_list_is_a_job_too(app, client, auth, floor, monkeypatch):
    from blueprints.fulfilment import printing
    from portal.queues import wait_inline_jobs

    monkeypatch.setattr(printing, "PACKING_JOB_THRESHOLD", 1)  # the real threshold is 300 shipments
    auth.login()
    response = post_print(client, [floor["first"], floor["second"]], action="pdf")
    assert response.status_code == 303 and "/jobs/" in response.location
    wait_inline_jobs(app)
    run = db.session.query(JobRun).order_by(JobRun.id.desc()).first()
    db.session.refresh(run)
    assert run.status_label == "완료" and run.result_name == "팩킹리스트.pdf"
    doc = open_pdf(client.get(f"/jobs/{run.id}/file").data)
    assert "K2211070200002" in text_in(doc, 0, (0, 0, 210, 297))
