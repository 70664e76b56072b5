"""Operator JSON API of the sandbox under /_ops/api: shops, orders, buyer actions, clock, faults."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from .common import parse_time, store
from .seed import seed_demo
from .store import Refused

bp = Blueprint("sandbox_ops", __name__, url_prefix="/_ops/api")
FAULT_KINDS = ("timeout", "error_500", "error_503", "rate_limit", "apply_then_504")
CUSTOMER_ACTIONS = ("deliver", "cancel", "return", "exchange", "decide")


def public_shop(shop):
    """Shops without their keys: the operator API never hands secrets back."""
    return {"id": shop["id"], "protocol": shop["protocol"], "channel": shop["channel"],
            "name": shop["name"],
            "rate": shop["rate"], "burst": shop["burst"], "key_names": sorted(shop["keys"])}


def _shop_or_404(shop_id):
    shop = store().shop(shop_id)
    if shop is None:
        return None, (jsonify(error="존재하지 않는 상점입니다."), 404)
    return shop, None


def _body():
    return request.get_json(silent=True) or {}


@bp.get("/shops")
def shops():
    return jsonify(shops=[public_shop(s) for s in store().shops()])


@bp.post("/shops")
def create_shop():
    b = _body()
    protocols = ("naver", "coupang", "11st", "esm", "qoo10", "rakuten", "amazonjp", "generic")
    if b.get("protocol") not in protocols or not b.get("keys"):
        return jsonify(error=f"protocol({'|'.join(protocols)})과 keys가 필요합니다."), 400
    shop_id = store().add_shop(b["protocol"], b.get("channel") or b["protocol"],
                               b.get("name") or "새 상점",
                               b["keys"], float(b.get("rate", 200)), float(b.get("burst", 400)))
    return jsonify(shop=public_shop(store().shop(shop_id))), 201


@bp.post("/reset")
def reset():
    store().reset()
    current_app.extensions["sandbox_buckets"] = {}
    created = seed_demo(current_app) if _body().get("seed", True) else []
    return jsonify(shops=[public_shop(s) for s in created])


@bp.post("/seed-demo")
def seed():
    return jsonify(created=[public_shop(s) for s in seed_demo(current_app)])


@bp.post("/shops/<int:shop_id>/rate")
def set_rate(shop_id):
    b = _body()
    store().run("update shops set rate=?, burst=? where id=?",
                (float(b.get("rate", 200)), float(b.get("burst", 400)), shop_id))
    current_app.extensions.get("sandbox_buckets", {}).pop(shop_id, None)
    return jsonify(shop=public_shop(store().shop(shop_id)))


@bp.post("/shops/<int:shop_id>/categories")
def add_category(shop_id):
    b = _body()
    store().add_category(shop_id, b["cat_id"], b["name"], b.get("parent_id"), bool(b.get("leaf")))
    return jsonify(result="OK"), 201


@bp.post("/shops/<int:shop_id>/products")
def add_product(shop_id):
    b = _body()
    p = store().add_product(shop_id, b.get("name", "샘플 상품"), int(b.get("price", 10000)),
                            int(b.get("stock", 10)), str(b.get("category_id", "")),
                            b.get("seller_code", ""))
    return jsonify(product=p), 201


@bp.get("/shops/<int:shop_id>/products")
def products(shop_id):
    return jsonify(products=store().products(shop_id))


@bp.get("/shops/<int:shop_id>/products/<product_no>")
def product(shop_id, product_no):
    p = store().product(shop_id, product_no)
    return (jsonify(product=p), 200) if p else (jsonify(error="존재하지 않는 상품입니다."), 404)


@bp.post("/shops/<int:shop_id>/products/<product_no>/status")
def product_status(shop_id, product_no):
    """What the marketplace's own staff or seller center does: stop, close or reopen a product."""
    status = (request.get_json(silent=True) or {}).get("status")
    if status not in ("SALE", "SUSPENSION", "CLOSE", "OUTOFSTOCK"):
        return jsonify(error="status 값이 올바르지 않습니다."), 400
    try:
        store().set_product_status(shop_id, product_no, status)
    except Refused as exc:
        return jsonify(error=exc.reason), 404
    return jsonify(product=store().product(shop_id, product_no))


