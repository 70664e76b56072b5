"""The mirror of uploaded 수기주문 in 주문관리: an upload's mirror (written by COPY from the job's values on
PostgreSQL) is row for row what the form's mirror makes from the stored tables, and takes the same stock."""
from sqlalchemy import text

from blueprints.fulfilment.mirror import mirror
from models import ManualOrder, Product, ProductOption
from portal.extensions import db

from .test_manual_orders import HEADERS, _upload, _xlsx
from .test_orders_flow_on import _smartstore_file

ORDER_FIELDS = ("tenant_id", "account_id", "channel", "channel_order_id", "source", "manual_order_id", "ordered_at",
                "buyer_name", "buyer_phone", "recipient_name", "recipient_phone", "zip_code", "address",
                "address_detail", "delivery_message", "total_amount", "shipping_fee", "currency")
LINE_FIELDS = ("tenant_id", "account_id", "channel", "channel_order_id", "channel_line_id", "ordered_at",
               "product_name", "option_name", "quantity", "unit_price", "amount", "status", "raw_status", "seller_code",
               "product_id", "courier_code", "tracking_number", "invoice_state", "manual_line_id")


def _template_file():
    """The Poomgo template with amounts that have decimals (a half rounds away from zero, as a cast does)."""
    head = HEADERS + ["주문금액"]
    rows = [["T-1", "김수취", "010-1234-5678", "07583", "서울 강서구 강서로 1", "SKU-A", 2, "KR", "", "19900.5"],
            ["T-1", "김수취", "010-1234-5678", "07583", "서울 강서구 강서로 1", "OPT-1:화이트/M", 1, "KR", "", "19900.5"],
            ["T-2", "이수취", "010-2222-3333", "04524", "서울 중구 세종대로 110", "SKU-C", 3, "KR", "", "1000.49"]]
    return _xlsx([head] + rows)


def _mirror_rows():
    orders = db.session.execute(text(
        f"SELECT {', '.join(ORDER_FIELDS)} FROM channel_order WHERE manual_order_id IS NOT NULL "
        f"ORDER BY manual_order_id")).all()
    lines = db.session.execute(text(
        f"SELECT {', '.join('l.' + f for f in LINE_FIELDS)}, o.manual_order_id FROM channel_order_line l "
        f"JOIN channel_order o ON o.id = l.order_id WHERE l.manual_line_id IS NOT NULL ORDER BY l.manual_line_id"
    )).all()
    return [tuple(r) for r in orders], [tuple(r) for r in lines]


def _stock():
    return (sorted(db.session.query(Product.own_code, Product.stock).all()),
            sorted(db.session.query(ProductOption.values, ProductOption.stock).all()))


def test_an_uploads_mirror_is_what_the_stored_orders_make(signed_in, app, seller, catalog):
    for product in catalog.values():
        product.stock = 10
    db.session.commit()
    for data, name, platform in ((_template_file(), "template.xlsx", "수기주문서"),
                                 (_smartstore_file(), "smartstore.xlsx", "스마트스토어")):
        run, _ = _upload(signed_in, app, data, name=name, platform=platform)
        assert run.status == "done", run.fail_count
    uploaded = _mirror_rows()
    assert len(uploaded[0]) == 3 and len(uploaded[1]) == 5
    by_no = {r[3]: r for r in uploaded[0]}
    assert by_no["T-1"][15] == 19901 and by_no["T-2"][15] == 1000  # 19900.5 rounds up, 1000.49 down
    assert by_no["T-1"][17] == by_no["T-2"][17] == "KRW"  # each keeps its 수기주문's currency
    names = {(r[3], r[6], r[7]) for r in uploaded[1]}
    assert ("T-1", "린넨 롱원피스", "") in names and ("T-1", "무선 이어폰", "화이트/M") in names  # from the catalogue
    assert ("2026120400001", "무선 이어폰", "블랙 / S") in names  # as the buyer saw it in the file
    stock_after = _stock()
    assert dict(stock_after[0])["SKU-A"] == 10 - 2 - 2  # the template's 2 and the SmartStore file's 2
    assert dict(stock_after[0])["SKU-C"] == 10 - 3
    assert dict(stock_after[1]) == {"블랙/S": 3 - 1, "화이트/M": 3 - 1}

    # The same orders mirrored again from the stored tables, as the form does (no stock taken twice).
    conn = db.session.connection()
    conn.execute(text("DELETE FROM channel_order WHERE manual_order_id IS NOT NULL"))
    assert conn.execute(text("SELECT count(*) FROM channel_order_line WHERE manual_line_id IS NOT NULL")).scalar() == 0
    ids = [i for (i,) in db.session.query(ManualOrder.id).order_by(ManualOrder.id)]
    mirror(conn, seller.id, ids, take_stock=False)
    db.session.commit()
    assert _mirror_rows() == uploaded
    assert _stock() == stock_after

    # A 수기주문 in yen is mirrored in yen (its amounts are never read as won).
    db.session.query(ManualOrder).filter_by(order_no="T-2").update({"currency": "JPY"})
    conn = db.session.connection()
    conn.execute(text("DELETE FROM channel_order WHERE manual_order_id IS NOT NULL"))
    mirror(conn, seller.id, ids, take_stock=False)
    db.session.commit()
    assert {r[3]: r[17] for r in _mirror_rows()[0]} == {"T-1": "KRW", "T-2": "JPY", "2026120400001": "KRW"}


