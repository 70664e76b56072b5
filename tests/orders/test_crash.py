"""A worker dying in the middle of a collection: the rerun loses nothing and duplicates nothing."""
from models import ChannelOrderLine, JobRun
from portal.extensions import db

from .conftest import collect


def test_collection_killed_after_the_first_batch_then_rerun(client, auth, app, shop, monkeypatch):
    from blueprints.orders.services import store

    for _ in range(6):
        shop.new_order(lines=2)           # 6 new orders + the 3 seeded ones = 16 lines
    monkeypatch.setattr(store, "BATCH", 3)
    calls = {"n": 0}
    real_batch = store._store_batch

    def die_on_second_batch(*args):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("워커가 중단되었습니다")
        real_batch(*args)

    monkeypatch.setattr(store, "_store_batch", die_on_second_batch)
    auth.login()
    runs, _ = collect(client, app, [shop.account.id])
    assert runs[0].status == "failed"
    stored = db.session.query(ChannelOrderLine).filter_by(account_id=shop.account.id).count()
    assert 0 < stored < 16          # the first batches were committed before the worker died

    monkeypatch.setattr(store, "_store_batch", real_batch)
    runs, lines = collect(client, app, [shop.account.id])
    assert runs[0].status == "done"
    assert any(f"(신규주문 {16 - stored}건, 이미 등록된 주문 {stored}건)" in t for t in lines)
    keys = db.session.query(ChannelOrderLine.channel_order_id, ChannelOrderLine.channel_line_id).all()
    assert len(keys) == len(set(keys)) == 16
    assert db.session.query(JobRun).count() == 2
