// SQLite store. Every write is one IMMEDIATE transaction; SQLite's failures
// travel internally as sqlite_failure and become errors in guarded().
#include "store/sqlite/sqlite_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <map>
#include <numeric>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/json_output.hpp"
#include "core/thread_name.hpp"
#include "store/restored_schema.hpp"
#include "store/shared_rows.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_util.hpp"

namespace glossa::sqlite_store {

namespace {
std::atomic<std::size_t> background_checkpoints_started{0};
}  // namespace

std::size_t background_checkpoints() noexcept { return background_checkpoints_started.load(); }

namespace {

// A failure that rolls the transaction back: the engine's, or one found
// opening the store.
struct write_refused {
  error err;
};

// A document from five columns from `col`: key, type, source_locale,
// created_at, updated_at (its fields are added after).
document document_at(const statement& s, int col) {
  return document{s.text(col + 1), s.text(col), s.text(col + 2), {}, s.text(col + 3), s.text(col + 4)};
}

// A translation from seven columns from `col`: locale, text, state,
// source_revision, author, origin, updated_at.
translation translation_at(const statement& s, int col) {
  return translation{s.text(col),     s.text(col + 1), static_cast<translation_state>(s.integer(col + 2)),
                     s.text(col + 3), s.text(col + 4), s.text(col + 5),
                     s.text(col + 6)};
}

class sqlite_backend final : public store {
 public:
  sqlite_backend(std::string uri, std::string target, sqlite3* db)
      : uri_(std::move(uri)), target_(std::move(target)), db_(db) {}
  ~sqlite_backend() override {
    if (checkpointer_.joinable()) checkpointer_.join();  // before the close, which then finds little left
    stmts_.clear();
    for (auto* cache : {&history_inserts_, &translation_inserts_})
      for (auto& s : *cache) s.reset();
    sqlite3_close_v2(db_);
    if (wal_index_fd_ >= 0) ::close(wal_index_fd_);
  }

  const std::string& uri() const noexcept override { return uri_; }

  status init(const store_options& options) {
    busy_timeout_ms_ = options.busy_timeout_ms;
    status opened = guarded_status("cannot open the store", [&] {
      exec(db_, ("PRAGMA busy_timeout = " + std::to_string(options.busy_timeout_ms)).c_str());
      exec(db_, "PRAGMA foreign_keys = ON");
      // An existing file that is neither empty nor ours is refused, not
      // migrated, and first of all not touched: asked before anything is
      // written (WAL mode rewrites the file's header).
      statement probe(db_,
                      "SELECT count(*) FROM sqlite_schema WHERE name NOT IN "
                      "('meta','documents','fields','translations','history','batches','tm_entries','term_entries') "
                      "AND name NOT LIKE 'sqlite_%' "
                      "AND type = 'table'");
      probe.step();
      if (probe.integer(0) > 0)
        throw write_refused{error(errc::store_error, "'" + uri_ + "' is an SQLite database but not a Glossa store")};
      probe.reset();
      if (!options.read_only) {
        exec(db_, "PRAGMA journal_mode = WAL");
        exec(db_, "PRAGMA synchronous = NORMAL");
        // SQLite checkpoints the WAL (copies its pages into the database file)
        // in the connection that commits, once the WAL holds 1,000 pages: after
        // a large write the committing call waits for it (0.12 s after an
        // import of 100,000 units). This hook, which replaces that one, does
        // it on a thread of its own through a connection of its own, while
        // the caller goes on (an import prints its report meanwhile).
        if (target_ != ":memory:") sqlite3_wal_hook(db_, &checkpoint_when_large, this);
      }
    });
    return opened ? finish_init(options) : opened;
  }

  // The WAL hook: called after each commit with the pages the WAL holds.
  static int checkpoint_when_large(void* self, sqlite3*, const char*, int pages) {
    auto* me = static_cast<sqlite_backend*>(self);
    if (pages < 1000 || me->checkpointing_.load()) return SQLITE_OK;  // one at a time; a later commit calls again
    if (me->checkpointer_.joinable()) me->checkpointer_.join();       // the last one, finished
    // The last one failed (or no thread could be started): checkpoint here,
    // as SQLite would have, so that the WAL cannot grow without bound.
    auto here = [me] { sqlite3_wal_checkpoint_v2(me->db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr); };
    if (me->checkpoint_failed_.exchange(false)) {
      here();
      return SQLITE_OK;
    }
    me->checkpointing_ = true;
    try {
      me->checkpointer_ = std::thread([me, path = me->target_] {
        detail::name_this_thread("glossa-ckpt");
        sqlite3* db = nullptr;
        // PASSIVE: copies what it can without waiting for, or blocking,
        // readers and writers; what it leaves stays in the WAL, where the
        // next checkpoint (or the last close) finds it. A new connection
        // only knows the file is in WAL mode once it has read it.
        bool done =
            sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK &&
            sqlite3_exec(db, "SELECT 1 FROM sqlite_schema LIMIT 1", nullptr, nullptr, nullptr) == SQLITE_OK &&
            sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) == SQLITE_OK;
        sqlite3_close_v2(db);  // not the last connection (the store's own waits for this thread): no checkpoint here
        if (!done) me->checkpoint_failed_ = true;
        me->checkpointing_ = false;
      });
      ++background_checkpoints_started;
    } catch (...) {  // no thread
      me->checkpointing_ = false;
      here();
    }
    return SQLITE_OK;
  }

  std::unique_ptr<store> reader() override {
    if (target_ == ":memory:") return nullptr;
    store_options o;
    o.read_only = true;
    o.create_if_missing = false;
    o.busy_timeout_ms = busy_timeout_ms_;
    auto r = open(uri_, target_, o);
    return r ? std::move(*r) : nullptr;
  }

  result<content_schema> schema() override {
    if (schema_) return *schema_;
    return error(errc::store_error, "the store has no content schema");
  }

