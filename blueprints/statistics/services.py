"""통계관리 reports: filters, grouping of the facts per page, the previous-period comparison, chart and Excel rows."""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from models import ChannelAccount, Listing, Product
from models.product import ProductOption
from portal.extensions import db
from portal.i18n import N_
from portal.tenancy import tenant_query

from .facts import MANUAL, Fact, facts
from .figures import Figures, change_rate
from .periods import Period
from .regions import region_of
from .rollups import rollup_facts

UNITS = {"day": _l("일별"), "week": _l("주별"), "month": _l("월별")}
UNCLASSIFIED = N_("미분류")


@dataclass
class Filters:
    """제휴몰 계정 (account ids, or "manual" for every 수기주문), 카테고리 code prefix, 상품 검색어."""

    accounts: list[str] = field(default_factory=list)
    category: str = ""
    q: str = ""

    @classmethod
    def from_args(cls, args) -> "Filters":
        accounts = [a for a in args.getlist("account") if a.isdigit() or a == MANUAL]
        category = "".join(c for c in (args.get("category") or "") if c.isdigit())[:20]
        return cls(accounts, category, (args.get("q") or "").strip()[:100])

    def keeps(self, fact: Fact) -> bool:
        if self.accounts:
            key = MANUAL if fact.account.startswith(MANUAL) else fact.account
            if key not in self.accounts:
                return False
        if self.category and not fact.category_code.startswith(self.category):
            return False
        return not self.q or self.q.lower() in fact.product_name.lower()

    @property
    def narrows(self) -> bool:
        """A category or product filter: the facts then come from the order rows (orders counted once)."""
        return bool(self.category or self.q)

    @property
    def count(self) -> str:
        return "product_orders" if self.narrows else "orders"


@dataclass
class Row:
    key: object
    label: str
    now: Figures = field(default_factory=Figures)
    before: Figures = field(default_factory=Figures)
    drill: dict | None = None  # query arguments opening the next level
    extra: dict = field(default_factory=dict)

    @property
    def change(self) -> float | None:
        return change_rate(self.now.sales, self.before.sales)


@dataclass
class Report:
    period: Period
    previous: Period
    rows: list[Row]
    total: Row
    heading: str
    extra_columns: list = field(default_factory=list)  # (key, label) of page-specific columns
    page: str = ""


PRODUCT_PAGES = ("by_category", "by_product", "product_usage")


def load_facts(tenant, period: Period, filters: Filters, loaded: list[Fact] | None = None, page: str = "by_period"):
    """The facts of the period and of the previous one, filtered; `loaded` may already hold them.

    They come from the rollups: per product for the product pages, per region otherwise. A category or
    product filter reads the order rows: an order holding several matching products is counted once, which
    the rollups (orders counted per product) cannot tell."""
    previous = period.previous()
    if loaded is None:
        if filters.narrows:
            loaded = facts(tenant.id, previous.start, period.end, filters.category, filters.q)
        else:
            loaded = rollup_facts(tenant.id, period, page in PRODUCT_PAGES, by_day=page == "by_period")
    kept = [f for f in loaded if filters.keeps(f)]
    return ([f for f in kept if period.start <= f.day <= period.end],
            [f for f in kept if previous.start <= f.day <= previous.end])


def group(now: list[Fact], before: list[Fact], key_of: Callable, rows: dict | None = None,
          before_key_of: Callable | None = None, count: str = "orders") -> dict:
    """Rows keyed by key_of(fact) -> (key, label); previous-period facts land on the same keys.
    count: which order count of a rollup fact the rows add (see Figures.add)."""
    rows = {} if rows is None else rows
    for fact in now:
        key, label = key_of(fact)
        rows.setdefault(key, Row(key, label)).now.add(fact, count)
    for fact in before:
        key, label = (before_key_of or key_of)(fact)
        rows.setdefault(key, Row(key, label)).before.add(fact, count)
    return rows


def report(tenant, page: str, period: Period, filters: Filters, args, loaded: list[Fact] | None = None) -> Report:
    now, before = load_facts(tenant, period, filters, loaded, page)
    if page == "by_region" and args.get("sido"):  # one 시/도 opened: its 시/군/구 and its total
        now, before = ([f for f in facts if region_of(f.address)[0] == args.get("sido")] for facts in (now, before))
    rows, heading, extra = PAGES[page](tenant, period, now, before, args, filters.count)
    total = Row("total", gettext("합계"))
    group(now, before, lambda fact: ("total", total.label), {"total": total}, count=filters.count)
    return Report(period, period.previous(), rows, total, heading, extra, page)


# --- 기간별 -------------------------------------------------------------------------------

