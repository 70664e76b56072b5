"""상품조회 and 상품복원 lists: filters, sortable columns, paging and the Excel rows."""
from datetime import datetime, timedelta

from sqlalchemy import or_

from models import Product
from portal.tenancy import tenant_query
from portal.web import kst

from .draft import STATUS_CHOICES
from .rules import parse_date

PER_PAGE = 50
FIELDS = {"name": Product.name, "code": Product.code, "own_code": Product.own_code,
          "model": Product.model_name, "brand": Product.brand}
FIELD_LABELS = {"all": "전체", "name": "상품명", "code": "상품코드", "own_code": "자체상품코드",
                "model": "모델명", "brand": "브랜드"}
SORTS = {"code": Product.code, "name": Product.name, "own_code": Product.own_code,
         "price": Product.rep_price, "status": Product.status, "created": Product.created_at,
         "updated": Product.updated_at}
EXPORT_HEADERS = ["상품코드", "자체상품코드", "상품명", "상품상태", "카테고리", "모델명", "브랜드",
                  "제조사", "대표가격", "옵션수", "재고합계", "등록일", "수정일"]
KST_OFFSET = timedelta(hours=9)


def product_query(tenant, args, deleted=False):
    """Filters from the query string; unknown values are ignored rather than refused."""
    query = tenant_query(Product, tenant)
    query = query.filter(Product.deleted_at.isnot(None) if deleted else Product.deleted_at.is_(None))
    text = (args.get("q") or "").strip()
    field = args.get("field", "all")
    if text:
        like = f"%{text}%"
        if field in FIELDS:
            query = query.filter(FIELDS[field].ilike(like))
        else:
            query = query.filter(or_(*[col.ilike(like) for col in FIELDS.values()]))
    category = (args.get("category") or "").strip()
    if category:
        query = query.filter(Product.category_path.ilike(f"%{category}%"))
    if args.get("status") in STATUS_CHOICES:
        query = query.filter(Product.status == args["status"])
    # Dates are typed in KST; rows store UTC.
    start, end = parse_date(args.get("from", "")), parse_date(args.get("to", ""))
    if start:
        query = query.filter(Product.created_at >= datetime.combine(start, datetime.min.time())
                             - KST_OFFSET)
    if end:
        query = query.filter(Product.created_at < datetime.combine(end, datetime.min.time())
                             + timedelta(days=1) - KST_OFFSET)
    return query


def sorted_query(query, args):
    key = args.get("sort", "code")
    column = SORTS.get(key, Product.code)
    order = column.asc() if args.get("dir") == "asc" else column.desc()
    return query.order_by(order, Product.id.desc())


def export_rows(query):
    for p in query.yield_per(500):
        yield [p.code, p.own_code or "", p.name, p.status_label, p.category_path, p.model_name,
               p.brand, p.maker, p.rep_price, len(p.options), p.total_stock,
               kst(p.created_at, "%Y-%m-%d"), kst(p.updated_at, "%Y-%m-%d")]
