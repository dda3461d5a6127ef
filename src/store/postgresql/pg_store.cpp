// PostgreSQL store. PostgreSQL's failures travel internally as pg_failure and
// become errors in guarded(); a lost connection is store_unavailable, and the
// next call reconnects.
#include "store/postgresql/pg_store.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "store/postgresql/pg_migrations.hpp"
#include "store/postgresql/pg_util.hpp"
#include "store/restored_schema.hpp"
#include "store/shared_rows.hpp"

namespace glossa::pg_store {

namespace {

// The write lock of a store: held by the write transaction (pg_advisory_xact_lock).
constexpr const char* writer_lock = "7306090102";

// The translation of field f.id into locale $2, looked up by its key for
// each field: a write's statement is planned before the table holds the
// rows the write adds, and a join left to the planner then read all of a
// locale's translations for every document (an import of 100,000 units ran
// for minutes). LIMIT 1 keeps the subquery a per-field lookup.
#define GLOSSA_TRANSLATION_OF_FIELD                                                                  \
  "SELECT t.id, t.text, t.state, t.source_revision FROM translations t WHERE t.field_id = f.id AND " \
  "t.locale = $2 LIMIT 1"

// A failure that rolls the transaction back: the engine's, or one found opening the store.
struct write_refused {
  error err;
};

document document_at(const rows& r, int row, int col) {  // key, type, source_locale, created_at, updated_at
  document d;
  d.key = r.text(row, col);
  d.type = r.text(row, col + 1);
  d.source_locale = r.text(row, col + 2);
  d.created_at = r.text(row, col + 3);
  d.updated_at = r.text(row, col + 4);
  return d;
}

// locale, text, state, source_revision, author, origin, updated_at
translation translation_at(const rows& r, int row, int col) {
  return translation{
      r.text(row, col),     r.text(row, col + 1), static_cast<translation_state>(r.integer(row, col + 2)),
      r.text(row, col + 3), r.text(row, col + 4), r.text(row, col + 5),
      r.text(row, col + 6)};
}

std::optional<translation_state> state_at(const rows& r, int row, int col) {
  if (r.is_null(row, col)) return std::nullopt;
  return static_cast<translation_state>(r.integer(row, col));
}

// A text[] literal of `keys` for = ANY($1) and unnest($1).
std::string text_array(const std::vector<std::string>& keys, std::size_t from, std::size_t n) {
  std::string out = "{";
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : keys[from + i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

class pg_backend final : public store {
 public:
  pg_backend(std::string uri, const store_options& options)
      : uri_(std::move(uri)), shown_uri_(redacted_store_uri(uri_)), options_(options) {}

  const std::string& uri() const noexcept override { return shown_uri_; }

  status init() {
    return guarded_status("cannot open store '" + shown_uri_ + "'", [&] {
      connect();
      if (auto m = migrate(db_, options_.read_only, options_.create_if_missing); !m) throw write_refused{m.err()};
      read_schema();
    });
  }

  std::unique_ptr<store> reader() override {
    store_options o = options_;
    o.read_only = true;
    o.create_if_missing = false;
    auto r = open(uri_, o);
    return r ? std::move(*r) : nullptr;
  }

  result<content_schema> schema() override {
    if (schema_) return *schema_;
    return error(errc::store_error, "the store has no content schema");
  }

  result<document> find_document(std::string_view key) override {
    return guarded<document>("cannot read document", [&]() -> result<document> {
      auto d = in_snapshot_value([&] { return load_document(key); });
      if (!d) return error(errc::not_found, "no document with key '" + std::string(key) + "'");
      return std::move(*d);
    });
  }

  result<std::vector<document_summary>> list_documents(std::string_view type) override {
    return guarded<std::vector<document_summary>>("cannot list documents", [&] {
      rows r = db_.query(
          "SELECT key, type, source_locale, updated_at FROM documents WHERE $1 = '' OR type = $1 ORDER BY key",
          params().add(type));
      std::vector<document_summary> out;
      for (int i = 0; i < r.size(); ++i) out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3)});
      return out;
    });
  }

  status for_each_document(std::string_view type, const std::function<bool(document&)>& visit) override {
    return for_each_document_in(type, "", visit);
  }

  status for_each_document_in(std::string_view type, std::string_view locale,
                              const std::function<bool(document&)>& visit) override {
    // Keyset pages of documents, each read with its fields and translations
    // in two more queries: memory holds one page, whatever the store's size.
    return in_snapshot("cannot read documents", [&] {
      std::string after;
      for (bool more = true; more;) {
        rows page =
            db_.query("SELECT key FROM documents WHERE ($1 = '' OR type = $1) AND key > $2 ORDER BY key LIMIT 500",
                      params().add(type).add(after));
        if (page.size() == 0) return;
        std::vector<std::string> keys;
        for (int i = 0; i < page.size(); ++i) keys.push_back(page.text(i, 0));
        after = keys.back();
        more = load_keys(
            keys, 0, keys.size(), [&](const std::string&, document* d) { return visit(*d); }, locale);
      }
    });
  }