def buckets(period: Period, unit: str) -> list[tuple[date, date]]:
    """Days, 7-day weeks from the first day, or calendar months of the period, as (first, last) days."""
    out, day = [], period.start
    while day <= period.end:
        if unit == "month":
            nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            nxt = day + timedelta(days=7 if unit == "week" else 1)
        out.append((day, min(nxt - timedelta(days=1), period.end)))
        day = nxt
    return out


def _bucket_key(spans: list[tuple[date, date]]):
    index = {first + timedelta(days=d): i for i, (first, last) in enumerate(spans)
             for d in range((last - first).days + 1)}
    return lambda fact: (index.get(fact.day, -1), "")


def by_period(tenant, period, now, before, args, count):
    unit = args.get("unit") if args.get("unit") in UNITS else "day"
    spans = buckets(period, unit)
    rows = {i: Row(i, first.isoformat() if first == last else gettext("%(first)s ~ %(last)s", first=first.isoformat(),
                                                                       last=last.isoformat()))
            for i, (first, last) in enumerate(spans)}
    previous = period.previous()
    shift = period.start - previous.start  # the previous period's bucket at the same position
    prev_spans = [(first - shift, last - shift) for first, last in spans]
    group(now, before, _bucket_key(spans), rows, _bucket_key(prev_spans), count)
    rows.pop(-1, None)
    return [rows[i] for i in sorted(rows)], _l("기간"), []


# --- 제휴몰별 -----------------------------------------------------------------------------

def channel_labels(tenant) -> dict[str, tuple[str, str]]:
    from blueprints.orders.services.collection import channel_name

    return {str(a.id): (a.channel, gettext("%(channel)s (%(alias)s)", channel=channel_name(a.channel), alias=a.alias))
            for a in tenant_query(ChannelAccount, tenant)}


def by_channel(tenant, period, now, before, args, count):
    from blueprints.orders.services.collection import channel_name

    labels = channel_labels(tenant)
    per_account = args.get("by") != "channel"

    def key_of(fact: Fact):
        if fact.account.startswith(MANUAL):
            platform = fact.account.split(":", 1)[1]
            return ((fact.account, gettext("수기주문 · %(platform)s", platform=platform)) if per_account
                    else (MANUAL, gettext("수기주문")))
        code, label = labels.get(fact.account, (fact.account, fact.account))
        return (fact.account, label) if per_account else (code, channel_name(code))

    rows = group(now, before, key_of, count=count)
    return sorted(rows.values(), key=lambda r: (-r.now.sales, r.label)), _l("제휴몰 계정") if per_account else _l("제휴몰"), []


# --- 카테고리별 ---------------------------------------------------------------------------

def by_category(tenant, period, now, before, args, count):
    """One level of our category tree under the chosen one (2 digits of the code per level)."""
    prefix = "".join(c for c in (args.get("category") or "") if c.isdigit())
    depth = len(prefix) // 2 + 1
    unclassified = gettext(UNCLASSIFIED)

    def key_of(fact: Fact):
        if not fact.category_code:
            return "", unclassified
        names = fact.category_path.split(" > ")
        code = fact.category_code[:depth * 2]
        return code, names[depth - 1] if len(names) >= depth else fact.category_path

    rows = group(now, before, key_of, count="product_orders")
    for row in rows.values():
        if row.key and len(row.key) == depth * 2:
            row.drill = {"category": row.key}
    return sorted(rows.values(), key=lambda r: (-r.now.sales, r.label)), _l("카테고리"), []


# --- 상품별 -------------------------------------------------------------------------------

def _product_key(fact: Fact):
    return (fact.product_id or f"name:{fact.product_name}"), fact.product_name


def by_product(tenant, period, now, before, args, count):
    per_option = args.get("by") == "option"

    def key_of(fact: Fact):
        key, label = _product_key(fact)
        if per_option:
            return (key, fact.option), (gettext("%(product)s / %(option)s", product=label, option=fact.option)
                                         if fact.option else label)
        return key, label

    rows = group(now, before, key_of, count="option_orders" if per_option else "product_orders")
    return sorted(rows.values(), key=lambda r: (-r.now.sales, r.label)), _l("상품/옵션") if per_option else _l("상품"), []


# --- 지역별 -------------------------------------------------------------------------------

def by_region(tenant, period, now, before, args, count):
    sido = (args.get("sido") or "").strip()

    def key_of(fact: Fact):
        first, second = region_of(fact.address)
        return (second, second) if sido else (first, first)

    rows = group(now, before, key_of, count=count)
    if not sido:
        for row in rows.values():
            row.drill = {"sido": row.key}
    return sorted(rows.values(), key=lambda r: (-r.now.sales, r.label)), _l("시/군/구") if sido else _l("시/도"), []


# --- 상품별 이용현황 ---------------------------------------------------------------------

