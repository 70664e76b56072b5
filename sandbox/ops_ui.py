"""Operator pages of the sandbox (/_ops/): shops, orders and the journal; play buyer and courier."""
from __future__ import annotations

import time

from flask import Blueprint, redirect, render_template_string, request, url_for

from .common import fmt_kst, store
from .ops import CUSTOMER_ACTIONS, FAULT_KINDS
from .store import Refused

bp = Blueprint("sandbox_ops_ui", __name__, url_prefix="/_ops")

STATUS_KO = {"NEW": "신규주문", "CONFIRMED": "발주확인", "SHIPPING": "배송중",
             "DELIVERED": "배송완료", "PURCHASE_DECIDED": "구매확정",
             "CANCEL_REQUESTED": "취소요청", "CANCELED": "취소완료",
             "RETURN_REQUESTED": "반품요청", "RETURNED": "반품완료",
             "EXCHANGE_REQUESTED": "교환요청", "EXCHANGED": "교환완료"}
ACTION_KO = {"deliver": "배송완료 처리", "cancel": "고객 취소요청", "return": "고객 반품요청",
             "exchange": "고객 교환요청", "decide": "구매확정"}

PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8">
<title>샌드박스 마켓 운영</title>
<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1em}
td,th{border:1px solid #ccc;padding:3px 6px;font-size:13px}
form{display:inline}.msg{color:#a00}</style></head>
<body><h1>샌드박스 마켓 운영</h1>
<p>샌드박스 시각: {{ now }} · <a href="{{ url_for('sandbox_ops_ui.index') }}">상점 목록</a></p>
{% if msg %}<p class="msg">{{ msg }}</p>{% endif %}
{% if shop %}
<h2>{{ shop.name }} ({{ shop.protocol }} / {{ shop.channel }})</h2>
<h3>주문</h3><table><tr><th>주문번호</th><th>주문일시</th><th>수취인</th><th>주문상품번호</th>
<th>상품</th><th>수량</th><th>상태</th><th>송장</th><th>고객/택배 동작</th></tr>
{% for o in orders %}{% for l in o.lines %}<tr><td>{{ o.order_no }}</td>
<td>{{ fmt(o.created_at) }}</td><td>{{ o.recipient_name }}</td><td>{{ l.line_no }}</td>
<td>{{ l.product_name }}</td><td>{{ l.qty }}</td>
<td>{{ status_ko.get(l.status, l.status) }}</td><td>{{ l.courier }} {{ l.tracking }}</td><td>
{% for a in actions %}<form method="post" action="{{ url_for('sandbox_ops_ui.act', shop_id=shop.id,
 line_no=l.line_no, action=a) }}"><button>{{ action_ko[a] }}</button></form>{% endfor %}</td></tr>
{% endfor %}{% endfor %}</table>
<form method="post" action="{{ url_for('sandbox_ops_ui.new_order', shop_id=shop.id) }}">
상품명 <input name="product_name" value="샘플 상품"> 수량 <input name="qty" value="1" size="3">
단가 <input name="unit_price" value="10000" size="7"> <button>주문 생성</button></form>
<form method="post" action="{{ url_for('sandbox_ops_ui.new_inquiry', shop_id=shop.id) }}">
문의 <input name="question" value="언제 발송되나요?"> <button>고객 문의 등록</button></form>
{% else %}
<h2>상점</h2><table><tr><th>번호</th><th>이름</th><th>프로토콜</th><th>제휴몰</th>
<th>초당 호출 한도</th></tr>
{% for s in shops %}<tr><td>{{ s.id }}</td><td><a href="{{ url_for('sandbox_ops_ui.shop_page',
 shop_id=s.id) }}">
{{ s.name }}</a></td><td>{{ s.protocol }}</td><td>{{ s.channel }}</td><td>{{ s.rate }}</td></tr>
{% endfor %}</table>
<form method="post" action="{{ url_for('sandbox_ops_ui.seed') }}"><button>데모 상점 만들기</button>
</form>
{% endif %}
<h3>시계 · 장애 주입</h3>
<form method="post" action="{{ url_for('sandbox_ops_ui.clock') }}">시간
<input name="hours" value="1" size="3">
<button>시계 앞당기기</button></form>
<form method="post" action="{{ url_for('sandbox_ops_ui.fault') }}">경로 포함
<input name="path_contains" value="/confirm">
종류 <select name="kind">{% for k in fault_kinds %}<option>{{ k }}</option>{% endfor %}</select>
횟수 <input name="count" value="1" size="2"> <button>장애 예약</button></form>
<h3>수신 기록 (최근 30건)</h3>
<table><tr><th>시각</th><th>메서드</th><th>경로</th><th>상태</th><th>내용</th></tr>
{% for j in journal %}<tr><td>{{ fmt(j.at) }}</td><td>{{ j.method }}</td><td>{{ j.path }}</td>
<td>{{ j.status }}</td>
<td>{{ j.summary }}</td></tr>{% endfor %}</table></body></html>"""


def _render(shop=None, msg=""):
    orders = []
    if shop:
        orders = store().with_lines(store().q(
            "select * from orders where shop_id=? order by created_at desc, id desc limit 50",
            (shop["id"],)))
    return render_template_string(
        PAGE, shop=shop, shops=store().shops(), orders=orders, journal=store().journal(30), msg=msg,
        now=fmt_kst(store().now(), "%Y-%m-%d %H:%M:%S"), fmt=lambda t: fmt_kst(t, "%m-%d %H:%M"),
        status_ko=STATUS_KO, actions=CUSTOMER_ACTIONS, action_ko=ACTION_KO, fault_kinds=FAULT_KINDS)


@bp.get("/")
def index():
    return _render(msg=request.args.get("msg", ""))


@bp.get("/shops/<int:shop_id>")
def shop_page(shop_id):
    return _render(store().shop(shop_id), request.args.get("msg", ""))


@bp.post("/seed")
def seed():
    from flask import current_app

    from .seed import seed_demo

    created = seed_demo(current_app)
    return redirect(url_for(".index", msg=f"데모 상점 {len(created)}개를 만들었습니다."))


@bp.post("/shops/<int:shop_id>/orders")
def new_order(shop_id):
    f = request.form
    store().add_order(shop_id,
                      [{"product_name": f.get("product_name", "샘플 상품"),
                        "qty": int(f.get("qty", 1)),
                                 "unit_price": int(f.get("unit_price", 10000))}])
    return redirect(url_for(".shop_page", shop_id=shop_id, msg="주문을 만들었습니다."))


@bp.post("/shops/<int:shop_id>/inquiries")
def new_inquiry(shop_id):
    store().add_inquiry(shop_id, request.form.get("question", "문의드립니다."))
    return redirect(url_for(".shop_page", shop_id=shop_id, msg="문의를 등록했습니다."))


@bp.post("/shops/<int:shop_id>/lines/<line_no>/<action>")
def act(shop_id, line_no, action):
    line = store().line(shop_id, line_no)
    msg = f"{ACTION_KO.get(action, action)} 완료"
    try:
        if line is None or action not in CUSTOMER_ACTIONS:
            raise Refused("존재하지 않는 주문입니다.")
        store().customer_action(line, action, "INTENT_CHANGED", "운영 화면에서 요청")
    except Refused as exc:
        msg = exc.reason
    return redirect(url_for(".shop_page", shop_id=shop_id, msg=msg))


@bp.post("/clock")
def clock():
    store().advance_clock(float(request.form.get("hours", 1)) * 3600)
    return redirect(url_for(".index", msg=f"시계를 앞당겼습니다 ({time.strftime('%H:%M:%S')})."))


@bp.post("/faults")
def fault():
    f = request.form
    if f.get("kind") in FAULT_KINDS and f.get("path_contains"):
        store().add_fault(f["kind"], f["path_contains"], "", int(f.get("count", 1)),
                          float(f.get("delay", 0)))
        return redirect(url_for(".index", msg="장애를 예약했습니다."))
    return redirect(url_for(".index", msg="장애 종류와 경로를 확인해 주세요."))
