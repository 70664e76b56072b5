"""데이터이전 서비스신청 routes: the per-account request list and the collection job."""
from flask import abort, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobs.data_migration import collect_listings
from portal.queues import enqueue
from portal.tenancy import current_tenant

from . import bp
from . import migration_services as services
from .services import RuleViolation


@bp.get("/migration")
def migration():
    from blueprints.sales.services.listings import channel_name

    return render_template("account/migration.html", rows=services.rows(current_tenant()), name_of=channel_name)


@bp.post("/migration")
def migration_request():
    tenant = current_tenant()
    try:
        requests = services.request_collection(tenant, request.form.getlist("account_id"))
    except RuleViolation as refused:
        return jsonify(error=str(refused)), 400
    except LookupError:
        abort(404)
    run = enqueue(collect_listings, kind=_("데이터이전 상품수집"), queue="channel", tenant_id=tenant.id,
                  user_id=current_user.id, request_ids=[r.id for r in requests])
    return jsonify(job=run.id, job_url=url_for("jobs.progress", run_id=run.id)), 202