USAGE_COLUMNS = [("listings", _l("제휴몰별 등록")), ("views", _l("조회수")), ("refund_rate", _l("취소/반품률(%)")),
                 ("stock", _l("현재 재고")), ("days_left", _l("재고 소진 예상(일)"))]


def product_stock(tenant, product_ids) -> dict[int, int]:
    """Current stock: the sum over option combinations, or the product's own stock without options."""
    stock = dict(tenant_query(Product, tenant).filter(Product.id.in_(product_ids))
                 .with_entities(Product.id, Product.stock))
    options = (db.session.query(ProductOption.product_id, func.sum(ProductOption.stock))
               .filter(ProductOption.tenant_id == tenant.id, ProductOption.product_id.in_(product_ids))
               .group_by(ProductOption.product_id))
    stock.update(dict(options))
    return stock


def listings_of(tenant, product_ids) -> dict[int, dict[str, int]]:
    from blueprints.orders.services.collection import channel_name

    out: dict[int, dict[str, int]] = {}
    rows = (tenant_query(Listing, tenant).filter(Listing.product_id.in_(product_ids))
            .with_entities(Listing.product_id, Listing.channel, func.count()).group_by(Listing.product_id,
                                                                                      Listing.channel))
    for pid, channel, n in rows:
        out.setdefault(pid, {})[channel_name(channel)] = n
    return out


def product_usage(tenant, period, now, before, args, count):
    rows = group(now, before, _product_key, count="product_orders")
    ids = [r.key for r in rows.values() if isinstance(r.key, int)]
    stock, listings = product_stock(tenant, ids), listings_of(tenant, ids)
    for row in rows.values():
        sold = row.now.quantity - row.now.refund_quantity
        have = stock.get(row.key) if isinstance(row.key, int) else None
        per_day = sold / period.days
        row.extra = {
            "listings": ", ".join(f"{c} {n}" for c, n in sorted(listings.get(row.key, {}).items())) or "-",
            "views": "-",  # no connected channel reports product views through its seller API
            "refund_rate": row.now.refund_rate,
            "stock": "-" if have is None else int(have),
            "days_left": "-" if have is None or per_day <= 0 else int(have // per_day),
        }
    return sorted(rows.values(), key=lambda r: (-r.now.quantity, r.label)), _l("상품"), USAGE_COLUMNS


PAGES = {"by_period": by_period, "by_channel": by_channel, "by_category": by_category,
         "by_product": by_product, "by_region": by_region, "product_usage": product_usage}


# --- what the page shows, as chart data and as Excel rows --------------------------------

FIGURE_HEADERS = [_l("주문건수"), _l("판매수량"), _l("매출액(원)"), _l("취소/반품 금액(원)"), _l("순매출(원)"),
                  _l("객단가(원)"), _l("이전기간 매출액(원)"), _l("증감률(%)"), _l("외화 (원화 합계에 미포함)")]


def table_rows(rep: Report) -> list[list]:
    """Exactly the table under the chart: one list per row, the 합계 row last."""
    out = []
    for row in [*rep.rows, rep.total]:
        f = row.now
        out.append([row.label, f.order_count, f.quantity, f.sales, f.refunds, f.net, f.per_order,
                    row.before.sales, "" if row.change is None else row.change, f.foreign_text,
                    *[row.extra.get(k, "") for k, _ in rep.extra_columns]])
    return out


def shown_rows(rep: Report) -> list[list]:
    """table_rows as the page prints them: numbers with thousands separators, the rest as text."""
    return [[f"{v:,}" if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in row]
            for row in table_rows(rep)]


def headers(rep: Report) -> list[str]:
    return [str(h) for h in (rep.heading, *FIGURE_HEADERS, *[label for _, label in rep.extra_columns])]


def chart_data(rep: Report, limit: int = 20) -> dict:
    """매출액 and 순매출 of the period with the previous period's 매출액, for Chart.js."""
    rows = rep.rows[:limit]
    return {"labels": [r.label for r in rows], "sales": [r.now.sales for r in rows],
            "net": [r.now.net for r in rows], "before": [r.before.sales for r in rows],
            "line": rep.page == "by_period"}


def category_choices() -> list[tuple[str, str]]:
    """대분류 and 중분류 of our category tree for the filter (a deeper one is reached by drilling down)."""
    from blueprints.products.services.reference import category_tree

    out = []
    for top in category_tree():
        out.append((top["code"], top["name"]))
        out += [(mid["code"], f"{top['name']} > {mid['name']}") for mid in top.get("children", [])]
    return out


def account_choices(tenant) -> list[tuple[str, str]]:
    return [(key, label) for key, (_, label) in channel_labels(tenant).items()] + [(MANUAL, gettext("수기주문"))]
