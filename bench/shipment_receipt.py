"""Bench: 배송접수 of 10,000 orders with SKU matching (and the gift-event hooks), seconds and peak memory.

    .venv/bin/python bench/shipment_receipt.py [--orders 10000] [--skus 2000] [--linked] [--memory rss]
        [--database-url URL]

Builds a seller with a SKU master (singles, combinations, remembered matches) and that many uploaded
Qoo10 / Rakuten order lines whose codes need the whole matching rule (priority columns, comma splits,
repeats, remembered codes, mixed case); then times, separately: bringing them into 대기목록 (copy +
SKU matching) and 배송접수 of all of them (carts of one to three lines, 접수번호, items, history, and
every function registered in receipt.RECEIPT_HOOKS, e.g. gift events). Peak memory is Python's
(tracemalloc) during each step; tracemalloc slows Python several times, so with --memory rss the
steps run untraced and the peak is the process's resident memory during the step (Linux: the high-water
mark reset before the step; elsewhere the process's peak so far). With --linked every single SKU names a product of ours (half of them a
조합형 option), so 배송접수 also takes their stock (shipments.stock). A PostgreSQL database given by URL is
emptied first.
"""
import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.warehouse_stock import fresh_schema  # noqa: E402

BATCH = 5000
MEMORY = "tracemalloc"  # or "rss" (--memory)


def link(db, tenant_id: int) -> int:
    """Every single SKU linked to a product of ours: even ones to a product without options, odd ones to
    the option of a one-option product. Returns how many."""
    from models import FulfilmentSku, Product, ProductOption

    singles = db.session.query(FulfilmentSku).filter_by(tenant_id=tenant_id, kind="single").all()
    for n, sku in enumerate(singles):
        product = Product(tenant_id=tenant_id, name=f"벤치 상품 {n}", code=f"B{n:012d}", stock=1_000_000)
        if n % 2:
            product.options = [ProductOption(tenant_id=tenant_id, no=1, values="기본", stock=1_000_000)]
        db.session.add(product)
        db.session.flush()
        sku.product_id, sku.option_id = product.id, (product.options[0].id if n % 2 else None)
    db.session.commit()
    return len(singles)


