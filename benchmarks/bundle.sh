#!/usr/bin/env bash
# Build the Linux bundle from scratch and print its figures:
#     benchmarks/bundle.sh            (PYTHON=... to use another interpreter; RUNS=5 for more start-up samples)
# Prints: build time (s), bundle size unpacked (MB, du -sm), wall time of `dist/Earshot/Earshot --self-test`
# with QT_QPA_PLATFORM=offscreen (first run, then the median of RUNS more), and the self-test's output.
# The self-test includes a Qt probe in a child process, so the figure covers two start-ups of the bundle.
# Then start-up to first paint of the frozen app (--startup-probe, offscreen): a new user's welcome page, and
# a returning user's demo inbox with its rows.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
RUNS="${RUNS:-3}"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

start="$(now)"
if ! "$PYTHON" -m PyInstaller installers/earshot.spec --noconfirm --clean --distpath dist --workpath build >"$LOG" 2>&1; then
    tail -30 "$LOG"
    echo "build failed" >&2
    exit 1
fi
build_s="$(secs "$start" "$(now)")"
size_mb="$(du -sm dist/Earshot | cut -f1)"

export QT_QPA_PLATFORM=offscreen
start="$(now)"
dist/Earshot/Earshot --self-test >"$LOG" 2>&1
rc=$?
first_s="$(secs "$start" "$(now)")"
samples=()
for _ in $(seq "$RUNS"); do
    start="$(now)"
    dist/Earshot/Earshot --self-test >/dev/null 2>&1
    samples+=("$(secs "$start" "$(now)")")
done
median_s="$(printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"

echo "build time:             ${build_s} s (pyinstaller --clean)"
echo "bundle size (unpacked): ${size_mb} MB (dist/Earshot, du -sm)"
echo "self-test wall time:    ${first_s} s first run, ${median_s} s median of ${RUNS} (${samples[*]})"
echo "self-test exit code:    ${rc}"
echo "self-test output:"
sed 's/^/    /' "$LOG"

probe_dir="$(mktemp -d)"
probe() { # label, then the app's arguments
    local label="$1"; shift
    local t0 out
    t0="$(now)"
    out="$(dist/Earshot/Earshot --data-dir "$probe_dir" --startup-probe "$@" 2>/dev/null | grep '^first paint')"
    echo "start-up to first paint ($label): $(secs "$t0" "$(now)") s wall incl. exit; ${out:-FAILED: no first paint}"
}
probe "new user, welcome page"
dist/Earshot/Earshot --data-dir "$probe_dir" demo >/dev/null 2>&1
probe "returning user, demo inbox"
rm -rf "$probe_dir"
