# The nginx baseline of the HTTP benches: writes WORK/nginx.conf, serving
# WORK/www as JSON on 127.0.0.1:PORT with 2 workers and no access log.
# Usage: source bench/nginx.sh; nginx_conf WORK PORT
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