  status for_each_field_status(std::string_view type, const std::function<bool(const field_status&)>& visit) override {
    return in_snapshot("cannot read documents", [&] {
      // The translations' states first (no text), then the fields in
      // document order, matched by field id: two scans, no join.
      struct entry {
        std::int64_t field_id;
        field_status::translation_status t;
        std::string revision;
      };
      std::vector<entry> states;
      db_.stream("SELECT field_id, locale, state, source_revision FROM translations", {}, [&](const rows& r) {
        states.push_back(
            {r.integer(0, 0), {r.text(0, 1), static_cast<translation_state>(r.integer(0, 2)), true}, r.text(0, 3)});
        return true;
      });
      std::sort(states.begin(), states.end(), [](const entry& a, const entry& b) {
        return a.field_id != b.field_id ? a.field_id < b.field_id : a.t.locale < b.t.locale;
      });
      field_status row;
      db_.stream(
          "SELECT d.key, d.type, d.source_locale, f.id, f.name, f.value, f.revision, f.words FROM documents d "
          "JOIN fields f ON f.document_id = d.id WHERE $1 = '' OR d.type = $1 ORDER BY d.key, f.position",
          params().add(type), [&](const rows& r) {
            row.document_key = r.text(0, 0);
            row.type = r.text(0, 1);
            row.source_locale = r.text(0, 2);
            std::int64_t id = r.integer(0, 3);
            row.field = r.text(0, 4);
            row.value = r.text(0, 5);
            row.revision = r.text(0, 6);
            row.words =
                r.is_null(0, 7) ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(r.integer(0, 7)));
            row.translations.clear();
            auto it = std::lower_bound(states.begin(), states.end(), id,
                                       [](const entry& e, std::int64_t v) { return e.field_id < v; });
            for (; it != states.end() && it->field_id == id; ++it) {
              it->t.current = it->revision == row.revision;
              row.translations.push_back(it->t);
            }
            return visit(row);
          });
    });
  }

  status for_each_tm_entry(std::string_view target_locale,
                           const std::function<bool(const tm_entry_row&)>& visit) override {
    return in_snapshot("cannot read the translation memory", [&] {
      tm_entry_row e;
      db_.stream(
          "SELECT id, batch_id, source_locale, target_locale, source, target, author, changed_at, pair_key "
          "FROM tm_entries WHERE $1 = '' OR target_locale = $1 ORDER BY id",
          params().add(target_locale), [&](const rows& r) {
            e = {r.integer(0, 0), r.integer(0, 1), r.text(0, 2), r.text(0, 3), r.text(0, 4),
                 r.text(0, 5),    r.text(0, 6),    r.text(0, 7), r.text(0, 8)};
            return visit(e);
          });
    });
  }

  status for_each_term_entry(std::string_view source_locale, std::string_view target_locale,
                             const std::function<bool(const term_entry_row&)>& visit) override {
    return in_snapshot("cannot read the termbase", [&] {
      term_entry_row e;
      db_.stream(
          "SELECT id, batch_id, source_locale, target_locale, body, author, changed_at, entry_key "
          "FROM term_entries WHERE ($1 = '' OR source_locale = $1) AND ($2 = '' OR target_locale = $2) ORDER BY id",
          params().add(source_locale).add(target_locale), [&](const rows& r) {
            e = {r.integer(0, 0), r.integer(0, 1), r.text(0, 2), r.text(0, 3),
                 r.text(0, 4),    r.text(0, 5),    r.text(0, 6), r.text(0, 7)};
            return visit(e);
          });
    });
  }

  // Counted where the rows are: a few hundred rows come back instead of
  // every field's value and every translation's state. Booleans stay
  // booleans (grouping by `(a = b)::int` took 2.5 times as long). 16 MB of work_mem
  // keeps the joins' hash tables in memory (a million translations: 0.9 s
  // against 1.2 s with the default 4 MB); JIT would compile for longer than
  // the query runs.
  result<std::vector<field_tally>> field_tallies(std::string_view type) override {
    std::vector<field_tally> out;
    status read = in_snapshot("cannot read documents", [&] {
      db_.exec("SET LOCAL work_mem = '16MB'; SET LOCAL jit = off");
      db_.stream(
          "SELECT d.type, f.name, d.source_locale, f.value = '', '', 0, true, count(*), "
          "coalesce(sum(f.words), 0)::bigint, count(*) - count(f.words), min(d.key) "
          "FROM documents d JOIN fields f ON f.document_id = d.id WHERE $1 = '' OR d.type = $1 GROUP BY 1, 2, 3, 4 "
          "UNION ALL "
          "SELECT d.type, f.name, d.source_locale, f.value = '', t.locale, t.state, "
          "t.source_revision = f.revision, count(*), coalesce(sum(f.words), 0)::bigint, "
          "count(*) - count(f.words), '' "
          "FROM translations t JOIN fields f ON f.id = t.field_id JOIN documents d ON d.id = f.document_id "
          "WHERE $1 = '' OR d.type = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7",
          params().add(type), [&](const rows& r) {
            auto size = [&](int c) { return static_cast<std::size_t>(r.integer(0, c)); };
            out.push_back({r.text(0, 0), r.text(0, 1), r.text(0, 2), r.text_view(0, 3) == "t", r.text(0, 4),
                           static_cast<translation_state>(r.integer(0, 5)), r.text_view(0, 6) == "t", size(7), size(8),
                           size(9), r.text(0, 10)});
            return true;
          });
    });
    if (!read) return read.err();
    return out;
  }

