"""재고관리 list in SQL: one line per combination, add-on item or plain product, keyset-paged.

Lines are ordered by product (newest first), then 옵션 by number, then 추가상품 by group and
item position. The cursor in the URL is "<product id>.<sub>", both public numbers.
"""
import re
from collections import namedtuple

from sqlalchemy import and_, exists, func, literal, or_, select, union_all

from models import AddonGroup, AddonItem, Product, ProductOption
from portal.extensions import db

from . import paging

Line = namedtuple("Line", "kind row_id product label qty low sub")
Owner = namedtuple("Owner", "id code own_code name")
CURSOR = re.compile(r"(\d+)\.(\d+)")
ADDON_BASE = 1_000_000  # add-on lines sort after every combination of their product


def _branches(tenant, args, settings):
    """(select, product id column, sub-order column, quantity column) per kind of line."""
    text = (args.get("q") or "").strip()
    live = [Product.tenant_id == tenant.id, Product.deleted_at.is_(None)]
    if text:
        live.append(or_(Product.name.ilike(f"%{text}%"), Product.code == text,
                        Product.own_code == text))
    owner = (Product.code, Product.own_code, Product.name)
    sub_addon = ADDON_BASE + AddonGroup.position * 1000 + AddonItem.position
    branches = [
        (select(literal("option").label("kind"), ProductOption.id.label("row_id"),
                ProductOption.product_id.label("pid"), ProductOption.no.label("sub"),
                ProductOption.values.label("label"), ProductOption.stock.label("qty"), *owner)
         .join(Product, Product.id == ProductOption.product_id)
         .where(ProductOption.tenant_id == tenant.id, *live),
         ProductOption.product_id, ProductOption.no, ProductOption.stock),
        (select(literal("product").label("kind"), Product.id.label("row_id"),
                Product.id.label("pid"), literal(0).label("sub"), literal("(단품)").label("label"),
                Product.stock.label("qty"), *owner)
         .where(*live, ~exists().where(ProductOption.product_id == Product.id)),
         Product.id, literal(0), Product.stock),
        (select(literal("addon").label("kind"), AddonItem.id.label("row_id"),
                AddonItem.product_id.label("pid"), sub_addon.label("sub"),
                ("[추가] " + AddonGroup.name + "/" + AddonItem.name).label("label"),
                AddonItem.stock.label("qty"), *owner)
         .join(AddonGroup, AddonGroup.id == AddonItem.group_id)
         .join(Product, Product.id == AddonItem.product_id)
         .where(AddonItem.tenant_id == tenant.id, *live),
         AddonItem.product_id, sub_addon, AddonItem.stock),
    ]
    if args.get("low") == "1":
        limit = settings.low_stock_threshold if settings.low_stock_enabled else -1
        branches = [(q.where(qty <= limit), pid, sub, qty) for q, pid, sub, qty in branches]
    return branches


def count(tenant, args, settings) -> int:
    return sum(db.session.execute(select(func.count()).select_from(q.subquery())).scalar()
               for q, _, _, _ in _branches(tenant, args, settings))


def cursor_from(args):
    for name in ("after", "before"):
        found = CURSOR.fullmatch(str(args.get(name) or ""))
        if found:
            return name, (int(found.group(1)), int(found.group(2)))
    return ("last", None) if args.get("last") == "1" else None


def _seek(tenant, args, settings, cursor, per_page, total=None):
    kind, mark = cursor or ("first", None)
    if kind == "last" and total is not None:
        per_page = paging.last_size(total, per_page)
    backwards = kind in ("before", "last")
    parts = []
    for query, pid, sub, _ in _branches(tenant, args, settings):
        if mark:
            p, s = mark
            query = query.where(or_(pid > p, and_(pid == p, sub < s)) if backwards
                                else or_(pid < p, and_(pid == p, sub > s)))
        order = (pid.asc(), sub.desc()) if backwards else (pid.desc(), sub.asc())
        parts.append(select(query.order_by(*order).limit(per_page + 1).subquery()))
    merged = union_all(*parts).subquery()
    order = ((merged.c.pid.asc(), merged.c.sub.desc()) if backwards
             else (merged.c.pid.desc(), merged.c.sub.asc()))
    rows = db.session.execute(select(merged).order_by(*order).limit(per_page + 1)).all()
    more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()
    has_prev = {"first": False, "after": True, "before": more, "last": more}[kind]
    has_next = {"first": more, "after": more, "before": True, "last": False}[kind]
    return rows, has_prev, has_next


def _line(row, settings) -> Line:
    low = settings.low_stock_enabled and row.qty <= settings.low_stock_threshold
    return Line(row.kind, row.row_id, Owner(row.pid, row.code, row.own_code, row.name),
                row.label, row.qty, low, row.sub)


class StockPage(paging.Page):
    def cursor_id(self, line) -> str:
        return f"{line.product.id}.{line.sub}"


def page(tenant, args, settings, per_page: int = paging.PER_PAGE) -> StockPage:
    cursor = cursor_from(args)
    total = count(tenant, args, settings)
    rows, has_prev, has_next = _seek(tenant, args, settings, cursor, per_page, total)
    number = paging.page_number(args, cursor, total, per_page)
    return StockPage([_line(r, settings) for r in rows], total, number, per_page, has_prev, has_next)


def all_lines(tenant, args, settings, batch: int = 1000):
    """Every line in page order, 1,000 at a time, for the Excel download."""
    cursor = None
    while True:
        rows, _, more = _seek(tenant, args, settings, cursor, batch)
        for row in rows:
            yield _line(row, settings)
        if not rows or not more:
            return
        cursor = ("after", (rows[-1].pid, rows[-1].sub))
