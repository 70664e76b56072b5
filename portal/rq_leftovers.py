"""A dead worker's job in RQ's own registries: out of 'started' and into 'failed' once its run is 실패.

A SIGKILLed worker cannot tell RQ its job ended, so RQ keeps the job in its started registry until the
job's timeout (JOB_TIMEOUT, an hour) has passed. The portal notices the death sooner, by the worker's
missing heartbeat (`portal.queues.fail_abandoned_runs`); this moves the job at the same moment, the way
RQ's own cleanup moves an abandoned job, so RQ's view and the job table agree.
"""
from redis import Redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.job_lifecycle import record_job_failure
from rq.registry import StartedJobRegistry

REASON = "AbandonedJobError: the worker running it stopped (its heartbeat expired)"


def fail_started_job(conn: Redis, queue: Queue, rq_job_id: str) -> bool:
    """Move one job from the queue's started registry to its failed registry; false when it is not there."""
    registry = StartedJobRegistry(queue=queue)
    entries = [entry for entry in conn.zrange(registry.key, 0, -1) if registry.parse_job_id(entry) == rq_job_id]
    if not entries:
        return False
    try:
        job = Job.fetch(rq_job_id, connection=conn)
    except NoSuchJobError:
        job = None
    with conn.pipeline() as pipe:
        pipe.zrem(registry.key, *entries)
        if job is not None:
            record_job_failure(job, REASON, pipe)
        pipe.execute()
    return True
