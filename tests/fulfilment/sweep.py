"""Ids of 배송관리 rows for the URL-map sweep: one manual order of seller A naming its product, and one
upload of seller A with a failed row (its 주문 서식 도우미)."""
import os

from flask import current_app

from blueprints.fulfilment import helper
from models import JobRun, ManualOrder, ManualOrderLine, Product
from portal.extensions import db
from portal.services.excel import write_workbook


def owned_args(tenant) -> dict:
    product = Product(tenant_id=tenant.id, own_code="SKU-1", name="스윕 상품", code=f"2026120199{tenant.id:05d}")
    db.session.add(product)
    db.session.flush()
    order = ManualOrder(tenant_id=tenant.id, platform="스윕몰", order_no="M-1", recipient_name="홍길동",
                        recipient_phone="010-1234-5678", zip_code="04524", address="서울특별시 중구 세종대로 110")
    order.lines = [ManualOrderLine(tenant_id=tenant.id, sku="SKU-1", quantity=1, product_id=product.id)]
    db.session.add(order)
    db.session.commit()
    run = JobRun(kind=helper.KIND, func="jobs.manual_orders.import_manual_orders", tenant_id=tenant.id,
                 status="done", result_file="run-sweep-upload.xlsx", result_name="수기주문_업로드_실패.xlsx")
    db.session.add(run)
    db.session.commit()
    folder = os.path.join(current_app.config["JOB_FILES_DIR"], str(tenant.id))
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, run.result_file)
    write_workbook(path, ["주문번호", "SKU", helper.SUGGESTION, helper.REASON],
                   [["M-2", "NOPE", "", "등록되지 않은 SKU입니다: NOPE (상품정보관리의 자체상품코드 또는 상품코드를 입력해 주세요)"]])
    helper.write_sidecar(path, "스윕몰", "", {"order_no": 0, "sku": 1})
    return {"manual_id": order.id, "upload_id": run.id, **shipment_args(tenant)}


def shipment_args(tenant) -> dict:
    """A shipment of seller A (with its order) and a gift SKU, an event, a 배송문의 thread, a KSE API key and an
    SKU upload's failure file."""
    from models import ForwarderApiKey, GiftEvent, GiftEventGift, ShipmentInquiry, WaitingGift

    from .shipments import make_shipment, make_sku

    shipment = make_shipment(tenant, status="B00")  # shipped: its 수출신고 page opens too
    gift = make_sku(tenant, "SWEEP-GIFT", "스윕 사은품", gift=True)
    event = GiftEvent(tenant_id=tenant.id, name="스윕 이벤트",
                      gifts=[GiftEventGift(tenant_id=tenant.id, sku_id=gift.id, quantity=1)])
    inquiry = ShipmentInquiry(tenant_id=tenant.id, shipment_id=shipment.id, kind="other", title="스윕 문의")
    key = ForwarderApiKey(tenant_id=tenant.id, name="스윕 키", key_hash="0" * 64, prefix="kse_sweep")
    db.session.add_all([event, inquiry, key])
    db.session.flush()
    waiting_gift = WaitingGift(tenant_id=tenant.id, order_id=shipment.orders[0].id, cart_no=shipment.cart_no,
                               sku_id=gift.id, quantity=1)
    db.session.add(waiting_gift)
    db.session.commit()
    folder = os.path.join(current_app.config["JOB_FILES_DIR"], str(tenant.id), "sku_failures")
    os.makedirs(folder, exist_ok=True)
    write_workbook(os.path.join(folder, "0123456789abcdef.xlsx"), ["SKU", "실패사유"], [["X", "스윕"]])
    return {"shipment_id": shipment.id, "order_id": shipment.orders[0].id, "sku_id": gift.id, "event_id": event.id,
            "shipment_inquiry_id": inquiry.id, "key_id": key.id, "token": "0123456789abcdef",
            "waiting_gift_id": waiting_gift.id}


PUBLIC_ARGS = {"receipt_no": "K2612040000001", "channel": "qoo10jp", "layout": "L6"}
