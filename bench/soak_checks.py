"""bench/soak.py's end checks: every sandbox order line in the portal exactly once, no job run or RQ job stuck,
channel stock right; and the workers' memory over the run."""
import re
from collections import defaultdict


def verify(soak) -> list[str]:
    """The checks on a finished bench.soak.Soak, one line each ending ok or NOT ok."""
    from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry
    from sqlalchemy import func

    from blueprints.sales.services.stock import sellable
    from models import ChannelOrderLine, JobRun, Listing
    from portal.extensions import db
    from portal.queues import QUEUES, redis_connection, rq_queue

    lines = []
    sandbox_lines = {r["shop_id"]: r["n"] for r in soak.store.q(
        "select shop_id, count(*) as n from lines group by shop_id")}
    portal = {a: (n, d) for a, n, d in db.session.query(
        ChannelOrderLine.account_id, func.count(), func.count(func.distinct(ChannelOrderLine.channel_line_id)))
        .group_by(ChannelOrderLine.account_id)}
    lost = dup = total = 0
    for shop in soak.shops:
        expected = sandbox_lines.get(shop["shop"], 0)
        count, distinct = portal.get(shop["account"], (0, 0))
        total += expected
        lost += max(0, expected - distinct)
        dup += count - distinct
    lines.append(f"order lines: {total:,} at the sandbox, {lost} lost, {dup} duplicated "
                 f"({'ok' if not lost and not dup else 'NOT ok'})")
    statuses = dict(db.session.query(JobRun.status, func.count()).group_by(JobRun.status).all())
    stuck = statuses.get("queued", 0) + statuses.get("running", 0)
    lines.append(f"job runs: {statuses}; stuck (대기/진행중): {stuck} ({'ok' if not stuck else 'NOT ok'})")
    conn = redis_connection(soak.app)
    in_started = [job for q in QUEUES
                  for job in StartedJobRegistry(queue=rq_queue(q, conn, soak.app)).get_job_ids(cleanup=False)]
    failed = sum(FailedJobRegistry(queue=rq_queue(q, conn, soak.app)).count for q in QUEUES)
    queued = sum(len(rq_queue(q, conn, soak.app)) for q in QUEUES)
    # a continuation waiting out a channel's call spacing (enqueue_in) that no worker ever moved is stuck too
    queued += sum(ScheduledJobRegistry(queue=rq_queue(q, conn, soak.app)).count for q in QUEUES)
    # fail_abandoned_runs moves a SIGKILLed worker's job out of RQ's started registry when it marks the run
    # 실패; an entry whose run is already finished is a leftover it missed, one whose run is 대기/진행중 is stuck.
    runs = {int(m.group(1)): None for job in in_started if (m := re.search(r"jobrun-(\d+)", job))}
    for run in db.session.query(JobRun).filter(JobRun.id.in_(list(runs))):
        runs[run.id] = run.status
    stuck_rq = [rid for rid, status in runs.items() if status not in ("done", "failed")]
    lines.append(f"RQ: {queued} queued, {len(in_started)} in the started registry ({len(in_started) - len(stuck_rq)} "
                 f"left by SIGKILLed workers whose runs are 실패; "
                 f"{len(stuck_rq)} stuck; queued counts the scheduled registries too), {failed} in the failed registry "
                 f"({'ok' if not stuck_rq and not queued else 'NOT ok'})")
    wrong = []
    for listing in db.session.query(Listing).filter(Listing.channel_product_id.isnot(None)):
        row = soak.store.one("select stock from products where product_no=?", (listing.channel_product_id,))
        if row is None or row["stock"] != sellable(listing.product):
            wrong.append((listing.id, row and row["stock"], sellable(listing.product)))
    lines.append(f"stock: {len(soak.products)} linked products, {soak.stock_changes} changes; channel stock off "
                 f"for {len(wrong)} {wrong[:5] if wrong else ''}({'ok' if not wrong else 'NOT ok'})")
    return lines


def memory_report(samples: list[tuple[float, dict]]) -> str:
    """Mean worker RSS in the first and the last fifth of the run, and the longest-lived worker's drift."""
    if len(samples) < 5:
        return "memory: too few samples"
    fifth = max(1, len(samples) // 5)

    def mean(part):
        values = [v for _, s in part for v in s.values()]
        return sum(values) / len(values) if values else 0.0

    series = defaultdict(list)
    for at, sample in samples:
        for pid, mb in sample.items():
            series[pid].append((at, mb))
    pid, points = max(series.items(), key=lambda kv: kv[1][-1][0] - kv[1][0][0])
    span = (points[-1][0] - points[0][0]) / 60
    return (f"worker RSS: {mean(samples[:fifth]):.0f} MB mean in the first fifth, {mean(samples[-fifth:]):.0f} MB "
            f"in the last; the longest-lived worker {points[0][1]:.0f} → {points[-1][1]:.0f} MB over {span:.1f} min")
