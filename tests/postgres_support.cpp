#include "postgres_support.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace glossa::test {

namespace {

std::string slurp_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// A server this process started, stopped when the process ends.
struct own_server {
  std::string dir;
  ~own_server() {
    std::string cmd = "bash '" GLOSSA_SOURCE_DIR "/tests/postgres.sh' stop '" + dir + "' >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) {  // nothing more to do at exit
    }
  }
};

std::string start_own_server() {
  static own_server server;
  char pattern[] = "/tmp/glossa-test-pg-XXXXXX";
  if (!mkdtemp(pattern)) throw std::runtime_error("cannot make a folder for PostgreSQL");
  server.dir = pattern;
  std::string cmd = "bash '" GLOSSA_SOURCE_DIR "/tests/postgres.sh' start '" + server.dir + "' >/dev/null";
  if (std::system(cmd.c_str()) != 0)
    throw std::runtime_error("cannot start PostgreSQL 15 (tests/postgres.sh; apt-get install postgresql-15)");
  return slurp_line(server.dir + "/uri");
}

// The URI with its database replaced by `name`.
std::string with_database(const std::string& uri, const std::string& name) {
  auto slash = uri.find('/', uri.find("://") + 3);
  return uri.substr(0, slash) + "/" + name;
}

}  // namespace

const std::string& postgres_admin_uri() {
  static std::once_flag once;
  static std::string uri;
  std::call_once(once, [] {
    if (const char* given = std::getenv("GLOSSA_TEST_POSTGRES"); given && *given) {
      uri = given;
      return;
    }
    // CTest's fixture (tests/CMakeLists.txt) starts one server for the run.
    if (const char* file = std::getenv("GLOSSA_TEST_POSTGRES_FILE"); file && *file) {
      uri = slurp_line(file);
      if (!uri.empty()) return;
    }
    uri = start_own_server();
  });
  return uri;
}

std::string postgres_query(const std::string& uri, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> c(PQconnectdb(uri.c_str()), &PQfinish);
  if (PQstatus(c.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(c.get()));
  PQsetNoticeProcessor(
      c.get(), [](void*, const char*) {}, nullptr);
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c.get(), sql.c_str()), &PQclear);
  auto st = PQresultStatus(r.get());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error(PQresultErrorMessage(r.get()));
  if (st == PGRES_TUPLES_OK && PQntuples(r.get()) > 0) return PQgetvalue(r.get(), 0, 0);
  return "";
}

std::string fresh_postgres_database() {
  static std::atomic<int> next{0};
  std::string name = "glossa_t" + std::to_string(::getpid()) + "_" + std::to_string(next++);
  postgres_query(postgres_admin_uri(), "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
  return with_database(postgres_admin_uri(), name);
}

void drop_postgres_database(const std::string& uri) {
  std::string name = uri.substr(uri.rfind('/') + 1);
  postgres_query(postgres_admin_uri(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

}  // namespace glossa::test