def test_a_reupload_mirrors_nothing_twice(signed_in, app, catalog):
    _upload(signed_in, app, _template_file(), name="template.xlsx")
    first, stock = _mirror_rows(), _stock()
    run, _ = _upload(signed_in, app, _template_file(), name="template.xlsx")
    assert run.ok_count == 0 and run.fail_count == 3
    assert _mirror_rows() == first and _stock() == stock


def _stocked(catalog, stock=10):
    for product in catalog.values():
        product.stock = stock
    db.session.commit()


def _lines_of(order_no):
    return db.session.execute(text(
        "SELECT l.id FROM channel_order_line l JOIN channel_order o ON o.id = l.order_id "
        "WHERE o.channel_order_id = :no"), {"no": order_no}).scalars().all()


def test_deleting_a_manual_order_takes_its_mirror_and_gives_its_stock_back(signed_in, app, seller, catalog):
    from sqlalchemy import func

    from models import OrderEvent
    from models.stat_rollup import StatDaily

    _stocked(catalog)
    _upload(signed_in, app, _template_file(), name="template.xlsx")
    assert dict(_stock()[0])["SKU-A"] == 8 and dict(_stock()[1])["화이트/M"] == 2
    line_id = _lines_of("T-1")[0]
    resp = signed_in.post("/orders/invoices/entry", data={"line_ids": [line_id], f"courier_{line_id}": "CJ대한통운",
                                                           f"tracking_{line_id}": "123456789012"})
    assert resp.status_code == 303
    assert db.session.query(OrderEvent).filter_by(line_id=line_id).count() >= 1  # 연동이력 of the 송장

    order = db.session.query(ManualOrder).filter_by(order_no="T-1").one()
    db.session.delete(order)  # the lines go first (the ORM's cascade), then the order
    db.session.commit()
    db.session.expire_all()
    assert _lines_of("T-1") == [] and db.session.query(OrderEvent).filter_by(line_id=line_id).count() == 0
    assert db.session.execute(text("SELECT count(*) FROM channel_order WHERE channel_order_id = 'T-1'")).scalar() == 0
    assert dict(_stock()[0])["SKU-A"] == 10 and dict(_stock()[1])["화이트/M"] == 3  # given back
    assert len(_lines_of("T-2")) == 1 and dict(_stock()[0])["SKU-C"] == 7  # the other order is untouched
    assert "T-1" not in signed_in.get("/orders/process").get_data(as_text=True)
    assert "T-2" in signed_in.get("/orders/process").get_data(as_text=True)
    orders = db.session.query(func.sum(StatDaily.orders)).filter(StatDaily.tenant_id == seller.id,
                                                                 StatDaily.kind == "sale").scalar()
    assert orders == 1  # the statistics count what is left, once

    # Deleted with plain SQL (the order first, its lines by trigger): the same.
    db.session.execute(text("DELETE FROM manual_order WHERE order_no = 'T-2'"))
    db.session.commit()
    assert _lines_of("T-2") == [] and dict(_stock()[0])["SKU-C"] == 10
    assert db.session.execute(text("SELECT count(*) FROM channel_order")).scalar() == 0


def test_a_cancelled_manual_order_deleted_gives_no_stock_back_twice(signed_in, app, catalog):
    _stocked(catalog)
    _upload(signed_in, app, _template_file(), name="template.xlsx")
    order = db.session.query(ManualOrder).filter_by(order_no="T-2").one()
    assert signed_in.post("/fulfilment/manual/cancel", data={"order_ids": [order.id]}).status_code in (302, 303)
    assert dict(_stock()[0])["SKU-C"] == 10  # 강제취소 gave it back
    db.session.execute(text("DELETE FROM manual_order WHERE order_no = 'T-2'"))
    db.session.commit()
    assert _lines_of("T-2") == [] and dict(_stock()[0])["SKU-C"] == 10
    assert dict(_stock()[0])["SKU-A"] == 8  # T-1 still holds its stock


