from datetime import datetime, timedelta, timezone
from portal.marketplaces import build_adapter, Invoice

def test_smoke(fresh_sandbox):
    s = fresh_sandbox
    a = build_adapter("naver", s.credentials("naver"), base_url=s.base_url("naver"))
    print(a.test_connection())
    now = datetime.now(timezone.utc)
    orders = a.fetch_orders(now - timedelta(days=3), now)
    print(len(orders), [ (o.channel_order_id, o.status) for o in orders])
    o = [o for o in orders if o.status.name == "NEW"][0]
    print(a.confirm_orders(o.lines)); print(a.confirm_orders(o.lines))
    inv = [Invoice(x.channel_order_id, x.channel_line_id, "CJGLS", "123456789") for x in o.lines]
    print(a.send_invoices(inv)); print(a.send_invoices(inv))
    print(a.fetch_claims(now - timedelta(days=1), now))
    print(a.fetch_inquiries(now - timedelta(days=1), now))
    print(a.fetch_categories(), a.fetch_listings()[:1])
    bad = build_adapter("naver", dict(s.credentials("naver"), client_secret="$2a$04$AAAAAAAAAAAAAAAAAAAAAu"), base_url=s.base_url("naver"))
    print(bad.test_connection())