  status for_each_key(const std::vector<std::string>& keys,
                      const std::function<bool(const std::string&, const document*)>& visit) override {
    constexpr std::size_t chunk = 1000;
    return in_snapshot("cannot read documents", [&] {
      for (std::size_t start = 0; start < keys.size(); start += chunk)
        if (!load_keys(keys, start, std::min(chunk, keys.size() - start), visit)) return;
    });
  }

  status transact(bool commit, const std::function<status(store_transaction&)>& work) override {
    if (options_.read_only) return error(errc::store_error, "the store is open read-only");
    if (in_transaction_) return error(errc::store_error, "a write cannot start inside a read of the same store");
    return guarded_status("cannot write to the store", [&] {
      // A write reads by key only, from tables it fills as it goes and
      // whose statistics PostgreSQL gathers after the commit: joins by hash
      // or merge, or scans of whole tables, which such stale estimates make
      // look cheap, are what a write never wants. Those estimates also
      // price a read-ahead of a few thousand rows high enough for JIT
      // compilation, which then costs tens of times the query itself.
      db_.exec(
          "BEGIN; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL enable_seqscan = off; "
          "SET LOCAL jit = off");
      in_transaction_ = true;
      db_.hold(true);
      try {
        // Writers wait for each other up to the busy timeout, then give up
        // with store_busy (lock_not_available).
        db_.query("SELECT set_config('lock_timeout', $1, true)",
                  params().add(std::to_string(std::max(1, options_.busy_timeout_ms)) + "ms"));
        db_.query("SELECT pg_advisory_xact_lock($1::bigint)", params().add(std::string_view(writer_lock)));
        transaction tx(*this, detail::utc_now());
        status done = work(tx);
        if (!done) throw write_refused{done.err()};
        flush_pending();
        batch_ = 0;
        if (commit) db_.query("UPDATE store_version SET version = version + 1 WHERE id = 1");
        db_.exec(commit ? "COMMIT" : "ROLLBACK");
        in_transaction_ = false;
        db_.hold(false);
        if (commit && restored_schema_) schema_ = std::move(*restored_schema_);
        restored_schema_.reset();
      } catch (...) {
        restored_schema_.reset();
        in_transaction_ = false;
        db_.hold(false);
        batch_ = 0;
        drop_pending();
        db_.settle_quietly();  // a COPY still running belongs to what is rolled back
        try {
          if (!db_.lost()) db_.exec("ROLLBACK");
        } catch (...) {  // the failure under way says why
        }
        throw;
      }
    });
  }

  result<std::int64_t> version() override {
    // One round trip per call: the row every committed write moves, on
    // whichever node it ran.
    return guarded<std::int64_t>("cannot read the store version", [&] {
      return db_.query("SELECT version FROM store_version WHERE id = 1").integer(0, 0);
    });
  }

  bool version_is_shared() override { return true; }

  result<std::vector<std::string>> uncarried_tables() override {
    return guarded<std::vector<std::string>>("cannot list the store's tables", [&] {
      rows r = db_.query(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
          "AND table_type = 'BASE TABLE' ORDER BY table_name");
      std::vector<std::string> out;
      const auto& carried = carried_tables();
      // The schema's version and the nodes' version counter are this
      // backend's own bookkeeping, made by its migrations on either side.
      for (int i = 0; i < r.size(); ++i)
        if (std::string t = r.text(i, 0); std::find(carried.begin(), carried.end(), t) == carried.end() &&
                                          t != "glossa_migrations" && t != "store_version")
          out.push_back(t);
      return out;
    });
  }

  status dump(const std::function<void(const table_chunk&)>& out, std::size_t chunk_rows) override {
    return in_snapshot("cannot read the store", [&] {
      db_.exec("SET LOCAL statement_timeout = 0");  // a whole table streams for as long as it takes
      for (const auto& table : carried_tables()) {
        table_chunk chunk{table, {}, {}};
        db_.stream_text("SELECT * FROM \"" + table + "\" ORDER BY " + (table == "meta" ? "key" : "id"),
                        [&](const rows& r) {
                          if (chunk.columns.empty())
                            for (int c = 0; c < r.columns(); ++c) chunk.columns.push_back(r.column_name(c));
                          auto& row = chunk.rows.emplace_back();
                          for (int c = 0; c < r.columns(); ++c) row.push_back(r.optional_text(0, c));
                          if (chunk.rows.size() >= chunk_rows) {
                            out(chunk);
                            chunk.rows.clear();
                          }
                          return true;
                        });
        if (!chunk.rows.empty()) out(chunk);
      }
    });
  }

  result<std::vector<history_entry>> history(std::string_view key, std::string_view field) override {
    return guarded<std::vector<history_entry>>("cannot read history", [&]() -> result<std::vector<history_entry>> {
      rows r = db_.query("SELECT id, at, document_key, field, locale, action, old_text, " GLOSSA_HISTORY_NEW_TEXT
                         ", old_state, new_state, old_revision, new_revision, author, origin, batch_id "
                         "FROM history h WHERE document_key = $1 AND ($2 = '' OR field = $2) ORDER BY id",
                         params().add(key).add(field));
      std::vector<history_entry> out;
      for (int i = 0; i < r.size(); ++i) out.push_back(history_at(r, i));
      if (out.empty() && !in_snapshot_value([&] { return load_document(key); }))
        return error(errc::not_found, "no document with key '" + std::string(key) + "'");
      return out;
    });
  }

