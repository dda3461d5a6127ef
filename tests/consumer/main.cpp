// Uses the public API only: opens an in-memory store, imports a document,
// reads it back in French with fallback. Exits 0 when everything matched.
#include <glossa/glossa.hpp>
#include <iostream>

int main() {
  auto st = glossa::open_store("sqlite::memory:");
  if (!st) {
    std::cerr << st.err().to_string() << "\n";
    return 1;
  }
  glossa::engine e(std::move(*st));
  auto r = e.import_content(R"({"documents": [{"type": "page", "key": "about", "source_locale": "en",
      "fields": {"title": "About us", "slug": "about", "body": "<p>Hello</p>"},
      "translations": {"fr": {"title": "À propos"}}}]})",
                            "inline.json");
  if (!r || r->created != 1) {
    std::cerr << "import failed\n";
    return 1;
  }
  glossa::localize_options o;
  o.locale = "fr-CA";
  auto d = e.localize("about", o);
  if (!d) {
    std::cerr << d.err().to_string() << "\n";
    return 1;
  }
  for (const auto& f : d->fields) {
    // French text for a reader of fr-CA: supplied by fr, and no fallback (same language).
    if (f.name == "title" && (f.text != "À propos" || f.locale != "fr" || f.fallback)) return 1;
    if (f.name == "body" && (f.locale != "en" || f.fallback_reason != "missing")) return 1;
  }
  std::cout << "consumer ok: glossa " << GLOSSA_VERSION_STRING << "\n";
  return 0;
}
