"""상품조회 and 상품복원 lists: filters, sortable keyset pages, and the Excel rows in batches."""

from sqlalchemy import func, or_
from sqlalchemy.orm import selectinload

from models import Product, ProductOption
from portal.days import utc_bounds
from portal.tenancy import tenant_query
from portal.web import kst
from portal.i18n import N_

from . import paging
from .draft import STATUS_CHOICES
from .rules import parse_date

PER_PAGE = paging.PER_PAGE
FILTER_KEYS = ("q", "field", "category", "status", "from", "to", "sort", "dir")
EXPORT_JOB_ROWS = 5_000  # a download bigger than this runs as a job with the progress window
FIELDS = {"name": Product.name, "code": Product.code, "own_code": Product.own_code,
          "model": Product.model_name, "brand": Product.brand}
FIELD_LABELS = {"all": N_("전체"), "name": N_("상품명"), "code": N_("상품코드"), "own_code": N_("자체상품코드"),
                "model": N_("모델명"), "brand": N_("브랜드")}
# Every key is NOT NULL (own_code through coalesce) and indexed with the id for live products.
SORTS = {"code": Product.code, "name": Product.name,
         "own_code": func.coalesce(Product.own_code, ""), "price": Product.rep_price,
         "status": Product.status, "created": Product.created_at, "updated": Product.updated_at}
# Shown with _() by whoever writes the file.
EXPORT_HEADERS = [N_("상품코드"), N_("자체상품코드"), N_("상품명"), N_("상품상태"), N_("카테고리"), N_("모델명"),
                  N_("브랜드"), N_("제조사"), N_("대표가격"), N_("옵션수"), N_("재고합계"), N_("등록일"), N_("수정일")]
EXPORT_COLUMNS = (Product.id, Product.code, Product.own_code, Product.name, Product.status,
                  Product.category_path, Product.model_name, Product.brand, Product.maker,
                  Product.rep_price, Product.stock, Product.created_at, Product.updated_at)


def contains(column, text: str):
    """상품명 등 부분일치. Text without letter case (한글, 숫자) needs no ILIKE: on PostgreSQL a
    plain LIKE finds the same rows in about half the time, which is most of a filtered count."""
    like = f"%{text}%"
    return column.like(like) if text.lower() == text.upper() else column.ilike(like)


def product_query(tenant, args, deleted=False):
    """Filters from the query string; unknown values are ignored rather than refused."""
    query = tenant_query(Product, tenant)
    query = query.filter(Product.deleted_at.isnot(None) if deleted else Product.deleted_at.is_(None))
    text = (args.get("q") or "").strip()
    field = args.get("field", "all")
    if text:
        if field in FIELDS:
            query = query.filter(contains(FIELDS[field], text))
        else:
            query = query.filter(or_(*[contains(col, text) for col in FIELDS.values()]))
    category = (args.get("category") or "").strip()
    if category:
        query = query.filter(contains(Product.category_path, category))
    if args.get("status") in STATUS_CHOICES:
        query = query.filter(Product.status == args["status"])
    # Dates are typed in KST; rows store UTC.
    start, end = parse_date(args.get("from", "")), parse_date(args.get("to", ""))
    if start:
        query = query.filter(Product.created_at >= utc_bounds(start, start)[0])
    if end:
        query = query.filter(Product.created_at < utc_bounds(end, end)[1])
    return query


def sort_of(args) -> tuple:
    """(key expression, descending); 상품코드 newest first unless the seller chose otherwise."""
    return SORTS.get(args.get("sort"), Product.code), args.get("dir") != "asc"


def count(query) -> int:
    return query.with_entities(func.count(Product.id)).scalar()


def _anchor(tenant, key):
    def value_of(product_id):
        return (tenant_query(Product, tenant).filter(Product.id == product_id)
                .with_entities(key).scalar())
    return value_of


def page(tenant, args, deleted=False, sort=None) -> paging.Page:
    """One screen of 50: the total, and the rows after/before the cursor in the URL."""
    query = product_query(tenant, args, deleted)
    key, descending = sort_of(sort or args)
    cursor = paging.cursor_from(args)
    total = count(query)
    rows, has_prev, has_next = paging.seek(query.options(selectinload(Product.options)), key,
                                           Product.id, descending, cursor, _anchor(tenant, key),
                                           total=total)
    return paging.Page(rows, total, paging.page_number(args, cursor, total), PER_PAGE,
                       has_prev, has_next)


def export_rows(tenant, args, batch: int = 1000):
    """Every matching product in the list's order, read 1,000 at a time (memory stays flat)."""
    query = product_query(tenant, args).with_entities(*EXPORT_COLUMNS)
    key, descending = sort_of(args)
    cursor = None
    while True:
        rows, _, more = paging.seek(query, key, Product.id, descending, cursor,
                                    _anchor(tenant, key), per_page=batch)
        if not rows:
            return
        ids = [r.id for r in rows]
        sums = {pid: (n, s) for pid, n, s in tenant_query(ProductOption, tenant)
                    .filter(ProductOption.product_id.in_(ids))
                    .with_entities(ProductOption.product_id, func.count(ProductOption.id),
                                   func.sum(ProductOption.stock))
                    .group_by(ProductOption.product_id)}
        for r in rows:
            options, stock = sums.get(r.id, (0, r.stock))
            yield [r.code, r.own_code or "", r.name, STATUS_CHOICES.get(r.status, r.status),
                   r.category_path, r.model_name, r.brand, r.maker, r.rep_price, options,
                   int(stock or 0), kst(r.created_at, "%Y-%m-%d"), kst(r.updated_at, "%Y-%m-%d")]
        if not more:
            return
        cursor = ("after", ids[-1])
