"""The daily rollups stay equal to a recomputation from the order rows after every kind of change, and the
monthly rollup to the sum of its days."""
from collections import Counter
from datetime import timedelta

from click.testing import CliRunner
from openpyxl import Workbook
from sqlalchemy import delete, update

from blueprints.fulfilment.store import store_batch
from blueprints.statistics.facts import facts
from blueprints.statistics.periods import Period, today_kst
from blueprints.statistics.regions import region_of
from blueprints.statistics.rollups import daily_facts, monthly_product_facts, rebuild_rollups
from models import (ChannelOrder, ChannelOrderLine, JobRun, ManualOrder, ManualOrderLine, OrderClaim, StatDaily,
                    StatDailyProduct, StatMonthlyProduct)
from models.stat_rollup import StatDirty
from portal.extensions import db

from tests.concurrency import at_once

from .conftest import kst_wall


def rollup_state(tenant_id):
    """Both rollups as counters of their figures per key (row ids and row splits aside)."""
    out = Counter()
    for r in db.session.query(StatDaily).filter_by(tenant_id=tenant_id):
        key = ("region", r.day, r.kind, r.account, r.currency, r.region)
        out[key + ("quantity",)] += r.quantity
        out[key + ("amount",)] += r.amount
        out[key + ("orders",)] += r.orders
    for r in db.session.query(StatDailyProduct).filter_by(tenant_id=tenant_id):
        key = ("product", r.day, r.kind, r.account, r.currency, r.product_id, r.option_name)
        for name in ("quantity", "amount", "orders", "product_orders", "option_orders"):
            out[key + (name,)] += getattr(r, name)
    return +out


def from_facts(tenant_id):
    """The same figures summed from the plain rules (blueprints.statistics.facts), orders as distinct keys."""
    out, orders = Counter(), {}
    for f in facts(tenant_id, today_kst() - timedelta(days=400), today_kst() + timedelta(days=30)):
        region = " ".join((f.address or "").split()[:2])
        keys = [("region", f.day, f.kind, f.account, f.currency, region),
                ("product", f.day, f.kind, f.account, f.currency, f.product_id, f.option)]
        for key in keys:
            out[key + ("quantity",)] += f.quantity
            out[key + ("amount",)] += f.amount
        if f.kind == "sale":
            orders.setdefault(keys[0] + ("orders",), set()).add(f.order_key)
            product = f.product_id or f.product_name
            orders.setdefault(keys[1] + ("option_orders",), set()).add(f.order_key)
            orders.setdefault(("product", f.day, "product_orders"), set()).add((f.order_key, product))
            orders.setdefault(("product", f.day, "orders"), set()).add(f.order_key)
    for key, seen in orders.items():
        out[key] += len(seen)
    return +out


def comparable(state):
    """Product rows' order counts depend on which line of an order comes first; compare their sums per day."""
    out = Counter()
    for key, value in state.items():
        if key[0] == "product" and key[-1] in ("product_orders", "orders"):
            out[("product", key[1], key[-1])] += value
        else:
            out[key] += value
    return +out


FIGURES = ("quantity", "amount", "orders", "product_orders", "option_orders")


def monthly_state(tenant_id):
    out = Counter()
    for r in db.session.query(StatMonthlyProduct).filter_by(tenant_id=tenant_id):
        key = (r.month, r.kind, r.account, r.currency, r.product_id, r.name_key, r.option_name)
        for name in (*FIGURES, "days"):
            out[key + (name,)] += getattr(r, name)
    return +out


def months_of_days(tenant_id):
    """The monthly rows as the daily rows add up per month."""
    out = Counter()
    for r in db.session.query(StatDailyProduct).filter_by(tenant_id=tenant_id):
        key = (r.day.replace(day=1), r.kind, r.account, r.currency, r.product_id or 0,
               r.product_name if r.product_id is None else "", r.option_name)
        for name in FIGURES:
            out[key + (name,)] += getattr(r, name)
        out[key + ("days",)] += 1
    return +out


