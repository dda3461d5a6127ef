// XLIFF exchange benchmark, one run, baselines measured in the same run on the
// same files. Each timed step runs three times and the best time counts, for
// Glossa and the baselines alike (xliff2po, at ~20 s, runs once):
//   load       100,000 translatable fields (gen_xliff.py JSON lines, ~30% with
//              placeholders or markup) into a fresh store
//   export     `glossa xliff export` Arabic 1.2 and 2.0        vs pugixml parse + save of each file
//   import     `glossa xliff import` of the filled 1.2 file     vs pugixml parse + walk + SQLite bulk insert
//                (one row per unit in a bare table; for information also the rows the import
//                stores, a translation and a history row per unit, in a copy of the store)
//   memory     peak RSS of the import process                  vs the file size
//   xliff2po   Translate Toolkit on the same filled file        (import must be >= 10x faster)
//   tm         `xliff export --scope all --tm` after the import  vs the same export without --tm (<= 3x)
//   terms      the same export with a termbase of 1,000 entries  vs without (information)
// Usage: glossa_xliff_bench GLOSSA_BINARY RECORDS.jsonl WORK_DIR
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <glossa/glossa.hpp>
#include <iostream>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.hpp"

namespace {
// A termbase of `n` entries whose source terms the store's text has: two-word
// runs of the fields' values (letters only), each once, translated "مصطلح i".
bool write_termbase(const std::string& db, const std::string& path, std::size_t n) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return false;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(h, "SELECT value FROM fields LIMIT 20000", -1, &q, nullptr);
  std::vector<std::string> terms;
  std::set<std::string> seen;
  auto letters = [](const std::string& w) {
    return !w.empty() &&
           std::all_of(w.begin(), w.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  };
  while (terms.size() < n && sqlite3_step(q) == SQLITE_ROW) {
    std::istringstream words(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
    std::string prev, w;
    while (words >> w && terms.size() < n) {
      if (letters(prev) && letters(w) && seen.insert(prev + " " + w).second) terms.push_back(prev + " " + w);
      prev = w;
    }
  }
  sqlite3_finalize(q);
  sqlite3_close(h);
  std::ofstream out(path);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<martif type=\"TBX-Basic\" xml:lang=\"en\"><text><body>\n";
  for (std::size_t i = 0; i < terms.size(); ++i)
    out << "<termEntry><langSet xml:lang=\"en\"><tig><term>" << terms[i]
        << "</term></tig></langSet><langSet xml:lang=\"ar\"><tig><term>\u0645\u0635\u0637\u0644\u062d " << i
        << "</term></tig></langSet></termEntry>\n";
  out << "</body></text></martif>\n";
  return terms.size() == n && static_cast<bool>(out);
}
}  // namespace

int main(int argc, char** argv) {
  using namespace bench;
  if (argc != 4) {
    std::cerr << "usage: glossa_xliff_bench GLOSSA RECORDS.jsonl WORK_DIR\n";
    return 2;
  }
  std::string glossa = argv[1], jsonl = argv[2], dir = argv[3];
  std::string db = dir + "/bench.db";
  for (const char* s : {"", "-wal", "-shm"}) std::remove((db + s).c_str());

  // --- content: 10 fields per document; 7 text, 2 rich_text, 1 message ---------
  auto made = content_from_records(jsonl);
  auto schema = glossa::content_schema::parse(made.schema_json);
  std::string& content = made.content;
  std::size_t records = made.records, with_codes = made.with_codes;
  glossa::store_options so;
  so.initial_schema = *schema;
  auto t0 = clock_type::now();
  {
    auto st = glossa::open_store("sqlite:" + db, so);
    glossa::engine e(std::move(*st));
    auto r = e.import_content(content, "records.json");
    if (!r) {
      std::cerr << r.err().to_string() << "\n";
      return 1;
    }
  }
  double load = seconds_since(t0);
  content.clear();
  content.shrink_to_fit();

  // --- export 1.2 and 2.0 -------------------------------------------------------
  std::string x12 = dir + "/ar.xlf", x20 = dir + "/ar.v2.xlf", filled = dir + "/ar-filled.xlf";
  auto e12 = best_of([&] { return run({glossa, "--db", db, "-q", "xliff", "export", "--locale", "ar", "-o", x12}); });
  auto e20 = best_of([&] {
    return run({glossa, "--db", db, "-q", "xliff", "export", "--locale", "ar", "--version", "2.0", "-o", x20});
  });
  if (e12.status != 0 || e20.status != 0) {
    std::cerr << "export failed\n";
    return 1;
  }

  // --- baseline: pugixml parse + save of the same files ------------------------------
  auto parse_and_save = [&](const std::string& file) {
    return best_seconds([&] {
      pugi::xml_document d;
      d.load_file(file.c_str(), pugi::parse_default | pugi::parse_ws_pcdata);
      d.save_file((dir + "/pugi-save.xlf").c_str(), "", pugi::format_raw);
    });
  };
  double pugi_save = parse_and_save(x12), pugi_save_20 = parse_and_save(x20);

  // --- fill every target (not timed): target = source ---------------------------------
  std::size_t units = fill_targets(x12, filled);
  std::size_t file_bytes = file_text(filled).size();

  // The store as the import finds it, for the baseline that writes the same rows.
  std::string pre_import = dir + "/pre-import.db";
  // The store is closed: its WAL was checkpointed into it.
  std::filesystem::copy_file(db, pre_import, std::filesystem::copy_options::overwrite_existing);

  // --- import: each run after `xliff undo` of the one before ---------------------------
  std::int64_t last_batch = 0;
  auto imp = best_of([&] {
    if (last_batch != 0 && run({glossa, "--db", db, "-q", "xliff", "undo", std::to_string(last_batch)}).status != 0) {
      std::cerr << "undo of batch " << last_batch << " failed\n";
      return run_result{};  // status -1: stops the repeats
    }
    auto r = run({glossa, "--db", db, "-q", "xliff", "import", filled, "--report", "json"}, dir + "/report.json");
    if (r.status == 0) last_batch = boost::json::parse(file_text(dir + "/report.json")).at("batch").as_int64();
    return r;
  });
  if (imp.status != 0) {
    std::cerr << "import exit " << imp.status << "\n";
    return 1;
  }

  // --- export with the memory's matches (issue 19): every unit is translated now, so
  // each has its own translation in context and the memory holds 100,000 fields' pairs.
  auto all = best_of([&] {
    return run(
        {glossa, "--db", db, "-q", "xliff", "export", "--locale", "ar", "--scope", "all", "-o", dir + "/all.xlf"});
  });
  auto all_tm = best_of([&] {
    return run({glossa, "--db", db, "-q", "xliff", "export", "--locale", "ar", "--scope", "all", "--tm", "-o",
                dir + "/all-tm.xlf"});
  });

  // --- the termbase's cost (information): 1,000 entries, each unit's terms found and written.
  std::string tbx = dir + "/terms.tbx";
  if (!write_termbase(db, tbx, 1000) ||
      run({glossa, "--db", db, "-q", "terms", "import", "--target", "ar", tbx}).status != 0) {
    std::cerr << "termbase failed\n";
    return 1;
  }
  auto all_terms = best_of([&] {
    return run({glossa, "--db", db, "-q", "xliff", "export", "--locale", "ar", "--scope", "all", "-o",
                dir + "/all-terms.xlf"});
  });
  std::size_t termed = 0;
  {
    std::ifstream in(dir + "/all-terms.xlf");
    for (std::string line; std::getline(in, line);) termed += line.find("glossa-terms") != std::string::npos;
  }

  // --- baseline: pugixml parse + walk, SQLite bulk insert of the same rows -------------
  std::vector<std::pair<std::string, std::string>> rows;
  double pugi_walk = best_seconds([&] { rows = walk_units(filled); });
  std::string base_db = dir + "/baseline.db";
  double sqlite_insert = best_seconds([&] {
    for (const char* s : {"", "-wal", "-shm"}) std::remove((base_db + s).c_str());
    sqlite3* h = nullptr;
    sqlite3_open(base_db.c_str(), &h);
    sqlite3_exec(h,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t(id TEXT PRIMARY KEY, locale TEXT, "
                 "text TEXT)",
                 nullptr, nullptr, nullptr);
    sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(h, "INSERT INTO t VALUES (?1, 'ar', ?2)", -1, &s, nullptr);
    for (const auto& [id, text] : rows) {
      sqlite3_bind_text(s, 1, id.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 2, text.c_str(), -1, SQLITE_STATIC);
      sqlite3_step(s);
      sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(h);
  });

  // --- baseline: the rows the import stores, in Glossa's own schema --------------------
  // A translation and a history row per unit, inserted one by one in one
  // transaction into a copy of the store as the import found it (same tables,
  // indexes and foreign keys): what SQLite itself costs for what is stored.
  // The history row of a creation holds no text (schema 4), as the import's.
  std::map<std::string, std::int64_t> field_ids;  // "KEY.FIELD" -> fields.id
  {
    sqlite3* h = nullptr;
    sqlite3_open(pre_import.c_str(), &h);
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(h, "SELECT d.key || '.' || f.name, f.id FROM fields f JOIN documents d ON d.id = f.document_id",
                       -1, &q, nullptr);
    while (sqlite3_step(q) == SQLITE_ROW)
      field_ids[reinterpret_cast<const char*>(sqlite3_column_text(q, 0))] = sqlite3_column_int64(q, 1);
    sqlite3_finalize(q);
    sqlite3_close(h);
  }
  std::string rows_db = dir + "/rows.db";
  double glossa_rows = 0;
  for (int i = 0; i < repeats; ++i) {
    for (const char* s : {"", "-wal", "-shm"}) std::remove((rows_db + s).c_str());
    std::filesystem::copy_file(pre_import, rows_db);
    auto started = clock_type::now();
    sqlite3* h = nullptr;
    sqlite3_open(rows_db.c_str(), &h);
    sqlite3_exec(h, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; BEGIN IMMEDIATE", nullptr, nullptr,
                 nullptr);
    sqlite3_exec(h,
                 "INSERT INTO batches(kind, file, author, created_at) VALUES ('xliff-import', 'f', 'bench', "
                 "'2026-01-01T00:00:00.000Z')",
                 nullptr, nullptr, nullptr);
    std::int64_t batch = sqlite3_last_insert_rowid(h);
    sqlite3_stmt *t = nullptr, *hi = nullptr;
    sqlite3_prepare_v2(
        h,
        "INSERT INTO translations(field_id, locale, text, state, source_revision, author, origin, updated_at) "
        "VALUES (?1, 'ar', ?2, 1, ?3, 'bench', 'xliff:f', '2026-01-01T00:00:00.000Z')",
        -1, &t, nullptr);
    sqlite3_prepare_v2(
        h,
        "INSERT INTO history(at, document_key, field, locale, action, old_text, new_text, old_state, new_state, "
        "old_revision, new_revision, author, origin, batch_id) VALUES ('2026-01-01T00:00:00.000Z', ?1, ?2, 'ar', "
        "'create', NULL, NULL, NULL, 1, NULL, ?4, 'bench', 'xliff:f', ?5)",
        -1, &hi, nullptr);
    std::size_t stored = 0;
    for (const auto& [id, text] : rows) {
      auto f = field_ids.find(id);
      if (f == field_ids.end()) continue;
      auto dot = id.rfind('.');
      std::string key = id.substr(0, dot), name = id.substr(dot + 1), rev = "0123456789abcdef";
      sqlite3_bind_int64(t, 1, f->second);
      sqlite3_bind_text(t, 2, text.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(t, 3, rev.c_str(), -1, SQLITE_STATIC);
      bool ok = sqlite3_step(t) == SQLITE_DONE;
      sqlite3_reset(t);
      sqlite3_bind_text(hi, 1, key.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(hi, 2, name.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(hi, 4, rev.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(hi, 5, batch);
      ok = sqlite3_step(hi) == SQLITE_DONE && ok;
      sqlite3_reset(hi);
      stored += ok;
    }
    sqlite3_finalize(t);
    sqlite3_finalize(hi);
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(h);
    double secs = seconds_since(started);
    if (stored != units) {
      std::cerr << "baseline stored " << stored << " of " << units << " units\n";
      return 1;
    }
    if (i == 0 || secs < glossa_rows) glossa_rows = secs;
  }

  // --- Translate Toolkit ------------------------------------------------------------------
  run_result x2po;
  bool have_tt = std::system("command -v xliff2po >/dev/null 2>&1") == 0;
  if (have_tt) x2po = run({"xliff2po", "--progress=none", filled, dir + "/ar.po"});

  auto report = boost::json::parse(file_text(dir + "/report.json"));
  std::printf("records %zu (fields with placeholders or markup: %.0f%%), units exported %zu, filled file %.1f MB\n",
              records, 100.0 * double(with_codes) / double(records), units, double(file_bytes) / 1e6);
  std::printf("import outcome: %s\n", boost::json::serialize(report.at("counts")).c_str());
  std::printf("%-36s %9.3f s\n", "load content (100k fields)", load);
  std::printf("%-36s %9.3f s   peak %6.1f MB\n", "export ar XLIFF 1.2", e12.seconds, double(e12.peak_kib) / 1024);
  std::printf("%-36s %9.3f s   peak %6.1f MB\n", "export ar XLIFF 2.0", e20.seconds, double(e20.peak_kib) / 1024);
  std::printf("%-36s %9.3f s\n", "baseline pugixml parse + save 1.2", pugi_save);
  std::printf("%-36s %9.3f s\n", "baseline pugixml parse + save 2.0", pugi_save_20);
  std::printf("%-36s %9.3f s   peak %6.1f MB\n", "import filled XLIFF 1.2", imp.seconds, double(imp.peak_kib) / 1024);
  std::printf("%-36s %9.3f s\n", "baseline pugixml parse + walk", pugi_walk);
  std::printf("%-36s %9.3f s\n", "baseline SQLite bulk insert", sqlite_insert);
  std::printf("%-36s %9.3f s\n", "  the same, Glossa's rows and schema", glossa_rows);
  if (have_tt) std::printf("%-36s %9.3f s\n", "Translate Toolkit xliff2po", x2po.seconds);
  std::printf("%-36s %9.3f s   peak %6.1f MB\n", "export ar 1.2 --scope all", all.seconds, double(all.peak_kib) / 1024);
  std::printf("%-36s %9.3f s   peak %6.1f MB\n", "export ar 1.2 --scope all --tm", all_tm.seconds,
              double(all_tm.peak_kib) / 1024);
  std::printf("%-36s %9.3f s   peak %6.1f MB   (%zu terms written)\n", "export ar 1.2 --scope all, 1,000 terms",
              all_terms.seconds, double(all_terms.peak_kib) / 1024, termed);
  std::printf("\nratios (target)\n");
  std::printf("  export 1.2 / (pugixml parse + save)          %6.2f   (<= 1.5)\n", e12.seconds / pugi_save);
  std::printf("  export 2.0 / (pugixml parse + save)          %6.2f   (<= 1.5)\n", e20.seconds / pugi_save_20);
  std::printf("  import / (pugixml walk + SQLite insert)      %6.2f   (<= 1.5)\n",
              imp.seconds / (pugi_walk + sqlite_insert));
  std::printf("    (information) with Glossa's rows and schema  %6.2f\n", imp.seconds / (pugi_walk + glossa_rows));
  std::printf("  import peak memory / file size               %6.2f   (<= 4)\n",
              double(imp.peak_kib) * 1024 / double(file_bytes));
  std::printf("  export --tm / export (index built included)  %6.2f   (<= 3)\n", all_tm.seconds / all.seconds);
  std::printf("  export with 1,000 terms / export without     %6.2f   (information)\n",
              all_terms.seconds / all.seconds);
  if (have_tt)
    std::printf("  xliff2po / import                            %6.2f   (>= 10)\n", x2po.seconds / imp.seconds);
  return 0;
}
