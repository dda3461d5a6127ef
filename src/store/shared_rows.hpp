// What both store backends read the same way: the SQL that finds a history
// entry's new text, and the order of a document's fields and translations.
#pragma once

#include <cstdint>
#include <vector>

#include "glossa/model.hpp"

// The new text of the history entry `h`. An entry that created a translation
// keeps no copy of it (NULL): the text is the old_text of the next entry for
// the same translation (an update, or an undo's delete), or the translation
// itself while none has replaced it. A macro, to be spliced into statement
// literals (the backends cache statements by their address). Standard SQL:
// SQLite and PostgreSQL run it alike.
#define GLOSSA_HISTORY_NEW_TEXT                                                                                   \
  "coalesce(h.new_text, (SELECT n.old_text FROM history n WHERE n.document_key = h.document_key AND n.field = "   \
  "h.field AND n.locale = h.locale AND n.id > h.id ORDER BY n.id LIMIT 1), (SELECT t.text FROM translations t "   \
  "JOIN fields f ON f.id = t.field_id JOIN documents d ON d.id = f.document_id WHERE d.key = h.document_key AND " \
  "f.name = h.field AND t.locale = h.locale), '')"

namespace glossa::detail {

/// Puts a document read in bulk in the order a lookup of one document gives:
/// fields by schema position (`position`, beside the fields) then name,
/// translations by locale.
void put_in_stored_order(document& doc, const std::vector<std::int64_t>& position);

}  // namespace glossa::detail
