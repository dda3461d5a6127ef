// Store benchmarks, each next to a plain-SQLite baseline doing the same rows
// in the same process (bench/run.sh prints the ratios).
//
//   import/100k_fields        glossa: parse content JSON + validate + one write transaction
//   baseline/insert_100k      sqlite: prepared INSERT of the same 100,000 (document, field, value)
//                             rows in one transaction, no history, no validation
//   lookup/field              glossa: store::find_document + read one field
//   baseline/select_field     sqlite: prepared SELECT of one field by (document, name)
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <filesystem>
#include <glossa/glossa.hpp>
#include <random>
#include <string>

namespace {
namespace fs = std::filesystem;
constexpr int documents = 10000;
constexpr int fields_per_document = 10;  // 100,000 fields

const glossa::content_schema& bench_schema() {
  static const glossa::content_schema s = [] {
    std::string json = R"({"format": "glossa-schema", "version": 1, "types": [{"name": "item", "fields": [)";
    for (int f = 0; f < fields_per_document; ++f)
      json += std::string(f ? "," : "") + R"({"name": "f)" + std::to_string(f) +
              R"(", "kind": "text", "translatable": true})";
    json += "]}]}";
    return *glossa::content_schema::parse(json);
  }();
  return s;
}

std::string value_of(int d, int f) {
  return "Field " + std::to_string(f) + " of document " + std::to_string(d) + ": some ordinary source text.";
}

const std::string& content_json() {
  static const std::string s = [] {
    std::string out = R"({"format": "glossa-content", "version": 1, "documents": [)";
    for (int d = 0; d < documents; ++d) {
      out += std::string(d ? ",\n" : "\n") + R"({"type": "item", "key": "item-)" + std::to_string(d) +
             R"(", "source_locale": "en", "fields": {)";
      for (int f = 0; f < fields_per_document; ++f)
        out += std::string(f ? ", " : "") + "\"f" + std::to_string(f) + "\": \"" + value_of(d, f) + "\"";
      out += "}}";
    }
    return out + "]}";
  }();
  return s;
}

std::string fresh_path(const char* name) {
  fs::path p = fs::temp_directory_path() / ("glossa-bench-" + std::string(name) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p.string();
}

std::unique_ptr<glossa::store> open_bench_store(const std::string& path) {
  glossa::store_options o;
  o.initial_schema = bench_schema();
  auto s = glossa::open_store("sqlite:" + path, o);
  if (!s) throw std::runtime_error(s.err().to_string());
  return std::move(*s);
}

void import_100k_fields(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    glossa::engine e(open_bench_store(fresh_path("import")));
    state.ResumeTiming();
    auto r = e.import_content(content_json(), "bench.json");
    if (!r || r->fields_changed != documents * fields_per_document) state.SkipWithError("import failed");
  }
  state.counters["fields/s"] =
      benchmark::Counter(double(documents * fields_per_document), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(import_100k_fields)->Name("import/100k_fields")->Unit(benchmark::kMillisecond)->Iterations(3);

void baseline_insert_100k(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    std::string path = fresh_path("baseline");
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "CREATE TABLE fields(document TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,"
                 " PRIMARY KEY(document, name))",
                 nullptr, nullptr, nullptr);
    state.ResumeTiming();
    sqlite3_stmt* ins = nullptr;
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO fields VALUES (?1, ?2, ?3)", -1, &ins, nullptr);
    for (int d = 0; d < documents; ++d) {
      std::string key = "item-" + std::to_string(d);
      for (int f = 0; f < fields_per_document; ++f) {
        std::string name = "f" + std::to_string(f), value = value_of(d, f);
        sqlite3_bind_text(ins, 1, key.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, value.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(ins);
        sqlite3_reset(ins);
      }
    }
    sqlite3_finalize(ins);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    state.PauseTiming();
    sqlite3_close(db);
    state.ResumeTiming();
  }
  state.counters["fields/s"] =
      benchmark::Counter(double(documents * fields_per_document), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(baseline_insert_100k)->Name("baseline/insert_100k")->Unit(benchmark::kMillisecond)->Iterations(3);

// Lookups run against the store the import benchmark left behind.
void lookup_field(benchmark::State& state) {
  auto s = open_bench_store(fs::temp_directory_path() / "glossa-bench-import.db");
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> pick(0, documents - 1);
  for (auto _ : state) {
    auto d = s->find_document("item-" + std::to_string(pick(rng)));
    if (!d) {
      state.SkipWithError("lookup failed");
      break;
    }
    benchmark::DoNotOptimize(d->find("f3")->value.size());
  }
}
BENCHMARK(lookup_field)->Name("lookup/field")->Unit(benchmark::kMicrosecond);

void baseline_select_field(benchmark::State& state) {
  sqlite3* db = nullptr;
  sqlite3_open((fs::temp_directory_path() / "glossa-bench-baseline.db").c_str(), &db);
  sqlite3_stmt* sel = nullptr;
  sqlite3_prepare_v2(db, "SELECT value FROM fields WHERE document = ?1 AND name = 'f3'", -1, &sel, nullptr);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> pick(0, documents - 1);
  for (auto _ : state) {
    std::string key = "item-" + std::to_string(pick(rng));
    sqlite3_bind_text(sel, 1, key.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(sel) != SQLITE_ROW) {
      state.SkipWithError("select failed");
      break;
    }
    benchmark::DoNotOptimize(sqlite3_column_bytes(sel, 0));
    sqlite3_reset(sel);
  }
  sqlite3_finalize(sel);
  sqlite3_close(db);
}
BENCHMARK(baseline_select_field)->Name("baseline/select_field")->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
