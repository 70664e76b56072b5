"""Bench: 문의사항 처리 over 200,000 questions on PostgreSQL; first, deep and filtered pages through the real
view (login, filters, counts, deadline colours, template), median of 5 requests.

    createdb -h 127.0.0.1 -U postgres inquiries_bench
    .venv/bin/python bench/inquiries_list.py [--questions 200000] [--database-url URL] [--reuse]

The questions are generated inside PostgreSQL (INSERT … SELECT generate_series): one seller, three accounts
(sandbox, 쿠팡, 11번가), questions spread over 365 days; the last two weeks hold unanswered and saved ones, the
rest are 전송완료 with every 40th 전송실패. A second seller with the same number of questions shares the
tables, so every query has to keep to its tenant. PostgreSQL only: SQLite is the embedded default for small
shops and is not benched at this size. The load average is printed before and after.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/inquiries_bench"
PASSWORD = "bench-Passw0rd!"
BUDGET_MS = 150
from bench.pages import bench_app, time_page  # noqa: E402

QUESTIONS_SQL = """
INSERT INTO inquiry (tenant_id, account_id, channel, channel_inquiry_id, kind, category, title, question, asked_at,
    writer, channel_product_id, channel_order_id, product_name, channel_answer, channel_answered, answer, state,
    message, collected_at, created_at, updated_at)
SELECT :tenant, a.id, a.channel, 'Q' || :tenant || '-' || g, CASE WHEN g % 3 = 0 THEN 'order' ELSE 'product' END,
       (ARRAY['상품','배송','반품/환불/취소','교환/변경','기타'])[1 + g % 5],
       (ARRAY['사이즈 문의','배송 언제 되나요','교환 가능한가요','색상 문의','재입고 문의'])[1 + g % 5] || ' ' || g,
       '문의 내용 ' || g || ' 입니다. 빠른 답변 부탁드립니다.',
       now() at time zone 'utc' - ((:n - g) * (365.0 * 86400 / :n)) * interval '1 second',
       (ARRAY['kim','lee','park','choi','jung'])[1 + g % 5] || '***', 'P' || (g % 500),
       CASE WHEN g % 3 = 0 THEN 'O' || g ELSE '' END, '상품 ' || (g % 500), '', false, s.answer, s.state, '',
       now(), now(), now()
FROM generate_series(1, :n) g
JOIN LATERAL (SELECT CASE WHEN g % 10 = 0 THEN :third WHEN g % 4 = 0 THEN :second ELSE :account END AS aid) pick ON true
JOIN channel_account a ON a.id = pick.aid
JOIN LATERAL (SELECT CASE WHEN g > :n - :recent THEN (CASE WHEN g % 4 = 0 THEN 'saved' ELSE 'unanswered' END)
                          WHEN g % 40 = 0 THEN 'failed' ELSE 'sent' END AS state,
                     CASE WHEN g > :n - :recent AND g % 4 <> 0 THEN '' ELSE '답변드립니다.' END AS answer) s ON true
"""


def build(n: int):
    from sqlalchemy import text

    from models import ChannelAccount, Tenant, User
    from portal.extensions import db

    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    from flask_migrate import upgrade

    upgrade(revision="heads")
    started = time.perf_counter()
    for number, name in enumerate(("벤치상회", "옆가게"), start=1):
        tenant = Tenant(name=name, ceo_name="대표", business_no=f"12481009{number}8", email="b@example.com",
                        mobile="010-0000-0000", status="approved")
        db.session.add(tenant)
        db.session.commit()
        user = User(login_id=f"bench{number}", name="벤치", tenant=tenant, is_master=True, access_approved=True,
                    email=f"m{number}@example.com", mobile="010-0000-0000")
        user.set_password(PASSWORD)
        accounts = [ChannelAccount(tenant_id=tenant.id, channel=code, alias=alias, status="active")
                    for code, alias in (("sandbox", "본점"), ("coupang", "쿠팡점"), ("11st", "11번가점"))]
        db.session.add_all([user, *accounts])
        db.session.commit()
        db.session.execute(text(QUESTIONS_SQL), {"tenant": tenant.id, "account": accounts[0].id,
                                                 "second": accounts[1].id, "third": accounts[2].id, "n": n,
                                                 "recent": max(1, n * 14 // 365)})
        db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE inquiry"))
    print(f"generated 2 × {n:,} questions in {time.perf_counter() - started:.1f}s")


def timed(client, url: str, repeat: int = 5) -> tuple[float, int]:
    times, body = time_page(client, url, repeat)
    return statistics.median(times), body.count("<tr data-inquiry")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200_000, help="questions per seller")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse", action="store_true", help="keep the generated questions of an earlier run")
    args = parser.parse_args()


    app = bench_app(args.database_url)
    with app.app_context():
        if not args.reuse:
            build(args.questions)
        from models import ChannelAccount, Tenant

        from portal.extensions import db

        tenant = db.session.query(Tenant).filter_by(name="벤치상회").one()
        coupang = db.session.query(ChannelAccount).filter_by(tenant_id=tenant.id, channel="coupang").one().id
        db.session.remove()
    client = app.test_client()
    client.post("/login", data={"login_id": "bench1", "password": PASSWORD})
    deep = max(1, args.questions // 20 // 2)
    year = "days=365"
    cases = [
        ("first page (default: last 30 days)", "/inquiries/answer"),
        ("first page, 365 days", f"/inquiries/answer?{year}"),
        (f"deep page {deep:,}, 365 days", f"/inquiries/answer?{year}&page={deep}"),
        ("last page, 365 days", f"/inquiries/answer?{year}&page={args.questions // 20}"),
        ("7 days", "/inquiries/answer?days=7"),
        ("30 days, deep page 50", "/inquiries/answer?days=30&page=50"),
        ("처리상태 미답변, 365 days", f"/inquiries/answer?state=unanswered&{year}"),
        ("처리상태 전송실패, 365 days, deep page 40", f"/inquiries/answer?state=failed&{year}&page=40"),
        ("제휴몰 쿠팡점, 365 days", f"/inquiries/answer?account={coupang}&{year}"),
        ("문의유형 주문문의, 30 days", "/inquiries/answer?kind=order&days=30"),
        ("답변기한 초과만, 365 days", f"/inquiries/answer?late=1&{year}"),
        ("search 교환 (all fields), 30 days", "/inquiries/answer?q=교환"),
        ("search 상품 12 (product), 30 days", "/inquiries/answer?q=상품 12&field=product&days=30"),
        ("search buyer kim, 30 days", "/inquiries/answer?q=kim&field=writer"),
        ("search 재입고 문의 1999 (title), 365 days", f"/inquiries/answer?q=재입고 문의 1999&field=title&{year}"),
    ]
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print(f"{'page (median of 5)':45} {'ms':>8} {'rows':>6}  within {BUDGET_MS} ms")
    for label, url in cases:
        ms, rows = timed(client, url)
        print(f"{label:45} {ms:8.1f} {rows:6}  {'yes' if ms < BUDGET_MS else 'NO'}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
