#include "apps/server/routes.hpp"

#include <array>
#include <boost/json.hpp>
#include <memory>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "apps/shell/messages.hpp"
#include "glossa/glossa.hpp"

#define N_(s) s  // marked for the catalogs (locales/update-pot.sh)

namespace glossa::server {

namespace {
using shell::tr;

// ---- store connections

// Each thread has its own store connections (a store is not thread-safe):
// a read-only one for reads, a read-write one opened for the first
// authorized write. A failed open is retried by the next request.
struct thread_engines {
  std::unique_ptr<engine> reader, writer;
};
thread_local thread_engines engines;

result<engine*> thread_engine(const server_context& ctx, bool write) {
  auto& e = write ? engines.writer : engines.reader;
  if (!e) {
    store_options so;
    so.create_if_missing = false;
    so.read_only = !write;
    auto st = open_store(store_uri(ctx.opts.db), so);
    if (!st)
      return error(st.err().code == errc::store_busy ? errc::store_busy : errc::store_unavailable,
                   "the store cannot be opened: " + st.err().message);
    e = std::make_unique<engine>(std::move(*st));
    e->set_qa_options(ctx.qa);
  }
  return e.get();
}

// After the store failed under a connection (moved, upgraded by a newer
// Glossa, corrupt), the next request opens a new one.
void drop_thread_engines() {
  engines.reader.reset();
  engines.writer.reset();
}

// ---- the routes

struct call {
  const server_context& ctx;
  const request& req;
  const target& t;
  engine* e;  // null for routes that need no store
};
using handler = result<response> (*)(const call&);

std::string query(const target& t, const char* name) {
  auto it = t.query.find(name);
  return it == t.query.end() ? std::string() : it->second;
}

// A comma-separated parameter's items, empty ones included ("a,,b" has
// three); none when the parameter is absent or empty.
std::vector<std::string> query_list(const target& t, const char* name) {
  std::string list = query(t, name);
  std::vector<std::string> out;
  for (std::size_t start = 0; !list.empty() && start <= list.size();) {
    auto end = std::min(list.find(',', start), list.size());
    out.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

localize_options localization(const request& req, const target& t) {
  localize_options o;
  if (auto it = t.query.find("locale"); it != t.query.end())
    o.locale = it->second;
  else
    o.accept_language = std::string(req[http::field::accept_language]);
  if (auto it = t.query.find("stale"); it != t.query.end())
    if (auto p = parse_stale_policy(it->second)) o.stale = *p;
  return o;
}

// The UI language asked for (?lang=) or negotiated from Accept-Language
// among Glossa's UI languages.
std::string ui_language_of(const request& req, const target& t) {
  std::string lang = query(t, "lang");
  if (lang.empty()) lang = negotiate_locale(req[http::field::accept_language]);
  lang = lang.substr(0, lang.find('-'));
  return lang == "ar" || lang == "fr" || lang == "es" ? lang : "en";
}

result<coverage_options> coverage_request(const target& t) {
  coverage_options o;
  for (auto& l : query_list(t, "locale"))
    if (!l.empty()) o.locales.push_back(std::move(l));
  o.type = query(t, "type");
  auto by = parse_coverage_grouping(query(t, "by").empty() ? "locale" : query(t, "by"));
  if (!by) return error(errc::invalid_argument, "by must be locale, type, document or field");
  o.by = *by;
  return o;
}

const char* json_type = "application/json; charset=utf-8";

response made(const request& req, http::status status, std::string body, std::string_view type) {
  response res{status, req.version()};
  res.set(http::field::content_type, type);
  res.body() = std::move(body);
  return res;
}

result<response> healthz(const call& c) { return ok_answer(c.req, R"({"status":"ok"})", json_type); }

result<response> locales(const call& c) {
  std::string lang = ui_language_of(c.req, c.t);
  return ok_answer(c.req, to_json(c.e->locales(lang)), json_type, lang);
}

result<response> document_get(const call& c) {
  auto d = c.e->localize(c.t.path[2], localization(c.req, c.t));
  if (!d) return d.err();
  return ok_answer(c.req, to_json(*d), json_type, d->requested_locale);
}

result<response> document_put(const call& c) {
  // The body is a content file; it may only touch this document.
  write_options w;
  w.author = "http";
  w.origin = "http";
  auto written = c.e->write_document(c.t.path[2], c.req.body(), "request body", w);
  if (!written) return written.err();
  return made(c.req, http::status::ok, to_json(*written), json_type);
}

result<response> documents(const call& c) {
  auto opts = localization(c.req, c.t);
  auto list = c.e->list_localized(query(c.t, "type"), opts);
  if (!list) return list.err();
  std::string lang = opts.locale.empty() ? negotiate_locale(opts.accept_language) : opts.locale;
  return ok_answer(c.req, to_json(*list), json_type, lang);
}

result<response> coverage(const call& c) {
  auto o = coverage_request(c.t);
  if (!o) return o.err();
  auto r = c.e->coverage(*o);
  if (!r) return r.err();
  return ok_answer(c.req, to_json(*r), json_type);
}

result<response> bundle(const call& c) {
  localize_options o = localization(c.req, c.t);
  o.locale = c.t.path[2];
  auto docs = c.e->bundle(query(c.t, "type"), o);
  if (!docs) return docs.err();
  auto f = formatter::for_locale(o.locale);
  if (!f) return f.err();
  return ok_answer(c.req, to_json(*docs, (*f)->locale(), (*f)->direction()), json_type, (*f)->locale());
}

// ?scope= of an export or its analysis into `scope`; absent: as it was.
status scope_of(const target& t, export_scope& scope) {
  auto s = query(t, "scope");
  if (s.empty()) return {};
  auto ps = parse_export_scope(s);
  if (!ps) return error(errc::invalid_argument, "scope must be missing, stale, todo or all");
  scope = *ps;
  return {};
}

result<response> xliff_export(const call& c) {
  xliff_export_options o;
  o.locale = c.t.path[2];
  if (auto v = query(c.t, "version"); !v.empty()) {
    auto pv = parse_xliff_version(v);
    if (!pv) return error(errc::invalid_argument, "version must be 1.2, 2.0, 2.1 or 2.2");
    o.version = *pv;
  }
  if (auto scope = scope_of(c.t, o.scope); !scope) return scope.err();
  if (auto tm = query(c.t, "tm"); !tm.empty()) {
    if (tm != "true" && tm != "false") return error(errc::invalid_argument, "tm must be true or false");
    o.tm = tm == "true";
  }
  if (auto prefill = query(c.t, "prefill"); !prefill.empty()) {
    auto mode = parse_prefill_mode(prefill);
    if (!mode) return mode.err();
    o.prefill = *mode;
  }
  if (auto segment = query(c.t, "segment"); !segment.empty()) {
    auto seg = parse_segmentation(segment);
    if (!seg) return seg.err();
    o.segment = *seg;
  }
  if (auto terms = query(c.t, "terms"); !terms.empty()) {
    if (terms != "true" && terms != "false") return error(errc::invalid_argument, "terms must be true or false");
    o.terms = terms == "true";
  }
  std::ostringstream out;
  auto r = c.e->export_xliff(o, out);
  if (!r) return r.err();
  return ok_answer(c.req, std::move(out).str(), "application/xliff+xml; charset=utf-8");
}

result<response> analysis(const call& c) {
  analysis_options o;
  o.locale = c.t.path[2];
  if (auto scope = scope_of(c.t, o.scope); !scope) return scope.err();
  if (auto s = query(c.t, "segment"); !s.empty()) {
    auto seg = parse_segmentation(s);
    if (!seg) return seg.err();
    o.segment = *seg;
  }
  o.type = query(c.t, "type");
  o.documents = query_list(c.t, "document");
  auto r = c.e->analyze(o);
  if (!r) return r.err();
  return ok_answer(c.req, to_json(*r), json_type);
}

result<response> tm_export(const call& c) {
  tm_export_options o;
  o.locale = c.t.path[2];
  if (auto states = query_list(c.t, "state"); !states.empty()) {
    o.states.clear();
    for (const auto& name : states) {
      auto st = parse_translation_state(name);
      if (!st)
        return error(errc::invalid_argument,
                     "state must be a comma-separated list of new, translated, reviewed, final");
      o.states.push_back(*st);
    }
  }
  if (auto stale = query(c.t, "stale"); !stale.empty()) {
    if (stale != "true" && stale != "false") return error(errc::invalid_argument, "stale must be true or false");
    o.stale = stale == "true";
  }
  if (auto codes = query(c.t, "codes"); !codes.empty()) {
    if (codes != "native" && codes != "xliff") return error(errc::invalid_argument, "codes must be native or xliff");
    o.xliff_codes = codes == "xliff";
  }
  std::ostringstream out;
  auto r = c.e->export_tm(o, out);
  if (!r) return r.err();
  return ok_answer(c.req, std::move(out).str(), "application/x-tmx+xml; charset=utf-8");
}

result<response> xliff_import(const call& c) {
  xliff_import_options o;
  o.author = "http";
  o.strict = c.t.query.count("strict") != 0;
  o.dry_run = c.t.query.count("dry_run") != 0;
  o.locale = query(c.t, "locale");
  std::string report = query(c.t, "report");
  if (!report.empty() && report != "full" && report != "summary")
    return error(errc::invalid_argument, "report must be full or summary");
  auto r = c.e->import_xliff(c.req.body(), "request body", o);
  if (!r) return r.err();
  return made(c.req, http::status::ok, to_json(*r, report == "summary" ? report_detail::summary : report_detail::full),
              json_type);
}

result<response> tm_import(const call& c) {
  tm_import_options o;
  o.author = "http";
  o.dry_run = c.t.query.count("dry_run") != 0;
  o.locales = query_list(c.t, "locale");
  auto r = c.e->import_tm(c.req.body(), "request body", o);
  if (!r) return r.err();
  return made(c.req, http::status::ok, to_json(*r), json_type);
}

result<response> terms_get(const call& c) {
  terms_export_options o;
  if (auto s = query(c.t, "source"); !s.empty()) o.source_locale = s;
  o.target_locale = query(c.t, "target");
  if (o.target_locale.empty()) return error(errc::invalid_argument, "target (the target locale) is required");
  std::string format = query(c.t, "format");
  if (!format.empty() && format != "tbx" && format != "json")
    return error(errc::invalid_argument, "format must be tbx or json");
  if (format == "json") {
    auto r = c.e->terms(o.source_locale, o.target_locale);
    if (!r) return r.err();
    return ok_answer(c.req, to_json(*r), json_type);
  }
  std::ostringstream out;
  auto r = c.e->export_terms(o, out);
  if (!r) return r.err();
  return ok_answer(c.req, std::move(out).str(), "application/x-tbx+xml; charset=utf-8");
}

// TBX imports; a JSON array of entries (as GET ?format=json answers) adds them.
result<response> terms_post(const call& c) {
  std::string type(c.req[http::field::content_type]);
  for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  bool dry_run = c.t.query.count("dry_run") != 0;
  if (type.rfind("application/json", 0) == 0) {
    auto entries = terms_from_json(c.req.body());
    if (!entries) return entries.err();
    for (auto& e : *entries) {  // the query names the pair of entries that do not
      if (e.source_locale.empty()) e.source_locale = query(c.t, "source").empty() ? "en" : query(c.t, "source");
      if (e.target_locale.empty()) e.target_locale = query(c.t, "target");
    }
    auto r = c.e->add_terms(*entries, "http", dry_run);
    if (!r) return r.err();
    return made(c.req, http::status::ok, to_json(*r), json_type);
  }
  terms_import_options o;
  o.author = "http";
  o.dry_run = dry_run;
  o.source_locale = query(c.t, "source");
  o.target_locale = query(c.t, "target");
  auto r = c.e->import_terms(c.req.body(), "request body", o);
  if (!r) return r.err();
  return made(c.req, http::status::ok, to_json(*r), json_type);
}

// A count from a query parameter: digits only, at most nine.
std::optional<std::size_t> parse_count(std::string_view s) {
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  return static_cast<std::size_t>(std::stoul(std::string(s)));
}

result<response> dashboard(const call& c) {
  std::string lang = ui_language_of(c.req, c.t);
  auto o = coverage_request(c.t);
  if (!o) return o.err();
  o->by = coverage_grouping::document;
  o->list_items = true;
  auto r = c.e->coverage(*o);
  if (!r) return r.err();
  dashboard_options d;
  d.list_limit = 200;  // ?list=all lifts it, ?list=N sets it
  if (auto list = query(c.t, "list"); !list.empty()) {
    auto n = list == "all" ? std::optional<std::size_t>(0) : parse_count(list);
    if (!n) return error(errc::invalid_argument, "list must be 'all' or a number of units");
    d.list_limit = *n;
  }
  d.more_hint = shell::tr_in(lang, N_("Narrow the page with ?type= or ?locale=, or list them all with ?list=all."));
  d.ui_locale = lang;
  d.translate = [&](const char* msgid) { return shell::tr_in(lang, msgid); };
  d.translate_plural = [&](const char* one, const char* many, std::size_t n) {
    return shell::ntr_in(lang, one, many, static_cast<long long>(n));
  };
  response res = ok_answer(c.req, to_html(*r, d), "text/html; charset=utf-8", lang);
  // Nothing on the page is fetched: no script, no remote style, no frames.
  res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  return res;
}

}  // namespace

struct route {
  std::array<const char*, 3> path;  // segments; "*" is any one segment; nullptr ends
  http::verb method;
  handler run;
  bool writes = false, heavy = false, cached = false, needs_store = true;
};

namespace {
// GET routes also answer HEAD.
const route routes[] = {
    {{"healthz", nullptr, nullptr}, http::verb::get, healthz, false, false, false, false},
    {{"dashboard", nullptr, nullptr}, http::verb::get, dashboard, false, true, true},
    {{"v1", "locales", nullptr}, http::verb::get, locales, false, false, true},
    {{"v1", "documents", nullptr}, http::verb::get, documents, false, false, true},
    {{"v1", "documents", "*"}, http::verb::get, document_get, false, false, true},
    {{"v1", "documents", "*"}, http::verb::put, document_put, true, true},
    {{"v1", "bundles", "*"}, http::verb::get, bundle, false, true, true},
    {{"v1", "coverage", nullptr}, http::verb::get, coverage, false, true, true},
    {{"v1", "xliff", "*"}, http::verb::get, xliff_export, false, true, true},
    {{"v1", "xliff", nullptr}, http::verb::post, xliff_import, true, true},
    {{"v1", "tm", "*"}, http::verb::get, tm_export, false, true, true},
    {{"v1", "analysis", "*"}, http::verb::get, analysis, false, true, true},
    {{"v1", "tm", nullptr}, http::verb::post, tm_import, true, true},
    {{"v1", "terms", nullptr}, http::verb::get, terms_get, false, true, true},
    {{"v1", "terms", nullptr}, http::verb::post, terms_post, true, true},
};

bool path_matches(const route& r, const target& t) {
  std::size_t n = 0;
  while (n < r.path.size() && r.path[n]) ++n;
  if (t.path.size() != n) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (std::string_view(r.path[i]) != "*" && t.path[i] != r.path[i]) return false;
  return true;
}
}  // namespace

route_match match(http::verb method, const target& t) {
  route_match m;
  std::vector<std::string> allowed;
  for (const auto& r : routes) {
    if (!path_matches(r, t)) continue;
    allowed.emplace_back(http::to_string(r.method));
    if (r.method == http::verb::get) allowed.emplace_back("HEAD");
    if (r.method == method || (r.method == http::verb::get && method == http::verb::head)) {
      m.r = &r;
      m.writes = r.writes;
      m.heavy = r.heavy;
    }
  }
  if (m.r) return m;
  m.status = allowed.empty() ? http::status::not_found : http::status::method_not_allowed;
  for (const auto& a : allowed) m.allow += (m.allow.empty() ? "" : ", ") + a;
  return m;
}

std::optional<response> refuse_write(const server_context& ctx, const request& req) {
  if (ctx.token.empty())
    return problem(req, http::status::forbidden, "read_only",
                   tr("this server has no token configured: writes are disabled"));
  std::string_view auth = req[http::field::authorization];
  auto space = auth.find(' ');
  std::string_view scheme = auth.substr(0, space);
  bool bearer = scheme.size() == 6 && std::equal(scheme.begin(), scheme.end(), "bearer", [](char a, char b) {
                  return std::tolower(static_cast<unsigned char>(a)) == b;
                });
  if (auth.empty() || !bearer || space == std::string_view::npos) {
    auto r =
        problem(req, http::status::unauthorized, "unauthorized", tr("writes need 'Authorization: Bearer <token>'"));
    r.set(http::field::www_authenticate, "Bearer");
    return r;
  }
  std::string_view given = auth.substr(space + 1);
  while (!given.empty() && given.front() == ' ') given.remove_prefix(1);
  // Constant time: every byte of the longer one is looked at, whatever differs.
  const std::string& want = ctx.token;
  std::size_t n = std::max(given.size(), want.size());
  unsigned diff = given.size() != want.size();
  for (std::size_t i = 0; i < n; ++i)
    diff |= static_cast<unsigned char>(i < given.size() ? given[i] : 0) ^
            static_cast<unsigned char>(i < want.size() ? want[i] : 0);
  if (diff != 0) return problem(req, http::status::forbidden, "forbidden", tr("the token is not valid"));
  return std::nullopt;
}

namespace {
// Answers to GET requests, per thread, while the store has not changed: the
// same document in the same locale is computed once, not on every request.
// Bounded by entries and bytes: unknown query parameters make new keys.
struct cached_answer {
  std::string type, lang, etag;
  std::shared_ptr<const std::string> wire;  // the whole 200 answer to a plain keep-alive HTTP/1.1 GET, as sent
  std::size_t body_at = 0;                  // where the body starts in wire
  std::string body() const { return wire->substr(body_at); }
};
struct answer_cache {
  std::int64_t version = -1;
  std::size_t bytes = 0;
  std::unordered_map<std::string, cached_answer> answers;
  static constexpr std::size_t max_entries = 1024, max_bytes = 8 * 1024 * 1024;  // per thread

  void at_version(std::int64_t v) {
    if (v == version) return;
    answers.clear();
    bytes = 0;
    version = v;
  }
  const cached_answer* find(const std::string& key) const {
    auto it = answers.find(key);
    return it == answers.end() ? nullptr : &it->second;
  }
  // A 200 answer, kept as the bytes a plain keep-alive HTTP/1.1 GET is sent.
  void put(const std::string& key, const request& req, const response& res) {
    if (res.result() != http::status::ok || answers.size() >= max_entries ||
        bytes + res.body().size() + 1024 > max_bytes || answers.count(key))
      return;
    request get(http::verb::get, req.target(), 11);
    response wire = res;
    wire.version(11);  // whatever the version of the request that made it
    wire.keep_alive(true);
    finish(get, wire);
    std::ostringstream out;
    out << wire;
    auto sent = std::make_shared<const std::string>(std::move(out).str());
    bytes += sent->size() + key.size();
    answers[key] = {std::string(res[http::field::content_type]), std::string(res[http::field::content_language]),
                    std::string(res[http::field::etag]), sent, sent->size() - res.body().size()};
  }
};
thread_local answer_cache cache;

std::string cache_key(const request& req) {
  return std::string(req.target()) + "\n" + std::string(req[http::field::accept_language]);
}

result<response> run_cached(const call& c, const route& r) {
  auto version = c.e->storage().version();
  if (!version) return version.err();
  cache.at_version(*version);
  std::string key = cache_key(c.req);
  if (const cached_answer* a = cache.find(key)) {
    response res = ok_answer(c.req, a->body(), a->type, a->lang, a->etag);
    if (r.run == dashboard)
      res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return res;
  }
  request plain = c.req;  // the representation, whatever the client's If-None-Match
  plain.erase(http::field::if_none_match);
  auto res = r.run({c.ctx, plain, c.t, c.e});
  if (!res) return res;
  cache.put(key, c.req, *res);
  if (res->result() == http::status::ok && none_match(c.req[http::field::if_none_match], (*res)[http::field::etag]))
    return ok_answer(c.req, res->body(), (*res)[http::field::content_type],
                     std::string((*res)[http::field::content_language]), std::string((*res)[http::field::etag]));
  return res;
}

// A store failure as the client gets it; a store that failed is opened anew
// by the thread's next request.
response store_problem(const request& req, error err) {
  if (err.code == errc::store_error || err.code == errc::store_version) {
    drop_thread_engines();
    err = error(errc::store_unavailable, "the store failed: " + err.message);
  }
  return problem(req, err);
}
}  // namespace

bool cacheable(const request& req, const route_match& m) {
  return m.r && m.r->cached && req.method() == http::verb::get && req.version() == 11 && req.keep_alive() &&
         req.find(http::field::if_none_match) == req.end();
}

cache_probe cached_wire(const server_context& ctx, const request& req, const route_match& m,
                        const result<std::int64_t>* known) {
  cache_probe p;
  if (!cacheable(req, m)) return p;
  auto e = thread_engine(ctx, false);
  if (!e) {  // answered now: opening again would wait out the busy timeout twice
    p.refusal = store_problem(req, e.err());
    return p;
  }
  // A heavy route's answer is made on the pool's connection and kept here:
  // only when versions of two connections compare, and reading one never
  // waits on this thread.
  if (m.heavy && !(*e)->storage().version_is_shared()) return p;
  // A write committed before this request is seen: the version is read now,
  // or was read by a query sent after the request arrived.
  auto version = known ? *known : (*e)->storage().version();
  if (!version) {
    p.refusal = store_problem(req, version.err());
    return p;
  }
  p.version = *version;
  if (*version != cache.version) return p;
  if (const cached_answer* a = cache.find(cache_key(req))) {
    p.wire = a->wire;
    p.body_bytes = a->wire->size() - a->body_at;
  }
  return p;
}

void remember(const request& req, const route_match& m, std::int64_t version, const response& res) {
  if (!cacheable(req, m)) return;
  cache.at_version(version);
  cache.put(cache_key(req), req, res);
}

response answer(const server_context& ctx, const request& req, const route_match& m, const target& t) {
  if (!m.r) {
    auto res = problem(
        req, m.status, m.status == http::status::method_not_allowed ? "method_not_allowed" : "not_found",
        m.status == http::status::method_not_allowed ? tr("this path does not take that method") : tr("no such route"));
    if (!m.allow.empty()) res.set(http::field::allow, m.allow);
    return res;
  }
  const route& r = *m.r;
  try {
    if (!r.needs_store) {
      auto res = r.run({ctx, req, t, nullptr});
      return res ? std::move(*res) : problem(req, res.err());
    }
    auto e = thread_engine(ctx, r.writes);
    if (!e) return problem(req, e.err());
    call c{ctx, req, t, *e};
    auto res = r.cached ? run_cached(c, r) : r.run(c);
    if (res) return std::move(*res);
    return store_problem(req, res.err());
  } catch (const std::exception& ex) {
    return problem(req, http::status::internal_server_error, "internal", ex.what());
  }
}

}  // namespace glossa::server
