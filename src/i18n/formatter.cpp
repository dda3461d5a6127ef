// ICU-backed formatter. Thread safety: the LocalizedNumberFormatters and
// PluralRules are immutable and shared; DateFormat, ListFormatter and
// MessageFormat are not documented as thread-safe, so each call works on its
// own instance (a clone of a prototype built once, or a fresh one).
#include <unicode/calendar.h>
#include <unicode/coll.h>
#include <unicode/datefmt.h>
#include <unicode/dtitvfmt.h>
#include <unicode/dtptngen.h>
#include <unicode/gregocal.h>
#include <unicode/listformatter.h>
#include <unicode/localematcher.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/plurrule.h>
#include <unicode/reldatefmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <functional>
#include <list>
#include <mutex>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "glossa/format.hpp"
#include "glossa/locale.hpp"
#include "i18n/icu_util.hpp"
#include "i18n/values.hpp"

namespace glossa {

std::string_view to_string(text_direction d) noexcept { return d == text_direction::rtl ? "rtl" : "ltr"; }

namespace nf = icu::number;

struct formatter::impl {
  std::string tag;
  icu::Locale loc;
  text_direction dir = text_direction::ltr;
  nf::LocalizedNumberFormatter number, percent;
  std::unique_ptr<icu::PluralRules> plural;
  std::unique_ptr<icu::DateFormat> date_proto, datetime_proto;
  bool latin_digits_rtl = false;  // right-to-left text whose numbers come out in Latin digits
  // Built once; compare() and getSortKey() are const and thread-safe in ICU.
  std::unique_ptr<icu::Collator> collator;
};

formatter::formatter(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
formatter::~formatter() = default;
const std::string& formatter::locale() const noexcept { return impl_->tag; }
text_direction formatter::direction() const noexcept { return impl_->dir; }

namespace {

// The -u- keywords a reader may ask for that Glossa honours: numbering
// system, calendar, collation. Every other extension (-t-, -x-, other -u-
// keys) changes nothing Glossa formats and is dropped.
constexpr std::array<const char*, 3> honoured_keywords{"numbers", "calendar", "collation"};

// What changes formatting: language, script and region, and the honoured
// keywords. Tags equal here share one formatter.
icu::Locale formatting_locale(const std::string& tag) {
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale asked = icu::Locale::forLanguageTag(tag, st);
  std::string base = asked.getLanguage();
  if (*asked.getScript()) base += std::string("_") + asked.getScript();
  if (*asked.getCountry()) base += std::string("_") + asked.getCountry();
  icu::Locale loc = icu::Locale::createFromName(base.c_str());
  char buf[64];
  for (const char* key : honoured_keywords) {
    st = U_ZERO_ERROR;
    int32_t n = asked.getKeywordValue(key, buf, sizeof buf, st);
    if (U_SUCCESS(st) && n > 0 && n < static_cast<int32_t>(sizeof buf)) {
      st = U_ZERO_ERROR;
      loc.setKeywordValue(key, buf, st);
    }
  }
  return loc;
}

// The locale a formatter formats with. CLDR's data for the tag as asked
// (an unconfigured ar-MA gets Morocco's digits, not those of ar), then
// Glossa's policy: the calendar of the tag or its nearest configured parent
// (Gregorian, also where CLDR's default is another), and the digits a
// configured locale sets for itself. A keyword in the tag always wins.
icu::Locale build_locale(icu::Locale loc, const std::string& tag, const locale_config& config) {
  const locale_settings* s = nullptr;
  for (const auto& t : config.chain(tag))
    if ((s = config.find(t)) != nullptr) break;
  std::string calendar = s ? s->calendar : "gregorian";
  const locale_settings* own = config.find(tag);
  char buf[64];
  UErrorCode st = U_ZERO_ERROR;
  if (loc.getKeywordValue("calendar", buf, sizeof buf, st) == 0) {
    st = U_ZERO_ERROR;
    loc.setKeywordValue("calendar", calendar.c_str(), st);
  }
  st = U_ZERO_ERROR;
  if (own && !own->digits.empty() && loc.getKeywordValue("numbers", buf, sizeof buf, st) == 0) {
    st = U_ZERO_ERROR;
    loc.setKeywordValue("numbers", own->digits.c_str(), st);
  }
  return loc;
}

// The canonical tag of a formatting locale ("ar-MA-u-nu-latn").
std::string tag_of(const icu::Locale& loc) {
  UErrorCode st = U_ZERO_ERROR;
  std::string tag = loc.toLanguageTag<std::string>(st);
  return U_FAILURE(st) ? std::string(loc.getName()) : tag;
}

std::unique_ptr<icu::DateFormat> pattern_format(const icu::Locale& loc, const char* skeleton) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::DateTimePatternGenerator> gen(icu::DateTimePatternGenerator::createInstance(loc, st));
  if (U_FAILURE(st)) return nullptr;
  icu::UnicodeString pattern = gen->getBestPattern(icu::UnicodeString(skeleton), st);
  auto f = std::make_unique<icu::SimpleDateFormat>(pattern, loc, st);
  if (U_FAILURE(st)) return nullptr;
  return f;
}

}  // namespace

namespace {
// Formatters by what changes formatting, at most `capacity` of them, the
// least recently used dropped first (one in use stays alive with its
// holders). Built outside the lock: a reader asking for a new locale does
// not stall the others.
class formatter_cache {
 public:
  std::shared_ptr<const formatter> find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second.second);
    return it->second.first;
  }
  std::shared_ptr<const formatter> add(const std::string& key, std::shared_ptr<const formatter> f) {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = map_.find(key); it != map_.end()) return it->second.first;  // another thread was first
    order_.push_front(key);
    map_.emplace(key, std::make_pair(f, order_.begin()));
    if (map_.size() > capacity) {
      map_.erase(order_.back());
      order_.pop_back();
    }
    return f;
  }
  static constexpr std::size_t capacity = 256;

 private:
  std::mutex mu_;
  std::list<std::string> order_;  // most recently used first
  std::unordered_map<std::string, std::pair<std::shared_ptr<const formatter>, std::list<std::string>::iterator>> map_;
};
}  // namespace

