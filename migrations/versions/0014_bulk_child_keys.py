"""products, fulfilment: options, history and 수기주문 lines keep their parent by triggers, not per-row foreign keys

Revision ID: 0014_bulk_child_keys
Revises: 0013_manual_order_keys
Create Date: 2026-12-01 23:20:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014_bulk_child_keys'
down_revision = '0013_manual_order_keys'
branch_labels = None
depends_on = None

# PostgreSQL checks a foreign key row by row, a query and a lock on the parent row for each child
# written: two thirds of the server's work for a 수기주문 line, a quarter of a 상품대량등록. None of these
# checks can fail (the job writes each child with the id of the parent it has just written or read),
# so only what they did on delete is kept, by triggers that run once per statement (models.cascades).
# A product's tenant is the signed-in seller's and tenants are never deleted (as in 0013).
DROPPED_KEYS = {  # table: [(column, parent, on delete)]
    "product": [("tenant_id", "tenant", None)],
    "product_option": [("product_id", "product", "CASCADE")],
    "product_history": [("product_id", "product", "CASCADE")],
    "manual_order_line": [("order_id", "manual_order", "CASCADE"), ("option_id", "product_option", "SET NULL")],
}

PARENTS = ("product", "product_option", "manual_order")
# The triggers as of this revision (models.cascades makes the same for create_all).
POSTGRESQL = [
    "CREATE OR REPLACE FUNCTION product_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "DELETE FROM product_option WHERE product_id IN (SELECT id FROM gone); "
    "DELETE FROM product_history WHERE product_id IN (SELECT id FROM gone); RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION product_option_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE manual_order_line SET option_id = NULL WHERE option_id IN (SELECT id FROM gone); RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION manual_order_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "DELETE FROM manual_order_line WHERE order_id IN (SELECT id FROM gone); RETURN NULL; END $$",
] + [f"CREATE TRIGGER {parent}_deleted AFTER DELETE ON {parent} REFERENCING OLD TABLE AS gone "
     f"FOR EACH STATEMENT EXECUTE FUNCTION {parent}_deleted()" for parent in PARENTS]
SQLITE = [
    "CREATE TRIGGER product_deleted AFTER DELETE ON product BEGIN "
    "DELETE FROM product_option WHERE product_id = OLD.id; DELETE FROM product_history WHERE product_id = OLD.id; END",
    "CREATE TRIGGER product_option_deleted AFTER DELETE ON product_option BEGIN "
    "UPDATE manual_order_line SET option_id = NULL WHERE option_id = OLD.id; END",
    "CREATE TRIGGER manual_order_deleted AFTER DELETE ON manual_order BEGIN "
    "DELETE FROM manual_order_line WHERE order_id = OLD.id; END",
]


def upgrade():
    for table, keys in DROPPED_KEYS.items():
        with op.batch_alter_table(table) as batch_op:
            for column, parent, _ in keys:
                batch_op.drop_constraint(f"fk_{table}_{column}_{parent}", type_="foreignkey")
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL if postgresql else SQLITE:
        op.execute(statement)


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for parent in PARENTS:
        op.execute(f"DROP TRIGGER IF EXISTS {parent}_deleted" + (f" ON {parent}" if postgresql else ""))
        if postgresql:
            op.execute(f"DROP FUNCTION IF EXISTS {parent}_deleted()")
    for table, keys in DROPPED_KEYS.items():
        with op.batch_alter_table(table) as batch_op:
            for column, parent, ondelete in keys:
                batch_op.create_foreign_key(f"fk_{table}_{column}_{parent}", parent, [column], ["id"],
                                            ondelete=ondelete)