  result<document> find_document(std::string_view key) override {
    return guarded<document>("cannot read document", [&]() -> result<document> {
      auto d = load_document(key);
      if (!d) return error(errc::not_found, "no document with key '" + std::string(key) + "'");
      return std::move(*d);
    });
  }

  result<std::vector<document_summary>> list_documents(std::string_view type) override {
    return guarded<std::vector<document_summary>>(
        "cannot list documents", [&]() -> result<std::vector<document_summary>> {
          statement& s =
              type.empty()
                  ? stmt("SELECT key, type, source_locale, updated_at FROM documents ORDER BY key")
                  : stmt("SELECT key, type, source_locale, updated_at FROM documents WHERE type = ?1 ORDER BY key");
          if (!type.empty()) s.bind(1, type);
          std::vector<document_summary> out;
          while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
          s.reset();
          return out;
        });
  }

  status for_each_document(std::string_view type, const std::function<bool(document&)>& visit) override {
    return for_each_document_in(type, "", visit);
  }

  status for_each_document_in(std::string_view type, std::string_view locale,
                              const std::function<bool(document&)>& visit) override {
    return in_snapshot("cannot read documents", [&] {
      // Two queries stepped side by side, both in key order: documents with
      // their fields, and the translations of those fields. Three queries per
      // document (load_document) cost a sort and a seek each; a whole-store
      // export reads tens of thousands of documents. CROSS JOIN keeps SQLite's
      // join order (documents by key first): left free, it scans the
      // translations and sorts them all in a temporary B-tree.
      statement& f =
          stmt(type.empty()
                   ? "SELECT d.key, d.type, d.source_locale, d.created_at, d.updated_at, f.id, f.name, f.value, "
                     "f.revision, f.position FROM documents d LEFT JOIN fields f ON f.document_id = d.id ORDER BY d.key"
                   : "SELECT d.key, d.type, d.source_locale, d.created_at, d.updated_at, f.id, f.name, f.value, "
                     "f.revision, f.position FROM documents d LEFT JOIN fields f ON f.document_id = d.id "
                     "WHERE d.type = ?1 ORDER BY d.key");
      statement& t =
          stmt(type.empty()
                   ? "SELECT d.key, t.field_id, t.locale, t.text, t.state, t.source_revision, t.author, t.origin, "
                     "t.updated_at FROM documents d CROSS JOIN fields f ON f.document_id = d.id "
                     "CROSS JOIN translations t ON t.field_id = f.id WHERE (?2 = '' OR t.locale = ?2) ORDER BY d.key"
                   : "SELECT d.key, t.field_id, t.locale, t.text, t.state, t.source_revision, t.author, t.origin, "
                     "t.updated_at FROM documents d CROSS JOIN fields f ON f.document_id = d.id "
                     "CROSS JOIN translations t ON t.field_id = f.id WHERE d.type = ?1 AND (?2 = '' OR t.locale = ?2) "
                     "ORDER BY d.key");
      if (!type.empty()) {
        f.bind(1, type);
        t.bind(1, type);
      }
      t.bind(2, locale);
      reset_on_exit f_done(f), t_done(t);
      bool f_row = f.step(), t_row = t.step();
      while (f_row) {
        document doc = document_at(f, 0);
        std::vector<std::int64_t> position;         // schema position per field
        std::map<std::int64_t, std::size_t> index;  // field id -> position in doc.fields
        while (f_row && f.text_view(0) == doc.key) {
          if (!f.is_null(5)) {
            index[f.integer(5)] = doc.fields.size();
            position.push_back(f.integer(9));
            doc.fields.push_back({f.text(6), f.text(7), f.text(8), {}});
          }
          f_row = f.step();
        }
        while (t_row && t.text_view(0) < doc.key) t_row = t.step();  // cannot happen: same order, same filter
        while (t_row && t.text_view(0) == doc.key) {
          if (auto it = index.find(t.integer(1)); it != index.end())
            doc.fields[it->second].translations.push_back(translation_at(t, 2));
          t_row = t.step();
        }
        detail::put_in_stored_order(doc, position);
        if (!visit(doc)) break;
      }
    });
  }

  status for_each_field_status(std::string_view type, const std::function<bool(const field_status&)>& visit) override {
    // Whole-store scans read through memory-mapped pages instead of a read()
    // per page: far less time in the kernel. Only scans turn it on, so imports
    // and exports do not count the mapped store in their resident memory.
    if (!mapped_) {
      exec(db_, "PRAGMA mmap_size = 1073741824");
      mapped_ = true;
    }
    return in_snapshot("cannot read documents", [&] {
      // Two passes, each a plain scan (a join would make SQLite build a
      // temporary index over the translations on every call): first every
      // translation's (field, locale, state, current), then the fields in
      // document order, matched by field id.
      struct entry {
        std::int64_t field_id;
        field_status::translation_status t;
        std::size_t revision;
      };
      std::vector<entry> states;
      std::vector<std::string> revisions;  // source_revision of each entry, compared with the field's below
      statement& ts = stmt("SELECT field_id, locale, state, source_revision FROM translations");
      while (ts.step()) {
        states.push_back(
            {ts.integer(0), {ts.text(1), static_cast<translation_state>(ts.integer(2)), true}, revisions.size()});
        revisions.push_back(ts.text(3));
      }
      ts.reset();
      std::sort(states.begin(), states.end(), [](const entry& a, const entry& b) {
        return a.field_id != b.field_id ? a.field_id < b.field_id : a.t.locale < b.t.locale;
      });
      statement& fs = stmt(
          "SELECT d.key, d.type, d.source_locale, f.id, f.name, f.value, f.revision, f.words FROM documents d "
          "JOIN fields f ON f.document_id = d.id WHERE ?1 = '' OR d.type = ?1 ORDER BY d.key, f.position");
      fs.bind(1, type);
      field_status row;
      while (fs.step()) {
        row.document_key = fs.text(0);
        row.type = fs.text(1);
        row.source_locale = fs.text(2);
        std::int64_t id = fs.integer(3);
        row.field = fs.text(4);
        row.value = fs.text(5);
        row.revision = fs.text(6);
        row.words = fs.is_null(7) ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(fs.integer(7)));
        row.translations.clear();
        auto it = std::lower_bound(states.begin(), states.end(), id,
                                   [](const entry& e, std::int64_t v) { return e.field_id < v; });
        for (; it != states.end() && it->field_id == id; ++it) {
          it->t.current = revisions[it->revision] == row.revision;
          row.translations.push_back(std::move(it->t));
        }
        if (!visit(row)) break;
      }
      fs.reset();
    });
  }

