"""Sandbox scripted faults and the call journal shown in /_ops."""
from __future__ import annotations


class JournalStore:
    """Faults scripted through /_ops and the journal of every protocol call."""

    def add_fault(self, kind, path_contains, method="", count=1, delay=0.0) -> int:
        return self.run("insert into faults(method, path_contains, kind, remaining, delay) "
                        "values(?,?,?,?,?)", (method.upper(), path_contains, kind, count, delay))

    def take_fault(self, method, path):
        """The first scripted fault matching this call, consumed once."""
        with self.tx() as c:
            for f in c.execute("select * from faults where remaining>0 order by id").fetchall():
                if f["path_contains"] in path and (not f["method"] or f["method"] == method):
                    c.execute("update faults set remaining=remaining-1 where id=?", (f["id"],))
                    return dict(f)
        return None

    def log(self, shop_id, method, path, status, summary):
        self.run("insert into journal(at, shop_id, method, path, status, summary) "
                 "values(?,?,?,?,?,?)", (self.now(), shop_id, method, path, status, summary[:300]))

    def journal(self, limit=100):
        return self.q("select * from journal order by id desc limit ?", (limit,))