@bp.post("/shops/<int:shop_id>/orders")
def add_order(shop_id):
    shop, err = _shop_or_404(shop_id)
    if err:
        return err
    b = _body()
    if b.get("created_at"):
        created = parse_time(b["created_at"])
    else:
        created = store().now() - float(b.get("hours_ago", 0)) * 3600
    lines = b.get("lines") or [{"product_name": "샘플 상품", "qty": 1, "unit_price": 10000}]
    info = {k: v for k, v in b.items() if k not in ("created_at", "hours_ago", "lines")}
    return jsonify(order=store().add_order(shop_id, lines, created_at=created, **info)), 201


@bp.get("/shops/<int:shop_id>/orders")
def orders(shop_id):
    return jsonify(orders=store().with_lines(
        store().q("select * from orders where shop_id=? order by created_at, id", (shop_id,))))


@bp.get("/shops/<int:shop_id>/lines/<line_no>")
def line(shop_id, line_no):
    row = store().line(shop_id, line_no)
    if row is None:
        return jsonify(error="존재하지 않는 주문입니다."), 404
    return jsonify(line=row, claims=store().claims_for_line(row["id"]))


@bp.post("/shops/<int:shop_id>/lines/<line_no>/<action>")
def customer_action(shop_id, line_no, action):
    """What a buyer or the courier does: deliver, cancel, return, exchange, decide (구매확정)."""
    row = store().line(shop_id, line_no)
    if row is None or action not in CUSTOMER_ACTIONS:
        return jsonify(error="존재하지 않는 주문 또는 처리입니다."), 404
    try:
        store().customer_action(row, action, _body().get("reason", ""), _body().get("detail", ""))
    except Refused as exc:
        return jsonify(error=exc.reason), 409
    row = store().line(shop_id, line_no)
    return jsonify(line=row, claims=store().claims_for_line(row["id"]))


@bp.post("/shops/<int:shop_id>/inquiries")
def add_inquiry(shop_id):
    b = _body()
    created = store().now() - float(b.get("hours_ago", 0)) * 3600
    row = store().add_inquiry(shop_id, b.get("question", "문의드립니다."), b.get("product_no", ""),
                              b.get("product_name", ""), b.get("order_no", ""),
                              writer=b.get("writer", "buy***"), created_at=created,
                              kind="callcenter" if b.get("kind") == "callcenter" else "qna")
    return jsonify(inquiry=row), 201


@bp.patch("/shops/<int:shop_id>/inquiries/<inquiry_no>")
def edit_inquiry(shop_id, inquiry_no):
    """The buyer edits the question, or the seller answers it in the channel's own screen."""
    row = store().inquiry(shop_id, inquiry_no)
    if row is None:
        return jsonify(error="존재하지 않는 문의입니다."), 404
    b = _body()
    if "question" in b:
        store().run("update inquiries set question=? where id=?", (b["question"], row["id"]))
    if "answer" in b:
        store().answer(row, b["answer"])
    return jsonify(inquiry=store().inquiry(shop_id, inquiry_no))


@bp.get("/shops/<int:shop_id>/inquiries/<inquiry_no>")
def inquiry(shop_id, inquiry_no):
    row = store().inquiry(shop_id, inquiry_no)
    return (jsonify(inquiry=row), 200) if row else (jsonify(error="존재하지 않는 문의입니다."), 404)


@bp.post("/shops/<int:shop_id>/notices")
def add_notice(shop_id):
    b = _body()
    return jsonify(notice=store().add_notice(shop_id, b.get("title", "공지"), b.get("body", ""),
                                             bool(b.get("important")))), 201


@bp.get("/clock")
def clock():
    return jsonify(now=store().now())


@bp.post("/clock")
def move_clock():
    b = _body()
    seconds = float(b.get("advance_seconds", 0)) + float(b.get("advance_hours", 0)) * 3600
    store().advance_clock(seconds)
    return jsonify(now=store().now())


@bp.post("/faults")
def add_fault():
    b = _body()
    if b.get("kind") not in FAULT_KINDS or not b.get("path_contains"):
        return jsonify(error=f"kind는 {', '.join(FAULT_KINDS)} 중 하나이고 path_contains가 "
                       "필요합니다."), 400
    fid = store().add_fault(b["kind"], b["path_contains"], b.get("method", ""),
                            int(b.get("count", 1)), float(b.get("delay", 0)))
    return jsonify(fault_id=fid), 201


@bp.delete("/faults")
def clear_faults():
    store().run("delete from faults")
    return jsonify(result="OK")


@bp.get("/journal")
def journal():
    return jsonify(journal=store().journal(int(request.args.get("limit", 100))))
