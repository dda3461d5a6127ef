#include "i18n/words.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "core/rich_text.hpp"
#include "core/utf8.hpp"
#include "i18n/icu_util.hpp"
#include "i18n/message_ast.hpp"

namespace glossa::detail {

struct word_counter::impl {
  std::unique_ptr<icu::BreakIterator> it;
};

word_counter::word_counter(std::string_view locale) : impl_(std::make_unique<impl>()) {
  impl_->it = word_break(locale);
}

word_counter::~word_counter() = default;
word_counter::word_counter(word_counter&&) noexcept = default;
word_counter& word_counter::operator=(word_counter&&) noexcept = default;

std::size_t word_counter::count(std::string_view text) {
  if (!impl_ || !impl_->it || text.empty()) return 0;
  auto& it_ = impl_->it;
  icu::UnicodeString u = to_icu(text);
  it_->setText(u);
  std::size_t words = 0;
  for (int32_t end = it_->next(); end != icu::BreakIterator::DONE; end = it_->next())
    if (it_->getRuleStatus() != UBRK_WORD_NONE) ++words;
  return words;
}

namespace {
bool all_space(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (!u_isUWhiteSpace(static_cast<UChar32>(decode_utf8(s, i)))) return false;
  return true;
}
}  // namespace

void word_counter::tokens(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  if (!impl_ || !impl_->it || text.empty()) return;
  UErrorCode st = U_ZERO_ERROR;
  // Over UTF-8 directly, so the iterator's offsets are byte offsets.
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &st);
  if (U_FAILURE(st)) return;
  impl_->it->setText(ut, st);
  if (U_FAILURE(st)) {
    utext_close(ut);
    return;
  }
  int32_t start = impl_->it->first();
  for (int32_t end = impl_->it->next(); end != icu::BreakIterator::DONE; start = end, end = impl_->it->next()) {
    auto token = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
    if (impl_->it->getRuleStatus() != UBRK_WORD_NONE || !all_space(token)) out.push_back(token);
  }
  utext_close(ut);  // the iterator keeps a shallow copy, not read again before the next setText
}

std::size_t count_words(std::string_view text, std::string_view locale) { return word_counter(locale).count(text); }

namespace {
// A message's `other` form: arguments and '#' as spaces (for counting
// words), or as they are written (for showing to people).
void visible_message(const msg_node& node, std::string& out, bool show_arguments = false) {
  for (const auto& it : node) {
    switch (it.type) {
      case msg_item::kind::text:
        out += it.text;
        break;
      case msg_item::kind::arg:
        out += show_arguments ? it.text : " ";
        break;
      case msg_item::kind::pound:
        out += show_arguments ? "#" : " ";
        break;
      case msg_item::kind::complex: {
        if (it.branches.empty()) break;
        const msg_node* chosen = &it.branches.back().second;
        for (const auto& [sel, b] : it.branches)
          if (sel == "other") chosen = &b;
        visible_message(*chosen, out, show_arguments);
        break;
      }
    }
  }
}
}  // namespace

std::string shown_source(std::string_view value, field_kind kind) {
  if (kind != field_kind::message) return visible_source(value, kind);
  auto tree = parse_message(value);
  if (!tree) return std::string(value);
  std::string out;
  visible_message(*tree, out, true);
  return out;
}

std::string visible_source(std::string_view value, field_kind kind) {
  std::string out;
  if (kind == field_kind::rich_text) {
    std::vector<rich_token> tokens;
    if (tokenize_rich_text(value, tokens)) return std::string(value);
    for (const auto& t : tokens) {
      if (t.type == rich_token::kind::text)
        out += decode_entities(t.raw);
      else
        out += ' ';
    }
    return out;
  }
  if (kind == field_kind::message) {
    auto tree = parse_message(value);
    if (!tree) return std::string(value);
    visible_message(*tree, out);
    return out;
  }
  return std::string(value);
}

bool has_letter(std::string_view text) {
  for (std::size_t i = 0; i < text.size();)
    if (u_isalpha(static_cast<UChar32>(decode_utf8(text, i)))) return true;
  return false;
}

}  // namespace glossa::detail