std::size_t formatter::cache_capacity() noexcept { return formatter_cache::capacity; }

result<std::shared_ptr<const formatter>> formatter::for_locale(std::string_view tag, const locale_config& config) {
  auto canonical = canonical_locale(tag);
  if (!canonical) return canonical.err();
  static formatter_cache cache;
  icu::Locale base = formatting_locale(*canonical);
  std::string formatting_tag = tag_of(base);
  std::string key = formatting_tag + "|" + std::to_string(reinterpret_cast<std::uintptr_t>(&config));
  if (auto f = cache.find(key)) return f;

  auto p = std::make_unique<impl>();
  p->tag = formatting_tag;
  p->loc = build_locale(base, formatting_tag, config);
  p->dir = p->loc.isRightToLeft() ? text_direction::rtl : text_direction::ltr;
  p->number = nf::NumberFormatter::withLocale(p->loc);
  // As CLDR's percent pattern (#,##0%): whole percents.
  p->percent = nf::NumberFormatter::withLocale(p->loc)
                   .unit(icu::NoUnit::percent())
                   .scale(nf::Scale::powerOfTen(2))
                   .precision(nf::Precision::integer());
  UErrorCode st = U_ZERO_ERROR;
  p->plural.reset(icu::PluralRules::forLocale(p->loc, st));
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_locale, "no plural rules for " + *canonical);
  {
    UErrorCode cst = U_ZERO_ERROR;
    p->collator.reset(icu::Collator::createInstance(p->loc, cst));
    if (U_FAILURE(cst)) p->collator.reset();
  }
  p->date_proto = pattern_format(p->loc, "yMMMMd");
  p->datetime_proto = pattern_format(p->loc, "yMMMMdjmz");
  if (!p->date_proto || !p->datetime_proto) return error(errc::invalid_locale, "no date formats for " + *canonical);
  if (p->dir == text_direction::rtl) {
    UErrorCode dst = U_ZERO_ERROR;
    p->latin_digits_rtl = detail::from_icu(p->number.formatInt(1, dst).toString(dst)) == "1";
  }
  return cache.add(key, std::shared_ptr<const formatter>(new formatter(std::move(p))));
}

