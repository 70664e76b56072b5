"""Bench: link N products to 3 sandbox accounts through the real link job; then time one stock change.

    .venv/bin/python bench/sales_link.py [--products 60] [--rate 5] [--database-url URL]

The sandbox marketplace runs in this process on a free port (as in the tests). --rate is the
per-account call budget of ChannelHttp (calls/second; the house default is 5), so the figure
shows both what the politeness budget allows and what the job itself costs.
"""
import argparse
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

CHANNELS = ("interpark", "wemakeprice", "hmall")


def start_sandbox(workdir):
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request would drown the figures
    from sandbox import create_app, seed_demo

    app = create_app({"SANDBOX_DATABASE": os.path.join(workdir, "sandbox.sqlite")})
    with app.app_context():
        seed_demo(app)
    for shop in app.extensions["sandbox_store"].shops():  # the bench measures the portal, not 429s
        app.extensions["sandbox_store"].run("update shops set rate=?, burst=? where id=?", (5000, 5000, shop["id"]))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=60)
    parser.add_argument("--rate", type=float, default=5.0, help="calls/second per channel account")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="sales-bench-")
    url = args.database_url or f"sqlite:///{os.path.join(workdir, 'bench.sqlite')}"
    sandbox_url, server = start_sandbox(workdir)

    from blueprints.account.channel_services import adapter_class, save_account
    from blueprints.products.services.catalog import assign_code
    from blueprints.sales.services.stock import bump_versions
    from jobs.listings import link_listings
    from jobs.stock_sync import sync_stock
    from bench.seller import bench_seller
    from models import ChannelCategory, JobRun, Listing, Product
    from portal import channel_http, create_app
    from portal.extensions import db
    from portal.queues import Progress
    from sandbox import DEMO_CREDENTIALS

    channel_http.DEFAULT_BUDGET = channel_http.CallBudget(rate=args.rate, burst=args.rate * 2)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "JOB_FILES_DIR": workdir, "JOBS_MODE": "inline",
                      "SANDBOX_URL": sandbox_url})
    with app.app_context():
        db.create_all()
        tenant = bench_seller(db)
        accounts = [save_account(tenant, adapter_class(c), {"alias": f"벤치 {c}", "endpoint": "sandbox",
                                                            **DEMO_CREDENTIALS[c]}) for c in CHANNELS]
        for account in accounts:
            db.session.add(ChannelCategory(tenant_id=tenant.id, account_id=account.id, category_id="1010",
                                           name="여성의류", path="패션의류 > 여성의류", is_leaf=True))
        products = []
        for i in range(args.products):
            product = Product(tenant_id=tenant.id, name=f"벤치 원피스 {i:04d}", rep_price=10000, stock=20)
            db.session.add(product)
            db.session.flush()
            assign_code(product)
            products.append(product)
        ids = []
        for account in accounts:
            for product in products:
                listing = Listing(tenant_id=tenant.id, product_id=product.id, account_id=account.id,
                                  channel=account.channel, sale_price=15000, market_price=20000,
                                  category_id="1010", category_path="패션의류 > 여성의류")
                db.session.add(listing)
                db.session.flush()
                ids.append(listing.id)
        db.session.commit()

        def run(func, kind, **kwargs):
            job = JobRun(kind=kind, func=f"{func.__module__}.{func.__name__}", tenant_id=tenant.id,
                         status="running")
            db.session.add(job)
            db.session.commit()
            started = time.perf_counter()
            func(Progress(job), tenant_id=tenant.id, **kwargs)
            return time.perf_counter() - started, job

        elapsed, job = run(link_listings, "상품연동처리", listing_ids=ids)
        live = db.session.query(Listing).filter_by(status="live").count()
        print(f"link: {len(ids):,} listings ({args.products} products × {len(CHANNELS)} accounts), "
              f"{job.ok_count:,} 반영완료, {job.fail_count:,} 실패 in {elapsed:.1f}s "
              f"→ {live / elapsed:,.1f} listings/s (budget {args.rate:g} calls/s per account)")

        product = products[0]
        product.stock = 7
        db.session.commit()
        started = time.perf_counter()
        bump_versions(tenant.id, product.id)
        _, job = run(sync_stock, "재고연동", product_id=product.id)
        reached = time.perf_counter() - started
        store = server.app.extensions["sandbox_store"]
        on_channels = [store.one("select stock from products where product_no=?", (x.channel_product_id,))["stock"]
                       for x in db.session.query(Listing).filter_by(product_id=product.id)]
        print(f"stock: one change reached {job.ok_count}/{len(CHANNELS)} listings in {reached * 1000:.0f} ms; "
              f"channel quantities {on_channels}")
        db.session.remove()
        db.engine.dispose()
    server.shutdown()


if __name__ == "__main__":
    main()
