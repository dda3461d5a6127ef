// Coverage and QA benchmarks on generated stores, each next to a plain-SQL
// baseline on the same store in the same run (bench/run.sh prints ratios).
//
//   coverage/summary_1M       glossa: engine::coverage per locale (units and ICU word counts)
//                             over 1,000,008 stored translations (83,334 documents x 4 fields x 3 locales)
//   coverage/matrix_json_1M   glossa: coverage by document (the document x locale matrix) + to_json
//   baseline/group_by_summary sqlite: SELECT locale, state, current, count(*) ... GROUP BY on the same store
//   baseline/group_by_matrix  sqlite: the same GROUP BY per document key
//   qa/100k                   glossa: engine::qa over 100,008 translations (units/s)
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <glossa/glossa.hpp>
#include <string>

#include "generated_store.hpp"

namespace {
namespace fs = std::filesystem;

// A store with `documents` x 4 fields, each translated into fr, es and ar;
// states vary, and about 5% of translations are stale.
std::string build_store(const char* name, int documents) {
  fs::path p = fs::temp_directory_path() / ("glossa-bench-" + std::string(name) + ".db");
  std::string marker = p.string() + ".complete";
  if (fs::exists(marker) && fs::exists(p)) {                     // built by an earlier run with the same sizes
    auto upgraded = glossa::open_store("sqlite:" + p.string());  // brings an older schema up to date
    if (!upgraded) throw std::runtime_error(upgraded.err().to_string());
    return p.string();
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  glossa::store_options o;
  o.initial_schema = bench::coverage_schema();
  auto st = glossa::open_store("sqlite:" + p.string(), o);
  if (!st) throw std::runtime_error(st.err().to_string());
  glossa::engine e(std::move(*st));
  bench::fill_store(e, documents);
  std::ofstream(marker) << documents << "\n";
  return p.string();
}

constexpr int documents_1m = 83334;   // x 4 fields x 3 locales = 1,000,008 translations
constexpr int documents_100k = 8334;  // 100,008 translations

glossa::engine open_engine(const std::string& path) {
  glossa::store_options o;
  o.create_if_missing = false;
  o.read_only = true;
  auto st = glossa::open_store("sqlite:" + path, o);
  if (!st) throw std::runtime_error(st.err().to_string());
  return glossa::engine(std::move(*st));
}

void coverage_summary(benchmark::State& state) {
  auto e = open_engine(build_store("coverage-1m", documents_1m));
  for (auto _ : state) {
    auto r = e.coverage({});
    if (!r || r->totals.size() != 4 || r->totals[0].counts.total_units() != documents_1m * 4u) {
      state.SkipWithError("coverage failed");
      break;
    }
    benchmark::DoNotOptimize(r->totals.data());
  }
  state.counters["translations/s"] =
      benchmark::Counter(documents_1m * 12.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(coverage_summary)->Name("coverage/summary_1M")->Unit(benchmark::kMillisecond)->Iterations(3);

void coverage_matrix(benchmark::State& state) {
  auto e = open_engine(build_store("coverage-1m", documents_1m));
  for (auto _ : state) {
    glossa::coverage_options o;
    o.by = glossa::coverage_grouping::document;
    auto r = e.coverage(o);
    if (!r) {
      state.SkipWithError("coverage failed");
      break;
    }
    std::string json = glossa::to_json(*r);
    benchmark::DoNotOptimize(json.data());
    state.counters["json_MB"] = static_cast<double>(json.size()) / 1e6;
  }
}
BENCHMARK(coverage_matrix)->Name("coverage/matrix_json_1M")->Unit(benchmark::kMillisecond)->Iterations(3);

void sql_group_by(benchmark::State& state, const char* sql) {
  std::string path = build_store("coverage-1m", documents_1m);
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &q, nullptr) != SQLITE_OK) {
    state.SkipWithError(sqlite3_errmsg(db));
    sqlite3_close(db);
    return;
  }
  for (auto _ : state) {
    std::int64_t rows = 0, total = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
      ++rows;
      total += sqlite3_column_int64(q, sqlite3_column_count(q) - 1);
    }
    sqlite3_reset(q);
    if (total != documents_1m * 12LL) {
      state.SkipWithError("baseline counted wrong");
      break;
    }
    benchmark::DoNotOptimize(rows);
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
}
void baseline_summary(benchmark::State& state) {
  sql_group_by(state,
               "SELECT t.locale, t.state, t.source_revision = f.revision, count(*) FROM translations t "
               "JOIN fields f ON f.id = t.field_id GROUP BY 1, 2, 3");
}
BENCHMARK(baseline_summary)->Name("baseline/group_by_summary")->Unit(benchmark::kMillisecond)->Iterations(3);
void baseline_matrix(benchmark::State& state) {
  sql_group_by(state,
               "SELECT d.key, t.locale, t.state, t.source_revision = f.revision, count(*) FROM translations t "
               "JOIN fields f ON f.id = t.field_id JOIN documents d ON d.id = f.document_id GROUP BY 1, 2, 3, 4");
}
BENCHMARK(baseline_matrix)->Name("baseline/group_by_matrix")->Unit(benchmark::kMillisecond)->Iterations(3);

void qa_100k(benchmark::State& state) {
  auto e = open_engine(build_store("qa-100k", documents_100k));
  std::size_t findings = 0;
  for (auto _ : state) {
    auto r = e.qa();
    if (!r) {
      state.SkipWithError("qa failed");
      break;
    }
    findings = r->size();
  }
  state.counters["units/s"] = benchmark::Counter(documents_100k * 12.0, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(qa_100k)->Name("qa/100k")->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
