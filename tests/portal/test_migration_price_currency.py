"""Migration 0028: a won channel's 판매정보/판매상품 rows are marked KRW; a yen channel's rows saved before
the currency was recorded stay unmarked (their numbers may be won), so the screens ask for re-entry."""
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from portal import create_app
from portal.extensions import db

BEFORE = "0027_shiprest_gift_notify"


def _insert(conn, table: str, **values) -> None:
    """A row with the given values and a plain filler in every other required column."""
    for col in inspect(conn).get_columns(table):
        if col["name"] in values or col["nullable"] or col.get("default") is not None or col["name"] == "id":
            continue
        kind = str(col["type"]).upper()
        values[col["name"]] = (0 if any(k in kind for k in ("INT", "BOOL", "NUMERIC", "FLOAT"))
                               else "2026-01-01 00:00:00" if "DATE" in kind or "TIME" in kind
                               else "{}" if "JSON" in kind else "")
    names = ", ".join(values)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + n for n in values)})"), values)


def test_won_rows_become_krw_and_yen_rows_await_re_entry(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.sqlite'}", "TESTING": True})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            conn.execute(text("PRAGMA foreign_keys=OFF"))
            for no, channel in ((1, "interpark"), (2, "rakuten"), (3, "qoo10jp")):
                _insert(conn, "sales_info", id=no, tenant_id=1, account_id=no, channel=channel,
                        group_name="기본", sale_price=25000)
                _insert(conn, "listing", id=no, tenant_id=1, product_id=no, account_id=no, channel=channel,
                        sale_price=25000, status="waiting")
        upgrade(revision="heads")
        with db.engine.connect() as conn:
            for table in ("sales_info", "listing"):
                got = dict(conn.execute(text(f"SELECT channel, price_currency FROM {table}")).all())
                assert got == {"interpark": "KRW", "rakuten": None, "qoo10jp": None}, table
            assert conn.execute(text("SELECT count(*) FROM channel_image")).scalar() == 0
        downgrade(revision=BEFORE)
        with db.engine.connect() as conn:
            assert "price_currency" not in {c["name"] for c in inspect(conn).get_columns("sales_info")}
        db.engine.dispose()
