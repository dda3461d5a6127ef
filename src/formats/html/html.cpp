// A localized document as an HTML fragment. Rich text is Glossa's validated
// subset and goes in as markup; everything else is escaped. Direction is
// explicit: lang/dir on the article and on every field whose language
// differs, <bdi> around left-to-right values inside right-to-left text.
#include "glossa/report.hpp"

namespace glossa {

namespace {
std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}
}  // namespace

std::string to_html(const localized_document& doc) {
  std::string dir(to_string(doc.dir));
  std::string out = "<article class=\"glossa-document glossa-" + escape(doc.type) + "\" lang=\"" + escape(doc.requested_locale) +
                    "\" dir=\"" + dir + "\" data-key=\"" + escape(doc.key) + "\">\n";
  for (const auto& f : doc.fields) {
    if (f.hidden) continue;
    std::string attrs = " class=\"field field-" + escape(f.name) + "\"";
    bool other_language = !f.lang.empty() && f.lang != doc.requested_locale;
    if (other_language || f.dir != doc.dir) attrs += " lang=\"" + escape(f.lang) + "\" dir=\"" + std::string(to_string(f.dir)) + "\"";
    if (f.fallback) attrs += " data-fallback=\"" + escape(f.fallback_reason) + "\"";
    const char* tag = f.kind == field_kind::rich_text ? "div" : "p";
    out += "  <" + std::string(tag) + attrs + ">";
    if (f.kind == field_kind::rich_text) {
      out += f.formatted;
    } else if (!f.translatable && doc.dir == text_direction::rtl) {
      // Locale-neutral values (references, codes, e-mail) keep their own direction.
      out += "<bdi>" + escape(f.formatted) + "</bdi>";
    } else {
      out += escape(f.formatted);
    }
    out += "</" + std::string(tag) + ">\n";
  }
  return out + "</article>\n";
}

std::string to_html_page(const localized_document& doc) {
  std::string title = doc.key;
  for (const auto& f : doc.fields)
    if ((f.name == "title" || f.name == "name") && !f.hidden) {
      title = f.formatted;
      break;
    }
  std::string dir(to_string(doc.dir));
  return "<!DOCTYPE html>\n<html lang=\"" + escape(doc.requested_locale) + "\" dir=\"" + dir +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title) + "</title>\n</head>\n<body>\n" + to_html(doc) +
         "</body>\n</html>\n";
}

}  // namespace glossa
