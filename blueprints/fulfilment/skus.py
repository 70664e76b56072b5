"""수기주문 SKU rule: which registered product (and 조합형 option) of the seller a SKU names.

The rule, as the default template and the form explain it to the seller:

- SKU = the product's 자체상품코드 (e.g. DEMO05) or its 상품코드 (e.g. 202611230000012); the
  자체상품코드 is looked up first.
- A product with 조합형 options names one combination after a colon, written as 상품정보 shows it:
  DEMO02:블랙/M. Spaces around ":" and "/" do not matter. Option values never contain ":" or "/",
  and 자체상품코드 only letters, digits, "-" and "_", so the colon cannot be part of either.
- A deleted product, another seller's product, a missing or unknown combination is refused with its
  own reason; a product without options takes no option part.

Every distinct SKU of a batch is resolved with two queries (products by code, then their options),
never one per row; a Resolver keeps what it has learnt for the next chunk of the same upload. A seller
with a small catalogue has it read whole once (Resolver.preload), and then no SKU needs a query.
"""
import json
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import or_

from models import Product, ProductOption
from portal.extensions import db
from portal.i18n import N_
from portal.tenancy import tenant_query

SEPARATOR = ":"
IN_BATCH = 1000  # codes per IN list


@dataclass(frozen=True, slots=True)
class Match:
    """A SKU resolved to the seller's product (and combination), with the SKU text as stored."""
    product_id: int
    option_id: int | None
    sku: str
    url: str = ""  # the channel's item page, when the SKU mapping table knows it (Japan orders need one)


def normal(sku: str) -> str:
    """DEMO02 : 블랙 / M → DEMO02:블랙/M (the spelling stored on the order line)."""
    code, sep, option = (sku or "").partition(SEPARATOR)
    code = code.strip()
    if not sep:
        return code
    return f"{code}{SEPARATOR}{'/'.join(part.strip() for part in option.split('/'))}"


# The 주문 서식 도우미 finds the SKU in this reason (Korean or the starter's language): keep " (" after it.
UNKNOWN_SKU_MESSAGE = N_("등록되지 않은 SKU입니다: %(sku)s (상품정보관리의 자체상품코드 또는 상품코드를 입력해 주세요)")


def unknown(sku: str) -> str:
    return _(UNKNOWN_SKU_MESSAGE, sku=sku)


def deleted(sku: str) -> str:
    return _("삭제된 상품의 SKU입니다: %(sku)s", sku=sku)


def needs_option(sku: str, example: str) -> str:
    return _("옵션이 있는 상품은 SKU 뒤에 옵션을 함께 입력해 주세요: %(sku)s (예: %(example)s)", sku=sku, example=example)


def unknown_option(sku: str) -> str:
    return _("등록되지 않은 옵션입니다: %(sku)s (옵션은 상품정보의 옵션값을 / 로 이어서 입력해 주세요)", sku=sku)


