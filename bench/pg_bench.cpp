// PostgreSQL benchmarks, one run, each baseline measured in the same run on
// the same PostgreSQL (bench/postgres_bench.sh starts it, durable, and passes
// its admin URI). Each timed step runs three times and the best time counts:
//   import    `glossa xliff import` of the filled Arabic 1.2 file (100,000
//             units of gen_xliff.py text) into a PostgreSQL store, each run
//             after `xliff undo` of the one before
//             vs pugixml parse + walk + COPY of the rows the import stores (a
//             translation and a history row per unit, and the batch) into the
//             same tables of a copy of the store as the import found it
//   coverage  engine::coverage per locale over 1,000,008 translations on
//             PostgreSQL (target < 2 s), and by document
//             vs SELECT locale, state, current, count(*) ... GROUP BY on the same database
// Usage: glossa_pg_bench GLOSSA RECORDS.jsonl WORK_DIR ADMIN_URI
#include <libpq-fe.h>

#include <glossa/glossa.hpp>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "bench_util.hpp"
#include "generated_store.hpp"

namespace {
using namespace bench;

using connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

connection connect(const std::string& uri) {
  connection c(PQconnectdb(uri.c_str()), &PQfinish);
  if (PQstatus(c.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(c.get()));
  PQsetNoticeProcessor(
      c.get(), [](void*, const char*) {}, nullptr);
  return c;
}

result_ptr exec(PGconn* c, const std::string& sql) {
  result_ptr r(PQexec(c, sql.c_str()), &PQclear);
  auto st = PQresultStatus(r.get());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_COPY_IN)
    throw std::runtime_error(sql.substr(0, 60) + ": " + PQresultErrorMessage(r.get()));
  return r;
}

// The URI of database `name` on the server of `admin`.
std::string database_uri(const std::string& admin, const std::string& name) {
  return admin.substr(0, admin.rfind('/')) + "/" + name;
}

// A new database (a copy of `from` when given); its URI.
std::string create_database(const std::string& admin, const std::string& name, const std::string& from = "") {
  auto c = connect(admin);
  exec(c.get(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  exec(c.get(), "CREATE DATABASE " + name + (from.empty() ? "" : " TEMPLATE " + from));
  return database_uri(admin, name);
}

glossa::engine open_engine(const std::string& uri, const glossa::store_options& o) {
  auto st = glossa::open_store(uri, o);
  if (!st) throw std::runtime_error(st.err().to_string());
  return glossa::engine(std::move(*st));
}

// One value in COPY's text format.
void copy_value(std::string& out, const std::string& v) {
  for (char ch : v) {
    if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
      out += '\\';
      out += ch == '\t' ? 't' : ch == '\n' ? 'n' : ch == '\r' ? 'r' : '\\';
    } else {
      out += ch;
    }
  }
}

void copy_rows(PGconn* c, const std::string& copy_sql, const std::string& data) {
  exec(c, copy_sql);
  if (PQputCopyData(c, data.data(), static_cast<int>(data.size())) != 1 || PQputCopyEnd(c, nullptr) != 1)
    throw std::runtime_error(PQerrorMessage(c));
  result_ptr r(PQgetResult(c), &PQclear);
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) throw std::runtime_error(PQresultErrorMessage(r.get()));
  while (PGresult* rest = PQgetResult(c)) PQclear(rest);
}

using unit_rows = std::vector<std::pair<std::string, std::string>>;  // unit id "KEY.FIELD", target

std::map<std::string, std::string> field_ids(PGconn* c) {  // "KEY.FIELD" -> fields.id
  std::map<std::string, std::string> ids;
  auto r = exec(c, "SELECT d.key || '.' || f.name, f.id FROM fields f JOIN documents d ON d.id = f.document_id");
  for (int i = 0; i < PQntuples(r.get()); ++i) ids[PQgetvalue(r.get(), i, 0)] = PQgetvalue(r.get(), i, 1);
  return ids;
}

// The rows the import stores, through COPY, in one transaction; the seconds
// from connecting to the commit.
double copy_baseline_once(const std::string& uri, const unit_rows& rows) {
  std::map<std::string, std::string> ids;
  {
    auto c = connect(uri);
    ids = field_ids(c.get());
  }
  auto t0 = clock_type::now();
  auto c = connect(uri);
  exec(c.get(), "BEGIN");
  auto batch = exec(c.get(),
                    "INSERT INTO batches(kind, file, author, created_at) VALUES ('xliff-import', 'f', 'bench', "
                    "'2026-01-01T00:00:00.000Z') RETURNING id");
  std::string batch_id = PQgetvalue(batch.get(), 0, 0), translations, history;
  for (const auto& [id, text] : rows) {
    auto f = ids.find(id);
    if (f == ids.end()) throw std::runtime_error("no field for unit " + id);
    auto dot = id.rfind('.');
    translations += f->second + "\tar\t";
    copy_value(translations, text);
    translations += "\t1\t0123456789abcdef\tbench\txliff:f\t2026-01-01T00:00:00.000Z\n";
    history += "2026-01-01T00:00:00.000Z\t";
    copy_value(history, id.substr(0, dot));
    history += "\t" + id.substr(dot + 1) + "\tar\tcreate\t\\N\t\\N\t\\N\t1\t\\N\t0123456789abcdef\tbench\txliff:f\t" +
               batch_id + "\n";
  }
  copy_rows(c.get(),
            "COPY translations(field_id, locale, text, state, source_revision, author, origin, updated_at) FROM STDIN",
            translations);
  copy_rows(c.get(),
            "COPY history(at, document_key, field, locale, action, old_text, new_text, old_state, new_state, "
            "old_revision, new_revision, author, origin, batch_id) FROM STDIN",
            history);
  exec(c.get(), "COMMIT");
  return seconds_since(t0);
}

struct import_figures {
  run_result glossa;
  std::size_t units = 0, file_bytes = 0;
  double walk = 0, copy = 0;
  std::string counts;
};

// Loads the records into database "bench_import", exports and fills Arabic,
// imports it three times, and measures the baseline on a copy of the store
// as the import found it.
import_figures import_bench(const std::string& glossa, const std::string& jsonl, const std::string& dir,
                            const std::string& admin) {
  import_figures out;
  std::string uri = create_database(admin, "bench_import");
  {
    auto made = content_from_records(jsonl);
    glossa::store_options so;
    so.initial_schema = *glossa::content_schema::parse(made.schema_json);
    auto e = open_engine(uri, so);
    if (auto r = e.import_content(made.content, "records.json"); !r) throw std::runtime_error(r.err().to_string());
  }
  std::string x12 = dir + "/pg-ar.xlf", filled = dir + "/pg-ar-filled.xlf";
  if (run({glossa, "--db", uri, "-q", "xliff", "export", "--locale", "ar", "-o", x12}).status != 0)
    throw std::runtime_error("export failed");
  out.units = fill_targets(x12, filled);
  out.file_bytes = file_text(filled).size();
  create_database(admin, "bench_pre_import", "bench_import");
  std::int64_t last_batch = 0;
  out.glossa = best_of([&] {
    if (last_batch != 0 && run({glossa, "--db", uri, "-q", "xliff", "undo", std::to_string(last_batch)}).status != 0)
      return run_result{};  // status -1: stops the repeats
    auto r = run({glossa, "--db", uri, "-q", "xliff", "import", filled, "--report", "json"}, dir + "/pg-report.json");
    if (r.status == 0) last_batch = boost::json::parse(file_text(dir + "/pg-report.json")).at("batch").as_int64();
    return r;
  });
  if (out.glossa.status != 0) throw std::runtime_error("import failed");
  out.counts = boost::json::serialize(boost::json::parse(file_text(dir + "/pg-report.json")).at("counts"));
  unit_rows rows;
  out.walk = best_seconds([&] { rows = walk_units(filled); });
  for (int i = 0; i < repeats; ++i) {
    double s = copy_baseline_once(create_database(admin, "bench_rows", "bench_pre_import"), rows);
    if (i == 0 || s < out.copy) out.copy = s;
  }
  return out;
}

constexpr int documents_1m = 83334;  // x 4 fields x 3 locales = 1,000,008 translations

struct coverage_figures {
  double build = 0, summary = 0, matrix = 0, group_by = 0;
};

coverage_figures coverage_bench(const std::string& admin) {
  coverage_figures out;
  std::string uri = create_database(admin, "bench_coverage");
  auto t0 = clock_type::now();
  {
    glossa::store_options o;
    o.initial_schema = coverage_schema();
    auto e = open_engine(uri, o);
    fill_store(e, documents_1m);
  }
  out.build = seconds_since(t0);
  glossa::store_options o;
  o.read_only = true;
  auto e = open_engine(uri, o);
  out.summary = best_seconds([&] {
    auto r = e.coverage({});
    if (!r || r->totals.size() != 4 || r->totals[0].counts.total_units() != documents_1m * 4u)
      throw std::runtime_error("coverage counted wrong");
  });
  out.matrix = best_seconds([&] {
    glossa::coverage_options by_document;
    by_document.by = glossa::coverage_grouping::document;
    auto r = e.coverage(by_document);
    if (!r || glossa::to_json(*r).empty()) throw std::runtime_error("coverage by document failed");
  });
  auto c = connect(uri);
  out.group_by = best_seconds([&] {
    exec(c.get(),
         "SELECT t.locale, t.state, t.source_revision = f.revision, count(*) FROM translations t "
         "JOIN fields f ON f.id = t.field_id GROUP BY 1, 2, 3");
  });
  return out;
}

void print(const import_figures& i, const coverage_figures& c) {
  std::printf("import outcome: %s; filled file %.1f MB, %zu units\n", i.counts.c_str(), double(i.file_bytes) / 1e6,
              i.units);
  std::printf("%-44s %9.3f s   peak %6.1f MB\n", "import filled XLIFF 1.2 into PostgreSQL", i.glossa.seconds,
              double(i.glossa.peak_kib) / 1024);
  std::printf("%-44s %9.3f s\n", "baseline pugixml parse + walk", i.walk);
  std::printf("%-44s %9.3f s\n", "baseline COPY of the same rows, same tables", i.copy);
  std::printf("%-44s %9.3f s\n", "build the coverage store (1,000,008 transl.)", c.build);
  std::printf("%-44s %9.3f s\n", "coverage per locale, 1,000,008 translations", c.summary);
  std::printf("%-44s %9.3f s\n", "coverage by document, as JSON", c.matrix);
  std::printf("%-44s %9.3f s\n", "baseline SELECT ... GROUP BY", c.group_by);
  std::printf("\nratios (target)\n");
  std::printf("  import / (pugixml walk + COPY)           %6.2f   (<= 2.0)\n", i.glossa.seconds / (i.walk + i.copy));
  std::printf("  coverage per locale / GROUP BY           %6.2f   (information; absolute target < 2 s: %.2f s)\n",
              c.summary / c.group_by, c.summary);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: glossa_pg_bench GLOSSA RECORDS.jsonl WORK_DIR ADMIN_URI\n";
    return 2;
  }
  try {
    auto imported = import_bench(argv[1], argv[2], argv[3], argv[4]);
    auto coverage = coverage_bench(argv[4]);
    print(imported, coverage);
  } catch (const std::exception& e) {
    std::cerr << "glossa_pg_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
