"""상품대량등록 storage: a batch of checked rows, ids taken first, one bulk write per table.

The form saves through catalog.create (ORM objects, one product at a time); 10,000 Excel rows
would spend most of their time in the unit of work and in one statement per row. Here the new
ids are taken before anything is written, so 상품코드 (which is built from the id) goes into the
INSERT itself and options, add-ons and history point at their product without a read-back:

- PostgreSQL hands out ids from the table's sequence (one query for the whole batch) and each
  table is written with one COPY;
- SQLite has no sequence; the batch first takes SQLite's single write lock, and the range above
  max(id) is then ours until the commit. Each table is written with one executemany.

Values are converted here the way SQLAlchemy would store them (JSON text by the dialect's
serializer, SQLite dates as text), so the ORM reads these rows back exactly like form rows.
"""
import json
from operator import itemgetter

from sqlalchemy import JSON, func, select
from sqlalchemy.exc import IntegrityError

from models import AddonGroup, AddonItem, Product, ProductHistory, ProductOption
from models.base import utcnow
from portal.extensions import db
from portal.i18n import N_
from portal.services.bulk_sql import copy_rows, take_ids

from .catalog import SCALARS, code_for
from .history import SYSTEM

ACTION = N_("대량등록")  # the history kind, stored in Korean and shown with _()
PRODUCT_COLUMNS = ("id", "tenant_id", "code", "import_key", *SCALARS, "option_names",
                   "input_option_names", "main_image", "extra_images", "listing_count",
                   "created_at", "updated_at")
OPTION_COLUMNS = ("tenant_id", "product_id", "no", "values", "extra_price", "status", "stock")
HISTORY_COLUMNS = ("tenant_id", "product_id", "action", "changes", "at", "user_id", "user_name")
GROUP_COLUMNS = ("id", "tenant_id", "product_id", "position", "name")
ITEM_COLUMNS = ("tenant_id", "group_id", "product_id", "position", "name", "image", "status",
                "price", "stock")
SCALAR_VALUES = itemgetter(*SCALARS)
JSON_AT = [i for i, c in enumerate(PRODUCT_COLUMNS)
           if isinstance(Product.__table__.c[c].type, JSON)]
DATE_AT = [PRODUCT_COLUMNS.index(c) for c in ("made_on", "expires_on")]
STOCK_AT = PRODUCT_COLUMNS.index("stock")
NO_IMAGES = []  # read only: extra_images of a row without images (bulk_images stores the rest)


class _Writer:
    """The batch's connection, and values turned into what its driver stores."""

    def __init__(self):
        self.connection = db.session.connection()
        dialect = self.connection.dialect
        self.postgres = dialect.name == "postgresql"
        self.dumps = dialect._json_serializer or json.dumps
        self._texts = {}  # id(value) -> (value, JSON text): rows share judged blocks
        if self.postgres:
            self.date = self.now = lambda value: value  # COPY reads Python dates as they are
        else:
            self.date = db.Date().dialect_impl(dialect).bind_processor(dialect)
            self.now = db.DateTime().dialect_impl(dialect).bind_processor(dialect)

    def json(self, value) -> str:
        if not value:
            return "{}" if isinstance(value, dict) else "[]"
        known = self._texts.get(id(value))
        if known is None:
            known = self._texts[id(value)] = (value, self.dumps(value))
        return known[1]

    def take_ids(self, table, count: int) -> list[int]:
        if self.postgres:
            return take_ids(self.connection, table.name, count)
        # The first write of the transaction takes SQLite's write lock (a no-op UPDATE will do);
        # no other connection can insert until this batch commits, so max(id)+1.. stays free.
        self.connection.execute(table.update().where(table.c.id < 0).values(id=table.c.id))
        start = self.connection.execute(select(func.max(table.c.id))).scalar() or 0
        return list(range(start + 1, start + 1 + count))

    def write(self, table, columns, rows) -> None:
        if not rows:
            return
        raw = self.connection.connection.dbapi_connection
        try:
            if self.postgres:
                with raw.cursor() as cursor:
                    copy_rows(cursor, table.name, columns, rows)
            else:
                cursor = raw.cursor()
                cursor.executemany(
                    f"INSERT INTO {table.name} ({', '.join(_quoted(c) for c in columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})", rows)
                cursor.close()
        except self.connection.dialect.loaded_dbapi.IntegrityError as exc:
            # The same answer an ORM insert would give: the caller treats it as a conflict.
            raise IntegrityError(f"bulk insert into {table.name}", None, exc) from exc


