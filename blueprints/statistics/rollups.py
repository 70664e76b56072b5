"""The facts of a period read from the daily rollups (models.stat_rollup), summed per page's keys by the database."""
from datetime import date

from sqlalchemy import case, func, or_

from models import Product, StatDaily, StatDailyProduct
from portal.extensions import db

from .facts import Fact
from .periods import Period


def rollup_facts(tenant_id: int, period: Period, products: bool, by_day: bool) -> list[Fact]:
    """Facts of the period and of the previous one, one per rollup key: per product and option (products)
    or per region words, per KST day (by_day) or per period (dated on the period's first day)."""
    previous = period.previous()
    table = StatDailyProduct if products else StatDaily
    day = table.day if by_day else case((table.day >= period.start, 1), else_=0)
    keys = [table.kind, table.currency, table.account, day]
    if products:
        name_key = case((table.product_id.is_(None), table.product_name), else_="")
        keys += [table.product_id, name_key, table.option_name, Product.name, Product.category_code,
                 Product.category_path]
        extra = [func.max(table.product_name), func.sum(table.product_orders), func.sum(table.option_orders)]
    else:
        keys += [table.region]
        extra = []
    query = (db.session.query(*keys, func.sum(table.quantity), func.sum(table.amount), func.sum(table.orders), *extra)
             .filter(table.tenant_id == tenant_id, table.day >= previous.start, table.day <= period.end,
                     or_(table.day <= previous.end, table.day >= period.start))
             .group_by(*keys))
    if products:
        query = query.outerjoin(Product, Product.id == table.product_id)
    out = []
    for row in query:
        kind, currency, account, when = row[:4]
        when = when if by_day else (period.start if when else previous.start)
        if products:
            pid, _, option, name, code, path, qty, amount, orders, pname, per_product, per_option = row[4:]
            out.append(Fact(kind, when, currency, account, "", pid, name or pname, option, code or "", path or "",
                            "", int(qty), int(amount), int(orders), int(per_product), int(per_option)))
        else:
            region, qty, amount, orders = row[4:]
            out.append(Fact(kind, when, currency, account, "", None, "", "", "", "", region, int(qty), int(amount),
                            int(orders), int(orders), int(orders)))
    return out




def rebuild_rollups(tenant_id: int | None = None) -> None:
    """Recompute the rollups from the order rows (after a restore, or if ever in doubt) and commit."""
    from models.stat_rollup import rebuild

    rebuild(db.session.connection(), tenant_id)
    db.session.commit()
