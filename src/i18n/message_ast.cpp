#include "i18n/message_ast.hpp"

#include <unicode/messagepattern.h>
#include <unicode/parseerr.h>

#include <algorithm>
#include <memory>
#include <set>

#include "core/utf8.hpp"
#include "i18n/icu_util.hpp"

namespace glossa::detail {

namespace {

class message_parser {
 public:
  explicit message_parser(std::string_view text) : u_(to_icu(text)) {}

  result<msg_node> parse() {
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe{};
    pattern_ = std::make_unique<icu::MessagePattern>(u_, &pe, st);
    if (U_FAILURE(st)) return error(errc::invalid_value, std::string("not a valid ICU message: ") + u_errorName(st));
    int32_t i = 0;
    return node(i, "");
  }

 private:
  std::string sub(int32_t from, int32_t to) { return from_icu(u_.tempSubString(from, to - from)); }

  // Parses from the MSG_START at index i to its MSG_LIMIT; leaves i on the limit.
  msg_node node(int32_t& i, const std::string& plural_arg) {
    msg_node out;
    int32_t prev = pattern_->getPart(i).getLimit();
    auto text_until = [&](int32_t idx) {
      if (idx > prev) append_text(out, sub(prev, idx));
    };
    for (++i;; ++i) {
      const auto& p = pattern_->getPart(i);
      auto t = p.getType();
      if (t == UMSGPAT_PART_TYPE_MSG_LIMIT) {
        text_until(p.getIndex());
        return out;
      }
      if (t == UMSGPAT_PART_TYPE_SKIP_SYNTAX) {
        text_until(p.getIndex());
        prev = p.getLimit();
      } else if (t == UMSGPAT_PART_TYPE_INSERT_CHAR) {
        text_until(p.getIndex());
        append_text(out, from_icu(icu::UnicodeString(static_cast<UChar32>(p.getValue()))));
        prev = p.getIndex();
      } else if (t == UMSGPAT_PART_TYPE_REPLACE_NUMBER) {
        text_until(p.getIndex());
        msg_item it;
        it.type = msg_item::kind::pound;
        it.name = plural_arg;
        out.push_back(std::move(it));
        prev = p.getLimit();
      } else if (t == UMSGPAT_PART_TYPE_ARG_START) {
        text_until(p.getIndex());
        int32_t limit = pattern_->getLimitPartIndex(i);
        auto arg_type = p.getArgType();
        const auto& name_part = pattern_->getPart(i + 1);
        std::string name = sub(name_part.getIndex(), name_part.getLimit());
        msg_item it;
        it.name = name;
        if (arg_type == UMSGPAT_ARG_TYPE_NONE || arg_type == UMSGPAT_ARG_TYPE_SIMPLE ||
            arg_type == UMSGPAT_ARG_TYPE_CHOICE) {
          it.type = msg_item::kind::arg;
          it.text = sub(p.getIndex(), pattern_->getPart(limit).getLimit());
        } else {
          it.type = msg_item::kind::complex;
          it.style = arg_type == UMSGPAT_ARG_TYPE_SELECT          ? "select"
                     : arg_type == UMSGPAT_ARG_TYPE_SELECTORDINAL ? "selectordinal"
                                                                  : "plural";
          bool plural = it.style != "select";
          std::string selector;
          for (int32_t j = i + 2; j < limit; ++j) {
            const auto& q = pattern_->getPart(j);
            auto qt = q.getType();
            if ((qt == UMSGPAT_PART_TYPE_ARG_INT || qt == UMSGPAT_PART_TYPE_ARG_DOUBLE) && selector.empty() &&
                j == i + 2)
              it.offset = sub(q.getIndex(), q.getLimit());
            else if (qt == UMSGPAT_PART_TYPE_ARG_SELECTOR)
              selector = sub(q.getIndex(), q.getLimit());
            else if (qt == UMSGPAT_PART_TYPE_MSG_START) {
              msg_node branch = node(j, plural ? name : plural_arg);
              it.branches.emplace_back(selector, std::move(branch));
              selector.clear();
            }
          }
        }
        out.push_back(std::move(it));
        i = limit;
        prev = pattern_->getPart(limit).getLimit();
      }
    }
  }

  static void append_text(msg_node& out, const std::string& s) {
    if (!out.empty() && out.back().type == msg_item::kind::text)
      out.back().text += s;
    else {
      msg_item it;
      it.text = s;
      out.push_back(std::move(it));
    }
  }

  icu::UnicodeString u_;
  std::unique_ptr<icu::MessagePattern> pattern_;
};

void collect_arguments(const msg_node& n, std::set<std::string>& out) {
  for (const auto& it : n) {
    if (it.type == msg_item::kind::arg || it.type == msg_item::kind::complex) out.insert(it.name);
    for (const auto& [sel, b] : it.branches) collect_arguments(b, out);
  }
}

}  // namespace

result<msg_node> parse_message(std::string_view text) { return message_parser(text).parse(); }

std::size_t message_display_length(const msg_node& node) {
  std::size_t n = 0;
  for (const auto& it : node) {
    switch (it.type) {
      case msg_item::kind::text:
        n += count_graphemes(it.text);
        break;
      case msg_item::kind::arg:
      case msg_item::kind::pound:
        n += 1;
        break;
      case msg_item::kind::complex: {
        std::size_t longest = 0;
        for (const auto& [sel, b] : it.branches) longest = std::max(longest, message_display_length(b));
        n += longest;
        break;
      }
    }
  }
  return n;
}

std::vector<std::string> message_arguments(const msg_node& node) {
  std::set<std::string> s;
  collect_arguments(node, s);
  return {s.begin(), s.end()};
}

}  // namespace glossa::detail
