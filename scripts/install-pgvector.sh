#!/usr/bin/env bash
# Build and install pgvector from the vendored source in ../shared/vendor when
# PostgreSQL has no `vector` extension yet (Debian 12 ships none). For CI and
# tests; production installs pgvector from its distribution's packages.
# Exit 0: installed or already there; 1: could not (reason on stderr).
set -euo pipefail
cd "$(dirname "$0")/.."

PG_CONFIG="${PG_CONFIG:-}"
if [ -z "$PG_CONFIG" ]; then
  # The newest server's own pg_config, else the one on PATH.
  for candidate in /usr/lib/postgresql/*/bin/pg_config; do
    if [ -x "$candidate" ]; then PG_CONFIG="$candidate"; fi
  done
  PG_CONFIG="${PG_CONFIG:-$(command -v pg_config || true)}"
fi
if [ -z "$PG_CONFIG" ]; then
  echo "install-pgvector: PostgreSQL is not installed (no pg_config)" >&2
  exit 1
fi
if [ -f "$("$PG_CONFIG" --sharedir)/extension/vector.control" ]; then
  exit 0
fi
TARBALL="../shared/vendor/pgvector-0.8.6.tar.gz"
if [ ! -f "$TARBALL" ]; then
  echo "install-pgvector: $TARBALL is missing (see ../shared/vendor/README.md)" >&2
  exit 1
fi
if [ ! -f "$("$PG_CONFIG" --includedir-server)/postgres.h" ]; then
  echo "install-pgvector: PostgreSQL's server headers are missing (apt-get install postgresql-server-dev-$("$PG_CONFIG" --version | sed -E 's/[^0-9]*([0-9]+).*/\1/'))" >&2
  exit 1
fi
BUILD="$(mktemp -d)"
trap 'rm -rf "$BUILD"' EXIT
tar xzf "$TARBALL" -C "$BUILD"
make -s -C "$BUILD"/pgvector-* PG_CONFIG="$PG_CONFIG" >/dev/null
make -s -C "$BUILD"/pgvector-* PG_CONFIG="$PG_CONFIG" install >/dev/null
echo "install-pgvector: installed pgvector into $("$PG_CONFIG" --sharedir)/extension" >&2