def changes(tenant, data):
    """Inserts, updates, claims and deletes through the ORM, plain SQL and the upload's bulk path."""
    account, product = data["accounts"][0], data["products"][1]
    at = kst_wall(0, 23, 58)
    order = ChannelOrder(tenant_id=tenant.id, account_id=account.id, channel="sandbox", channel_order_id="NEW1",
                         ordered_at=at, address="경기 수원시 팔달구 1")
    db.session.add(order)
    db.session.flush()
    lines = [ChannelOrderLine(tenant_id=tenant.id, order_id=order.id, account_id=account.id, channel="sandbox",
                              channel_order_id="NEW1", channel_line_id=str(i), ordered_at=at, product_name="새상품",
                              option_name="", quantity=2, unit_price=5000, amount=10000, status="NEW",
                              product_id=product.id if i else None) for i in range(3)]
    db.session.add_all(lines)
    db.session.flush()
    db.session.add(OrderClaim(tenant_id=tenant.id, account_id=account.id, channel="sandbox", channel_claim_id="NC1",
                              kind="CANCEL", status="CANCELED", channel_order_id="NEW1", channel_line_id="1",
                              line_id=lines[1].id, quantity=1, requested_at=kst_wall(0, 0, 30)))
    lines[2].status = "CANCELED"  # 판매취소 without a claim
    # a yen order of a Japanese channel (라쿠텐), one line of it cancelled by a claim
    yen = ChannelOrder(tenant_id=tenant.id, account_id=account.id, channel="sandbox", channel_order_id="JP1",
                       ordered_at=at, address="경기 수원시 팔달구 2", currency="JPY")
    db.session.add(yen)
    db.session.flush()
    yen_lines = [ChannelOrderLine(tenant_id=tenant.id, order_id=yen.id, account_id=account.id, channel="sandbox",
                                  channel_order_id="JP1", channel_line_id=str(i), ordered_at=at,
                                  product_name="엔화상품", option_name="", quantity=1, unit_price=1980, amount=1980,
                                  status="NEW", product_id=product.id) for i in range(2)]
    db.session.add_all(yen_lines)
    db.session.flush()
    db.session.add(OrderClaim(tenant_id=tenant.id, account_id=account.id, channel="sandbox", channel_claim_id="JC1",
                              kind="CANCEL", status="CANCELED", channel_order_id="JP1", channel_line_id="1",
                              line_id=yen_lines[1].id, quantity=1, requested_at=kst_wall(0, 0, 40)))
    db.session.commit()
    # a claim completes later, one is withdrawn, an address is corrected, a line's amount changes
    claim = db.session.query(OrderClaim).filter_by(tenant_id=tenant.id, status="CANCEL_REQUESTED").first()
    if claim:
        claim.status = "CANCELED"
    db.session.execute(delete(OrderClaim).where(OrderClaim.tenant_id == tenant.id, OrderClaim.status == "RETURNED",
                                                OrderClaim.id % 3 == 0))
    old = db.session.query(ChannelOrder).filter_by(tenant_id=tenant.id).order_by(ChannelOrder.id).first()
    old.address = "부산광역시 해운대구 센텀로 1"
    db.session.execute(update(ChannelOrderLine).where(ChannelOrderLine.tenant_id == tenant.id,
                                                      ChannelOrderLine.id % 7 == 0,
                                                      ChannelOrderLine.channel_order_id != "JP1")  # yen sums below
                       .values(amount=ChannelOrderLine.amount + 1234))
    for line in db.session.query(ChannelOrderLine).filter(ChannelOrderLine.id % 11 == 0):
        line.ordered_at -= timedelta(hours=5)  # across KST midnight for some
    db.session.commit()
    # a line and an order go
    gone = db.session.query(ChannelOrderLine).filter_by(tenant_id=tenant.id, status="DELIVERED").first()
    db.session.execute(delete(OrderClaim).where(OrderClaim.line_id == gone.id))
    db.session.delete(gone)
    # 수기주문: uploaded through the bulk path, cancelled, a line changed, one deleted with its lines
    run = JobRun(tenant_id=tenant.id, kind="manual_orders", func="fulfilment.import", status="running")
    db.session.add(run)
    db.session.commit()
    rows = [(("카카오톡 주문", f"UP{i}", "", "KR", "", "업로드", "010-1111-2222", "06236",
              "서울특별시 강남구 역삼로 1", "", "", None, None, 30001 + i,
              "JPY" if i % 5 == 0 else "KRW", None, "구매자"),
             [(product.own_code, 1 + i % 3, product.id, None, "상품", "", "", None, None),
              ("SKU-X", 2, None, None, "상품X", "", "", None, None)]) for i in range(20)]
    store_batch(tenant.id, run.id, rows)
    manual = db.session.query(ManualOrder).filter_by(tenant_id=tenant.id).order_by(ManualOrder.id).all()
    manual[0].canceled_at = kst_wall(0, 1)
    db.session.execute(update(ManualOrderLine).where(ManualOrderLine.order_id == manual[1].id).values(quantity=5))
    db.session.delete(manual[2])
    db.session.commit()


