"""마켓별 일괄 배송 통지 routes: the page, 송장번호전송(API) through the invoice outbox, and the per-channel
tracking-upload downloads of file-imported orders."""
from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.orders.services import RuleViolation
from blueprints.orders.services.invoices import start_send
from portal.i18n import ko
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant
from portal.web import job_response

from .. import bp
from . import services
from .layouts import channel_tracking_file


@bp.get("/notify")
def notify():
    tenant = current_tenant()
    files, given = services.file_orders(tenant), services.file_orders(tenant, again=True)
    return render_template("fulfilment/notify.html", files={c: len(rows) for c, rows in sorted(files.items())},
                           given={c: len(rows) for c, rows in sorted(given.items())},
                           numbered=services.numbered(tenant).count())


@bp.post("/notify/send")
def notify_send():
    """송장번호전송(API): stage the numbers, then 송장송신 sends each line once."""
    from jobs.fulfilment_notify import send_shipment_numbers  # jobs import the services

    tenant = current_tenant()
    staged = services.stage_api_orders(tenant, current_user, request.form.getlist("shipment_ids"))
    if not staged.line_ids:
        reasons = staged.refused[:20] or [_("전송할 송장번호가 없습니다. 국제 송장번호가 배정된 API 수집 주문이 없거나 이미 전송되었습니다.")]
        return jsonify(error="\n".join(reasons), done=staged.done), 400
    try:
        run = start_send(tenant, current_user, staged.line_ids, job=send_shipment_numbers)
    except RuleViolation as exc:
        return jsonify(error=str(exc)), 400
    return job_response(run)


@bp.get("/notify/download/<channel>")
def notify_download(channel: str):
    """The channel's file of the orders not given yet, stamped as given; ?again=1: every numbered file order of
    the channel again (a lost file), nothing stamped anew."""
    tenant, again = current_tenant(), request.args.get("again") == "1"
    rows = services.file_orders(tenant, again=again).get(channel, [])
    name, headers, lines = channel_tracking_file(channel, rows)
    if not again:
        services.file_downloaded(tenant, rows)
    return xlsx_response(name, headers, lines, ko("송장번호"))  # the sheet the channel reads
