"""The warehouse's side in the support panel: receipts, picking and shipping, refusals, 재고조정, 쿠팡창고."""
import io

from flask import abort, flash, redirect, request, send_file, url_for
from flask_admin import BaseView, expose
from flask_babel import lazy_gettext as _l
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from python_calamine import CalamineWorkbook

from models import CoupangCentre, InboundRequest, OutboundRequest, StockLedger, Tenant, WarehouseItem
from models.warehouse import (IN_PARTIAL, IN_WAITING, ITEM_ACTIVE, ITEM_REFUSED, OUT_PICKING,
                              OUT_REQUESTED)
from portal.admin import SupportOnly
from portal.extensions import db
from portal.services.excel import xlsx_response

from .services import TRANSPORTS, WAREHOUSES, RuleViolation, files, inbound, outbound, stock

RECEIPT_MAX_BYTES = 5 * 1024 * 1024


class WarehouseDesk(SupportOnly, BaseView):
    """창고 작업: what the warehouse has to do today, across every seller."""

    def _back(self, endpoint, **kw):
        return redirect(url_for(f".{endpoint}", **kw))

    @expose("/")
    def index(self):
        inbound_open = (InboundRequest.query.filter(InboundRequest.status.in_((IN_WAITING, IN_PARTIAL)))
                        .order_by(InboundRequest.id).limit(200).all())
        outbound_open = (OutboundRequest.query.filter(OutboundRequest.status.in_((OUT_REQUESTED, OUT_PICKING)))
                         .order_by(OutboundRequest.id).limit(200).all())
        return self.render("warehouse/admin_desk.html", inbound_open=inbound_open,
                           outbound_open=outbound_open, in_labels=inbound.STATUS_LABELS,
                           out_labels=outbound.STATUS_LABELS, transports=TRANSPORTS,
                           tenants={t.id: t.name for t in Tenant.query.filter_by(warehouse_enabled=True)})

    # --- 입고 ----------------------------------------------------------------------------------
    @expose("/inbound/<int:inbound_id>")
    def inbound_detail(self, inbound_id):
        found = db.get_or_404(InboundRequest, inbound_id)
        return self.render("warehouse/admin_inbound.html", req=found, labels=inbound.STATUS_LABELS,
                           warehouses=WAREHOUSES, tenant=db.session.get(Tenant, found.tenant_id))

    @expose("/inbound/<int:inbound_id>/receive", methods=["POST"])
    def inbound_receive(self, inbound_id):
        found = db.get_or_404(InboundRequest, inbound_id)
        counted = {line.id: request.form.get(f"counted-{line.id}", "") for line in found.lines}
        try:
            total = inbound.receive(found, counted, current_user)
        except RuleViolation as refused:
            db.session.rollback()
            flash(str(refused), "error")
        else:
            flash(_("%(no)s: %(n)d개 입고를 확정했습니다.", no=found.no, n=total), "success")
        return self._back("inbound_detail", inbound_id=inbound_id)

    @expose("/inbound/<int:inbound_id>/refuse", methods=["POST"])
    def inbound_refuse(self, inbound_id):
        found = db.get_or_404(InboundRequest, inbound_id)
        try:
            inbound.refuse(found, request.form.get("reason", ""))
        except RuleViolation as refused:
            flash(str(refused), "error")
        else:
            flash(_("%(no)s 입고신청을 거부했습니다.", no=found.no), "success")
        return self._back("inbound_detail", inbound_id=inbound_id)

    @expose("/receipts", methods=["POST"])
    def receipts_upload(self):
        """입고결과 엑셀: a day's receipts in one sheet (입고신청번호, 바코드, 입고수량)."""
        upload = request.files.get("file")
        if upload is None or not (upload.filename or "").lower().endswith(".xlsx"):
            flash(_("엑셀 파일(xlsx)만 업로드할 수 있습니다."), "error")
            return self._back("index")
        data = upload.stream.read(RECEIPT_MAX_BYTES + 1)
        if len(data) > RECEIPT_MAX_BYTES or not data.startswith(b"PK\x03\x04"):
            flash(_("5MB 이하의 엑셀 파일(xlsx)만 업로드할 수 있습니다."), "error")
            return self._back("index")
        try:
            sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
            table = sheet.to_python(skip_empty_area=False)
        except Exception:  # noqa: BLE001  (a broken file is the user's answer, not a 500)
            flash(_("엑셀 파일을 읽을 수 없습니다. 양식을 내려받아 다시 작성해 주세요."), "error")
            return self._back("index")
        if not table or [str(c).strip() for c in table[0][:3]] != inbound.RECEIPT_HEADERS:
            flash(_("첫 행은 입고신청번호, 바코드, 입고수량 이어야 합니다. 양식을 내려받아 작성해 주세요."), "error")
            return self._back("index")
        rows = [(number, [_cell(c) for c in row]) for number, row in enumerate(table[1:], start=2)]
        try:
            total = inbound.receipt_results(rows, current_user)
        except RuleViolation as refused:
            db.session.rollback()
            for line in str(refused).splitlines():
                flash(line, "error")
            flash(_("오류가 있는 행이 있어 아무 것도 반영하지 않았습니다."), "error")
        else:
            flash(_("입고결과 %(n)d개를 반영했습니다.", n=total), "success")
        return self._back("index")

    @expose("/receipts/template")
    def receipts_template(self):
        rows = ([r.no, ln.item.fnsku, ""] for r in InboundRequest.query.filter(
            InboundRequest.status.in_((IN_WAITING, IN_PARTIAL))).order_by(InboundRequest.id) for ln in r.lines)
        return xlsx_response(_("입고결과.xlsx"), inbound.RECEIPT_HEADERS, rows, _("입고결과"))

    # --- 출고 ----------------------------------------------------------------------------------
    @expose("/outbound/<int:outbound_id>")
    def outbound_detail(self, outbound_id):
        found = db.get_or_404(OutboundRequest, outbound_id)
        return self.render("warehouse/admin_outbound.html", req=found, labels=outbound.STATUS_LABELS,
                           transports=TRANSPORTS, tenant=db.session.get(Tenant, found.tenant_id))

    def _outbound_action(self, outbound_id, act, done: str):
        found = db.get_or_404(OutboundRequest, outbound_id)
        try:
            act(found)
        except RuleViolation as refused:
            db.session.rollback()
            flash(str(refused), "error")
        else:
            flash(done % {"no": found.no}, "success")
        return self._back("outbound_detail", outbound_id=outbound_id)

    @expose("/outbound/<int:outbound_id>/pick", methods=["POST"])
    def outbound_pick(self, outbound_id):
        return self._outbound_action(outbound_id, outbound.pick, _("%(no)s 피킹을 시작했습니다."))

    @expose("/outbound/<int:outbound_id>/ship", methods=["POST"])
    def outbound_ship(self, outbound_id):
        return self._outbound_action(outbound_id, lambda r: outbound.ship(r, request.form.get("tracking_no", "")),
                                     _("%(no)s 출고를 완료했습니다."))

    @expose("/outbound/<int:outbound_id>/refuse", methods=["POST"])
    def outbound_refuse(self, outbound_id):
        return self._outbound_action(
            outbound_id, lambda r: outbound.refuse(r, request.form.get("reason", ""), current_user),
            _("%(no)s 출고신청을 거부했습니다. 재고가 돌아갔습니다."))

    @expose("/outbound/<int:outbound_id>/attachment")
    def outbound_attachment(self, outbound_id):
        found = db.get_or_404(OutboundRequest, outbound_id)
        path = files.path_for(found.tenant_id, found.attachment)
        if path is None:
            abort(404)
        return send_file(path, as_attachment=True, download_name=found.attachment_name or found.attachment)

    # --- 상품 / 재고 -----------------------------------------------------------------------------
    @expose("/items/<int:item_id>")
    def item_detail(self, item_id):
        item = db.get_or_404(WarehouseItem, item_id)
        ledger = (StockLedger.query.filter_by(tenant_id=item.tenant_id, item_id=item.id)
                  .order_by(StockLedger.id.desc()).limit(100).all())
        return self.render("warehouse/admin_item.html", item=item, ledger=ledger, warehouses=WAREHOUSES,
                           tenant=db.session.get(Tenant, item.tenant_id), ITEM_ACTIVE=ITEM_ACTIVE,
                           reasons=stock.REASON_LABELS)

    @expose("/items/<int:item_id>/image")
    def item_image(self, item_id):
        item = db.get_or_404(WarehouseItem, item_id)
        path = files.path_for(item.tenant_id, item.image)
        if path is None:
            abort(404)
        return send_file(path, mimetype="image/jpeg")

    @expose("/items/<int:item_id>/refuse", methods=["POST"])
    def item_refuse(self, item_id):
        item = db.get_or_404(WarehouseItem, item_id)
        reason = request.form.get("reason", "").strip()
        if not reason:
            flash(_("거부 사유를 입력해 주세요."), "error")
        elif item.available:
            flash(_("재고가 있는 상품은 거부할 수 없습니다."), "error")
        else:
            item.status, item.refused_reason = ITEM_REFUSED, reason[:200]
            db.session.commit()
            flash(_("상품정보 %(code)s 을(를) 거부했습니다.", code=item.fnsku), "success")
        return self._back("item_detail", item_id=item_id)

    @expose("/items/<int:item_id>/adjust", methods=["POST"])
    def item_adjust(self, item_id):
        item = db.get_or_404(WarehouseItem, item_id)
        try:
            stock.adjust(item.tenant_id, item.id, request.form.get("counted", ""),
                         request.form.get("memo", ""), current_user)
        except RuleViolation as refused:
            db.session.rollback()
            flash(str(refused), "error")
        else:
            flash(_("재고를 조정했습니다."), "success")
        return self._back("item_detail", item_id=item_id)


