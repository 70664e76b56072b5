"""Bulk writes past the ORM on PostgreSQL: new ids from a table's sequence, rows through COPY.

Uploads of thousands of rows (상품대량등록, 수기주문 엑셀) take their ids before writing, so child rows
point at their parent without a read-back, and write each table with one COPY.
"""
from contextlib import contextmanager

from sqlalchemy import text

# The sequence is looked up once (pg_get_serial_sequence() in the select list would run for every id),
# and the ids come back as one array: one row to read instead of one per id.
_TAKE_IDS = text("WITH s AS MATERIALIZED (SELECT CAST(pg_get_serial_sequence(:table, 'id') AS regclass) AS seq)"
                 " SELECT array_agg(nextval(seq)) FROM s, generate_series(1, :n)")


def take_ids(connection, table: str, count: int) -> list[int]:
    """`count` new ids of `table`, in one query (a SQLAlchemy connection on PostgreSQL)."""
    if count <= 0:
        return []
    return connection.execute(_TAKE_IDS, {"table": table, "n": count}).scalar()


@contextmanager
def copy_writer(cursor, table: str, columns, types: list[str] | None = None):
    """An open COPY into table through a psycopg cursor, as its write_row; with PostgreSQL types the binary
    format (nothing for the server to parse), else text. Column names are quoted ("values" is a keyword).
    The server stores what is written while the caller goes on; nothing else can run on the connection
    until the block ends."""
    names = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN{' (FORMAT BINARY)' if types else ''}") as copy:
        if types:
            copy.set_types(types)
        yield copy.write_row


def copy_rows(cursor, table: str, columns, rows, types: list[str] | None = None) -> None:
    """COPY rows into table (see copy_writer)."""
    with copy_writer(cursor, table, columns, types) as write:
        for row in rows:
            write(row)