 private:
  static history_entry history_at(const rows& r, int i) {
    history_entry h;
    h.id = r.integer(i, 0);
    h.at = r.text(i, 1);
    h.document_key = r.text(i, 2);
    h.field = r.text(i, 3);
    h.locale = r.text(i, 4);
    h.action = r.text(i, 5);
    h.old_text = r.optional_text(i, 6);
    h.new_text = r.text(i, 7);
    h.old_state = state_at(r, i, 8);
    h.new_state = state_at(r, i, 9);
    h.old_revision = r.optional_text(i, 10);
    h.new_revision = r.text(i, 11);
    h.author = r.text(i, 12);
    h.origin = r.text(i, 13);
    h.batch = r.is_null(i, 14) ? 0 : r.integer(i, 14);
    return h;
  }

  // A statement that runs away, or a session left idle inside a
  // transaction (a client that hangs), does not hold the store for ever;
  // set again on every reconnection.
  void connect() {
    std::string setup = "SET statement_timeout = '300s'; SET idle_in_transaction_session_timeout = '300s'";
    if (options_.read_only) setup += "; SET default_transaction_read_only = on";
    db_.open(uri_, setup);
  }

  void read_schema() {
    rows r = db_.query("SELECT value FROM meta WHERE key = 'content_schema'");
    if (r.size() == 0) {
      const content_schema& initial = options_.initial_schema ? *options_.initial_schema : content_schema::builtin();
      if (!options_.read_only)
        db_.query("INSERT INTO meta(key, value) VALUES ('content_schema', $1) ON CONFLICT (key) DO NOTHING",
                  params().add(initial.to_json()));
      schema_ = initial;
      return;
    }
    auto parsed = content_schema::parse(r.text(0, 0), "store:content_schema");
    if (!parsed)
      throw write_refused{error(errc::store_error, "the stored content schema is invalid: " + parsed.err().message)};
    schema_ = std::move(*parsed);
  }

