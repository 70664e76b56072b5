"""Bulk writes past the ORM on PostgreSQL: new ids from a table's sequence, rows through COPY.

Uploads of thousands of rows (상품대량등록, 수기주문 엑셀) take their ids before writing, so child rows
point at their parent without a read-back, and write each table with one COPY. Writes inside a running
ORM transaction (배송접수) go the same way through the session's connection: insert_rows is one binary
COPY per table, update_rows one COPY into a temporary table and one UPDATE … FROM it (an UPDATE … FROM
unnest(arrays) costs ten times more, in dumping the arrays' values one by one). Reads of thousands of
ids go as one array parameter (among).
"""
from contextlib import contextmanager

from psycopg import errors as psycopg_errors

from sqlalchemy import any_, bindparam, insert, text, types, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError

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


def pg_type(column) -> str:
    """The PostgreSQL type name COPY's binary format sends a column's values as."""
    kind = column.type
    if isinstance(kind, types.Boolean):
        return "bool"
    if isinstance(kind, types.BigInteger):
        return "int8"
    if isinstance(kind, types.Integer):
        return "int4"
    if isinstance(kind, types.Numeric) and not isinstance(kind, types.Float):
        return "numeric"
    if isinstance(kind, types.DateTime):
        return "timestamptz" if kind.timezone else "timestamp"
    if isinstance(kind, types.Date):
        return "date"
    if isinstance(kind, types.String):
        return "text"
    raise TypeError(f"no COPY type for {column}")


def _cursor(session):
    """A psycopg cursor on the session's own connection (inside its transaction)."""
    return session.connection().connection.dbapi_connection.cursor()


def _with_defaults(table, keys, constants: dict) -> dict:
    """The constants plus what Core would fill in for the columns left out: their plain Python defaults."""
    constants = dict(constants)
    for column in table.columns:
        if column.key not in constants and column.key not in keys and column.default is not None \
                and column.default.is_scalar:
            constants[column.key] = column.default.arg
    return constants


def insert_rows(session, table, rows: list[dict], constants: dict | None = None) -> None:
    """INSERT rows (dicts) into a Table in the session's transaction; the `constants` columns are the same
    for every row. PostgreSQL: one binary COPY. Elsewhere: one executemany."""
    if not rows:
        return
    keys = list(dict.fromkeys(k for row in rows for k in row))
    # a key a row lacks takes the column's plain default (NULL without one)
    defaults = _with_defaults(table, (), {})
    missing = {k: defaults.get(k) for k in keys}
    rows = [row if len(row) == len(keys) else {k: row.get(k, missing[k]) for k in keys} for row in rows]
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(table), [{**row, **(constants or {})} for row in rows])
        return
    constants = _with_defaults(table, keys, constants or {})
    columns = [*keys, *constants]
    tail = tuple(constants.values())
    cursor = _cursor(session)
    try:
        with copy_writer(cursor, table.name, columns, [pg_type(table.c[k]) for k in columns]) as write:
            for row in rows:
                write(tuple(row[k] for k in keys) + tail)
    except psycopg_errors.IntegrityError as error:  # raised as the ORM's statements raise it
        raise IntegrityError(f"COPY {table.name}", None, error) from error
    finally:
        cursor.close()


def update_rows(session, table, rows: list[dict], constants: dict | None = None) -> None:
    """UPDATE rows of a Table by id (each dict holds "id" and the same other keys) in the session's
    transaction; `constants` are set on every row. PostgreSQL: the new values COPY'd into a temporary table,
    then one UPDATE … FROM it. Elsewhere: one executemany by primary key."""
    if not rows:
        return
    constants = constants or {}
    if session.get_bind().dialect.name != "postgresql":
        session.execute(update(table).where(table.c.id == bindparam("_id")).values(**constants),
                        [{"_id": row["id"], **{k: v for k, v in row.items() if k != "id"}} for row in rows])
        return
    keys = [k for k in rows[0] if k != "id"]
    scratch = f"bulk_update_{table.name}"
    names = ", ".join(f'"{k}"' for k in ["id", *keys])
    sets = [f'"{k}" = s."{k}"' for k in keys] + [f'"{k}" = %s' for k in constants]
    cursor = _cursor(session)
    try:
        cursor.execute(f'CREATE TEMPORARY TABLE {scratch} ON COMMIT DROP AS SELECT {names} FROM "{table.name}" '
                       "WITH NO DATA")
        with copy_writer(cursor, scratch, ["id", *keys], [pg_type(table.c[k]) for k in ["id", *keys]]) as write:
            for row in rows:
                write(tuple(row[k] for k in ["id", *keys]))
        cursor.execute(f'UPDATE "{table.name}" AS t SET {", ".join(sets)} FROM {scratch} AS s WHERE t.id = s.id',
                       list(constants.values()))
        cursor.execute(f"DROP TABLE {scratch}")
    finally:
        cursor.close()


def among(session, column, values, size: int = 900):
    """WHERE criteria that together cover `values` of a column: on PostgreSQL one column = ANY(one array
    parameter), elsewhere IN lists of `size` (SQLite's parameter limit). An IN list of a thousand values
    costs more to build and parse than to run."""
    values = list(values)
    if session.get_bind().dialect.name == "postgresql":
        if values:
            yield column == any_(bindparam(None, values, type_=ARRAY(column.type)))
        return
    for start in range(0, len(values), size):
        yield column.in_(values[start:start + size])
