"""Engine settings that differ by database."""
from sqlalchemy import event


def configure_engine(engine):
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, connection_record):
        # WAL lets readers proceed while a post is written; the busy timeout
        # makes a second writer wait instead of failing at once.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def upsert(session, model, values, keys, update=None, returning=None):
    """INSERT a row, or when one with the same `keys` exists, UPDATE it with
    `update` (column -> SQL expression over `excluded`, the row offered), or
    leave it as it is when `update` is None. One statement, so two requests
    at once can't both insert. SQLite and PostgreSQL spell it alike.
    To learn whether a row went in, ask for a column back (`returning`):
    PostgreSQL's driver leaves the rowcount of such an INSERT unknown."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(model).values(**values)
    if update is None:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    else:
        statement = statement.on_conflict_do_update(index_elements=keys, set_=update(statement.excluded))
    if returning is not None:
        statement = statement.returning(returning)
    return session.execute(statement)