def fill(db, tenant_id: int, orders: int, skus: int) -> None:
    from sqlalchemy import insert

    from models import (FulfilmentSku, FulfilmentSkuComponent, GiftEvent, GiftEventGift, ManualOrder,
                        ManualOrderLine, SkuMatch)

    db.session.execute(insert(FulfilmentSku), [
        {"tenant_id": tenant_id, "kind": "single", "code": f"SKU-{i:05d}", "code_key": f"sku-{i:05d}",
         "name": f"[A{i % 30:02d}] 벤치 상품 {i}", "name_en": f"Bench item {i}", "customs_name_en": "COSMETIC",
         "brand": "", "barcode": f"880{i:010d}", "hs_code": "3304.99", "origin": "KR", "location": "", "image": "",
         "memo": "", "is_gift": False, "weight_kg": Decimal("0.1")} for i in range(skus)])
    first = db.session.query(FulfilmentSku.id).filter_by(tenant_id=tenant_id).order_by(FulfilmentSku.id).limit(1).scalar()
    db.session.execute(insert(FulfilmentSku), [
        {"tenant_id": tenant_id, "kind": "combo", "code": f"SET-{i:04d}", "code_key": f"set-{i:04d}",
         "name": f"세트 {i}", "name_en": "", "customs_name_en": "", "brand": "", "barcode": "", "hs_code": "",
         "origin": "KR", "location": "", "image": "", "memo": "", "is_gift": False} for i in range(skus // 10)])
    combos = [r for (r,) in db.session.query(FulfilmentSku.id).filter_by(tenant_id=tenant_id, kind="combo")]
    db.session.execute(insert(FulfilmentSkuComponent), [
        {"tenant_id": tenant_id, "combo_id": c, "sku_id": first + (n * 2 + k) % skus, "quantity": k + 1}
        for n, c in enumerate(combos) for k in range(2)])
    db.session.execute(insert(SkuMatch), [
        {"tenant_id": tenant_id, "channel": channel, "code": f"Q{i:09d}", "code_key": f"q{i:09d}",
         "sku_id": first + i % skus} for i in range(skus) for channel in ("qoo10jp", "rakuten")])
    gift = FulfilmentSku(tenant_id=tenant_id, kind="single", code="GIFT-1", code_key="gift-1", name="샘플 사은품",
                         is_gift=True)
    db.session.add(gift)
    db.session.flush()
    db.session.add_all([  # two active events: every line of ¥2,000 or more, and one per box of SKU-00001…
        GiftEvent(tenant_id=tenant_id, name="2천엔 이상", basis="line", amount_min=Decimal(2000), currency="JPY",
                  gifts=[GiftEventGift(tenant_id=tenant_id, sku_id=gift.id, quantity=1)]),
        GiftEvent(tenant_id=tenant_id, name="세트 구매", basis="cart", product_codes=["set-0001", "sku-00002"],
                  proportional=True, gifts=[GiftEventGift(tenant_id=tenant_id, sku_id=gift.id, quantity=1,
                                                          limit_count=orders)])])
    db.session.commit()
    for start in range(0, orders, BATCH):
        rows, lines = [], []
        for n in range(start, min(orders, start + BATCH)):
            platform = "rakuten" if n % 3 == 0 else "qoo10jp"
            rows.append({"tenant_id": tenant_id, "platform": platform, "country": "JP", "order_no": f"O{n:08d}",
                         "recipient_name": f"山田{n % 997}", "recipient_phone": f"090-{n % 9000:04d}-0000",
                         "zip_code": "150-0001", "address": "東京都渋谷区神宮前1-1-1", "address_detail": "",
                         "message": "", "product_url": "", "brand": "", "currency": "JPY", "source": "excel",
                         "buyer_name": ""})
        db.session.execute(insert(ManualOrder), rows)
        ids = dict(db.session.query(ManualOrder.order_no, ManualOrder.id).filter(
            ManualOrder.tenant_id == tenant_id, ManualOrder.order_no.in_([r["order_no"] for r in rows])))
        for n in range(start, min(orders, start + BATCH)):
            kind = n % 6
            code = (f"SKU-{n % skus:05d}" if kind == 0 else f"sku-{n % skus:05d},SKU-{(n + 1) % skus:05d}"
                    if kind == 1 else f"SKU-{n % skus:05d},SKU-{n % skus:05d}" if kind == 2
                    else f"Q{n % skus:09d}" if kind == 3 else f"SET-{n % (skus // 10):04d}" if kind == 4
                    else f"SKU-{n % skus:05d}")
            lines.append({"tenant_id": tenant_id, "order_id": ids[f"O{n:08d}"], "sku": code, "quantity": 1 + n % 3,
                          "product_name": f"ベンチ商品 {n}", "option_name": "", "line_amount": Decimal(1000 + n % 5000)})
        db.session.execute(insert(ManualOrderLine), lines)
        db.session.commit()


def cart_of(order_no: str) -> str:
    """Most carts hold two orders, every fifth order is alone."""
    n = int(order_no[1:])
    return f"C{n // 2 if n % 5 else n:08d}-{n % 5 == 0}"


def _high_water() -> int | None:
    """Bytes of the process's resident high-water mark (Linux), None where it cannot be read."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def measure_rss(label: str, work):
    """The step untraced; its peak resident memory (the mark reset first where Linux allows)."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass
    began = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - began
    peak = _high_water() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"{label:<44} {seconds:7.2f} s   peak RSS {peak / 2**20:7.1f} MiB (untraced)")
    return result


def measure(label: str, work):
    if MEMORY == "rss":
        return measure_rss(label, work)
    tracemalloc.start()
    began = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label:<44} {seconds:7.2f} s   peak {peak / 2**20:7.1f} MiB")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--skus", type=int, default=2_000)
    parser.add_argument("--linked", action="store_true", help="link the SKUs to products (stock moves)")
    parser.add_argument("--memory", choices=("tracemalloc", "rss"), default="tracemalloc",
                        help="rss: time the steps untraced, peak as resident memory")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    global MEMORY
    MEMORY = args.memory
    workdir = tempfile.mkdtemp(prefix="shipment-bench-")
    url = args.database_url or f"sqlite:///{os.path.join(workdir, 'shipments.sqlite')}"

    from blueprints.fulfilment.shipments import receipt, waiting
    from bench.seller import bench_seller
    from models import FulfilmentOrder, Shipment, ShipmentItem, Tenant, User
    from portal import create_app
    from portal.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "JOB_FILES_DIR": workdir, "TESTING": True})
    with app.app_context(), app.test_request_context():
        fresh_schema(db, url)
        tenant = bench_seller(db, login_id="bench")
        user = User.query.filter_by(login_id="bench").one()
        began = time.perf_counter()
        fill(db, tenant.id, args.orders, args.skus)
        print(f"database: {db.engine.dialect.name}; {args.orders:,} order lines, {args.skus:,} SKUs "
              f"(+{args.skus // 10:,} sets, {args.skus * 2:,} remembered codes) stored in {time.perf_counter() - began:.1f}s")
        if args.linked:
            print(f"SKUs linked to products: {link(db, tenant.id):,}")
        print(f"배송접수 hooks registered: {len(receipt.RECEIPT_HOOKS)}; active events: 2")
        added = measure("대기목록 bring-in (copy + SKU matching)", lambda: waiting.bring_in(tenant))
        for row in db.session.query(FulfilmentOrder).filter_by(tenant_id=tenant.id):
            row.cart_no = cart_of(row.order_no)
        tenant_id, user_id = tenant.id, user.id
        db.session.commit()
        db.session.expunge_all()
        ids = [i for (i,) in db.session.query(FulfilmentOrder.id).filter_by(tenant_id=tenant_id)]
        tenant, user = db.session.get(Tenant, tenant_id), db.session.get(User, user_id)
        outcome = measure(f"배송접수 of {len(ids):,} lines", lambda: receipt.receive(tenant, user, ids))
        shipments = db.session.query(Shipment).filter_by(tenant_id=tenant.id).count()
        items = db.session.query(ShipmentItem).filter_by(tenant_id=tenant.id).count()
        gifts = db.session.query(ShipmentItem).filter_by(tenant_id=tenant.id, is_gift=True).count()
        print(f"{added:,} lines in; {outcome.lines:,} received as {shipments:,} shipments with {items:,} items ({gifts:,} gifts); "
              f"{len(outcome.skipped)} carts kept back; numbers {outcome.receipt_nos[0]} … {outcome.receipt_nos[-1]}")
        if args.linked:
            from models import ShipmentStockMove
            moves = db.session.query(ShipmentStockMove).filter_by(tenant_id=tenant.id).count()
            print(f"stock moves recorded: {moves:,}")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