result<std::string> formatter::number(std::string_view decimal) const {
  if (auto p = detail::check_decimal(decimal)) return error(p->code, p->message);
  UErrorCode st = U_ZERO_ERROR;
  auto out = impl_->number.formatDecimal(icu::StringPiece(decimal.data(), static_cast<int32_t>(decimal.size())), st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "cannot format " + std::string(decimal));
  return detail::from_icu(out.toString(st));
}

std::string formatter::percent(double fraction) const {
  UErrorCode st = U_ZERO_ERROR;
  return detail::from_icu(impl_->percent.formatDouble(fraction, st).toString(st));
}

namespace {
// In right-to-left text a currency symbol with no right-to-left letter
// ("US$", "CHF", "£") is isolated (LRI ... PDI): otherwise a neutral in it
// takes the paragraph's direction and detaches ("US$" shows as "$US",
// UAX #9 W6 and N1/N2). The isolate keeps it one left-to-right run, in place.
void isolate_currency(const icu::number::FormattedNumber& formatted, icu::UnicodeString& text) {
  UErrorCode st = U_ZERO_ERROR;
  icu::ConstrainedFieldPosition cfp;
  cfp.constrainField(UFIELD_CATEGORY_NUMBER, UNUM_CURRENCY_FIELD);
  if (!formatted.nextPosition(cfp, st) || U_FAILURE(st)) return;
  int32_t start = cfp.getStart(), limit = cfp.getLimit();
  for (int32_t i = start; i < limit;) {
    UChar32 c = text.char32At(i);
    auto d = u_charDirection(c);
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC) return;  // an Arabic symbol: at home
    i += U16_LENGTH(c);
  }
  text.insert(limit, static_cast<UChar>(0x2069));
  text.insert(start, static_cast<UChar>(0x2066));
}
}  // namespace

result<std::string> formatter::money(std::string_view amount, std::string_view currency) const {
  if (auto p = detail::check_decimal(amount)) return error(p->code, p->message);
  if (auto p = detail::check_currency(currency)) return error(p->code, p->message);
  UErrorCode st = U_ZERO_ERROR;
  icu::CurrencyUnit unit(detail::to_icu(currency).getTerminatedBuffer(), st);
  auto f = impl_->number.unit(unit);
  auto out = f.formatDecimal(icu::StringPiece(amount.data(), static_cast<int32_t>(amount.size())), st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "cannot format money");
  icu::UnicodeString text = out.toString(st);
  if (impl_->dir == text_direction::rtl) isolate_currency(out, text);
  return detail::from_icu(text);
}

namespace {
// A Gregorian calendar time: local fields in `zone`.
result<UDate> to_udate(std::string_view local, const icu::TimeZone& zone) {
  auto num = [&](std::size_t pos, std::size_t n) { return std::stoi(std::string(local.substr(pos, n))); };
  UErrorCode st = U_ZERO_ERROR;
  icu::GregorianCalendar cal(zone, st);
  cal.clear();
  cal.set(num(0, 4), num(5, 2) - 1, num(8, 2), local.size() >= 19 ? num(11, 2) : 12,
          local.size() >= 19 ? num(14, 2) : 0, local.size() >= 19 ? num(17, 2) : 0);
  UDate d = cal.getTime(st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "not a date");
  return d;
}
}  // namespace

result<std::string> formatter::date(std::string_view iso_date) const {
  if (auto p = detail::check_date(iso_date)) return error(p->code, p->message);
  std::unique_ptr<icu::TimeZone> utc(icu::TimeZone::createTimeZone("UTC"));
  auto d = to_udate(iso_date, *utc);
  if (!d) return d.err();
  std::unique_ptr<icu::DateFormat> f(impl_->date_proto->clone());
  f->setTimeZone(*utc);
  icu::UnicodeString out;
  f->format(*d, out);
  return detail::from_icu(out);
}

result<std::string> formatter::datetime(std::string_view local, std::string_view time_zone) const {
  if (auto p = detail::check_local_datetime(local)) return error(p->code, p->message);
  if (auto p = detail::check_time_zone(time_zone)) return error(p->code, p->message);
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(detail::to_icu(time_zone)));
  auto d = to_udate(local, *zone);
  if (!d) return d.err();
  std::unique_ptr<icu::DateFormat> f(impl_->datetime_proto->clone());
  f->setTimeZone(*zone);
  icu::UnicodeString out;
  f->format(*d, out);
  return detail::from_icu(out);
}

