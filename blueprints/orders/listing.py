"""What every 주문관리 page shares: the filtered, paged list of lines, its Excel download and job answers."""
from flask import request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant

from .services import PRESETS, STAGES, RuleViolation, collection, queries, stage_label
from .services.couriers import couriers, name_of


def list_context(where: str, default_days: int = 7, stages=None, per_page: int = queries.PER_PAGE):
    """Filters, counts and one keyset page of lines, shared by every order list page."""
    tenant = current_tenant()
    error = None
    try:
        flt = queries.LineFilter.from_args(request.args, default_days, stages)
    except RuleViolation as exc:
        error = str(exc)
        flt = queries.LineFilter.from_args(MultiDict(), default_days, stages)  # the default period instead
    query = queries.line_query(tenant, flt)
    counts = queries.stage_counts(tenant, flt, query)
    page = queries.keyset_page(query, request.args, per_page, total=sum(counts.values()),
                               options=queries.LINE_LOADS)
    reveal = queries.reveal_requested(request.args, where, len(page.items))
    return {"query": query, "page": page, "counts": counts, "reveal": reveal, "error": error,
            "accounts": collection.accounts_of(tenant), "stages": STAGES, "presets": PRESETS,
            "couriers": couriers(), "fields": queries.SEARCH_FIELDS, "args": request.args,
            "may_reveal": queries.may_reveal(current_user), "Person": queries.Person,
            "stage_label": stage_label, "courier_name": name_of, "channel_name": collection.channel_name}


def maybe_export(ctx, filename: str, where: str):
    if request.args.get("format") != "xlsx":
        return None
    reveal = queries.reveal_requested(request.args, _("%(where)s 엑셀다운로드", where=where), ctx["page"].total)
    headers = [_(h) for h in queries.EXPORT_HEADERS]
    return xlsx_response(filename, headers, queries.export_rows(ctx["query"], reveal), where)
