#!/bin/sh
# The image's entry point: `hourglass-entrypoint.sh <process> [args...]` runs the compiled process
# (the same command the compiled-entrypoints test runs outside a container).
set -eu
process="${1:-api}"
[ "$#" -gt 0 ] && shift
case "$process" in
  api | broker | ingest | scoring | billing | maintenance | platform)
    exec node --enable-source-maps "dist/apps/$process/src/main.js" "$@"
    ;;
  *)
    echo "usage: <api|broker|ingest|scoring|billing|maintenance|platform> (got '$process')" >&2
    exit 2
    ;;
esac
