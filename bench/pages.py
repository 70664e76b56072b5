"""The portal app the page benches time: the bench's database, no CSRF or rate limit, jobs in-process."""


def bench_app(database_url: str):
    from portal import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": False,
                       "RATELIMIT_ENABLED": False, "JOBS_MODE": "inline", "SECRET_KEY": "bench"})
