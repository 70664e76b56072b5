"""통계관리 routes: the six report pages, each with its chart, table and 엑셀 다운로드 of the same table."""
import click
from flask import render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant

from . import bp, services
from .periods import PRESETS, PeriodError, period_from

PAGES = {
    "by_period": (_l("기간별 매출통계"), "/period", [_l("일별·주별·월별로 주문일 기준 매출과 클레임일 기준 취소/반품 금액을 봅니다.")]),
    "by_channel": (_l("제휴몰별 매출통계"), "/channel", [_l("제휴몰 계정별 또는 제휴몰별로 묶어 봅니다. 수기주문은 판매 플랫폼별로 표시합니다.")]),
    "by_category": (_l("카테고리별 매출통계"), "/category", [_l("카테고리 이름을 누르면 한 단계 아래 카테고리로 들어갑니다.")]),
    "by_product": (_l("상품별 매출통계"), "/product", [_l("상품별 또는 옵션별로 봅니다. 수기주문은 SKU로 연결된 상품에 집계됩니다.")]),
    "by_region": (_l("지역별 매출통계"), "/region", [_l("수취인 주소의 시/도를 누르면 시/군/구별로 봅니다. 국외 주소는 해외/기타입니다.")]),
    "product_usage": (_l("상품별 이용현황"), "/usage", [_l("재고 소진 예상일은 현재 재고를 조회 기간의 하루 평균 판매수량(취소/반품 제외)으로 나눈 값입니다."),
                                               _l("조회수는 판매자 API로 조회수를 제공하는 제휴몰이 없어 표시하지 않습니다.")]),
}
COMMON_HINTS = [_l("매출액은 결제금액 기준이며 주문일(KST)에, 취소/반품 금액은 클레임일(KST)에 집계합니다. 순매출 = 매출액 - 취소/반품 금액."),
                _l("수집된 주문, 수기주문, 엑셀로 올린 주문을 모두 포함합니다. 교환은 매출에 영향을 주지 않습니다."),
                _l("원화가 아닌 통화의 금액은 원화 합계에 더하지 않고 통화별로 따로 표시합니다.")]


def _page(page: str):
    title, _path, hints = PAGES[page]
    title, hints = str(title), [str(h) for h in hints + COMMON_HINTS]
    tenant, error = current_tenant(), None
    try:
        period = period_from(request.args)
    except PeriodError as exc:
        error, period = str(exc), period_from(MultiDict())
    rep = services.report(tenant, page, period, services.Filters.from_args(request.args), request.args)
    if request.args.get("format") == "xlsx":
        return xlsx_response(f"{title}_{period.start}_{period.end}.xlsx", services.headers(rep),
                             services.table_rows(rep), title)
    return render_template("statistics/report.html", title=title, page=page, rep=rep, error=error,
                           hints=hints, presets=PRESETS, units=services.UNITS,
                           accounts=services.account_choices(tenant), categories=services.category_choices(),
                           args=request.args,
                           headers=services.headers(rep), cells=services.shown_rows(rep),
                           chart=services.chart_data(rep))


def _route(page: str, path: str):
    bp.add_url_rule(path, page, lambda: _page(page))


for _name, (_title, _path, _hints) in PAGES.items():
    _route(_name, _path)


@bp.cli.command("rebuild")
@click.option("--tenant", type=int, default=None, help="one seller's id (default: every seller)")
def rebuild_command(tenant):
    """Recompute the daily and monthly sales rollups of 통계관리 from the orders."""
    from .rollups import rebuild_rollups

    rebuild_rollups(tenant)
    click.echo("rollups rebuilt" if tenant is None else f"rollups of seller {tenant} rebuilt")