std::string formatter::list(const std::vector<std::string>& items) const {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::ListFormatter> lf(
      icu::ListFormatter::createInstance(impl_->loc, ULISTFMT_TYPE_AND, ULISTFMT_WIDTH_WIDE, st));
  if (U_FAILURE(st)) return {};
  std::vector<icu::UnicodeString> u;
  for (const auto& i : items) u.push_back(detail::to_icu(i));
  icu::UnicodeString out;
  lf->format(u.data(), static_cast<int32_t>(u.size()), out, st);
  return detail::from_icu(out);
}

std::string formatter::language_name(std::string_view tag) const {
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale other = icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), st);
  icu::UnicodeString out;
  other.getDisplayName(impl_->loc, out);
  return detail::from_icu(out);
}

std::string formatter::plural_category(double n) const { return detail::from_icu(impl_->plural->select(n)); }

std::string formatter::plural_examples(std::string_view category) const {
  icu::UnicodeString wanted = detail::to_icu(category);
  auto number = [&](long long n) {
    UErrorCode st = U_ZERO_ERROR;
    return detail::from_icu(impl_->number.formatInt(n, st).toString(st));
  };
  // Counts 0..1099 as ranges of consecutive ones, then the large round
  // numbers some languages single out (French and Spanish "many").
  std::vector<std::pair<long long, long long>> ranges;
  for (long long n = 0; n < 1100; ++n) {
    if (impl_->plural->select(static_cast<double>(n)) != wanted) continue;
    if (!ranges.empty() && ranges.back().second == n - 1)
      ranges.back().second = n;
    else
      ranges.emplace_back(n, n);
  }
  std::vector<long long> large;
  for (long long n : {1000000LL, 2000000LL, 1000000000LL})
    if (impl_->plural->select(static_cast<double>(n)) == wanted) large.push_back(n);
  std::string out;
  std::size_t shown = 0;
  for (const auto& [from, to] : ranges) {
    if (shown == 3) break;
    out += (out.empty() ? "" : ", ") + number(from);
    if (to == 1099)
      out += " and more";  // runs on past what was looked at
    else if (to > from)
      out += "\u2013" + number(to);
    ++shown;
  }
  bool open_ended = shown == ranges.size() && !ranges.empty() && ranges.back().second == 1099;  // "N and more" said it
  bool more = ranges.size() > shown;
  if (shown < 3 && !open_ended)
    for (long long n : large) out += (out.empty() ? "" : ", ") + number(n), more = true;
  if ((more || !large.empty()) && !open_ended) out += out.empty() ? "\u2026" : ", \u2026";
  return out;
}