def test_deleting_one_line_of_a_manual_order_takes_its_mirrored_line(signed_in, app, catalog):
    from models import ManualOrderLine

    _stocked(catalog)
    _upload(signed_in, app, _template_file(), name="template.xlsx")
    order = db.session.query(ManualOrder).filter_by(order_no="T-1").one()
    line = next(x for x in order.lines if x.sku == "SKU-A")
    db.session.delete(db.session.get(ManualOrderLine, line.id))
    db.session.commit()
    names = db.session.execute(text(
        "SELECT l.product_name FROM channel_order_line l JOIN channel_order o ON o.id = l.order_id "
        "WHERE o.channel_order_id = 'T-1'")).scalars().all()
    assert names == ["무선 이어폰"] and dict(_stock()[0])["SKU-A"] == 10


def _many(first: int, count: int, path):
    """count orders from number `first` on, every third with a second SKU line."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("주문서")
    ws.append(HEADERS)
    for n in range(first, first + count):
        row = [f"C-{n:05d}", "김수취", "010-1234-5678", "07583", "서울 강서구 강서로 1", "SKU-A", 1, "KR", ""]
        ws.append(row)
        if n % 3 == 0:
            ws.append(row[:5] + ["OPT-1:블랙/S", 2, "KR", ""])
    wb.save(path)


def test_two_overlapping_uploads_at_once_store_and_mirror_each_order_once(app, seller, catalog, tmp_path):
    """Two uploads of overlapping files run side by side (PostgreSQL: two connections; SQLite takes turns):
    every order number is stored, mirrored and takes its stock once, whichever upload got it."""
    import threading

    import pytest

    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer: two uploads take turns (the lock refuses the second)")

    from jobs.manual_orders import import_manual_orders
    from models import JobRun
    from portal.queues import Progress

    catalog["SKU-A"].stock = 100_000
    catalog["OPT-1"].options[0].stock = 100_000
    db.session.commit()
    files = [(tmp_path / "a.xlsx", 0, 1500), (tmp_path / "b.xlsx", 750, 1500)]  # C-00750 … C-01499 in both
    runs = []
    for path, first, count in files:
        _many(first, count, path)
        run = JobRun(kind="수기주문 엑셀 업로드", func="jobs.manual_orders.import_manual_orders", queue="imports",
                     tenant_id=seller.id, status="running")
        db.session.add(run)
        db.session.commit()
        runs.append(run.id)
    start = threading.Barrier(2)
    errors = []

    def upload(run_id, path):
        with app.app_context():
            try:
                start.wait()
                import_manual_orders(Progress(db.session.get(JobRun, run_id)), tenant_id=seller.id, path=str(path),
                                     filename="주문서.xlsx", platform="수기주문서")
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=upload, args=(run_id, path)) for run_id, (path, _, _) in zip(runs, files)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors
    db.session.expire_all()
    numbers = 2250  # C-00000 … C-02249
    lines = sum(2 if n % 3 == 0 else 1 for n in range(numbers))
    done = [db.session.get(JobRun, run_id) for run_id in runs]
    overlap = sum(2 if n % 3 == 0 else 1 for n in range(750, 1500))
    # rows: what one upload stored, the other reported taken
    assert sum(run.ok_count for run in done) == lines and sum(run.fail_count for run in done) == overlap
    count = lambda sql: db.session.execute(text(sql)).scalar()  # noqa: E731
    assert count("SELECT count(*) FROM manual_order") == numbers
    assert count("SELECT count(DISTINCT order_no) FROM manual_order") == numbers
    assert count("SELECT count(*) FROM manual_order_line") == lines
    assert count("SELECT count(*) FROM channel_order") == numbers
    assert count("SELECT count(DISTINCT channel_order_id) FROM channel_order") == numbers
    assert count("SELECT count(*) FROM channel_order_line") == lines
    assert count("SELECT count(DISTINCT manual_line_id) FROM channel_order_line") == lines
    db.session.refresh(catalog["SKU-A"])
    assert catalog["SKU-A"].stock == 100_000 - numbers
    assert db.session.get(ProductOption, catalog["OPT-1"].options[0].id).stock == \
        100_000 - 2 * sum(1 for n in range(numbers) if n % 3 == 0)
