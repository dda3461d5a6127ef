# What the HTTP benches share. nginx_conf WORK PORT writes WORK/nginx.conf,
# the baseline: nginx serving WORK/www as JSON on 127.0.0.1:PORT with 2
# workers and no access log. measure NAME URL [HEADER] runs wrk (2 threads,
# 64 connections, $secs seconds), prints requests/s, p99 and errors, and
# keeps the requests/s in $work/NAME.rps. http_bench_setup TARGET... installs
# what the HTTP benches need, builds the targets in Release into $dir
# (GLOSSA_BENCH_BUILD_DIR, default build-bench) and sets dir, secs
# (GLOSSA_BENCH_SECONDS, default 10) and G (the glossa program).
# Usage: source bench/nginx.sh  (from the repository root)
nginx_conf() {
  local work=$1 port=$2
  cat > "$work/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$port; root $work/www; default_type application/json; }
}
CONF
}

measure() {
  local out
  if [[ -n "${3:-}" ]]; then out=$(wrk -t2 -c64 -d"${secs}s" --latency -H "$3" "$2")
  else out=$(wrk -t2 -c64 -d"${secs}s" --latency "$2"); fi
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  printf "%-34s %10s req/s   p99 %8s   %s\n" "$1" "$rps" "$p99" "${errors:-no errors}"
  echo "$rps"  > "$work/$1.rps"
}

http_bench_setup() {
  bash .ci/install-deps --with-test-tools
  for tool in wrk nginx; do
    command -v $tool >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
  done
  dir=${GLOSSA_BENCH_BUILD_DIR:-build-bench}
  secs=${GLOSSA_BENCH_SECONDS:-10}
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DGLOSSA_BUILD_TESTS=OFF -DGLOSSA_BUILD_BENCH=ON >/dev/null
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$dir" "${targets[@]}" -j "$(nproc)" >/dev/null
  G="$PWD/$dir/glossa"
}