namespace {
// Numbers in a message come out as number fields do. ICU's MessageFormat
// formats '#' and {n} / {n, number} with the old NumberFormat, which ignores
// CLDR's minimum grouping digits ("2.380" in Spanish where a number field
// shows "2380"): each becomes a string argument formatted by this
// formatter's NumberFormatter instead, while plural selection still sees
// the number. In a right-to-left message whose digits are Latin
// (ar-u-nu-latn), each is isolated like any left-to-right value (FSI ... PDI).
struct preformatted {
  icu::UnicodeString pattern;
  std::vector<std::pair<icu::UnicodeString, icu::UnicodeString>> values;  // synthetic argument -> text
};

preformatted preformat_numbers(const icu::UnicodeString& pattern, const std::map<std::string, message_arg>& args,
                               const std::function<icu::UnicodeString(double)>& format) {
  preformatted out{pattern, {}};
  UErrorCode st = U_ZERO_ERROR;
  UParseError pe{};
  icu::MessagePattern mp(pattern, &pe, st);
  if (U_FAILURE(st)) return out;
  auto name_at = [&](int32_t i) {
    std::string name;
    pattern.tempSubString(mp.getPart(i).getIndex(), mp.getPart(i).getLength()).toUTF8String(name);
    return name;
  };
  auto number_of = [&](const std::string& name) -> std::optional<double> {
    auto it = args.find(name);
    if (it == args.end() || !std::holds_alternative<double>(it->second)) return std::nullopt;
    return std::get<double>(it->second);
  };
  struct plural {
    int32_t limit;
    std::string name;
    double offset;
  };
  std::vector<plural> open;  // enclosing plural/selectordinal arguments
  struct span {
    int32_t start, limit;
    double value;
  };
  std::vector<span> spans;
  for (int32_t i = 0; i < mp.countParts(); ++i) {
    const auto& part = mp.getPart(i);
    while (!open.empty() && i > open.back().limit) open.pop_back();
    if (part.getType() == UMSGPAT_PART_TYPE_REPLACE_NUMBER && !open.empty()) {
      if (auto v = number_of(open.back().name))
        spans.push_back({part.getIndex(), part.getLimit(), *v - open.back().offset});
      continue;
    }
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
    int32_t limit = mp.getLimitPartIndex(i);
    auto type = part.getArgType();
    if (type == UMSGPAT_ARG_TYPE_PLURAL || type == UMSGPAT_ARG_TYPE_SELECTORDINAL) {
      open.push_back({limit, name_at(i + 1), mp.getPluralOffset(i)});
      continue;
    }
    bool plain_number =
        type == UMSGPAT_ARG_TYPE_NONE ||
        (type == UMSGPAT_ARG_TYPE_SIMPLE && limit == i + 3 &&
         pattern.tempSubString(mp.getPart(i + 2).getIndex(), mp.getPart(i + 2).getLength()) == u"number");
    if (!plain_number) continue;
    if (auto v = number_of(name_at(i + 1))) spans.push_back({part.getIndex(), mp.getPart(limit).getLimit(), *v});
  }
  for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
    icu::UnicodeString name = u"glossa_number_" + icu::UnicodeString::fromUTF8(std::to_string(out.values.size()));
    out.values.emplace_back(name, format(it->value));
    out.pattern.replace(it->start, it->limit - it->start, u"{" + name + u"}");
  }
  return out;
}
}  // namespace

result<std::string> formatter::message(std::string_view pattern, const std::map<std::string, message_arg>& args) const {
  UErrorCode st = U_ZERO_ERROR;
  auto numbers = preformat_numbers(detail::to_icu(pattern), args, [&](double v) {
    UErrorCode fst = U_ZERO_ERROR;
    icu::UnicodeString text = impl_->number.formatDouble(v, fst).toString(fst);
    if (impl_->latin_digits_rtl)
      text = icu::UnicodeString(static_cast<UChar>(0x2068)) + text + static_cast<UChar>(0x2069);
    return text;
  });
  icu::MessageFormat mf(numbers.pattern, impl_->loc, st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "not a valid ICU message");
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  for (const auto& [name, value] : args) {
    names.push_back(detail::to_icu(name));
    if (const double* d = std::get_if<double>(&value))
      values.emplace_back(*d);
    else
      values.emplace_back(detail::to_icu(isolate_if_needed(std::get<std::string>(value), impl_->dir)));
  }
  for (const auto& [name, text] : numbers.values) {
    names.push_back(name);
    values.emplace_back(text);
  }
  icu::UnicodeString out;
  mf.format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "cannot format the message");
  return detail::from_icu(out);
}

namespace {
// One matcher per configuration, built on first use (a LocaleMatcher is
// immutable and thread-safe; building one is the expensive part).
const icu::LocaleMatcher* matcher_for(const locale_config& config) {
  static std::mutex mu;
  static std::unordered_map<const locale_config*, std::unique_ptr<icu::LocaleMatcher>> matchers;
  std::lock_guard<std::mutex> lock(mu);
  auto& m = matchers[&config];
  if (!m) {
    UErrorCode st = U_ZERO_ERROR;
    std::vector<icu::Locale> supported;
    for (const auto& s : config.locales) supported.push_back(icu::Locale::forLanguageTag(s.tag, st));
    icu::Locale fallback = icu::Locale::forLanguageTag(config.default_locale, st);
    st = U_ZERO_ERROR;
    auto built = icu::LocaleMatcher::Builder()
                     .setSupportedLocales(supported.begin(), supported.end())
                     .setDefaultLocale(&fallback)
                     .build(st);
    if (U_FAILURE(st)) return nullptr;
    m = std::make_unique<icu::LocaleMatcher>(std::move(built));
  }
  return m.get();
}
}  // namespace

