"""배송관리 route: 송장 파일 내려받기, file orders' tracking numbers in the channel's own upload format."""
from flask import Response, render_template, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from blueprints.orders.services import RuleViolation, day_range
from portal.tenancy import current_tenant

from . import bp, invoice_files


@bp.get("/manual/invoice-file")
def invoice_file():
    tenant = current_tenant()
    known = invoice_files.platforms(tenant.id)
    platform = request.args.get("platform") or (known[0] if known else "")
    chosen = invoice_files.BY_LAYOUT.get(request.args.get("layout", "")) or invoice_files.layout_for(platform)
    error = None
    try:
        start, end = day_range(request.args, default_days=30)
    except RuleViolation as exc:
        error = str(exc)
        start, end = day_range(MultiDict(), default_days=30)
    rows = invoice_files.items(tenant.id, platform, start, end) if platform else []
    if request.args.get("download") == "1" and not error:
        if chosen is None:
            error = _("내려받을 제휴몰 양식을 선택해 주세요.")
        elif not rows:
            error = _("송장이 등록된 파일 주문이 없습니다. 주문관리 > 송장개별등록 또는 송장대량등록에서 먼저 송장을 "
                      "저장해 주세요.")
        else:
            body = invoice_files.write(chosen, rows)
            kind = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "csv": f"text/csv; charset={chosen.encoding}",
                    "tsv": f"text/tab-separated-values; charset={chosen.encoding}"}[chosen.kind]
            return Response(body, mimetype=kind.split(";")[0], headers={
                "Content-Type": kind, "Content-Disposition": f"attachment; filename={chosen.filename}"})
    return render_template("fulfilment/invoice_file.html", platforms=known, platform=platform, chosen=chosen,
                           layouts=invoice_files.LAYOUTS, rows=rows, start=start, end=end,
                           error=error), 400 if error else 200
