"""The facts of a period read from the rollups (models.stat_rollup, models.stat_monthly), summed per page's keys by the database."""
from datetime import date, timedelta

from sqlalchemy import case, func, or_, text

from models import Product, StatDaily, StatDailyProduct
from portal.extensions import db

from .facts import Fact
from .periods import Period


def rollup_facts(tenant_id: int, period: Period, products: bool, by_day: bool) -> list[Fact]:
    """Facts of the period and of the previous one, one per rollup key: per product and option (products)
    or per region words, per KST day (by_day) or per period (dated on the period's first day).
    Product facts per period are read mostly from the monthly rollup (see monthly_product_facts)."""
    if products and not by_day:
        return monthly_product_facts(tenant_id, period)
    return daily_facts(tenant_id, period, products, by_day)


def daily_facts(tenant_id: int, period: Period, products: bool, by_day: bool) -> list[Fact]:
    """rollup_facts read from the daily rollups only."""
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


def month_plan(period: Period) -> tuple[list, list]:
    """How to read a period and the previous one (buckets 1 and 0) with as few rows as possible.

    Per calendar month touched: the bucket holding most of its days (or none, when most lie outside both
    periods) takes the whole monthly row; each other day of the month is read from the daily rows, added
    to its own bucket and taken away from the month's. Returns (month, bucket, sign) and (day, bucket, sign)."""
    previous = period.previous()

    def bucket(day):
        if period.start <= day <= period.end:
            return 1
        return 0 if previous.start <= day <= previous.end else None

    months, days = [], []
    first = previous.start.replace(day=1)
    while first <= period.end:
        nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        in_month = [first + timedelta(days=i) for i in range((nxt - first).days)]
        counts = {}
        for day in in_month:
            counts[bucket(day)] = counts.get(bucket(day), 0) + 1
        base = max(counts, key=lambda b: (counts[b], b is None))
        if base is not None:
            months.append((first, base, 1))
        for day in in_month:
            own = bucket(day)
            if own == base:
                continue
            if own is not None:
                days.append((day, own, 1))
            if base is not None:
                days.append((day, base, -1))
        first = nxt
    return months, days


def _values(rows: list, dialect: str) -> str:
    """(date, bucket, sign) rows as a SELECT … UNION ALL list both databases read (dates are generated here)."""
    def literal(day):
        return f"DATE '{day.isoformat()}'" if dialect == "postgresql" else f"'{day.isoformat()}'"

    return " UNION ALL ".join(f"SELECT {literal(d)} AS at, {b} AS bucket, {s} AS sign" for d, b, s in rows)


FIGURE_SUMS = "quantity, amount, orders, product_orders, option_orders"


def monthly_product_facts(tenant_id: int, period: Period) -> list[Fact]:
    """Per product, option, account, currency and kind, the sums of the period (bucket 1) and the previous one
    (bucket 0): whole months from stat_monthly_product, the other days from stat_daily_product with the sign
    month_plan gives. A key whose rows cancel out entirely (no daily row left in the bucket) is dropped."""
    months, days = month_plan(period)
    dialect = db.session.get_bind().dialect.name
    signed = ", ".join(f"{c} * v.sign AS {c}" for c in FIGURE_SUMS.split(", "))
    parts = []
    if months:
        parts.append(f"SELECT m.kind, m.currency, m.account, v.bucket, m.product_id, m.name_key, m.option_name, "
                     f"m.product_name, {signed}, m.days * v.sign AS n FROM stat_monthly_product m "
                     f"JOIN ({_values(months, dialect)}) v ON m.month = v.at WHERE m.tenant_id = :tenant")
    if days:
        parts.append(f"SELECT d.kind, d.currency, d.account, v.bucket, coalesce(d.product_id, 0) AS product_id, "
                     f"CASE WHEN d.product_id IS NULL THEN d.product_name ELSE '' END AS name_key, d.option_name, "
                     f"d.product_name, {signed}, v.sign AS n FROM stat_daily_product d "
                     f"JOIN ({_values(days, dialect)}) v ON d.day = v.at WHERE d.tenant_id = :tenant "
                     f"AND d.day >= :first AND d.day <= :last")
    if not parts:
        return []
    keys = "kind, currency, account, bucket, product_id, name_key, option_name"
    sums = ", ".join(f"sum({c}) AS {c}" for c in FIGURE_SUMS.split(", "))
    sql = (f"SELECT g.*, p.name, p.category_code, p.category_path FROM (SELECT {keys}, max(product_name) AS pname, "
           f"{sums} FROM ({' UNION ALL '.join(parts)}) u GROUP BY {keys} HAVING sum(n) > 0) g "
           f"LEFT JOIN product p ON p.id = g.product_id AND p.tenant_id = :tenant")
    first = min(d for d, _, _ in days) if days else period.start
    last = max(d for d, _, _ in days) if days else period.end
    rows = db.session.execute(text(sql), {"tenant": tenant_id, "first": first, "last": last})
    previous = period.previous()
    out = []
    for (kind, currency, account, bucket, pid, _, option, pname, qty, amount, orders, per_product, per_option,
         name, code, path) in rows:
        out.append(Fact(kind, period.start if bucket == 1 else previous.start, currency, account, "", pid or None,
                        name or pname, option, code or "", path or "", "", int(qty), int(amount), int(orders),
                        int(per_product), int(per_option)))
    return out


def rebuild_rollups(tenant_id: int | None = None) -> None:
    """Recompute the rollups from the order rows (after a restore, or if ever in doubt) and commit."""
    from models.stat_monthly import fill_monthly
    from models.stat_rollup import rebuild

    rebuild(db.session.connection(), tenant_id)
    fill_monthly(db.session.connection(), tenant_id)
    db.session.commit()
