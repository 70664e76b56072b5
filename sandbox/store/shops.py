"""Sandbox shops: one per protocol account, with its keys and rate limit."""
from __future__ import annotations

import json


class ShopStore:
    """Shops by id or by protocol key."""

    def add_shop(self, protocol, channel, name, keys: dict, rate=200.0, burst=400.0) -> int:
        return self.run("insert into shops(protocol, channel, name, keys, rate, burst) "
                        "values(?,?,?,?,?,?)",
                        (protocol, channel, name, json.dumps(keys), rate, burst))

    def shops(self):
        rows = self.q("select * from shops order by id")
        for r in rows:
            r["keys"] = json.loads(r["keys"])
        return rows

    def shop_by_key(self, protocol, key_name, value, channel=None):
        for shop in self.shops():
            if shop["protocol"] == protocol and value and shop["keys"].get(key_name) == value:
                if channel is None or shop["channel"] == channel:
                    return shop
        return None

    def shop(self, shop_id):
        for shop in self.shops():
            if shop["id"] == int(shop_id):
                return shop
        return None
