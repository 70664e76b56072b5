"""Removes each guard below in a scratch copy of the tree, runs the tests that should catch it, and prints
the guards whose removal every one of those tests survives (nothing when each guard is proven).

    python -m tests.guard_removal            every guard
    python -m tests.guard_removal memo csv   the guards whose name contains one of the words

A guard is (name, file, the text that guards, the text without the guard, the tests that must fail).
Add one when a review finds a guard no test would miss. The Redis-marked tests need Redis, as in
`python -m tests`; PORTAL_TEST_DATABASE_URL is passed on, so the copy can run on PostgreSQL too.
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "instance", "test-artifacts", "__pycache__", "*.egg-info")

GUARDS = [
    ("claim memo: another seller's claim is a 404", "blueprints/orders/claim_views.py",
     "def claim_memo(claim_id: int):\n    claim = get_owned_or_404(OrderClaim, claim_id)",
     "def claim_memo(claim_id: int):\n    from portal.extensions import db\n"
     "    claim = db.session.get(OrderClaim, claim_id)",
     ["tests/portal/test_post_sweep.py"]),
    ("강제완료 and 발주확인: the posted lines are the seller's own", "blueprints/orders/services/confirmation.py",
     "lines = tenant_query(ChannelOrderLine, tenant).filter(ChannelOrderLine.id.in_(ids)).all()",
     "lines = ChannelOrderLine.query.filter(ChannelOrderLine.id.in_(ids)).all()",
     ["tests/portal/test_post_sweep.py"]),
    ("송장송신: a 'sending' row of a killed worker is read back once stale", "jobs/orders_invoices.py",
     "return owner is None or owner.finished or row.updated_at < utcnow() - stale",
     "return owner is None or owner.finished",
     ["tests/orders/test_worker_kill.py"]),
    ("production: cookies only over HTTPS", "portal/config.py",
     "    SESSION_COOKIE_SECURE = True\n    REMEMBER_COOKIE_SECURE = True\n",
     "    SESSION_COOKIE_SECURE = False\n    REMEMBER_COOKIE_SECURE = False\n",
     ["tests/portal/test_security.py"]),
    ("production: PORTAL_ENV=production loads the production settings", "portal/__init__.py",
     'os.environ.get("PORTAL_ENV")', '""',
     ["tests/portal/test_security.py"]),
    ("Excel: every formula start is written as text", "portal/services/excel.py",
     'FORMULA_START = ("=", "+", "-", "@", "\\t", "\\r")', 'FORMULA_START = ("=",)',
     ["tests/portal/test_formula_exports.py"]),
    ("Excel: a text cell keeps its quote prefix", "portal/services/excel.py",
     "    cell.quotePrefix = True", "    cell.quotePrefix = False",
     ["tests/portal/test_formula_exports.py"]),
    ("support-panel CSV: a cell starting like a formula gets a quote", "portal/services/excel.py",
     '        return "\'" + value', "        return value",
     ["tests/portal/test_formula_exports.py"]),
]


def survives(name: str, path: str, guarded: str, bare: str, tests: list[str]) -> str | None:
    """None when the tests catch the removal; else why not."""
    with tempfile.TemporaryDirectory(prefix="guard-") as scratch:
        tree = os.path.join(scratch, "tree")
        shutil.copytree(ROOT, tree, ignore=COPY_IGNORE)
        target = os.path.join(tree, path)
        with open(target, encoding="utf-8") as fh:
            source = fh.read()
        if source.count(guarded) != 1:
            return f"the guard's text is not found once in {path}: update this list"
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(source.replace(guarded, bare))
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                              cwd=tree, capture_output=True, text=True, timeout=1800)
        if done.returncode == 1:
            return None  # a test failed: the guard is proven
        tail = done.stdout.strip().splitlines()[-1:] or ["(no output)"]
        return f"{' '.join(tests)} → exit {done.returncode}: {tail[0]}"


def main(words: list[str]) -> int:
    chosen = [g for g in GUARDS if not words or any(w in g[0] for w in words)]
    survivors = []
    for guard in chosen:
        why = survives(*guard)
        print(f"{'SURVIVES' if why else 'caught  '}  {guard[0]}" + (f"\n          {why}" if why else ""),
              flush=True)
        if why:
            survivors.append(guard[0])
    print("\n" + ("survivors: none" if not survivors else "survivors:\n- " + "\n- ".join(survivors)))
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