def test_rollups_equal_a_recomputation_after_a_mix_of_changes(book):
    tenant, data = book
    assert comparable(rollup_state(tenant.id)) == comparable(from_facts(tenant.id))
    changes(tenant, data)
    kept = rollup_state(tenant.id)
    assert comparable(kept) == comparable(from_facts(tenant.id))
    yen = {key: value for key, value in kept.items() if key[0] == "region" and key[4] == "JPY"
           and key[-1] == "amount" and key[5] == "경기 수원시"}
    assert sorted(yen.values()) == [1980, 3960]  # 매출 2 lines, 취소 1: in yen, under JPY
    assert monthly_state(tenant.id) == months_of_days(tenant.id)
    rebuild_rollups(tenant.id)
    assert rollup_state(tenant.id) == kept
    assert monthly_state(tenant.id) == months_of_days(tenant.id)


def test_product_figures_read_through_months_equal_the_daily_sums(book):
    """Whole months from the monthly rollup and the other days from the daily one, added or taken away,
    give what the daily rows alone give, for periods starting and ending anywhere in a month."""
    tenant, _ = book
    today = today_kst()
    for end_back in (0, 3, 17, 29, 40):
        for length in (1, 7, 12, 30, 31, 45, 61):
            end = today - timedelta(days=end_back)
            period = Period("custom", end - timedelta(days=length - 1), end)
            assert sorted(monthly_product_facts(tenant.id, period), key=repr) == \
                sorted(daily_facts(tenant.id, period, products=True, by_day=False), key=repr), period


