"""재고관리 list in SQL: one line per combination, add-on item or plain product, keyset-paged.

Lines are ordered by product (newest first), then 옵션 by number, then 추가상품 by group and
item position. The cursor in the URL is "<product id>.<sub>", both public numbers.
"""
import re
from collections import namedtuple

from flask_babel import gettext as _
from sqlalchemy import and_, func, literal, or_, select, union_all

from models import AddonGroup, AddonItem, Product, ProductOption
from models.product import PLAIN_LIVE
from portal.extensions import db

from . import paging, search

Line = namedtuple("Line", "kind row_id product label qty low sub")
Owner = namedtuple("Owner", "id code own_code name")
CURSOR = re.compile(r"(\d+)\.(\d+)")
ADDON_BASE = 1_000_000  # add-on lines sort after every combination of their product


def _low_limit(args, settings) -> int | None:
    """재고부족상품보기: lines at or under the seller's threshold; none while it is switched off."""
    if args.get("low") != "1":
        return None
    return settings.low_stock_threshold if settings.low_stock_enabled else -1


def _text_filter(args) -> list:
    text = (args.get("q") or "").strip()
    if not text:
        return []
    return [or_(search.contains(Product.name, text), Product.code == text, Product.own_code == text)]


def _branches(tenant, args, settings):
    """(select, product id column, sub-order column) per kind of line."""
    live = [Product.tenant_id == tenant.id, Product.deleted_at.is_(None), *_text_filter(args)]
    limit = _low_limit(args, settings)
    owner = (Product.code, Product.own_code, Product.name)
    sub_addon = ADDON_BASE + AddonGroup.position * 1000 + AddonItem.position
    options = (select(literal("option").label("kind"), ProductOption.id.label("row_id"),
                      ProductOption.product_id.label("pid"), ProductOption.no.label("sub"),
                      ProductOption.values.label("label"), ProductOption.stock.label("qty"), *owner)
               .join(Product, Product.id == ProductOption.product_id)
               .where(ProductOption.tenant_id == tenant.id, *live))
    # option_names [] is 옵션 사용안함 (catalog and bulk import write it with the combinations), so
    # the partial index ix_product_plain_live holds exactly these lines.
    plain = (select(literal("product").label("kind"), Product.id.label("row_id"),
                    Product.id.label("pid"), literal(0).label("sub"), literal(_("(단품)")).label("label"),
                    Product.stock.label("qty"), *owner)
             .where(*live, PLAIN_LIVE))
    addons = (select(literal("addon").label("kind"), AddonItem.id.label("row_id"),
                     AddonItem.product_id.label("pid"), sub_addon.label("sub"),
                     (_("[추가]") + " " + AddonGroup.name + "/" + AddonItem.name).label("label"),
                     AddonItem.stock.label("qty"), *owner)
              .join(AddonGroup, AddonGroup.id == AddonItem.group_id)
              .join(Product, Product.id == AddonItem.product_id)
              .where(AddonItem.tenant_id == tenant.id, *live))
    branches = [(options, ProductOption.product_id, ProductOption.no, ProductOption.stock),
                (plain, Product.id, literal(0), Product.stock),
                (addons, AddonItem.product_id, sub_addon, AddonItem.stock)]
    if limit is not None:
        branches = [(q.where(qty <= limit), pid, sub, qty) for q, pid, sub, qty in branches]
    return [(q, pid, sub) for q, pid, sub, _ in branches]


def _scalar(query) -> int:
    return db.session.execute(query).scalar() or 0


def _count_rows(model, tenant, args, limit) -> int:
    """Combinations or add-on items of live products.

    Without a search word no product needs to be read: the seller's rows are counted on an
    index alone (tenant_id, or tenant_id and stock for 재고부족) and those of deleted products,
    which are few and indexed, subtracted. A search word has to read the products it matches
    and join their rows.
    """
    query = select(func.count()).select_from(model).where(model.tenant_id == tenant.id)
    if limit is not None:
        query = query.where(model.stock <= limit)
    joined = query.join(Product, Product.id == model.product_id).where(Product.tenant_id == tenant.id)
    text = _text_filter(args)
    if text:
        return _scalar(joined.where(Product.deleted_at.is_(None), *text))
    return _scalar(query) - _scalar(joined.where(Product.deleted_at.isnot(None)))


def count(tenant, args, settings) -> int:
    """총 N건: combinations, 단품 and add-on items, each counted on its own index."""
    limit = _low_limit(args, settings)
    plain = select(func.count()).select_from(Product).where(
        Product.tenant_id == tenant.id, PLAIN_LIVE, *_text_filter(args))
    if limit is not None:
        plain = plain.where(Product.stock <= limit)
    return (_count_rows(ProductOption, tenant, args, limit) + _scalar(plain)
            + _count_rows(AddonItem, tenant, args, limit))


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
    for query, pid, sub in _branches(tenant, args, settings):
        if mark:
            # The range goes on both sides of the join, so each index walk starts at the cursor's
            # product: PostgreSQL carries equalities across a join, not ranges.
            p, s = mark
            query = query.where(and_(pid >= p, Product.id >= p, or_(pid > p, sub < s)) if backwards
                                else and_(pid <= p, Product.id <= p, or_(pid < p, sub > s)))
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
