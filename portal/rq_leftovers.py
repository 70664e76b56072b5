"""A dead worker's job in RQ: out of 'started' and into 'failed' once its run is 실패; a job it took and lost.

A SIGKILLed worker cannot tell RQ its job ended, so RQ keeps the job in its started registry until the
job's timeout (JOB_TIMEOUT, an hour) has passed. The portal notices the death sooner, by the worker's
missing heartbeat (`portal.rq_worker.fail_abandoned_runs`); this moves the job at the same moment, the way
RQ's own cleanup moves an abandoned job, so RQ's view and the job table agree. A worker killed between
taking a job off the queue and starting it loses the job altogether: its run would wait as 대기 forever.
"""
from redis import Redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.intermediate_queue import IntermediateQueue
from rq.job import Job, JobStatus
from rq.job_lifecycle import record_job_failure
from rq.registry import StartedJobRegistry

REASON = "AbandonedJobError: the worker running it stopped (its heartbeat expired)"


def fail_started_job(conn: Redis, queue: Queue, rq_job_id: str) -> bool:
    """Move one job of a run marked 실패 from the queue's started registry (or from nowhere, when a dead worker
    lost it) to the failed registry; false when RQ knows nothing of it."""
    registry = StartedJobRegistry(queue=queue)
    entries = [entry for entry in conn.zrange(registry.key, 0, -1) if registry.parse_job_id(entry) == rq_job_id]
    try:
        job = Job.fetch(rq_job_id, connection=conn)
    except NoSuchJobError:
        job = None
    if job is None and not entries:
        return False
    with conn.pipeline() as pipe:
        if entries:
            pipe.zrem(registry.key, *entries)
        if job is not None and job.get_status(refresh=False) in (JobStatus.STARTED, JobStatus.QUEUED):
            record_job_failure(job, REASON, pipe)
        pipe.execute()
    return True


def lost_before_start(conn: Redis, queue: Queue, rq_job_id: str) -> bool:
    """A job a worker took off the queue and then died with, before it started it: no longer waiting in
    the queue or in RQ's intermediate list, not started, and RQ still calls it queued."""
    if conn.lpos(queue.key, rq_job_id) is not None:
        return False
    if conn.lpos(IntermediateQueue.get_intermediate_queue_key(queue.key), rq_job_id) is not None:
        return False
    registry = StartedJobRegistry(queue=queue)
    if any(registry.parse_job_id(entry) == rq_job_id for entry in conn.zrange(registry.key, 0, -1)):
        return False
    try:
        job = Job.fetch(rq_job_id, connection=conn)
    except NoSuchJobError:  # never on RQ (run in-process) or long gone: not lost by a worker
        return False
    return job.get_status(refresh=False) == JobStatus.QUEUED
