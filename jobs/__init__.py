"""RQ jobs: plain functions taking a Progress and ids/primitives; each narrates its work."""
