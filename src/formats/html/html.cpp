// A localized document as an HTML fragment. Rich text is Glossa's validated
// subset and goes in as markup; everything else is escaped. Direction is
// explicit: lang/dir on the article and on every field whose language
// differs, <bdi> around left-to-right values inside right-to-left text.
#include "formats/html/escape.hpp"
#include "glossa/format.hpp"
#include "glossa/locale.hpp"
#include "glossa/report.hpp"

namespace glossa {

namespace {
// lang (and dir, when it differs) for text in `lang` inside a document in `doc_lang`.
std::string language_attributes(const std::string& lang, const localized_document& doc) {
  if (lang.empty() || language_of(lang) == language_of(doc.requested_locale)) return {};
  auto f = formatter::for_locale(lang);
  text_direction d = f ? (*f)->direction() : text_direction::ltr;
  return " lang=\"" + detail::html_escape(lang) + "\"" +
         (d != doc.dir ? " dir=\"" + std::string(to_string(d)) + "\"" : "");
}
}  // namespace

std::string to_html(const localized_document& doc, const html_options& options) {
  std::string dir(to_string(doc.dir));
  std::string out = "<article class=\"glossa-document glossa-" + detail::html_escape(doc.type) + "\" lang=\"" +
                    detail::html_escape(doc.requested_locale) + "\" dir=\"" + dir + "\" data-key=\"" +
                    detail::html_escape(doc.key) + "\">\n";
  for (const auto& f : doc.fields) {
    if (f.hidden || (!f.for_readers && !options.all_fields)) continue;
    // Each field under its label, in the reader's language where there is one.
    if (!f.label.empty())
      out += "  <h3 class=\"label label-" + detail::html_escape(f.name) + "\"" +
             language_attributes(f.label_lang, doc) + ">" + detail::html_escape(f.label) + "</h3>\n";
    std::string attrs = " class=\"field field-" + detail::html_escape(f.name) + "\"";
    bool other_language = !f.lang.empty() && f.lang != doc.requested_locale;
    if (other_language || f.dir != doc.dir)
      attrs += " lang=\"" + detail::html_escape(f.lang) + "\" dir=\"" + std::string(to_string(f.dir)) + "\"";
    if (f.fallback) attrs += " data-fallback=\"" + detail::html_escape(f.fallback_reason) + "\"";
    const char* tag = f.kind == field_kind::rich_text ? "div" : "p";
    out += "  <" + std::string(tag) + attrs + ">";
    if (f.kind == field_kind::rich_text) {
      out += f.formatted;
    } else if (!f.translatable && doc.dir == text_direction::rtl) {
      // Locale-neutral values (references, codes, e-mail) keep their own direction.
      out += "<bdi>" + detail::html_escape(f.formatted) + "</bdi>";
    } else {
      out += detail::html_escape(f.formatted);
    }
    out += "</" + std::string(tag) + ">\n";
  }
  return out + "</article>\n";
}

std::string to_html_page(const localized_document& doc, const html_options& options) {
  std::string title = doc.key;
  for (const auto& f : doc.fields)
    if ((f.name == "title" || f.name == "name") && !f.hidden) {
      title = f.formatted;
      break;
    }
  std::string dir(to_string(doc.dir));
  return "<!DOCTYPE html>\n<html lang=\"" + detail::html_escape(doc.requested_locale) + "\" dir=\"" + dir +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + detail::html_escape(title) + "</title>\n</head>\n<body>\n" +
         to_html(doc, options) + "</body>\n</html>\n";
}

}  // namespace glossa
