# Shared by the bench scripts (sourced): a demo mosaikd on loopback and wrk measurements.
# Expects ROOT, TMP, DURATION, CONNECTIONS, SERVER_CPU, CLIENT_CPU and a `say` function.

BIN=$ROOT/build/release/src
SERVER_PID=
URL=

bench_require() {  # tool...
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { say "missing $tool (apt-get install wrk curl util-linux)"; exit 1; }
  done
}

bench_build() {  # unless BENCH_SKIP_BUILD is set
  if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    (cd "$ROOT" && cmake --preset release >/dev/null && cmake --build --preset release --target mosaikd mosaik >/dev/null)
  fi
}

bench_stop_server() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

# Starts mosaikd with one network thread on SERVER_CPU; sets SERVER_PID and URL.
bench_start_server() {  # database-url [extra mosaikd arguments...]
  local db=$1
  shift
  taskset -c "$SERVER_CPU" "$BIN/mosaikd" --database "$db" --listen 127.0.0.1:0 --threads 1 \
    --set log.access_log=off "$@" >"$TMP/out" 2>"$TMP/err" &
  SERVER_PID=$!
  for _ in $(seq 100); do grep -q listening "$TMP/out" 2>/dev/null && break; sleep 0.1; done
  URL=$(grep -o 'http://[0-9.:]*' "$TMP/out")
  [ -n "$URL" ] || { say "mosaikd did not start: $(cat "$TMP/err")"; exit 1; }
}

bench_runs=0
# One wrk run on CLIENT_CPU; prints a Markdown table row.
run_wrk() {  # name path [header]
  local name=$1 path=$2 header=${3:-}
  local out=$TMP/wrk-$((++bench_runs))
  local args=(-t1 -c"$CONNECTIONS" -d"$DURATION" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  taskset -c "$CLIENT_CPU" wrk "${args[@]}" "$URL$path" >"$out" 2>&1
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1=="50%" {print $2}' "$out")
  p99=$(awk '$1=="99%" {print $2}' "$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$out")
  printf '| %-44s | %10s | %8s | %8s | %s |\n' "$name" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

bench_table_head() {
  echo "| request | req/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
}

bench_peak_memory() {
  awk '/VmHWM/ {print $2, $3}' /proc/"$SERVER_PID"/status
}