def _cell(value) -> str:
    """Excel hands numbers back as floats: 12.0 is the 12 the worker typed."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def add_admin_views(admin, base_view) -> None:
    class CoupangCentreView(base_view):
        """쿠팡창고: the list a milk-run chooses from; support keeps it current."""

        column_list = ("code", "name", "address", "active")
        column_details_list = column_export_list = column_list
        form_columns = column_list
        column_labels = {"code": _l("센터코드"), "name": _l("쿠팡창고"), "address": _l("주소"), "active": _l("사용")}
        column_searchable_list = ("code", "name")
        can_create = can_edit = True

    class ItemView(base_view):
        column_list = ("id", "tenant_id", "fnsku", "warehouse", "owner_name", "name_zh", "status",
                       "available", "created_at")
        column_details_list = column_export_list = column_list
        column_filters = ("status", "warehouse", "tenant_id")
        column_searchable_list = ("fnsku", "name_zh", "seller_sku")
        # Labels are read when the panel is built, outside any request: plain, like the core's views.
        column_labels = {"tenant_id": _l("회사번호"), "fnsku": _l("바코드"), "warehouse": _l("창고"),
                         "owner_name": _l("화주"), "name_zh": _l("중문상품명"), "status": _l("상태"),
                         "available": _l("가용재고"), "created_at": _l("신청일")}
        column_formatters = {"fnsku": lambda v, c, m, p: _item_link(m)}
        can_create = can_edit = False

    admin.add_view(WarehouseDesk(name=_l("창고 작업"), endpoint="warehouse_desk", category=_l("창고관리")))
    admin.add_view(ItemView(WarehouseItem, db, name=_l("창고 상품정보"), endpoint="warehouse_items", category=_l("창고관리")))
    admin.add_view(CoupangCentreView(CoupangCentre, db, name=_l("쿠팡창고"), endpoint="coupang_centres",
                                     category=_l("창고관리")))


def _item_link(item):
    return Markup('<a href="{}">{}</a>').format(url_for("warehouse_desk.item_detail", item_id=item.id), item.fnsku)