  template <class T, class F>
  result<T> guarded(std::string_view what, F&& f) {
    try {
      return f();
    } catch (const write_refused& r) {
      return r.err;
    } catch (const pg_failure& e) {
      return pg_error(e, what);
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

  // Runs `f` in one REPEATABLE READ READ ONLY transaction: a consistent
  // snapshot (a walk never sees half of a write made meanwhile).
  // Inside another snapshot or a write transaction (a reader called back
  // by a walk), `f` runs in that one.
  template <class F>
  auto in_snapshot_value(F&& f) -> decltype(f()) {
    if (in_transaction_) return f();
    db_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    in_transaction_ = true;
    db_.hold(true);
    try {
      auto v = f();
      db_.exec("COMMIT");
      in_transaction_ = false;
      db_.hold(false);
      return v;
    } catch (...) {
      in_transaction_ = false;
      db_.hold(false);
      db_.settle_quietly();
      try {
        if (!db_.lost()) db_.exec("ROLLBACK");
      } catch (...) {
      }
      throw;
    }
  }

  template <class F>
  status in_snapshot(std::string_view what, F&& f) {
    return guarded_status(what, [&] {
      in_snapshot_value([&] {
        f();
        return true;
      });
    });
  }

  std::optional<document> load_document(std::string_view key) {
    std::vector<std::string> keys{std::string(key)};
    std::optional<document> out;
    load_keys(keys, 0, 1, [&](const std::string&, document* d) {
      if (d) out = std::move(*d);
      return true;
    });
    return out;
  }

  // Reads keys[from, from + n) in three queries (documents, fields,
  // translations), matched by the key's place in the array, and visits
  // them in order. False when `visit` stopped.
  template <class V>
  bool load_keys(const std::vector<std::string>& keys, std::size_t from, std::size_t n, V&& visit,
                 std::string_view locale = {}) {
    params p;
    p.add(text_array(keys, from, n));
    std::vector<std::optional<document>> docs(n);
    std::vector<std::map<std::int64_t, std::size_t>> field_index(n);
    std::vector<std::vector<std::int64_t>> positions(n);
    rows ds = db_.query(
        "SELECT j.i - 1, d.key, d.type, d.source_locale, d.created_at, d.updated_at FROM unnest($1::text[]) "
        "WITH ORDINALITY AS j(key, i) JOIN documents d ON d.key = j.key",
        p);
    for (int r = 0; r < ds.size(); ++r) docs[static_cast<std::size_t>(ds.integer(r, 0))] = document_at(ds, r, 1);
    rows fs = db_.query(
        "SELECT j.i - 1, f.id, f.name, f.value, f.revision, f.position FROM unnest($1::text[]) WITH ORDINALITY "
        "AS j(key, i) JOIN documents d ON d.key = j.key JOIN fields f ON f.document_id = d.id",
        p);
    for (int r = 0; r < fs.size(); ++r) {
      auto i = static_cast<std::size_t>(fs.integer(r, 0));
      field_index[i][fs.integer(r, 1)] = docs[i]->fields.size();
      positions[i].push_back(fs.integer(r, 5));
      docs[i]->fields.push_back({fs.text(r, 2), fs.text(r, 3), fs.text(r, 4), {}});
    }
    rows ts = db_.query(
        "SELECT j.i - 1, t.field_id, t.locale, t.text, t.state, t.source_revision, t.author, t.origin, t.updated_at "
        "FROM unnest($1::text[]) WITH ORDINALITY AS j(key, i) JOIN documents d ON d.key = j.key "
        "JOIN fields f ON f.document_id = d.id JOIN translations t ON t.field_id = f.id "
        "WHERE $2 = '' OR t.locale = $2",
        params().add(text_array(keys, from, n)).add(locale));
    for (int r = 0; r < ts.size(); ++r) {
      auto i = static_cast<std::size_t>(ts.integer(r, 0));
      docs[i]->fields[field_index[i][ts.integer(r, 1)]].translations.push_back(translation_at(ts, r, 2));
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (docs[i]) detail::put_in_stored_order(*docs[i], positions[i]);
      if (!visit(keys[from + i], docs[i] ? &*docs[i] : nullptr)) return false;
      docs[i].reset();
    }
    return true;
  }

  // History rows and new translations wait here and go to PostgreSQL by
  // COPY: one round trip for many rows. Flushed before any read or change
  // they could affect, before a batch begins or ends, and at the end; a
  // document's fields with their translations are read without flushing,
  // with the waiting translations laid over them (pending_rows_), so that an
  // import of new translations is not one COPY per document.
  void flush_pending() {
    flush_translations();
    flush_history();
    flush_touched();
  }

  // Documents a write updated get its time in one statement.
  void flush_touched() {
    if (touched_.empty()) return;
    std::string ids = "{";
    for (auto id : touched_) ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
    db_.query("UPDATE documents SET updated_at = $1 WHERE id = ANY($2::bigint[])",
              params().add(touched_at_).add(ids + "}"));
    touched_.clear();
  }

  // The COPY runs while the write goes on; the next statement waits for it.
  void flush_translations() {
    if (pending_translations_.empty()) return;
    db_.copy_in_background(
        "COPY translations(field_id, locale, text, state, source_revision, author, origin, updated_at) FROM STDIN",
        std::exchange(pending_translations_, {}));
    pending_rows_.clear();
  }

  void flush_history() {
    if (pending_history_.empty()) return;
    db_.copy_in_background(
        "COPY history(at, document_key, field, locale, action, old_text, new_text, old_state, new_state, "
        "old_revision, new_revision, author, origin, batch_id) FROM STDIN",
        std::exchange(pending_history_, {}));
  }

  void drop_pending() noexcept {
    pending_history_.clear();
    pending_translations_.clear();
    pending_rows_.clear();
    touched_.clear();
  }

  // Rows of COPY's text format: tab-separated, \N for NULL.
  static void column(std::string& row, std::string_view v, bool first = false) {
    if (!first) row += '\t';
    connection::copy_escape(row, v);
  }
  static void optional_column(std::string& row, const std::optional<std::string>& v) {
    row += '\t';
    if (v)
      connection::copy_escape(row, *v);
    else
      row += "\\N";
  }
  static void state_column(std::string& row, std::optional<translation_state> s) {
    row += '\t';
    row += s ? std::to_string(static_cast<int>(*s)) : std::string("\\N");
  }

  static constexpr std::size_t max_pending_bytes = 8 << 20;

  class transaction final : public store_transaction {
   public:
    transaction(pg_backend& s, std::string now) : s_(s), now_(std::move(now)) {}

    std::optional<document_row> find_document_row(std::string_view key) override {
      if (auto ahead = rows_ahead_.find(std::string(key)); ahead != rows_ahead_.end()) {
        auto row = std::move(ahead->second);
        rows_ahead_.erase(ahead);  // once: a later read sees the writes made since
        return row;
      }
      rows r = s_.db_.query("SELECT id, type, source_locale FROM documents WHERE key = $1", params().add(key));
      if (r.size() == 0) return std::nullopt;
      return document_row{r.integer(0, 0), r.text(0, 1), r.text(0, 2)};
    }

    std::optional<field_row> find_field(std::int64_t document, std::string_view name) override {
      rows r = s_.db_.query("SELECT id, value, revision FROM fields WHERE document_id = $1 AND name = $2",
                            params().add(document).add(name));
      if (r.size() == 0) return std::nullopt;
      return field_row{r.integer(0, 0), std::string(name), r.text(0, 1), r.text(0, 2)};
    }

    std::vector<std::pair<field_row, std::optional<translation_row>>> fields_with_translation(
        std::int64_t document, std::string_view locale) override {
      if (auto ahead = fields_ahead_.find({document, std::string(locale)}); ahead != fields_ahead_.end()) {
        auto out = std::move(ahead->second);
        fields_ahead_.erase(ahead);
        for (auto& [f, t] : out) with_waiting(f, locale, t);
        return out;
      }
      rows r = s_.db_.query(
          "SELECT f.name, f.id, f.value, f.revision, t.id, t.text, t.state, t.source_revision FROM fields f "
          "LEFT JOIN LATERAL (" GLOSSA_TRANSLATION_OF_FIELD ") t ON true WHERE f.document_id = $1",
          params().add(document).add(locale));
      std::vector<std::pair<field_row, std::optional<translation_row>>> out;
      for (int i = 0; i < r.size(); ++i) {
        field_row f{r.integer(i, 1), r.text(i, 0), r.text(i, 2), r.text(i, 3)};
        std::optional<translation_row> t;
        if (!r.is_null(i, 4))
          t = translation_row{f.id, r.text(i, 5), static_cast<translation_state>(r.integer(i, 6)), r.text(i, 7)};
        with_waiting(f, locale, t);
        out.emplace_back(std::move(f), std::move(t));
      }
      return out;
    }

    // Reads the documents, and their fields with translations into each of
    // `locales`, in two round trips, for the reads that follow. The
    // translations waiting for COPY are laid over what is read, then sent:
    // PostgreSQL stores them while the caller works on what was read.
    void prefetch(const std::vector<std::string>& keys, const std::vector<std::string>& locales) override {
      read_ahead(keys, locales);
      for (auto& [at, fields] : fields_ahead_)
        for (auto& [f, t] : fields) with_waiting(f, at.second, t);
      s_.flush_translations();  // takes them out of pending_rows_: what was read has them now
    }

    void read_ahead(const std::vector<std::string>& keys, const std::vector<std::string>& locales) {
      rows_ahead_.clear();
      fields_ahead_.clear();
      field_owner_.clear();
      for (const auto& k : keys) rows_ahead_[k] = std::nullopt;
      rows d = s_.db_.query("SELECT key, id, type, source_locale FROM documents WHERE key = ANY($1::text[])",
                            params().add(text_array(keys, 0, keys.size())));
      std::string ids = "{";
      for (int i = 0; i < d.size(); ++i) {
        rows_ahead_[d.text(i, 0)] = document_row{d.integer(i, 1), d.text(i, 2), d.text(i, 3)};
        ids += (i ? "," : "") + std::to_string(d.integer(i, 1));
      }
      if (d.size() == 0 || locales.empty()) return;
      rows r = s_.db_.query(
          "SELECT f.document_id, l.locale, f.name, f.id, f.value, f.revision, t.id, t.text, t.state, "
          "t.source_revision FROM fields f CROSS JOIN unnest($2::text[]) AS l(locale) LEFT JOIN LATERAL (SELECT "
          "t.id, t.text, t.state, t.source_revision FROM translations t WHERE t.field_id = f.id AND t.locale = "
          "l.locale LIMIT 1) t ON true WHERE f.document_id = ANY($1::bigint[])",
          params().add(ids + "}").add(text_array(locales, 0, locales.size())));
      for (int i = 0; i < r.size(); ++i) {
        field_row f{r.integer(i, 3), r.text(i, 2), r.text(i, 4), r.text(i, 5)};
        std::optional<translation_row> t;
        if (!r.is_null(i, 6))
          t = translation_row{f.id, r.text(i, 7), static_cast<translation_state>(r.integer(i, 8)), r.text(i, 9)};
        field_owner_[f.id] = r.integer(i, 0);
        fields_ahead_[{r.integer(i, 0), r.text(i, 1)}].emplace_back(std::move(f), std::move(t));
      }
      for (const auto& k : keys)  // every locale read: a document without fields has none
        if (const auto& row = rows_ahead_[k])
          for (const auto& l : locales) fields_ahead_.try_emplace({row->id, l});
    }

    std::optional<translation_row> find_translation(std::string_view key, std::string_view field,
                                                    std::string_view locale) override {
      s_.flush_translations();
      rows r = s_.db_.query(
          "SELECT f.id, t.text, t.state, t.source_revision FROM documents d JOIN fields f ON f.document_id = d.id "
          "AND f.name = $3 CROSS JOIN LATERAL (" GLOSSA_TRANSLATION_OF_FIELD ") t WHERE d.key = $1",
          params().add(key).add(locale).add(field));
      if (r.size() == 0) return std::nullopt;
      return translation_row{r.integer(0, 0), r.text(0, 1), static_cast<translation_state>(r.integer(0, 2)),
                             r.text(0, 3)};
    }

    std::optional<batch_row> find_batch(std::int64_t batch) override {
      rows r = s_.db_.query("SELECT kind, undone_by FROM batches WHERE id = $1", params().add(batch));
      if (r.size() == 0) return std::nullopt;
      return batch_row{batch, r.text(0, 0),
                       r.is_null(0, 1) ? std::nullopt : std::optional<std::int64_t>(r.integer(0, 1))};
    }

    std::vector<change_row> batch_changes(std::int64_t batch) override {
      s_.flush_pending();
      rows r = s_.db_.query(
          "SELECT document_key, field, locale, action, old_text, " GLOSSA_HISTORY_NEW_TEXT
          ", old_state, new_state, old_revision, new_revision, author, origin FROM history h "
          "WHERE id BETWEEN coalesce((SELECT first_history FROM batches WHERE id = $1), 0) "
          "AND coalesce((SELECT last_history FROM batches WHERE id = $1), 9223372036854775807) AND batch_id = $1 "
          "ORDER BY id DESC",
          params().add(batch));
      std::vector<change_row> out;
      for (int i = 0; i < r.size(); ++i)
        out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.optional_text(i, 4), r.text(i, 5),
                       state_at(r, i, 6), state_at(r, i, 7), r.optional_text(i, 8), r.text(i, 9), r.text(i, 10),
                       r.text(i, 11)});
      return out;
    }

    std::int64_t insert_document(std::string_view key, std::string_view type, std::string_view source_locale) override {
      return s_.db_
          .query(
              "INSERT INTO documents(key, type, source_locale, created_at, updated_at) VALUES ($1,$2,$3,$4,$4) "
              "RETURNING id",
              params().add(key).add(type).add(source_locale).add(now_))
          .integer(0, 0);
    }

    void touch_document(std::int64_t document) override {
      s_.touched_.insert(document);
      s_.touched_at_ = now_;
    }

    void insert_field(std::int64_t document, std::string_view name, std::int64_t position, std::string_view value,
                      std::string_view revision, std::int64_t words) override {
      forget_ahead(document);
      s_.db_.query(
          "INSERT INTO fields(document_id, name, position, value, revision, updated_at, words) VALUES "
          "($1,$2,$3,$4,$5,$6,$7)",
          params().add(document).add(name).add(position).add(value).add(revision).add(now_).add(words));
    }

    void update_field(std::int64_t field, std::string_view value, std::string_view revision,
                      std::int64_t words) override {
      if (auto owner = field_owner_.find(field); owner != field_owner_.end()) forget_ahead(owner->second);
      s_.db_.query("UPDATE fields SET value = $1, revision = $2, updated_at = $3, words = $5 WHERE id = $4",
                   params().add(value).add(revision).add(now_).add(field).add(words));
    }

    void insert_translation(std::string_view locale, const translation_row& row, std::string_view author,
                            std::string_view origin) override {
      std::string& out = s_.pending_translations_;
      column(out, std::to_string(row.field_id), true);
      column(out, locale);
      column(out, row.text);
      column(out, std::to_string(static_cast<int>(row.state)));
      column(out, row.source_revision);
      column(out, author);
      column(out, origin);
      column(out, now_);
      out += '\n';
      s_.pending_rows_[{row.field_id, std::string(locale)}] = row;
      if (out.size() > max_pending_bytes) s_.flush_translations();
    }

    void update_translation(std::string_view locale, const translation_row& row, std::string_view author,
                            std::string_view origin) override {
      s_.flush_translations();  // the translation may be one inserted in this transaction
      s_.db_.query(
          "UPDATE translations SET text=$1, state=$2, source_revision=$3, author=$4, origin=$5, updated_at=$6 "
          "WHERE field_id=$7 AND locale=$8",
          params()
              .add(row.text)
              .add(static_cast<std::int64_t>(row.state))
              .add(row.source_revision)
              .add(author)
              .add(origin)
              .add(now_)
              .add(row.field_id)
              .add(locale));
    }

    void delete_translation(std::int64_t field, std::string_view locale) override {
      s_.flush_translations();
      s_.db_.query("DELETE FROM translations WHERE field_id = $1 AND locale = $2", params().add(field).add(locale));
    }

    void record(const change_row& c) override {
      // A translation's creation keeps no copy of its text: the translation
      // holds it until a later entry keeps it as its old_text.
      bool keeps_text = !(c.action == "create" && !c.locale.empty());
      std::string& out = s_.pending_history_;
      column(out, now_, true);
      column(out, c.key);
      column(out, c.field);
      column(out, c.locale);
      column(out, c.action);
      optional_column(out, c.old_text);
      optional_column(out, keeps_text ? std::optional<std::string>(c.new_text) : std::nullopt);
      state_column(out, c.old_state);
      state_column(out, c.new_state);
      optional_column(out, c.old_revision);
      column(out, c.new_revision);
      column(out, c.author);
      column(out, c.origin);
      optional_column(out, s_.batch_ ? std::optional<std::string>(std::to_string(s_.batch_)) : std::nullopt);
      out += '\n';
      if (out.size() > max_pending_bytes) s_.flush_history();
    }

    std::int64_t begin_batch(std::string_view kind, std::string_view file, std::string_view author) override {
      s_.flush_pending();
      // History ids only grow and the write lock is held until the batch
      // ends: its rows are the ids from here to the end.
      s_.batch_ = s_.db_
                      .query(
                          "INSERT INTO batches(kind, file, author, created_at, first_history) VALUES ($1, $2, $3, $4, "
                          "(SELECT coalesce(max(id), 0) + 1 FROM history)) RETURNING id",
                          params().add(kind).add(file).add(author).add(now_))
                      .integer(0, 0);
      return s_.batch_;
    }

    void end_batch(bool keep) override {
      if (s_.batch_ == 0) return;
      s_.flush_pending();
      if (keep)
        s_.db_.query("UPDATE batches SET last_history = (SELECT max(id) FROM history) WHERE id = $1",
                     params().add(s_.batch_));
      else
        s_.db_.query("DELETE FROM batches WHERE id = $1", params().add(s_.batch_));
      s_.batch_ = 0;
    }

    void mark_undone(std::int64_t batch, std::int64_t by) override {
      s_.db_.query("UPDATE batches SET undone_by = $1 WHERE id = $2", params().add(by).add(batch));
    }

    bool insert_tm_entry(const tm_entry_row& e) override {
      rows r = s_.db_.query(
          "INSERT INTO tm_entries(batch_id, source_locale, target_locale, source, target, author, changed_at, "
          "pair_key) VALUES ($1::bigint, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (pair_key) DO NOTHING RETURNING id",
          params()
              .add(s_.batch_)
              .add(e.source_locale)
              .add(e.target_locale)
              .add(e.source)
              .add(e.target)
              .add(e.author)
              .add(e.changed_at)
              .add(e.pair_key));
      return r.size() == 1;
    }

    std::size_t delete_tm_entries(std::int64_t batch) override {
      rows r = s_.db_.query("DELETE FROM tm_entries WHERE batch_id = $1::bigint RETURNING id", params().add(batch));
      return static_cast<std::size_t>(r.size());
    }

    bool insert_term_entry(const term_entry_row& e) override {
      rows r = s_.db_.query(
          "INSERT INTO term_entries(batch_id, source_locale, target_locale, body, author, changed_at, entry_key) "
          "VALUES ($1::bigint, $2, $3, $4, $5, $6, $7) ON CONFLICT (entry_key) DO NOTHING RETURNING id",
          params()
              .add(s_.batch_)
              .add(e.source_locale)
              .add(e.target_locale)
              .add(e.body)
              .add(e.author)
              .add(e.changed_at)
              .add(e.entry_key));
      return r.size() == 1;
    }

    std::size_t delete_term_entries(std::int64_t batch) override {
      rows r = s_.db_.query("DELETE FROM term_entries WHERE batch_id = $1::bigint RETURNING id", params().add(batch));
      return static_cast<std::size_t>(r.size());
    }

    // COPY writes identity columns as given (as INSERT's OVERRIDING SYSTEM
    // VALUE would); the table's sequence then continues after them.
    void restore(const table_chunk& chunk) override {
      s_.flush_pending();
      // The names come from the other store: only plain identifiers go into SQL.
      for (const auto& c : chunk.columns)
        if (c.empty() || c.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
          throw write_refused{error(errc::invalid_argument, "the store to copy has a column named '" + c + "'")};
      // A batch names the later batch that undid it, perhaps in a later chunk.
      s_.db_.exec("SET CONSTRAINTS ALL DEFERRED");
      std::string quoted = "\"" + chunk.table + "\"";
      std::string columns;
      for (const auto& c : chunk.columns) columns += (columns.empty() ? "\"" : ", \"") + c + "\"";
      std::string data;
      for (const auto& row : chunk.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
          if (c) data += '\t';
          if (row[c])
            connection::copy_escape(data, *row[c]);
          else
            data += "\\N";
        }
        data += '\n';
      }
      if (chunk.table == "meta") s_.restored_schema_ = detail::schema_in(chunk);
      if (chunk.table == "meta")  // the target's own schema row gives way to the copied one
        for (std::size_t k = 0; k < chunk.columns.size(); ++k)
          if (chunk.columns[k] == "key")
            for (const auto& row : chunk.rows)
              s_.db_.query("DELETE FROM meta WHERE key = $1", params().add_optional(row[k]));
      s_.db_.copy_in(("COPY " + quoted + "(" + columns + ") FROM STDIN").c_str(), data);
      if (chunk.table != "meta")
        s_.db_.exec("SELECT setval(pg_get_serial_sequence('" + quoted + "', 'id'), (SELECT max(id) FROM " + quoted +
                    "))");
    }

   private:
    pg_backend& s_;
    // A document's fields changed: what was read ahead of them is no longer true.
    void forget_ahead(std::int64_t document) {
      fields_ahead_.erase(fields_ahead_.lower_bound({document, std::string()}),
                          fields_ahead_.lower_bound({document + 1, std::string()}));
    }

    // A translation inserted in this transaction that still waits for COPY.
    void with_waiting(const field_row& f, std::string_view locale, std::optional<translation_row>& t) const {
      if (t) return;
      if (auto waiting = s_.pending_rows_.find({f.id, std::string(locale)}); waiting != s_.pending_rows_.end())
        t = waiting->second;
    }

    const std::string now_;
    // What prefetch() read, each answered once, and forgotten when the
    // document's fields change before that.
    std::map<std::string, std::optional<document_row>> rows_ahead_;
    std::map<std::pair<std::int64_t, std::string>, std::vector<std::pair<field_row, std::optional<translation_row>>>>
        fields_ahead_;
    std::map<std::int64_t, std::int64_t> field_owner_;  // field id -> document id, of what was read ahead
  };

  std::string uri_;        // as given: libpq reads it, never shown
  std::string shown_uri_;  // without its password
  store_options options_;
  connection db_;
  std::optional<content_schema> schema_;
  std::string pending_history_, pending_translations_;                            // rows for COPY
  std::map<std::pair<std::int64_t, std::string>, translation_row> pending_rows_;  // field, locale: a waiting insert
  std::set<std::int64_t> touched_;                                                // documents whose updated_at is due
  std::string touched_at_;                         // the time of the write that touched them
  std::int64_t batch_ = 0;                         // batch of the write in progress, 0 when none
  bool in_transaction_ = false;                    // a snapshot or a write is open on db_
  std::optional<content_schema> restored_schema_;  // copied in by restore(), ours once committed
};

}  // namespace

result<std::unique_ptr<store>> open(std::string_view uri, const store_options& options) {
  auto backend = std::make_unique<pg_backend>(std::string(uri), options);
  if (auto st = backend->init(); !st) return st.err();
  return std::unique_ptr<store>(std::move(backend));
}

}  // namespace glossa::pg_store