class Resolver:
    """SKU text → Match, or the Korean reason the SKU is refused; one seller, many batches."""

    def __init__(self, tenant_id: int, channel: str = ""):
        self.tenant_id, self.channel = tenant_id, channel
        self.known: dict[str, Match | str] = {}
        self.catalogue: tuple[dict, dict, dict] | None = None  # the whole catalogue, once preloaded
        self.folded_options: dict[int, dict[str, int]] = {}  # options of products found in another case

    def preload(self) -> None:
        """Read the seller's whole catalogue now if it is small (PRELOAD_MAX products), so resolving needs
        no query later: an upload does it while its sheet is being parsed."""
        rows = db.session.execute(PRELOAD_SQL, {"tenant": self.tenant_id, "most": PRELOAD_MAX + 1}).all()
        if len(rows) <= PRELOAD_MAX:
            self.catalogue = self._products(rows)

    def resolve(self, skus) -> dict[str, Match | str]:
        """Look up the SKUs not seen yet (set-based) and answer for all of them from the cache."""
        fresh = {s for s in skus if s not in self.known}
        if fresh:
            self._learn(fresh)
        return self.known

    def _products(self, rows) -> tuple[dict, dict, dict]:
        """Products by 자체상품코드 and by 상품코드, and each one's combinations by option text."""
        by_own, by_code = {}, {}
        for row in rows:
            product_id, code, own_code, deleted_at = row
            if own_code:
                by_own[own_code] = row
            if code:
                by_code[code] = row
        ids = sorted({r[0] for r in rows})
        options: dict[int, dict[str, int]] = {}
        for i in range(0, len(ids), IN_BATCH):
            for option_id, product_id, values in _rows(OPTIONS_SQL, self.tenant_id, ids[i:i + IN_BATCH]):
                options.setdefault(product_id, {})["/".join(v.strip() for v in values.split("/"))] = option_id
        return by_own, by_code, options

    def _folded(self, by_own: dict, by_code: dict, codes: set[str]) -> dict:
        """Codes found only in another case (sku-a for SKU-A): lower-cased code -> product row."""
        if not codes:
            return {}
        if self.catalogue is not None:
            rows = list(by_own.values()) + list(by_code.values())
        else:
            keys = sorted({c.lower() for c in codes})
            rows = [row for i in range(0, len(keys), IN_BATCH)
                    for row in _rows(FOLDED_SQL, self.tenant_id, keys[i:i + IN_BATCH])]
            if rows:
                self.folded_options.update(self._products(rows)[2])
        wanted = {c.lower() for c in codes}
        out = {}
        for row in rows:
            for value in (row[2], row[1]):
                if value and value.lower() in wanted:
                    out.setdefault(value.lower(), row)
        return out

    def _taught(self, skus: set[str]) -> dict[str, Match]:
        """Channel codes the seller's SKU mapping table knows (SkuMapping: this channel, any case)."""
        if not skus or not self.channel:
            return {}
        keys = sorted({s.strip().lower() for s in skus})
        known = {}
        for i in range(0, len(keys), IN_BATCH):
            for key, product_id, option_id, url in _rows(MAPPING_SQL, self.tenant_id, keys[i:i + IN_BATCH],
                                                         channel=self.channel):
                known[key] = (product_id, option_id, url)
        out = {}
        for s in skus:
            if (hit := known.get(s.strip().lower())) is not None:
                out[s] = Match(hit[0], hit[1], s.strip(), hit[2])
        return out

    def _learn(self, skus: set[str]) -> None:
        parts = {s: normal(s).partition(SEPARATOR) for s in skus}
        if self.catalogue is None:
            codes = sorted({code for code, _, _ in parts.values() if code})
            by_own, by_code, options = self._products(
                [row for i in range(0, len(codes), IN_BATCH)
                 for row in _rows(PRODUCTS_SQL, self.tenant_id, codes[i:i + IN_BATCH])])
        else:
            by_own, by_code, options = self.catalogue
        folded = self._folded(by_own, by_code, {c for c, _, _ in parts.values()
                                                if c and c not in by_own and c not in by_code})
        taught = self._taught({s for s, (c, _, _) in parts.items()
                               if c and c not in by_own and c not in by_code and c.lower() not in folded})
        for sku, (code, sep, option) in parts.items():
            if sku in taught:
                self.known[sku] = taught[sku]
                continue
            product = by_own.get(code) or by_code.get(code) or folded.get(code.lower())
            if product is not None and product[2] and code != product[2] and code.lower() == product[2].lower():
                code = product[2]  # the registered spelling of a code written in another case
            text = f"{code}{sep}{option}"
            if product is None:
                self.known[sku] = unknown(text)
            elif product[3] is not None:
                self.known[sku] = deleted(text)
            elif product[0] in options or product[0] in self.folded_options:
                combos = options.get(product[0]) or self.folded_options[product[0]]
                if not sep:
                    self.known[sku] = needs_option(text, f"{code}{SEPARATOR}{next(iter(combos))}")
                elif option in combos:
                    self.known[sku] = Match(product[0], combos[option], text)
                else:
                    self.known[sku] = unknown_option(text)
            elif sep:
                self.known[sku] = unknown_option(text)
            else:
                self.known[sku] = Match(product[0], None, text)


PRELOAD_MAX = 3000  # products; a bigger catalogue is looked up SKU by SKU set, chunk by chunk
PRELOAD_SQL = db.text("SELECT id, code, own_code, deleted_at FROM product WHERE tenant_id = :tenant LIMIT :most")

# Plain SQL with the codes as one array (PostgreSQL) or JSON text (SQLite) parameter: the same statement
# whatever the number of codes, so nothing is compiled per upload. {in} becomes the dialect's membership test.
PRODUCTS_SQL = ("SELECT id, code, own_code, deleted_at FROM product"
                " WHERE tenant_id = :tenant AND (own_code {in} OR code {in})")
