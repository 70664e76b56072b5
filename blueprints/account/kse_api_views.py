"""기본정보관리 > KSE API: the master account makes API keys for its own system or forwarder (each shown once),
sees which exist and when they were last used, and revokes them."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.fulfilment.api import keys
from models import ForwarderApiKey
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query

from . import bp


def _page(new_key=None, error=None, status=200):
    rows = tenant_query(ForwarderApiKey).order_by(ForwarderApiKey.id.desc()).all()
    return render_template("account/kse_api.html", rows=rows, new_key=new_key, error=error,
                           api_base=url_for("kse_api.shipments", _external=True).rsplit("/", 1)[0]), status


@bp.get("/kse-api")
def kse_api():
    return _page()


@bp.post("/kse-api")
def kse_api_create():
    try:
        row, plain = keys.create(current_tenant(), current_user, request.form.get("name", ""))
    except keys.Refused as exc:
        return _page(error=str(exc), status=400)
    # Shown in this answer only (never flashed: the session cookie is signed, not secret).
    return _page(new_key={"name": row.name, "key": plain})


@bp.post("/kse-api/<int:key_id>/revoke")
def kse_api_revoke(key_id: int):
    row = get_owned_or_404(ForwarderApiKey, key_id)
    try:
        keys.revoke(row, current_user)
    except keys.Refused as exc:
        flash(str(exc), "error")
    else:
        flash(_("API 키 %(name)s 을(를) 폐기했습니다. 이 키로 오는 요청은 더 이상 받지 않습니다.", name=row.name), "success")
    return redirect(url_for("account.kse_api")), 303
