"""판매상품관리: listings on the channels, sale periods and stock sync."""
from datetime import timedelta

from jobs.stock_sync import on_stock_changed, reconcile  # it imports this menu's services inside its functions
from portal.i18n import N_
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint
from portal.scheduling import Schedule
from portal.signals import stock_changed

from .demo import load_demo_listings
from .widgets import failed_links_tile

bp = menu_blueprint("sales", __name__)
plugin = MenuPlugin(
    name="sales", title=N_("판매상품관리"), order=20, blueprint=bp, duty=("products", "sales"),
    items=[
        MenuItem(N_("판매상품조회"), "sales.search"),
        MenuItem(N_("판매기간관리"), "sales.periods"),
        MenuItem(N_("판매종료관리"), "sales.ended"),
        MenuItem(N_("상품 연동현황"), "sales.link_status"),
        MenuItem(N_("재고연동이력"), "sales.stock_sync"),
    ],
    hints=[
        N_("제휴몰에 연동된 상품(판매상품)의 상태, 판매기간, 재고 연동 결과를 관리합니다."),
    ],
    demo_data=load_demo_listings,
    dashboard_widgets=[failed_links_tile],
    # Catches stock changed where no signal is sent (bulk modify, form edits) and failed pushes.
    schedules=[Schedule("sales-stock-reconcile", timedelta(minutes=10), reconcile,
                        N_("제휴몰 재고와 포털 재고가 다른 판매상품 다시 연동"))],
)

# Weak=False: the receiver is a module function that lives as long as the process anyway.
stock_changed.connect(on_stock_changed, weak=False)

from . import views  # noqa: F401  (routes attach to bp)


@bp.cli.command("reconcile-stock")
def reconcile_stock_command():
    """반영완료 판매상품 중 제휴몰 재고가 포털과 다른 것을 다시 연동합니다 (cron 등에서 주기 실행)."""
    from flask import current_app
    from flask_babel import gettext

    print(gettext("재고 연동 대상 %(n)s개를 다시 보냅니다.", n=reconcile(current_app._get_current_object())))
