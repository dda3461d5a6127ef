// The generated store of the coverage benches: `documents` x 4 fields
// (title, summary, body, positions) like the example jobs, each translated
// into fr, es and ar; states vary, and about 5% of translations are stale.
#pragma once

#include <algorithm>
#include <glossa/glossa.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

inline const glossa::content_schema& coverage_schema() {
  static const glossa::content_schema s = *glossa::content_schema::parse(R"({"format": "glossa-schema", "version": 1,
    "types": [{"name": "item", "fields": [
      {"name": "title", "kind": "text", "translatable": true},
      {"name": "summary", "kind": "rich_text", "translatable": true},
      {"name": "body", "kind": "rich_text", "translatable": true},
      {"name": "positions", "kind": "message", "translatable": true}]}]})");
  return s;
}

// Source texts like the example content: a title, paragraphs with markup, a plural message.
inline std::vector<glossa::field_input> source_fields(int d) {
  std::string n = std::to_string(d);
  return {{"title", "Programme Officer " + n + ", Drylands Restoration", {}},
          {"summary",
           "<p>The <strong>Drylands Programme</strong> seeks an officer to coordinate restoration work in " + n +
               " pilot sites across the Sahel.</p>",
           {}},
          {"body",
           "<p>You will plan field missions, manage <em>partner agreements</em> and report to the Director.</p>"
           "<ul><li>Five years of experience.</li><li>Fluency in English and French.</li></ul>",
           {}},
          {"positions", "{count, plural, one {# position} other {# positions}}", {}}};
}

struct locale_text {
  const char* locale;
  const char* title;
  const char* summary;
  const char* body;
  const char* positions;
};
inline const locale_text translations[] = {
    {"fr", "Chargé(e) de programme, restauration des terres arides",
     "<p>Le <strong>Programme des terres arides</strong> recrute pour coordonner la restauration de sites pilotes au "
     "Sahel.</p>",
     "<p>Vous planifierez des missions, gérerez des <em>accords de partenariat</em> et rendrez compte au Directeur.</p>"
     "<ul><li>Cinq ans d’expérience.</li><li>Maîtrise de l’anglais et du français.</li></ul>",
     "{count, plural, one {# poste} many {# de postes} other {# postes}}"},
    {"es", "Oficial de Programa, restauración de tierras secas",
     "<p>El <strong>Programa de Tierras Secas</strong> busca un oficial para coordinar la restauración de sitios "
     "piloto en el Sahel.</p>",
     "<p>Planificará misiones, gestionará <em>acuerdos con asociados</em> e informará al Director.</p>"
     "<ul><li>Cinco años de experiencia.</li><li>Dominio del inglés y del francés.</li></ul>",
     "{count, plural, one {# puesto} many {# de puestos} other {# puestos}}"},
    {"ar", "موظف برامج، استصلاح الأراضي الجافة",
     "<p>يسعى <strong>برنامج الأراضي الجافة</strong> إلى توظيف موظف لتنسيق أعمال الاستصلاح في مواقع تجريبية في منطقة "
     "الساحل.</p>",
     "<p>ستخطط للبعثات الميدانية وتدير <em>اتفاقات الشراكة</em> وترفع تقاريرك إلى المدير.</p>"
     "<ul><li>خبرة خمس سنوات.</li><li>إتقان الإنكليزية والفرنسية.</li></ul>",
     "{count, plural, zero {لا وظائف} one {وظيفة واحدة} two {وظيفتان} few {# وظائف} many {# وظيفة} other {# وظيفة}}"},
};

// Document `d` of the generated store, with its 12 translations.
inline glossa::document_input generated_document(int d) {
  static const char* const names[] = {"title", "summary", "body", "positions"};
  glossa::document_input doc;
  doc.type = "item";
  doc.key = "item-" + std::to_string(d);
  doc.source_locale = "en";
  doc.fields = source_fields(d);
  int k = 0;
  for (const auto& t : translations) {
    const char* texts[] = {t.title, t.summary, t.body, t.positions};
    for (int f = 0; f < 4; ++f, ++k) {
      glossa::translation_input ti;
      ti.field = names[f];
      ti.locale = t.locale;
      ti.text = texts[f];
      ti.state = static_cast<glossa::translation_state>((d + k) % 4);
      if ((d * 12 + k) % 20 == 0) ti.source_revision = "0000000000000000";  // stale
      doc.translations.push_back(std::move(ti));
    }
  }
  return doc;
}

// Writes documents 0 .. documents-1 into the store behind `e`, 5,000 at a time.
inline void fill_store(glossa::engine& e, int documents) {
  constexpr int chunk = 5000;
  for (int start = 0; start < documents; start += chunk) {
    std::vector<glossa::document_input> in;
    for (int d = start; d < std::min(documents, start + chunk); ++d) in.push_back(generated_document(d));
    auto r = e.write(in, {});
    if (!r) throw std::runtime_error(r.err().to_string());
  }
}

}  // namespace bench
