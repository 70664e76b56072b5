"""상품대량등록 storage: a batch of checked rows becomes one INSERT per table, codes right after.

The form saves through catalog.create (ORM objects, one product at a time); 10,000 Excel rows
would spend most of their time in the unit of work, so the bulk job writes the same columns
with Core executemany INSERTs and reads the new ids back by the rows' import keys (unique per
seller), which works alike on every database: no RETURNING order to rely on.
"""
from sqlalchemy import bindparam, select

from models import AddonGroup, AddonItem, Product, ProductHistory, ProductOption
from models.base import utcnow
from portal.extensions import db

from .catalog import SCALARS, code_for

ACTION = "대량등록"


def _product(tenant_id: int, key: str, v: dict, now) -> dict:
    record = {k: v[k] for k in SCALARS}
    record.update(tenant_id=tenant_id, import_key=key, code=None, created_at=now, updated_at=now,
                  option_names=list(v.get("option_names", [])), main_image="",
                  extra_images=[], listing_count=0)
    if v.get("options"):
        record["stock"] = 0  # stock lives on the combinations once options are used
    return record


def store(tenant_id: int, user, rows: list[tuple[str, dict]]) -> list[int]:
    """rows: [(import key, check.values)] of rows the rules accepted; returns the new ids."""
    if not rows:
        return []
    now = utcnow()
    product = Product.__table__
    db.session.execute(product.insert(), [_product(tenant_id, key, v, now) for key, v in rows])
    keys = [key for key, _ in rows]
    found = dict(db.session.execute(select(product.c.import_key, product.c.id).where(
        product.c.tenant_id == tenant_id, product.c.import_key.in_(keys))).all())
    ids = [found[key] for key in keys]
    db.session.execute(product.update().where(product.c.id == bindparam("pid"))
                       .values(code=bindparam("new_code")),
                       [{"pid": i, "new_code": code_for(i)} for i in ids])
    options = [{"tenant_id": tenant_id, "product_id": pid, "no": o["no"], "values": o["values"],
                "extra_price": o["extra_price"], "status": o["status"], "stock": o["stock"]}
               for pid, (_, v) in zip(ids, rows) for o in v.get("options", [])]
    if options:
        db.session.execute(ProductOption.__table__.insert(), options)
    _store_addons(tenant_id, ids, rows)
    who = {"user_id": getattr(user, "id", None),
           "user_name": str(user) if user is not None else "시스템"}
    db.session.execute(ProductHistory.__table__.insert(), [
        {"tenant_id": tenant_id, "product_id": pid, "action": ACTION, "changes": [], "at": now,
         **who} for pid in ids])
    return ids


def _store_addons(tenant_id: int, ids: list[int], rows) -> None:
    groups, items = [], []
    for pid, (_, v) in zip(ids, rows):
        for pos, group in enumerate(v.get("addon_groups", []), 1):
            groups.append({"tenant_id": tenant_id, "product_id": pid, "position": pos,
                           "name": group["name"]})
            items.append([{"tenant_id": tenant_id, "product_id": pid, "position": ipos,
                           "name": i["name"], "image": i.get("image") or "",
                           "status": i["status"], "price": i["price"], "stock": i["stock"]}
                          for ipos, i in enumerate(group["items"], 1)])
    if not groups:
        return
    table = AddonGroup.__table__
    db.session.execute(table.insert(), groups)
    found = {(pid, pos): gid for gid, pid, pos in db.session.execute(
        select(table.c.id, table.c.product_id, table.c.position)
        .where(table.c.product_id.in_({g["product_id"] for g in groups})))}
    records = [{**item, "group_id": found[(g["product_id"], g["position"])]}
               for g, group_items in zip(groups, items) for item in group_items]
    if records:
        db.session.execute(AddonItem.__table__.insert(), records)