def test_rebuild_command_fills_rollups_emptied_by_hand(app, book):
    tenant, _ = book
    kept = rollup_state(tenant.id)
    assert kept
    db.session.execute(delete(StatDaily))
    db.session.execute(delete(StatDailyProduct))
    db.session.execute(delete(StatMonthlyProduct))
    db.session.commit()
    result = CliRunner().invoke(app.cli, ["statistics", "rebuild"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert rollup_state(tenant.id) == kept
    assert monthly_state(tenant.id) == months_of_days(tenant.id) != Counter()


def test_region_words_read_as_the_address_does(book):
    tenant, _ = book
    for (region,) in db.session.query(StatDaily.region).filter_by(tenant_id=tenant.id).distinct():
        assert region_of(region) in {region_of(a) for (a,) in db.session.query(ChannelOrder.address)
                                     .union(db.session.query(ManualOrder.address))}


def test_a_many_row_upload_leaves_the_rollups_equal_to_a_recomputation(app, book, tmp_path, monkeypatch):
    """A 수기주문 sheet of orders of one and several SKU rows, stored in several chunks (a commit each), with a
    row that fails: the rollups hold exactly what the stored orders add, and no noted day waits for a refresh."""
    import jobs.manual_orders
    from jobs.manual_orders import import_manual_orders
    from portal.queues import Progress

    monkeypatch.setattr(jobs.manual_orders, "CHUNK", 12)
    monkeypatch.setattr(jobs.manual_orders, "LATER", 1)
    tenant, data = book
    before = db.session.query(StatDaily).filter_by(tenant_id=tenant.id, kind="sale").count()
    wb = Workbook()
    wb.active.append(["주문번호", "수취인명", "전화번호", "우편번호", "주소", "SKU", "수량", "주문금액"])
    for i in range(80):
        order = i - (i % 4 == 1)  # every fourth order has a second SKU row
        sku = "없는상품" if i == 37 else data["products"][i % len(data["products"])].own_code
        wb.active.append([f"U{order:04d}", "김수취", "010-1234-5678", "07583",
                          ["서울특별시 강서구 강서로 1", "부산광역시 해운대구 센텀로 2"][i % 2], sku, 1 + i % 3,
                          19900 + i])
    wb.save(path := tmp_path / "주문서.xlsx")
    run = JobRun(tenant_id=tenant.id, kind="수기주문 엑셀 업로드", func="jobs.manual_orders.import_manual_orders",
                 status="running")
    db.session.add(run)
    db.session.commit()
    import_manual_orders(Progress(run), tenant_id=tenant.id, path=str(path), filename="주문서.xlsx", platform="업로드몰")
    db.session.expire_all()
    stored = db.session.query(ManualOrder).filter_by(tenant_id=tenant.id, platform="업로드몰").count()
    assert stored == 59 and db.session.get(JobRun, run.id).fail_count == 2  # U0036: both rows, one bad
    assert comparable(rollup_state(tenant.id)) == comparable(from_facts(tenant.id))
    assert monthly_state(tenant.id) == months_of_days(tenant.id)
    today = db.session.query(StatDaily).filter_by(tenant_id=tenant.id, kind="sale", account="manual:업로드몰").all()
    assert sum(r.orders for r in today) == 59 and db.session.query(StatDaily).filter_by(
        tenant_id=tenant.id, kind="sale").count() > before
    assert db.session.query(StatDirty).count() == 0


def test_two_collections_noting_the_same_days_in_opposite_orders_both_commit(app, book):
    """Two collections of one seller (two accounts, each its own transaction) store orders of the same two
    days, one day after the other in opposite orders, and commit at once: both land and the rollups hold
    both (each day used to be locked only as its turn came at commit, and the two deadlocked)."""
    import pytest

    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite takes one writer at a time; the commit-time refresh runs in Python there")
    tenant, data = book
    tenant_id, account_ids = tenant.id, [a.id for a in data["accounts"]]
    before = rollup_state(tenant_id)

    def collect(n, days):
        def step(ready):
            for d in days:  # one statement per day: the days are noted in this order
                at = kst_wall(d, 10)
                order = ChannelOrder(tenant_id=tenant_id, account_id=account_ids[n], channel="sandbox",
                                     channel_order_id=f"DL{n}-{d}", ordered_at=at, address="서울특별시 중구")
                db.session.add(order)
                db.session.flush()
                db.session.add(ChannelOrderLine(
                    tenant_id=tenant_id, order=order, account_id=account_ids[n], channel="sandbox",
                    channel_order_id=order.channel_order_id, channel_line_id="1", ordered_at=at,
                    product_name="동시수집", quantity=1, unit_price=1000, amount=1000, status="DELIVERED"))
                db.session.flush()
            ready()
            db.session.commit()
        return step

    assert at_once(app, collect(0, (3, 4)), collect(1, (4, 3))) == []
    db.session.expire_all()
    assert comparable(rollup_state(tenant_id)) == comparable(from_facts(tenant_id)) != comparable(before)
    assert db.session.query(StatDirty).count() == 0


def test_an_upload_and_a_collection_of_the_same_day_committing_at_once_are_both_counted_once(app, book):
    """A 수기주문 upload's chunk adds its orders' sums to today's rollups itself while a collection of the same
    seller stores an order of today (whose commit recomputes the day); both commit at once: the rollups
    hold each order once (the recomputation waits for the upload's commit, so it neither misses the new
    orders nor counts them beside their sums)."""
    import pytest

    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite takes one writer at a time")
    tenant, data = book
    tenant_id, account_id, product = tenant.id, data["accounts"][0].id, data["products"][1]
    run = JobRun(tenant_id=tenant_id, kind="manual_orders", func="fulfilment.import", status="running")
    db.session.add(run)
    db.session.commit()
    run_id, code, product_id = run.id, product.own_code, product.id
    rows = [(("업로드몰", f"SAME{i}", "", "KR", "", "동시", "010-1111-2222", "06236", "서울특별시 강남구 역삼로 1", "",
              "", None, None, 10000 + i, "KRW", None, ""), [(code, 1, product_id, None, "", "", "", None, None)])
            for i in range(30)]

    def upload(ready):
        store_batch(tenant_id, run_id, rows, commit=False)
        ready()
        db.session.commit()

    def collect(ready):
        at = kst_wall(0, 0, 5)
        order = ChannelOrder(tenant_id=tenant_id, account_id=account_id, channel="sandbox",
                             channel_order_id="SAME-DAY", ordered_at=at, address="서울특별시 중구")
        db.session.add(order)
        db.session.flush()
        db.session.add(ChannelOrderLine(
            tenant_id=tenant_id, order=order, account_id=account_id, channel="sandbox",
            channel_order_id="SAME-DAY", channel_line_id="1", ordered_at=at, product_name="동시수집",
            quantity=1, unit_price=1000, amount=1000, status="DELIVERED"))
        db.session.flush()
        ready()
        db.session.commit()

    assert at_once(app, upload, collect) == []
    db.session.expire_all()
    assert db.session.query(ManualOrder).filter_by(tenant_id=tenant_id, platform="업로드몰").count() == 30
    assert comparable(rollup_state(tenant_id)) == comparable(from_facts(tenant_id))
    today = db.session.query(StatDaily).filter_by(tenant_id=tenant_id, kind="sale", account="manual:업로드몰").all()
    assert sum(r.orders for r in today) == 30
    assert monthly_state(tenant_id) == months_of_days(tenant_id)
    assert db.session.query(StatDirty).count() == 0
