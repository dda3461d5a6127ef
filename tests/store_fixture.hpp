// What the store and write tests share: inputs, a snapshot of everything a
// store holds, a fixture that opens each backend in turn, and the engine's
// write functions under short names.
#pragma once

#include <gtest/gtest.h>

#include <glossa/store.hpp>
#include <string>
#include <vector>

#include "engine/write.hpp"
#include "postgres_support.hpp"
#include "test_support.hpp"

namespace glossa::test {

inline document_input page(const std::string& key, const std::string& title, const std::string& body = "<p>Body</p>") {
  document_input d;
  d.type = "page";
  d.key = key;
  d.source_locale = "en";
  d.fields = {{"title", title, {}}, {"slug", key, {}}, {"body", body, {}}};
  return d;
}

inline document_input translate(const std::string& key, const std::string& field, const std::string& locale,
                                const std::string& text, translation_state state = translation_state::translated) {
  document_input d;
  d.type = "page";
  d.key = key;
  translation_input t;
  t.field = field;
  t.locale = locale;
  t.text = text;
  t.state = state;
  d.translations.push_back(t);
  return d;
}

// A snapshot of everything observable, to compare "before" and "after".
inline std::string snapshot(store& s) {
  std::string out;
  auto docs = s.list_documents();
  for (const auto& summary : *docs) {
    auto d = s.find_document(summary.key);
    out += d->key + "|" + d->type + "|" + d->source_locale + "\n";
    for (const auto& f : d->fields) {
      out += "  " + f.name + "=" + f.value + "@" + f.revision + "\n";
      for (const auto& t : f.translations)
        out +=
            "    " + t.locale + ":" + t.text + ":" + std::string(to_string(t.state)) + ":" + t.source_revision + "\n";
    }
    out += "  history=" + std::to_string(s.history(summary.key)->size()) + "\n";
  }
  return out;
}

inline result<write_report> write(store& s, const std::vector<document_input>& documents,
                                  const write_options& options = {}) {
  return detail::write_documents(s, documents, options);
}
inline result<write_report> write_each(store& s, const std::function<bool(document_input&)>& next,
                                       const write_options& options = {}) {
  return detail::write_each(s, next, options);
}
inline result<write_report> undo(store& s, std::int64_t batch, const write_options& options = {}) {
  return detail::undo_batch(s, batch, options);
}

/// Every backend, by URI ("{dir}": a fresh temporary folder; "{postgresql}":
/// a fresh database on the tests' PostgreSQL, postgres_support.hpp).
inline const std::vector<std::string>& backend_uris() {
  static const std::vector<std::string> uris{"sqlite::memory:", "sqlite:{dir}/store.db", "{postgresql}"};
  return uris;
}
inline std::string backend_name(const ::testing::TestParamInfo<std::string>& p) {
  static const char* const names[] = {"memory", "file", "postgresql"};
  return names[p.index];
}
inline bool is_postgresql(const std::string& param) { return param == "{postgresql}"; }

/// A fixture with one store per test, opened on the backend the parameter names.
class on_each_backend : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    uri_ = GetParam();
    auto pos = uri_.find("{dir}");
    if (pos != std::string::npos) uri_.replace(pos, 5, dir_.path().string());
    if (is_postgresql(uri_)) uri_ = database_ = fresh_postgres_database();
    auto s = open_store(uri_);
    ASSERT_TRUE(s) << s.err().to_string();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    if (!database_.empty()) drop_postgres_database(database_);
  }
  store& st() { return *store_; }

  test::temp_dir dir_;
  std::string uri_;
  std::unique_ptr<store> store_;
  std::string database_;  // a PostgreSQL database made for the test
};

}  // namespace glossa::test