FOLDED_SQL = ("SELECT id, code, own_code, deleted_at FROM product"
              " WHERE tenant_id = :tenant AND (lower(own_code) {in} OR lower(code) {in})")
MAPPING_SQL = ("SELECT code_key, product_id, option_id, product_url FROM sku_mapping"
               " WHERE tenant_id = :tenant AND channel = :channel AND code_key {in}")
OPTIONS_SQL = ("SELECT id, product_id, \"values\" FROM product_option WHERE tenant_id = :tenant AND product_id {in}"
               " ORDER BY product_id, no")


def _rows(sql: str, tenant_id: int, keys: list, **more):
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        text = sql.replace("{in}", "= ANY(%(keys)s)")
        for name in ("tenant", *more):
            text = text.replace(f":{name}", f"%({name})s")
        return conn.exec_driver_sql(text, {"tenant": tenant_id, "keys": keys, **more}).all()
    text = sql.replace("{in}", "IN (SELECT value FROM json_each(:keys))")
    return conn.exec_driver_sql(text, {"tenant": tenant_id, "keys": json.dumps(keys, ensure_ascii=False),
                                       **more}).all()


# --- 연결 SKU 추가: the product search popup of the single-order form ----------------------------

SEARCH_LIMIT = 30  # products per search; the seller narrows the text for more


@dataclass(frozen=True, slots=True)
class Choice:
    """One line of the popup: a SKU the seller can check and add."""
    sku: str
    name: str
    option: str
    stock: int


def search(tenant, text: str) -> list[Choice]:
    """The seller's own live products whose name, 자체상품코드 or 상품코드 contains the text (the newest
    when it is empty); a product with 조합형 options offers one SKU per combination."""
    query = tenant_query(Product, tenant).filter(Product.deleted_at.is_(None))
    text = (text or "").strip()
    if text:
        like = f"%{text}%"
        query = query.filter(or_(Product.name.ilike(like), Product.own_code.ilike(like), Product.code.ilike(like)))
    products = (query.with_entities(Product.id, Product.code, Product.own_code, Product.name, Product.stock)
                .order_by(Product.id.desc()).limit(SEARCH_LIMIT).all())
    options: dict[int, list] = {}
    if products:
        for product_id, values, stock in (
                tenant_query(ProductOption, tenant).filter(ProductOption.product_id.in_([p.id for p in products]))
                .with_entities(ProductOption.product_id, ProductOption.values, ProductOption.stock)
                .order_by(ProductOption.product_id, ProductOption.no)):
            options.setdefault(product_id, []).append((values, stock))
    out = []
    for p in products:
        code = p.own_code or p.code
        if p.id in options:
            out += [Choice(f"{code}{SEPARATOR}{values}", p.name, values, stock) for values, stock in options[p.id]]
        else:
            out.append(Choice(code, p.name, "", p.stock))
    return out


def teach(tenant, channel: str, code: str, sku: str, learned_from: str = "pick", product_url: str = "", *,
          commit: bool = True) -> Match:
    """Remember that the channel's code names the product (and option) our SKU names: the seller's pick
    in the popup, or a code learned from a collected order or a listing. Invalid when the SKU names none."""
    from models import SkuMapping

    from .rules import Invalid

    channel, code = (channel or "").strip()[:50], (code or "").strip()[:200]
    if not channel or not code:
        raise Invalid(_("판매 플랫폼과 판매처 상품코드를 입력해 주세요."))
    match = Resolver(tenant.id).resolve({sku})[sku]
    if type(match) is str:
        raise Invalid(match)
    row = tenant_query(SkuMapping, tenant).filter_by(channel=channel, code_key=code.lower()).one_or_none()
    if row is None:
        row = SkuMapping(tenant_id=tenant.id, channel=channel, code_key=code.lower())
        db.session.add(row)
    row.code, row.product_id, row.option_id, row.learned_from = code, match.product_id, match.option_id, learned_from
    row.product_url = (product_url or "").strip()[:500] or (row.product_url if learned_from != "pick" else "")
    if commit:
        db.session.commit()
    else:
        db.session.flush()
    return match


def codes(tenant) -> list[str]:
    """The seller's live 자체상품코드 and 상품코드 (up to PRELOAD_MAX products): what a typo is compared with."""
    rows = (tenant_query(Product, tenant).filter(Product.deleted_at.is_(None))
            .with_entities(Product.own_code, Product.code).limit(PRELOAD_MAX).all())
    return sorted({c for row in rows for c in row if c})
