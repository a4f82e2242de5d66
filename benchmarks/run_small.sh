#!/usr/bin/env bash
# Every benchmark at a small size, so CI proves they still run. Figures go to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export PYTHONPATH=.
$PY benchmarks/ingest.py --items 2000
$PY benchmarks/poll.py --sources 60 --hosts 6 --delay 0.05
[ -f benchmarks/quality.py ] && $PY benchmarks/quality.py --limit 400
[ -f benchmarks/inbox.py ] && QT_QPA_PLATFORM=offscreen $PY benchmarks/inbox.py --rows 20000
QT_QPA_PLATFORM=offscreen $PY benchmarks/inbox_poll.py --rows 20000 --sources 60 --hosts 6 --items 20
QT_QPA_PLATFORM=offscreen $PY benchmarks/inbox_poll.py --rows 5000 --rescore
$PY benchmarks/drafts.py --count 200
$PY benchmarks/report.py --mentions 5000
$PY benchmarks/reliability.py --small  # exits non-zero if any hostile case was not survived
$PY benchmarks/rescore.py --rows 5000 --baseline-rows 2000
exit 0
