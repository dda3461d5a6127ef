// Use case: move a store to another backend (SQLite <-> PostgreSQL), every
// table the store carries, in one transaction on the target, then checked.
#include <map>

#include "glossa/coverage.hpp"
#include "glossa/engine.hpp"

namespace glossa {

namespace {

// Rows per carried table, read through one snapshot.
result<std::map<std::string, std::size_t>> row_counts(store& st) {
  std::map<std::string, std::size_t> counts;
  for (const auto& t : store::carried_tables()) counts[t] = 0;
  status read = st.dump([&](const table_chunk& c) { counts[c.table] += c.rows.size(); });
  if (!read) return read.err();
  return counts;
}

// A store copy leaves nothing behind: a source table the copy would not
// carry is refused before anything is written.
status check_carried(store& source) {
  auto extra = source.uncarried_tables();
  if (!extra) return extra.err();
  if (extra->empty()) return {};
  std::string list;
  for (const auto& t : *extra) list += (list.empty() ? "" : ", ") + t;
  return error(errc::invalid_argument, "the store holds tables the copy does not carry: " + list);
}

status check_empty(store& target) {
  auto counts = row_counts(target);
  if (!counts) return counts.err();
  for (const auto& [table, n] : *counts)
    if (table != "meta" && n > 0)
      return error(errc::invalid_argument, "the target store is not empty (" + std::to_string(n) + " rows in " + table +
                                               "); copy into a new store");
  return {};
}

// The same documents, translations, history and coverage on both sides.
status check_same(engine& from, engine& to, const std::map<std::string, std::size_t>& copied) {
  auto counts = row_counts(to.storage());
  if (!counts) return counts.err();
  for (const auto& [table, n] : copied)
    if (counts->at(table) != n)
      return error(errc::store_error, "the copy holds " + std::to_string(counts->at(table)) + " rows of " + table +
                                          " where the source holds " + std::to_string(n));
  auto a = from.export_content(), b = to.export_content();
  if (!a) return a.err();
  if (!b) return b.err();
  if (*a != *b) return error(errc::store_error, "the copy's content export differs from the source's");
  auto ca = from.coverage({}), cb = to.coverage({});
  if (!ca) return ca.err();
  if (!cb) return cb.err();
  if (to_json(*ca) != to_json(*cb)) return error(errc::store_error, "the copy's coverage differs from the source's");
  return {};
}

}  // namespace

result<copy_report> engine::copy_store_to(engine& target,
                                          const std::function<void(const std::string&, std::size_t)>& progress) {
  if (auto carried = check_carried(*store_); !carried) return carried.err();
  if (auto empty = check_empty(*target.store_); !empty) return empty.err();
  std::map<std::string, std::size_t> copied;
  copy_report report;
  status written = target.store_->transact(true, [&](store_transaction& tx) -> status {
    return store_->dump([&](const table_chunk& chunk) {
      tx.restore(chunk);
      copied[chunk.table] += chunk.rows.size();
      if (progress) progress(chunk.table, copied[chunk.table]);
    });
  });
  if (!written) return written.err();
  for (const auto& t : store::carried_tables()) report.rows.emplace_back(t, copied[t]);
  if (auto same = check_same(*this, target, copied); !same) return same.err();
  return report;
}

}  // namespace glossa