std::string negotiate_locale(std::string_view accept_language, const locale_config& config) {
  const icu::LocaleMatcher* matcher = matcher_for(config);
  if (!matcher) return config.default_locale;
  UErrorCode st = U_ZERO_ERROR;
  const icu::Locale* best = matcher->getBestMatchForListString(
      icu::StringPiece(accept_language.data(), static_cast<int32_t>(accept_language.size())), st);
  if (U_FAILURE(st) || !best) return config.default_locale;
  std::string tag = best->toLanguageTag<std::string>(st);
  return U_FAILURE(st) ? config.default_locale : tag;
}

std::string isolate_if_needed(std::string_view text, text_direction context) {
  icu::UnicodeString u = detail::to_icu(text);
  UBiDiDirection d = ubidi_getBaseDirection(u.getBuffer(), u.length());
  bool against =
      (context == text_direction::rtl && d == UBIDI_LTR) || (context == text_direction::ltr && d == UBIDI_RTL);
  if (!against) return std::string(text);
  return "\u2068" + std::string(text) + "\u2069";
}

int formatter::compare(std::string_view a, std::string_view b) const {
  const icu::Collator* c = impl_->collator.get();
  if (!c) return a.compare(b);
  UErrorCode st = U_ZERO_ERROR;
  return c->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                        icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), st);
}

void formatter::sort_indices(std::size_t n, const std::function<std::string_view(std::size_t)>& key,
                             const std::function<void(const std::vector<std::size_t>&)>& apply) const {
  // Sort keys computed once per item rather than on every comparison.
  const icu::Collator* c = impl_->collator.get();
  std::vector<std::string> keys(n);
  for (std::size_t i = 0; i < n; ++i) {
    icu::UnicodeString u = detail::to_icu(key(i));
    if (!c) {
      keys[i] = std::string(key(i));
      continue;
    }
    int32_t len = c->getSortKey(u, nullptr, 0);
    keys[i].resize(static_cast<std::size_t>(len));
    c->getSortKey(u, reinterpret_cast<uint8_t*>(keys[i].data()), len);
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  apply(order);
}

namespace {
// Days since 1970-01-01 of a valid "YYYY-MM-DD" (proleptic Gregorian).
long days_from_civil(std::string_view d) {
  long y = std::stol(std::string(d.substr(0, 4))), m = std::stol(std::string(d.substr(5, 2))),
       day = std::stol(std::string(d.substr(8, 2)));
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
}  // namespace

result<std::string> formatter::date_interval(std::string_view from, std::string_view to) const {
  if (auto p = detail::check_date(from)) return error(p->code, p->message);
  if (auto p = detail::check_date(to)) return error(p->code, p->message);
  std::unique_ptr<icu::TimeZone> utc(icu::TimeZone::createTimeZone("UTC"));
  auto a = to_udate(from, *utc), b = to_udate(to, *utc);
  if (!a) return a.err();
  if (!b) return b.err();
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::DateIntervalFormat> f(icu::DateIntervalFormat::createInstance(u"yMMMMd", impl_->loc, st));
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "no interval format");
  f->setTimeZone(*utc);
  icu::DateInterval interval(*a, *b);
  icu::UnicodeString out;
  icu::FieldPosition pos;
  f->format(&interval, out, pos, st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "cannot format the interval");
  return detail::from_icu(out);
}

result<std::string> formatter::relative_days(std::string_view today, std::string_view date) const {
  if (auto p = detail::check_date(today)) return error(p->code, p->message);
  if (auto p = detail::check_date(date)) return error(p->code, p->message);
  long days = days_from_civil(date) - days_from_civil(today);
  UErrorCode st = U_ZERO_ERROR;
  icu::RelativeDateTimeFormatter f(impl_->loc, st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "no relative time format");
  icu::UnicodeString out;
  f.format(static_cast<double>(days), UDAT_REL_UNIT_DAY, out, st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "cannot format relative time");
  return detail::from_icu(out);
}

std::string formatter::region_name(std::string_view region) const {
  icu::Locale r("", std::string(region).c_str());
  icu::UnicodeString out;
  r.getDisplayCountry(impl_->loc, out);
  return detail::from_icu(out);
}

}  // namespace glossa
