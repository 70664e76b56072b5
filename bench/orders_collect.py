"""Bench: 주문서 가져오기 of N order lines from the sandbox marketplace over HTTP; prints lines/s.

    .venv/bin/python bench/orders_collect.py [--lines 20000] [--database-url URL]

The sandbox runs in this process on a scratch SQLite file; the portal collects through the real job
(adapter, ChannelHttp, insert-or-ignore store). A second run of the same job shows the re-collection
cost (every line already registered). Without --database-url a scratch SQLite file is used.
"""
import argparse
import logging
import os
import resource
import sys
import tempfile
import threading
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="orders-collect-bench-")

    from werkzeug.serving import make_server

    import sandbox
    from sandbox.seed import generic_key

    market = sandbox.create_app({"SANDBOX_DATABASE": os.path.join(workdir, "sandbox.sqlite")})
    store = market.extensions["sandbox_store"]
    shop_id = store.add_shop("generic", "sandbox", "벤치 상점", {"key": generic_key("sandbox")},
                             rate=10_000, burst=10_000)
    started = time.perf_counter()
    orders = args.lines // 2
    now = store.now()
    # Two lines per order, spread over 60 days: the adapter reads 7-day windows, and the sandbox pages a
    # window by loading all of its orders, so one huge window would measure the sandbox, not the portal.
    for i in range(orders):
        store.add_order(shop_id, [{"product_name": f"벤치 상품 {i % 50}", "qty": 1, "unit_price": 10000},
                                  {"product_name": "벤치 사은품", "qty": 1, "unit_price": 0}],
                        created_at=now - (i % 1440) * 3600 - 60)
    print(f"sandbox: {orders:,} orders / {orders * 2:,} lines created in {time.perf_counter() - started:.1f}s")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, market, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    from blueprints.account.channel_services import adapter_class, save_account
    from jobs.orders import collect_orders
    from models import ChannelOrderLine, JobRun, Tenant
    from models.base import utcnow
    from portal import channel_http, create_app
    from portal.extensions import db
    from portal.queues import Progress

    channel_http.DEFAULT_BUDGET.rate = channel_http.DEFAULT_BUDGET.burst = 10_000  # measure us, not the budget
    url = args.database_url or f"sqlite:///{os.path.join(workdir, 'portal.sqlite')}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "JOB_FILES_DIR": workdir, "JOBS_MODE": "inline",
                      "SANDBOX_URL": f"http://127.0.0.1:{server.server_port}"})
    with app.app_context():
        db.create_all()
        tenant = Tenant(name="벤치상회", ceo_name="대표", business_no="1248100998", email="b@example.com",
                        mobile="010-0000-0000", status="approved")
        db.session.add(tenant)
        db.session.commit()
        account = save_account(tenant, adapter_class("sandbox"),
                               {"alias": "벤치", "endpoint": "sandbox", "api_key": generic_key("sandbox")})
        since, until = (utcnow() - timedelta(days=61)).isoformat(), (utcnow() + timedelta(minutes=5)).isoformat()
        for label in ("first collection", "re-collection"):
            run = JobRun(kind="주문서 수집", func="jobs.orders.collect_orders", queue="channel",
                         tenant_id=tenant.id, status="running")
            db.session.add(run)
            db.session.commit()
            started = time.perf_counter()
            collect_orders(Progress(run), tenant_id=tenant.id, account_id=account.id, since=since, until=until,
                           items=["new"])
            elapsed = time.perf_counter() - started
            stored = db.session.query(ChannelOrderLine).count()
            result = [ln.text.rsplit("(", 1)[-1].rstrip(")") for ln in run.lines if "수집을 성공" in ln.text]
            print(f"{label}: {stored:,} lines stored, {elapsed:.1f}s → {args.lines / elapsed:,.0f} lines/s; "
                  f"{result[-1] if result else ''}")
        from datetime import datetime

        from blueprints.orders.services import aware_utc
        from jobs.orders_common import adapter_for

        started = time.perf_counter()
        fetched = adapter_for(Progress(run), account).fetch_orders(aware_utc(datetime.fromisoformat(since)),
                                                                   aware_utc(datetime.fromisoformat(until)))
        fetch = time.perf_counter() - started
        print(f"of which the sandbox fetch alone (HTTP + sandbox paging): {fetch:.1f}s for "
              f"{sum(len(o.lines) for o in fetched):,} lines")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"memory: process peak RSS {rss:.0f} MB (sandbox server included)")
        db.session.remove()
        db.engine.dispose()
    server.shutdown()


if __name__ == "__main__":
    main()
