"""Create the PostgreSQL database named in ``DATABASE_URL`` when it does not exist yet.

Used by ``scripts/serve`` (``make serve``) and the benchmarks; connects to the server's
``postgres`` maintenance database with the same credentials.
"""

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql


def ensure_database(url: str) -> bool:
    """True when the database was created, False when it was there already."""
    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        return False
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
        return True


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else os.environ["DATABASE_URL"]
    if ensure_database(url):
        print(f"created database {dj_database_url.parse(url)['NAME']}")