def _quoted(column: str) -> str:
    return f'"{column}"'


def who(user) -> tuple:
    """(user id, name) for the history rows, read once while the user is at hand."""
    return getattr(user, "id", None), str(user) if user is not None else SYSTEM


def reserve_ids(count: int) -> list[int] | None:
    """PostgreSQL: product ids taken ahead, so batches stored side by side keep sheet order.

    SQLite: None; there the ids are taken by store() itself, under the batch's write lock.
    """
    if db.session.get_bind().dialect.name != "postgresql" or not count:
        return None
    return _Writer().take_ids(Product.__table__, count)


def store(tenant_id: int, by: tuple, rows: list[tuple[str, dict]], ids: list[int] | None = None,
          at=None) -> list[int]:
    """rows: [(import key, check.values)] of rows the rules accepted, by = who(user);
    ids from reserve_ids() and `at` (registration time) when taken ahead."""
    if not rows:
        return []
    writer = _Writer()
    product = Product.__table__
    ids = ids or writer.take_ids(product, len(rows))
    stamp = writer.now(at or utcnow())
    day = code_for(0)[:-7]  # the KST date part of 상품코드, the same for the whole batch
    records, options = [], []
    for pid, (key, v) in zip(ids, rows):
        record = [pid, tenant_id, f"{day}{pid:07d}", key, *SCALAR_VALUES(v),
                  v.get("option_names", []), v.get("input_option_names", []),
                  v.get("main_image", ""), v.get("extra_images", NO_IMAGES), 0, stamp, stamp]
        for i in JSON_AT:
            record[i] = writer.json(record[i])
        for i in DATE_AT:
            if record[i] is not None:
                record[i] = writer.date(record[i])
        if v.get("options"):
            record[STOCK_AT] = 0  # stock lives on the combinations
            options += [(tenant_id, pid, o["no"], o["values"], o["extra_price"], o["status"],
                         o["stock"]) for o in v["options"]]
        records.append(record)
    writer.write(product, PRODUCT_COLUMNS, records)
    writer.write(ProductOption.__table__, OPTION_COLUMNS, options)
    _store_addons(writer, tenant_id, ids, rows)
    no_changes = writer.json([])
    writer.write(ProductHistory.__table__, HISTORY_COLUMNS,
                 [(tenant_id, pid, ACTION, no_changes, stamp, *by) for pid in ids])
    return ids


def _store_addons(writer, tenant_id: int, ids: list[int], rows) -> None:
    wanted = [(pid, pos, group) for pid, (_, v) in zip(ids, rows)
              for pos, group in enumerate(v.get("addon_groups", []), 1)]
    if not wanted:
        return
    group_ids = writer.take_ids(AddonGroup.__table__, len(wanted))
    groups, items = [], []
    for gid, (pid, pos, group) in zip(group_ids, wanted):
        groups.append((gid, tenant_id, pid, pos, group["name"]))
        items += [(tenant_id, gid, pid, ipos, i["name"], i.get("image") or "", i["status"],
                   i["price"], i["stock"]) for ipos, i in enumerate(group["items"], 1)]
    writer.write(AddonGroup.__table__, GROUP_COLUMNS, groups)
    writer.write(AddonItem.__table__, ITEM_COLUMNS, items)