  status for_each_tm_entry(std::string_view target_locale,
                           const std::function<bool(const tm_entry_row&)>& visit) override {
    return in_snapshot("cannot read the translation memory", [&] {
      statement s(db_,
                  "SELECT id, batch_id, source_locale, target_locale, source, target, author, changed_at, pair_key "
                  "FROM tm_entries WHERE ?1 = '' OR target_locale = ?1 ORDER BY id");
      s.bind(1, target_locale);
      tm_entry_row e;
      while (s.step()) {
        e = {s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8)};
        if (!visit(e)) break;
      }
    });
  }

  status for_each_term_entry(std::string_view source_locale, std::string_view target_locale,
                             const std::function<bool(const term_entry_row&)>& visit) override {
    return in_snapshot("cannot read the termbase", [&] {
      statement s(db_,
                  "SELECT id, batch_id, source_locale, target_locale, body, author, changed_at, entry_key "
                  "FROM term_entries WHERE (?1 = '' OR source_locale = ?1) AND (?2 = '' OR target_locale = ?2) "
                  "ORDER BY id");
      s.bind(1, source_locale).bind(2, target_locale);
      term_entry_row e;
      while (s.step()) {
        e = {s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7)};
        if (!visit(e)) break;
      }
    });
  }

  status for_each_key(const std::vector<std::string>& keys,
                      const std::function<bool(const std::string&, const document*)>& visit) override {
    // A few keys: one document at a time. Many: a thousand at a time, three
    // queries per thousand (the keys go in as a JSON array) instead of three
    // per document; rows are matched to their key by its place in the array,
    // then put in load_document's order (fields by position and name,
    // translations by locale) here: an ORDER BY sorts whole rows, texts and
    // all, and cost more than the batching saved.
    constexpr std::size_t chunk = 1000;
    return in_snapshot("cannot read documents", [&] {
      if (keys.size() < 64) {
        for (const auto& key : keys) {
          auto d = load_document(key);
          if (!visit(key, d ? &*d : nullptr)) return;
        }
        return;
      }
      statement& ds = stmt(
          "SELECT j.key, d.id, d.key, d.type, d.source_locale, d.created_at, d.updated_at FROM json_each(?1) j "
          "JOIN documents d ON d.key = j.value");
      statement& fs = stmt(
          "SELECT j.key, f.id, f.name, f.value, f.revision, f.position FROM json_each(?1) j "
          "JOIN documents d ON d.key = j.value JOIN fields f ON f.document_id = d.id");
      statement& ts = stmt(
          "SELECT j.key, t.field_id, t.locale, t.text, t.state, t.source_revision, t.author, t.origin, t.updated_at "
          "FROM json_each(?1) j JOIN documents d ON d.key = j.value JOIN fields f ON f.document_id = d.id "
          "JOIN translations t ON t.field_id = f.id");
      for (std::size_t start = 0; start < keys.size(); start += chunk) {
        std::size_t n = std::min(chunk, keys.size() - start);
        std::string array = "[";
        for (std::size_t i = 0; i < n; ++i) {
          if (i) array += ',';
          detail::append_json_string(array, keys[start + i]);
        }
        array += ']';
        std::vector<std::optional<document>> docs(n);
        std::vector<std::map<std::int64_t, std::size_t>> field_index(n);
        std::vector<std::vector<std::int64_t>> positions(n);  // per document, beside its fields
        ds.bind(1, array);
        {
          reset_on_exit done(ds);
          while (ds.step()) {
            auto i = static_cast<std::size_t>(ds.integer(0));
            docs[i] = document_at(ds, 2);
          }
        }
        fs.bind(1, array);
        {
          reset_on_exit done(fs);
          while (fs.step()) {
            auto i = static_cast<std::size_t>(fs.integer(0));
            field_index[i][fs.integer(1)] = docs[i]->fields.size();
            positions[i].push_back(fs.integer(5));
            docs[i]->fields.push_back({fs.text(2), fs.text(3), fs.text(4), {}});
          }
        }
        ts.bind(1, array);
        {
          reset_on_exit done(ts);
          while (ts.step()) {
            auto i = static_cast<std::size_t>(ts.integer(0));
            auto& fld = docs[i]->fields[field_index[i][ts.integer(1)]];
            fld.translations.push_back(translation_at(ts, 2));
          }
        }
        for (std::size_t i = 0; i < n; ++i) {
          if (docs[i]) detail::put_in_stored_order(*docs[i], positions[i]);
          if (!visit(keys[start + i], docs[i] ? &*docs[i] : nullptr)) return;
          docs[i].reset();
        }
      }
    });
  }

  status transact(bool commit, const std::function<status(store_transaction&)>& work) override {
    if (read_only_) return error(errc::store_error, "the store is open read-only");
    return guarded_status("cannot write to the store", [&] {
      // A large write (an import of 100,000 units) touches more pages than
      // the default 2 MB cache holds, which then spills them to the WAL
      // mid-transaction, some more than once. 16 MB while writing; the
      // connection's own size again after (readers keep the small cache).
      std::int64_t cache_size = -2000;
      {
        statement& q = stmt("PRAGMA cache_size");
        if (q.step()) cache_size = q.integer(0);
        q.reset();
      }
      if (cache_size < 0 && cache_size > -16384) exec(db_, "PRAGMA cache_size = -16384");
      struct restore_cache {
        sqlite3* db;
        std::string pragma;
        ~restore_cache() { sqlite3_exec(db, pragma.c_str(), nullptr, nullptr, nullptr); }
      } restore{db_, "PRAGMA cache_size = " + std::to_string(cache_size)};
      exec(db_, "BEGIN IMMEDIATE");
      try {
        transaction tx(*this, detail::utc_now());
        status done = work(tx);
        if (!done) throw write_refused{done.err()};
        flush_pending();
        batch_ = 0;
        exec(db_, commit ? "COMMIT" : "ROLLBACK");
        if (commit && restored_schema_) schema_ = std::move(*restored_schema_);
        restored_schema_.reset();
      } catch (...) {
        restored_schema_.reset();
        batch_ = 0;
        drop_pending();
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    });
  }

  result<std::int64_t> version() override {
    // Asked before every cached answer of the server: in WAL mode, read from
    // the WAL index's header (the -shm file), which every commit of every
    // connection updates before it returns (one pread, no statement, no file
    // lock); otherwise data_version, which moves when another connection
    // commits. total_changes moves when this one writes.
    auto own = static_cast<std::int64_t>(sqlite3_total_changes64(db_));
    if (auto hdr = wal_index_header()) return hdr->version() ^ own;
    return guarded<std::int64_t>("cannot read the store version", [&]() -> result<std::int64_t> {
      statement& s = stmt("PRAGMA data_version");
      s.step();
      std::int64_t v = s.integer(0);
      s.reset();
      return (v << 32) ^ own;
    });
  }

  // The first copy of the WAL index header: iChange (counts transactions),
  // isInit, mxFrame (the last frame), the salt (changes when the WAL restarts).
  struct wal_header {
    std::uint32_t words[12];
    std::int64_t version() const {
      std::uint64_t change = words[2], frame = words[4], salt = words[8];
      return static_cast<std::int64_t>(((change << 32) | frame) ^ (salt * 0x9E3779B97F4A7C15ull));
    }
  };

  // Read by pread, not a mapping: another process may truncate or remove the
  // file, which would fault a mapping. A file that was removed (no links) is
  // dropped and opened again; nullopt when the store is not in WAL mode or
  // the header is not there yet (version() then asks SQLite).
  std::optional<wal_header> wal_index_header() {
    if (wal_index_fd_ < 0 && !open_wal_index()) return std::nullopt;
    wal_header h;
    struct stat st;
    if (::pread(wal_index_fd_, h.words, sizeof h.words, 0) != static_cast<ssize_t>(sizeof h.words) ||
        (h.words[3] & 0xFF) == 0 || ::fstat(wal_index_fd_, &st) != 0 || st.st_nlink == 0) {
      ::close(wal_index_fd_);
      wal_index_fd_ = -1;
      return std::nullopt;
    }
    return h;
  }

  bool open_wal_index() {
    if (!wal_mode_checked_) {
      if (target_ == ":memory:") return false;
      try {
        statement m(db_, "PRAGMA journal_mode");
        wal_mode_ = m.step() && m.text(0) == "wal";
      } catch (const sqlite_failure&) {
        return false;  // asked again next time
      }
      wal_mode_checked_ = true;
    }
    if (!wal_mode_) return false;
    // SQLite's name for the file, symbolic links resolved, as it names the -shm.
    const char* main = sqlite3_db_filename(db_, "main");
    if (!main || !*main) return false;
    wal_index_fd_ = ::open((std::string(main) + "-shm").c_str(), O_RDONLY | O_CLOEXEC);
    return wal_index_fd_ >= 0;  // not made yet: tried again next time
  }

  bool version_is_shared() override { return wal_index_fd_ >= 0 || open_wal_index(); }

  result<std::vector<std::string>> uncarried_tables() override {
    return guarded<std::vector<std::string>>("cannot list the store's tables", [&] {
      statement s(db_,
                  "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
      std::vector<std::string> out;
      const auto& carried = carried_tables();
      while (s.step())
        if (std::find(carried.begin(), carried.end(), s.text(0)) == carried.end()) out.push_back(s.text(0));
      return out;
    });
  }

  status dump(const std::function<void(const table_chunk&)>& out, std::size_t chunk_rows) override {
    return in_snapshot("cannot read the store", [&] {
      for (const auto& table : carried_tables()) {
        table_chunk chunk{table, columns_of(table), {}};
        std::string sql = "SELECT ";
        for (std::size_t i = 0; i < chunk.columns.size(); ++i) sql += (i ? ", \"" : "\"") + chunk.columns[i] + "\"";
        statement s(db_, sql + " FROM \"" + table + "\" ORDER BY rowid");
        while (s.step()) {
          auto& row = chunk.rows.emplace_back();
          for (int c = 0; c < static_cast<int>(chunk.columns.size()); ++c) row.push_back(s.optional_text(c));
          if (chunk.rows.size() >= chunk_rows) {
            out(chunk);
            chunk.rows.clear();
          }
        }
        if (!chunk.rows.empty()) out(chunk);
      }
    });
  }

  result<std::vector<history_entry>> history(std::string_view key, std::string_view field) override {
    return guarded<std::vector<history_entry>>("cannot read history", [&]() -> result<std::vector<history_entry>> {
      statement& s = stmt("SELECT id, at, document_key, field, locale, action, old_text, " GLOSSA_HISTORY_NEW_TEXT
                          ", old_state, new_state, "
                          "old_revision, new_revision, author, origin, batch_id FROM history h "
                          "WHERE document_key = ?1 AND (?2 = '' OR field = ?2) ORDER BY id");
      s.bind(1, key).bind(2, field);
      std::vector<history_entry> out;
      while (s.step()) {
        history_entry h;
        h.id = s.integer(0);
        h.at = s.text(1);
        h.document_key = s.text(2);
        h.field = s.text(3);
        h.locale = s.text(4);
        h.action = s.text(5);
        h.old_text = s.optional_text(6);
        h.new_text = s.text(7);
        if (!s.is_null(8)) h.old_state = static_cast<translation_state>(s.integer(8));
        if (!s.is_null(9)) h.new_state = static_cast<translation_state>(s.integer(9));
        h.old_revision = s.optional_text(10);
        h.new_revision = s.text(11);
        h.author = s.text(12);
        h.origin = s.text(13);
        h.batch = s.is_null(14) ? 0 : s.integer(14);
        out.push_back(std::move(h));
      }
      s.reset();
      if (out.empty() && !load_document(key))
        return error(errc::not_found, "no document with key '" + std::string(key) + "'");
      return out;
    });
  }

 private:
  std::vector<std::string> columns_of(const std::string& table) {
    statement s(db_, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    s.bind(1, table);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
  }

  status finish_init(const store_options& options) {
    if (auto m = migrate(db_, options.read_only); !m) return m;
    read_only_ = options.read_only;
    return guarded_status("cannot read the content schema", [&] {
      statement& s = stmt("SELECT value FROM meta WHERE key = 'content_schema'");
      std::optional<std::string> json;
      if (s.step()) json = s.text(0);
      s.reset();
      if (!json) {
        const content_schema& initial = options.initial_schema ? *options.initial_schema : content_schema::builtin();
        if (!options.read_only) {
          statement& ins = stmt("INSERT OR IGNORE INTO meta(key, value) VALUES ('content_schema', ?1)");
          ins.bind(1, initial.to_json()).run();
        }
        schema_ = initial;
        return;
      }
      auto parsed = content_schema::parse(*json, "store:content_schema");
      if (!parsed)
        throw write_refused{error(errc::store_error, "the stored content schema is invalid: " + parsed.err().message)};
      schema_ = std::move(*parsed);
    });
  }

  // Prepared statements, cached by the address of their SQL literal: every
  // caller passes a string literal, so the address identifies the statement
  // without hashing or copying the text on each row.
  // Runs `f` inside one read transaction: a consistent snapshot (a walk never
  // sees half of a write made meanwhile) and one lock instead of one per statement.
  template <class F>
  status in_snapshot(std::string_view what, F&& f) {
    return guarded_status(what, [&] {
      exec(db_, "BEGIN");
      try {
        f();
        exec(db_, "COMMIT");
      } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    });
  }

  statement& stmt(const char* sql) {
    auto it = stmts_.find(sql);
    if (it == stmts_.end()) it = stmts_.emplace(sql, statement(db_, sql)).first;
    return it->second;
  }

  template <class T, class F>
  result<T> guarded(std::string_view what, F&& f) {
    try {
      return f();
    } catch (const write_refused& r) {
      return r.err;
    } catch (const sqlite_failure& e) {
      return sqlite_error(e.rc, what, e.message);
    }
  }

  template <class F>
  status guarded_status(std::string_view what, F&& f) {
    auto r = guarded<bool>(what, [&]() -> result<bool> {
      f();
      return true;
    });
    return r ? status{} : status{r.err()};
  }

  std::optional<document> load_document(std::string_view key) {
    statement& d = stmt("SELECT id, key, type, source_locale, created_at, updated_at FROM documents WHERE key = ?1");
    d.bind(1, key);
    if (!d.step()) {
      d.reset();
      return std::nullopt;
    }
    std::int64_t id = d.integer(0);
    document doc = document_at(d, 1);
    d.reset();
    statement& f = stmt("SELECT id, name, value, revision FROM fields WHERE document_id = ?1 ORDER BY position, name");
    f.bind(1, id);
    std::map<std::int64_t, std::size_t> index;
    while (f.step()) {
      index[f.integer(0)] = doc.fields.size();
      doc.fields.push_back({f.text(1), f.text(2), f.text(3), {}});
    }
    f.reset();
    statement& t = stmt(
        "SELECT t.field_id, t.locale, t.text, t.state, t.source_revision, t.author, t.origin, t.updated_at "
        "FROM translations t JOIN fields f ON f.id = t.field_id WHERE f.document_id = ?1 ORDER BY t.locale");
    t.bind(1, id);
    while (t.step()) {
      auto& fld = doc.fields[index[t.integer(0)]];
      fld.translations.push_back(translation_at(t, 1));
    }
    t.reset();
    return doc;
  }

  std::int64_t new_batch(std::string_view kind, std::string_view file, std::string_view author,
                         const std::string& now) {
    // History ids only grow (no row is ever deleted), and the write lock is
    // held until the batch ends: its rows are the ids from here to the end.
    stmt(
        "INSERT INTO batches(kind, file, author, created_at, first_history) "
        "VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(id), 0) + 1 FROM history))")
        .bind(1, kind)
        .bind(2, file)
        .bind(3, author)
        .bind(4, now)
        .run();
    return sqlite3_last_insert_rowid(db_);
  }

  // History rows and new translations wait here and go to SQLite a
  // document at a time, several rows per INSERT: one statement run per row
  // costs more than the row itself. The texts they point to (`now`, the
  // input's texts) outlive the flush, which ends every apply() and undo.
  struct history_row {
    const std::string* at;
    std::string key, field, locale;
    std::optional<std::string> old_text;
    std::optional<std::string> new_text;  // nullopt: a translation's creation (schema 4)
    std::optional<std::int64_t> old_state, new_state;
    std::optional<std::string> old_rev;
    std::string new_rev, author, origin, action;
  };
  struct pending_translation {
    std::int64_t field_id;
    std::string locale, text;
    std::int64_t state;
    std::string source_revision, author, origin;
    const std::string* at;
  };
  static constexpr int rows_per_insert = 16;
  static constexpr std::size_t max_pending = 16 * rows_per_insert;  // rows held at most, per table

  // `head` followed by `n` (1..rows_per_insert) times `values`: one INSERT of n rows.
  statement& multi_insert(std::array<std::optional<statement>, rows_per_insert + 1>& cache, std::size_t n,
                          const char* head, const char* values) {
    auto& s = cache[n];
    if (!s) {
      std::string sql = head;
      for (std::size_t i = 0; i < n; ++i) sql += (i ? "," : " VALUES ") + std::string(values);
      s.emplace(db_, sql);
    }
    return *s;
  }

  void flush_pending() {
    flush_translations();
    flush_history();
  }

  // Before a read or change of translations: the inserts still waiting.
  void flush_translations() {
    for (std::size_t start = 0; start < pending_translations_.size(); start += rows_per_insert) {
      std::size_t n = std::min<std::size_t>(rows_per_insert, pending_translations_.size() - start);
      statement& ins = multi_insert(
          translation_inserts_, n,
          "INSERT INTO translations(field_id, locale, text, state, source_revision, author, origin, updated_at)",
          "(?,?,?,?,?,?,?,?)");
      for (std::size_t i = 0; i < n; ++i) {
        const auto& r = pending_translations_[start + i];
        int b = static_cast<int>(i) * 8;
        ins.bind(b + 1, r.field_id).bind_static(b + 2, r.locale).bind_static(b + 3, r.text).bind(b + 4, r.state);
        ins.bind_static(b + 5, r.source_revision).bind_static(b + 6, r.author).bind_static(b + 7, r.origin);
        ins.bind_static(b + 8, *r.at);
      }
      ins.run();
    }
    pending_translations_.clear();
  }

  // History rows take the batch open when they go in: flushed before a batch begins or ends.
  void flush_history() {
    for (std::size_t start = 0; start < pending_history_.size(); start += rows_per_insert) {
      std::size_t n = std::min<std::size_t>(rows_per_insert, pending_history_.size() - start);
      statement& h =
          multi_insert(history_inserts_, n,
                       "INSERT INTO history(at, document_key, field, locale, action, old_text, new_text, old_state, "
                       "new_state, old_revision, new_revision, author, origin, batch_id)",
                       "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      for (std::size_t i = 0; i < n; ++i) {
        const auto& r = pending_history_[start + i];
        int b = static_cast<int>(i) * 14;
        h.bind_static(b + 1, *r.at).bind_static(b + 2, r.key).bind_static(b + 3, r.field).bind_static(b + 4, r.locale);
        h.bind_static(b + 5, r.action);
        r.old_text ? h.bind_static(b + 6, *r.old_text) : h.bind_null(b + 6);
        r.new_text ? h.bind_static(b + 7, *r.new_text) : h.bind_null(b + 7);
        r.old_state ? h.bind(b + 8, *r.old_state) : h.bind_null(b + 8);
        r.new_state ? h.bind(b + 9, *r.new_state) : h.bind_null(b + 9);
        r.old_rev ? h.bind_static(b + 10, *r.old_rev) : h.bind_null(b + 10);
        h.bind_static(b + 11, r.new_rev).bind_static(b + 12, r.author).bind_static(b + 13, r.origin);
        batch_ ? h.bind(b + 14, batch_) : h.bind_null(b + 14);
      }
      h.run();
    }
    pending_history_.clear();
  }

  void drop_pending() noexcept {
    pending_history_.clear();
    pending_translations_.clear();
  }

  // The rows of one write transaction, read and written as the engine says.
  // Inserted translations and history rows wait in pending_* (at most
  // max_pending each) and go to SQLite several rows per INSERT: translations
  // before the next read or change of translations, history before a batch
  // begins or ends, both at the end.
  class transaction final : public store_transaction {
   public:
    transaction(sqlite_backend& s, std::string now) : s_(s), now_(std::move(now)) {}

    std::optional<document_row> find_document_row(std::string_view key) override {
      statement& q = s_.stmt("SELECT id, type, source_locale FROM documents WHERE key = ?1");
      q.bind(1, key);
      reset_on_exit done(q);
      if (!q.step()) return std::nullopt;
      return document_row{q.integer(0), q.text(1), q.text(2)};
    }

    std::optional<field_row> find_field(std::int64_t document, std::string_view name) override {
      statement& q = s_.stmt("SELECT id, value, revision FROM fields WHERE document_id = ?1 AND name = ?2");
      q.bind(1, document).bind(2, name);
      reset_on_exit done(q);
      if (!q.step()) return std::nullopt;
      return field_row{q.integer(0), std::string(name), q.text(1), q.text(2)};
    }

    std::vector<std::pair<field_row, std::optional<translation_row>>> fields_with_translation(
        std::int64_t document, std::string_view locale) override {
      s_.flush_translations();
      statement& q = s_.stmt(
          "SELECT f.name, f.id, f.value, f.revision, t.id, t.text, t.state, t.source_revision FROM fields f "
          "LEFT JOIN translations t ON t.field_id = f.id AND t.locale = ?2 WHERE f.document_id = ?1");
      q.bind(1, document).bind(2, locale);
      reset_on_exit done(q);
      std::vector<std::pair<field_row, std::optional<translation_row>>> out;
      while (q.step()) {
        field_row f{q.integer(1), q.text(0), q.text(2), q.text(3)};
        std::optional<translation_row> t;
        if (!q.is_null(4))
          t = translation_row{f.id, q.text(5), static_cast<translation_state>(q.integer(6)), q.text(7)};
        out.emplace_back(std::move(f), std::move(t));
      }
      return out;
    }

    std::optional<translation_row> find_translation(std::string_view key, std::string_view field,
                                                    std::string_view locale) override {
      s_.flush_translations();
      statement& q = s_.stmt(
          "SELECT t.field_id, t.text, t.state, t.source_revision FROM translations t JOIN fields f ON f.id = "
          "t.field_id JOIN documents d ON d.id = f.document_id WHERE d.key = ?1 AND f.name = ?2 AND t.locale = ?3");
      q.bind(1, key).bind(2, field).bind(3, locale);
      reset_on_exit done(q);
      if (!q.step()) return std::nullopt;
      return translation_row{q.integer(0), q.text(1), static_cast<translation_state>(q.integer(2)), q.text(3)};
    }

    std::optional<batch_row> find_batch(std::int64_t batch) override {
      statement& q = s_.stmt("SELECT kind, undone_by FROM batches WHERE id = ?1");
      q.bind(1, batch);
      reset_on_exit done(q);
      if (!q.step()) return std::nullopt;
      return batch_row{batch, q.text(0), q.is_null(1) ? std::nullopt : std::optional<std::int64_t>(q.integer(1))};
    }

    std::vector<change_row> batch_changes(std::int64_t batch) override {
      s_.flush_pending();
      statement& q = s_.stmt(
          "SELECT document_key, field, locale, action, old_text, " GLOSSA_HISTORY_NEW_TEXT
          ", old_state, new_state, old_revision, new_revision, author, origin "
          // A batch without a range (written by an older Glossa still running
          // after the upgrade) is looked for in the whole history.
          "FROM history h WHERE id BETWEEN coalesce((SELECT first_history FROM batches WHERE id = ?1), 0) "
          "AND coalesce((SELECT last_history FROM batches WHERE id = ?1), 9223372036854775807) AND batch_id = ?1 "
          "ORDER BY id DESC");
      q.bind(1, batch);
      reset_on_exit done(q);
      auto state = [&](int col) {
        return q.is_null(col) ? std::nullopt
                              : std::optional<translation_state>(static_cast<translation_state>(q.integer(col)));
      };
      std::vector<change_row> out;
      while (q.step())
        out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.optional_text(4), q.text(5), state(6), state(7),
                       q.optional_text(8), q.text(9), q.text(10), q.text(11)});
      return out;
    }

    std::int64_t insert_document(std::string_view key, std::string_view type, std::string_view source_locale) override {
      s_.stmt("INSERT INTO documents(key, type, source_locale, created_at, updated_at) VALUES (?1,?2,?3,?4,?4)")
          .bind(1, key)
          .bind(2, type)
          .bind(3, source_locale)
          .bind(4, now_)
          .run();
      return sqlite3_last_insert_rowid(s_.db_);
    }

    void touch_document(std::int64_t document) override {
      s_.stmt("UPDATE documents SET updated_at = ?1 WHERE id = ?2").bind(1, now_).bind(2, document).run();
    }

    void insert_field(std::int64_t document, std::string_view name, std::int64_t position, std::string_view value,
                      std::string_view revision, std::int64_t words) override {
      s_.stmt(
            "INSERT INTO fields(document_id, name, position, value, revision, updated_at, words) VALUES "
            "(?1,?2,?3,?4,?5,?6,?7)")
          .bind(1, document)
          .bind(2, name)
          .bind(3, position)
          .bind(4, value)
          .bind(5, revision)
          .bind(6, now_)
          .bind(7, words)
          .run();
    }

    void update_field(std::int64_t field, std::string_view value, std::string_view revision,
                      std::int64_t words) override {
      s_.stmt("UPDATE fields SET value = ?1, revision = ?2, updated_at = ?3, words = ?5 WHERE id = ?4")
          .bind(1, value)
          .bind(2, revision)
          .bind(3, now_)
          .bind(4, field)
          .bind(5, words)
          .run();
    }

    void insert_translation(std::string_view locale, const translation_row& row, std::string_view author,
                            std::string_view origin) override {
      if (s_.pending_translations_.size() >= max_pending) s_.flush_translations();
      s_.pending_translations_.push_back({row.field_id, std::string(locale), row.text,
                                          static_cast<std::int64_t>(row.state), row.source_revision,
                                          std::string(author), std::string(origin), &now_});
    }

    void update_translation(std::string_view locale, const translation_row& row, std::string_view author,
                            std::string_view origin) override {
      s_.flush_translations();  // the translation may be one inserted in this transaction
      s_.stmt(
            "UPDATE translations SET text=?1, state=?2, source_revision=?3, author=?4, origin=?5, updated_at=?6 "
            "WHERE field_id=?7 AND locale=?8")
          .bind(1, row.text)
          .bind(2, static_cast<std::int64_t>(row.state))
          .bind(3, row.source_revision)
          .bind(4, author)
          .bind(5, origin)
          .bind(6, now_)
          .bind(7, row.field_id)
          .bind(8, locale)
          .run();
    }

    void delete_translation(std::int64_t field, std::string_view locale) override {
      s_.flush_translations();
      s_.stmt("DELETE FROM translations WHERE field_id = ?1 AND locale = ?2").bind(1, field).bind(2, locale).run();
    }

    void record(const change_row& c) override {
      auto state = [](const std::optional<translation_state>& s) {
        return s ? std::optional<std::int64_t>(static_cast<std::int64_t>(*s)) : std::nullopt;
      };
      // A translation's creation keeps no copy of its text (schema 4): the
      // translation holds it until a later entry keeps it as its old_text.
      bool keeps_text = !(c.action == "create" && !c.locale.empty());
      if (s_.pending_history_.size() >= max_pending) s_.flush_history();
      s_.pending_history_.push_back({&now_, c.key, c.field, c.locale, c.old_text,
                                     keeps_text ? std::optional<std::string>(c.new_text) : std::nullopt,
                                     state(c.old_state), state(c.new_state), c.old_revision, c.new_revision, c.author,
                                     c.origin, c.action});
    }

    std::int64_t begin_batch(std::string_view kind, std::string_view file, std::string_view author) override {
      s_.flush_pending();
      s_.batch_ = s_.new_batch(kind, file, author, now_);
      return s_.batch_;
    }

    void end_batch(bool keep) override {
      if (s_.batch_ == 0) return;
      s_.flush_pending();
      if (keep)
        s_.stmt("UPDATE batches SET last_history = (SELECT max(id) FROM history) WHERE id = ?1")
            .bind(1, s_.batch_)
            .run();
      else
        s_.stmt("DELETE FROM batches WHERE id = ?1").bind(1, s_.batch_).run();
      s_.batch_ = 0;
    }

    void mark_undone(std::int64_t batch, std::int64_t by) override {
      s_.stmt("UPDATE batches SET undone_by = ?1 WHERE id = ?2").bind(1, by).bind(2, batch).run();
    }

    bool insert_tm_entry(const tm_entry_row& e) override {
      s_.stmt(
            "INSERT OR IGNORE INTO tm_entries(batch_id, source_locale, target_locale, source, target, author, "
            "changed_at, pair_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
          .bind(1, s_.batch_)
          .bind(2, e.source_locale)
          .bind(3, e.target_locale)
          .bind(4, e.source)
          .bind(5, e.target)
          .bind(6, e.author)
          .bind(7, e.changed_at)
          .bind(8, e.pair_key)
          .run();
      return sqlite3_changes(s_.db_) == 1;
    }

    std::size_t delete_tm_entries(std::int64_t batch) override {
      s_.stmt("DELETE FROM tm_entries WHERE batch_id = ?1").bind(1, batch).run();
      return static_cast<std::size_t>(sqlite3_changes(s_.db_));
    }

    bool insert_term_entry(const term_entry_row& e) override {
      s_.stmt(
            "INSERT OR IGNORE INTO term_entries(batch_id, source_locale, target_locale, body, author, changed_at, "
            "entry_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
          .bind(1, s_.batch_)
          .bind(2, e.source_locale)
          .bind(3, e.target_locale)
          .bind(4, e.body)
          .bind(5, e.author)
          .bind(6, e.changed_at)
          .bind(7, e.entry_key)
          .run();
      return sqlite3_changes(s_.db_) == 1;
    }

    std::size_t delete_term_entries(std::int64_t batch) override {
      s_.stmt("DELETE FROM term_entries WHERE batch_id = ?1").bind(1, batch).run();
      return static_cast<std::size_t>(sqlite3_changes(s_.db_));
    }

    void restore(const table_chunk& rows) override {
      s_.flush_pending();
      // The names come from the other store: only plain identifiers go into SQL.
      for (const auto& c : rows.columns)
        if (c.empty() || c.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
          throw write_refused{error(errc::invalid_argument, "the store to copy has a column named '" + c + "'")};
      // Rows may name rows still to come (a batch names the later batch
      // that undid it): foreign keys are checked at the commit.
      exec(s_.db_, "PRAGMA defer_foreign_keys = ON");
      if (rows.table == "meta") s_.restored_schema_ = detail::schema_in(rows);
      std::string sql = rows.table == "meta" ? "INSERT OR REPLACE INTO \"" : "INSERT INTO \"";
      sql += rows.table + "\"(";
      for (std::size_t i = 0; i < rows.columns.size(); ++i) sql += (i ? ", \"" : "\"") + rows.columns[i] + "\"";
      sql += ") VALUES (";
      for (std::size_t i = 0; i < rows.columns.size(); ++i) sql += i ? ", ?" : "?";
      statement s(s_.db_, sql + ")");
      for (const auto& row : rows.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) s.bind_optional(static_cast<int>(c) + 1, row[c]);
        s.run();
      }
    }

   private:
    sqlite_backend& s_;
    const std::string now_;
  };

  std::string uri_;
  std::string target_;                                // the file, or ":memory:"
  int wal_index_fd_ = -1;                             // the -shm file, for version()
  bool wal_mode_checked_ = false, wal_mode_ = false;  // journal_mode, asked once (open_wal_index())
  int busy_timeout_ms_ = 0;
  sqlite3* db_;
  std::thread checkpointer_;  // the last background checkpoint (checkpoint_when_large)
  std::atomic<bool> checkpointing_{false}, checkpoint_failed_{false};
  bool read_only_ = false;
  bool mapped_ = false;  // mmap turned on by a whole-store scan
  std::optional<content_schema> schema_;
  std::unordered_map<const char*, statement> stmts_;
  std::array<std::optional<statement>, rows_per_insert + 1> history_inserts_, translation_inserts_;
  std::vector<history_row> pending_history_;
  std::vector<pending_translation> pending_translations_;
  std::int64_t batch_ = 0;                         // batch of the write in progress, 0 when none
  std::optional<content_schema> restored_schema_;  // copied in by restore(), ours once committed
};

}  // namespace

result<std::unique_ptr<store>> open(std::string_view uri, std::string_view target, const store_options& options) {
  bool memory = target == ":memory:";
  if (target.empty()) return error(errc::invalid_argument, "store URI '" + std::string(uri) + "' names no file");
  if (!memory) {
    std::error_code ec;
    bool exists = std::filesystem::exists(std::filesystem::path(std::string(target)), ec);
    if (!exists && (!options.create_if_missing || options.read_only))
      return error(errc::not_found, "no store at '" + std::string(target) + "'");
    // An empty file is made a store only by a command that may create one.
    if (exists && std::filesystem::is_regular_file(std::filesystem::path(std::string(target)), ec) &&
        std::filesystem::file_size(std::filesystem::path(std::string(target)), ec) == 0 &&
        (!options.create_if_missing || options.read_only))
      return error(errc::not_found, "'" + std::string(target) + "' is an empty file, not a Glossa store");
  }
  int flags =
      SQLITE_OPEN_NOMUTEX | (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(std::string(target).c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    error e = sqlite_error(db, rc, "cannot open store '" + std::string(target) + "'");
    sqlite3_close_v2(db);
    return e;
  }
  sqlite3_extended_result_codes(db, 1);
  auto backend = std::make_unique<sqlite_backend>(std::string(uri), std::string(target), db);
  if (auto st = backend->init(options); !st) return st.err();
  return std::unique_ptr<store>(std::move(backend));
}

}  // namespace glossa::sqlite_store
