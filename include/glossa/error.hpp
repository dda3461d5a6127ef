// Glossa's errors: one closed list of codes, and results that carry them.
//
// Expected failures (bad input, a missing document, a busy store) are values:
// every fallible call returns `result<T>` or `status`, never throws for them.
// Misuse (reading the value of a failed result) throws `bad_result_access`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace glossa {

/// Error codes. The list only grows; a code is never renumbered or reused.
/// Applications map them to exit codes and HTTP statuses in one table each.
enum class errc : int {
  ok = 0,                  ///< no error
  io_error = 1,            ///< a file could not be opened, read or written
  invalid_utf8 = 2,        ///< input bytes are not valid UTF-8
  json_syntax = 3,         ///< input is not well-formed JSON
  invalid_content = 4,     ///< well-formed input of the wrong shape (missing member, wrong JSON type)
  unknown_type = 5,        ///< a document type the content schema does not declare
  unknown_field = 6,       ///< a field its document type does not declare
  invalid_value = 7,       ///< a value of the wrong kind: not a date, unknown currency, bad state...
  invalid_locale = 8,      ///< a locale tag that is not well-formed BCP 47 or names no known language
  not_found = 9,           ///< no such document, field or translation
  store_error = 10,        ///< the store failed (cannot open, corrupt, disk full, I/O error)
  store_busy = 11,         ///< the store is locked by another writer for longer than the timeout
  store_version = 12,      ///< the store was written by a newer Glossa, or by an older one and is open read-only
  invalid_schema = 13,     ///< the content schema file itself is invalid
  cancelled = 14,          ///< the caller cancelled the operation; nothing was written
  invalid_argument = 15,   ///< an argument outside its domain (empty key, unknown option value)
  control_character = 16,  ///< text holds NUL or another C0/C1 control character
  too_long = 17,           ///< text is longer than the field's max_length
  qa_failed = 18,          ///< a translation fails an error-level quality check (placeholders, markup, bidi...)
  invalid_xliff = 19,      ///< well-formed XLIFF that breaks its version's rules (structure, ids, inline codes)
  too_large = 20,          ///< an input over the configured size limit (refused before it is read whole)
  unknown_locale = 21,     ///< a well-formed locale that no configured locale of its language serves
  store_unavailable = 22,  ///< the store cannot be opened right now (moved, locked, out of file descriptors, needs an
                           ///< upgrade): retry later
  not_a_file = 23,         ///< an input path names a directory or a device that is not a stream
};

/// Stable identifier of a code, e.g. "invalid_utf8" (used in JSON reports).
std::string_view to_string(errc code) noexcept;

/// Where an error is: a file position and/or a path inside the input.
/// Fields are empty/zero when unknown. Lines and columns count from 1;
/// columns count Unicode code points.
struct location {
  std::string file;          ///< file name as given by the caller ("-" for standard input)
  std::uint32_t line = 0;    ///< 1-based line, 0 if unknown
  std::uint32_t column = 0;  ///< 1-based column in code points, 0 if unknown
  std::string path;          ///< JSON pointer ("/documents/3/fields/title") or unit id
  /// Byte offset in the text that was checked (a value, a document), when
  /// known: a check of one value sets it, and the reader of the file around
  /// the value turns it into a line and column. Not part of to_string().
  std::optional<std::size_t> offset;

  location() = default;
  location(std::string file_, std::uint32_t line_ = 0, std::uint32_t column_ = 0, std::string path_ = {})
      : file(std::move(file_)), line(line_), column(column_), path(std::move(path_)) {}

  bool empty() const noexcept { return file.empty() && line == 0 && path.empty(); }
  /// "file:line:column (path)", leaving out what is unknown.
  std::string to_string() const;
};

/// An error: code, human-readable message (English; says what is wrong and
/// what to do) and location. A default-constructed error means success.
struct error {
  errc code = errc::ok;
  std::string message;
  location where;

  error() = default;
  error(errc c, std::string msg, location loc = {}) : code(c), message(std::move(msg)), where(std::move(loc)) {}

  bool ok() const noexcept { return code == errc::ok; }
  /// "file:3:14: invalid_value: closing date ... (/documents/2/fields/closing)".
  std::string to_string() const;
};

/// Thrown only on misuse: reading the value of a failed result, or the
/// error of a successful one.
class bad_result_access : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// A value or an error. Defaults to nothing: construct it from one of them.
template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  result(error err) : v_(std::in_place_index<1>, std::move(err)) {
    if (std::get<1>(v_).ok()) throw bad_result_access("result built from an ok error");
  }

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & {
    check();
    return std::get<0>(v_);
  }
  const T& value() const& {
    check();
    return std::get<0>(v_);
  }
  T&& value() && {
    check();
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const error& err() const {
    if (ok()) throw bad_result_access("err() on a successful result");
    return std::get<1>(v_);
  }

 private:
  void check() const {
    if (!ok()) throw bad_result_access("value() on a failed result: " + std::get<1>(v_).to_string());
  }
  std::variant<T, error> v_;
};

/// Success or an error, for calls that return nothing else.
class [[nodiscard]] status {
 public:
  status() = default;
  status(error err) : err_(std::move(err)) {}
  bool ok() const noexcept { return err_.ok(); }
  explicit operator bool() const noexcept { return ok(); }
  const error& err() const noexcept { return err_; }

 private:
  error err_;
};

}  // namespace glossa
