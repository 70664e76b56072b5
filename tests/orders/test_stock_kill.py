"""A real RQ worker SIGKILLed while it moves a product's stock, for sales and for cancellations: the
rerun leaves the stock exactly where the stored lines say (5 lines of 2 units: 10,000 → 9,990 → 10,000).

The product's stock update is held by a trigger (PostgreSQL: pg_sleep; SQLite: a long cross join) so
the kill lands inside it, after the order lines or the 취소완료 were written in the same job.
"""
import sqlite3
import time

import pytest
from sqlalchemy import text

from models import ChannelOrderLine, JobRun, Product
from models.base import utcnow
from portal.extensions import db
from portal.queues import wait_inline_jobs

from ..conftest import kill as _kill
from ..conftest import wait_for as _wait
from .test_worker_kill import _rq, rq_env  # noqa: F401  (rq_env is a fixture)

pytestmark = pytest.mark.redis
CODE = "KNIT-KILL"


@pytest.fixture
def knit(seller, shop):
    """The same knit on the channel (its 자체상품코드 on the listing) and in the seller's catalogue."""
    made = shop.market.ops("POST", f"/shops/{shop.id}/products",
                           json={"name": "니트", "price": 10000, "stock": 100, "seller_code": CODE})
    product = Product(tenant_id=seller.id, code="P-KILL", own_code=CODE, name="니트", stock=10000)
    db.session.add(product)
    db.session.commit()
    return product, made["product"]


def _five_lines_of_two(shop, listed):
    item = listed["items"][0]
    return [shop.market.ops("POST", f"/shops/{shop.id}/orders", json={"hours_ago": 0.05, "lines": [{
        "product_no": listed["product_no"], "item_no": item["item_no"], "product_name": listed["name"],
        "qty": 2, "unit_price": listed["price"]}]})["order"] for _ in range(5)]


class Stall:
    """Holds every UPDATE of a product until the worker is killed."""

    def __init__(self, database_url):
        self.pg = database_url.startswith("postgresql")
        self.path = None if self.pg else database_url.split("sqlite:///", 1)[1]

    def __enter__(self):
        if self.pg:
            db.session.execute(text("CREATE FUNCTION stall_product() RETURNS trigger AS $$ "
                                    "BEGIN PERFORM pg_sleep(120); RETURN NEW; END $$ LANGUAGE plpgsql"))
            db.session.execute(text("CREATE TRIGGER stall BEFORE UPDATE ON product "
                                    "FOR EACH ROW EXECUTE FUNCTION stall_product()"))
        else:
            db.session.execute(text("CREATE TABLE stall_spin(x INTEGER)"))
            db.session.execute(text("INSERT INTO stall_spin VALUES (:x)"), [{"x": i} for i in range(3000)])
            db.session.execute(text("CREATE TRIGGER stall BEFORE UPDATE ON product BEGIN "
                                    "SELECT count(*) FROM stall_spin a, stall_spin b, stall_spin c; END"))
        db.session.commit()
        return self

    def wait(self):
        """Until the worker sits inside the product update."""
        if self.pg:
            _wait(lambda: db.session.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event = 'PgSleep'")).scalar(), timeout=60, what="the stock update")
            return
        since, deadline = None, time.time() + 60
        while time.time() < deadline:  # a write lock held for 2 s is the held update
            if self._write_locked():
                since = since or time.time()
                if time.time() - since > 2:
                    return
            else:
                since = None
            time.sleep(0.05)
        raise AssertionError("the worker never reached the stock update")

    def _write_locked(self) -> bool:
        probe = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()

    def __exit__(self, *exc):
        db.session.rollback()
        db.session.execute(text("DROP TRIGGER stall" + (" ON product" if self.pg else "")))
        db.session.execute(text("DROP FUNCTION stall_product()" if self.pg else "DROP TABLE stall_spin"))
        db.session.commit()


def _killed_inside_the_stock_update(app, database_url, start_worker):
    from blueprints.orders import SCHEDULE

    _rq(app)
    with Stall(database_url) as stall:
        worker = start_worker()
        SCHEDULE.func(app)
        stall.wait()
        _kill(worker)


def _rerun(app, start_worker, shop):
    from blueprints.orders import SCHEDULE
    from models import ChannelSync

    before = {r.id for r in db.session.query(JobRun)}
    start_worker()
    _wait(lambda: (db.session.query(ChannelSync.locked_until).filter_by(account_id=shop.account.id).scalar()
                   or utcnow()) <= utcnow(), timeout=15, what="the dead run's lease to run out")
    SCHEDULE.func(app)
    return _wait(lambda: db.session.query(JobRun).filter(JobRun.id.notin_(before), JobRun.status == "done")
                 .first(), timeout=60, what="the rerun")


def _lines(shop):
    db.session.expire_all()
    return db.session.query(ChannelOrderLine).filter_by(account_id=shop.account.id, seller_code=CODE).all()


def _stock(product):
    db.session.expire_all()
    return db.session.get(Product, product.id).stock


def test_a_kill_while_taking_stock_still_lowers_it_once(app, database_url, shop, knit, rq_env):
    product, listed = knit
    _five_lines_of_two(shop, listed)
    _killed_inside_the_stock_update(app, database_url, rq_env)
    assert _stock(product) == 10000  # the dead worker moved nothing

    _rerun(app, rq_env, shop)
    lines = _lines(shop)
    assert len(lines) == 5 and {x.product_id for x in lines} == {product.id}
    assert _stock(product) == 9990


def test_a_kill_while_giving_stock_back_still_returns_it_once(app, database_url, shop, knit, rq_env):
    from blueprints.orders import SCHEDULE

    product, listed = knit
    _five_lines_of_two(shop, listed)
    SCHEDULE.func(app)  # collected in this process first: the stock is taken
    wait_inline_jobs(app, timeout=60)
    assert len(_lines(shop)) == 5 and _stock(product) == 9990

    store = shop.market.app.extensions["sandbox_store"]
    for line in _lines(shop):  # cancelled on the channel's own seller centre
        store.seller_cancel(store.line(shop.id, line.channel_line_id), "INTENT_CHANGED")
    _killed_inside_the_stock_update(app, database_url, rq_env)
    assert _stock(product) == 9990

    _rerun(app, rq_env, shop)
    assert {x.status for x in _lines(shop)} == {"CANCELED"}
    assert _stock(product) == 10000
