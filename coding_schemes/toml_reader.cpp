#include "coding_schemes/toml_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <unordered_set>

namespace schemes::detail {

SourceLoc locOf(const toml::source_region& r)
{
    if (r.begin.line == 0)
        return {1, 1};
    return {static_cast<int>(r.begin.line), static_cast<int>(std::max<uint32_t>(r.begin.column, 1))};
}

namespace {

std::string typeName(const toml::node& n)
{
    switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
    }
}

bool validId(std::string_view s)
{
    if (s.empty() || s.size() > 64)
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
            || c == '.' || c == '+' || c == '-';
    });
}

bool validLanguage(std::string_view s)
{
    size_t i = 0;
    while (i < s.size() && s[i] >= 'a' && s[i] <= 'z')
        ++i;
    if (i < 2 || i > 3)
        return false;
    if (i == s.size())
        return true;
    if (s[i] != '-' || s.size() - i - 1 < 2 || s.size() - i - 1 > 8)
        return false;
    return std::all_of(s.begin() + static_cast<long>(i) + 1, s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    });
}

// Built with append: GCC 12 gives a false -Wrestrict for "'" + std::string(...).
std::string q(std::string_view s)
{
    std::string out;
    out.reserve(s.size() + 2);
    out.append(1, '\'').append(s).append(1, '\'');
    return out;
}

// Keys in messages are quoted as written; control bytes are shown as '?' so a
// message stays one line whatever the file holds.
std::string printable(std::string_view s)
{
    std::string out;
    for (char c : s.substr(0, 80))
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    if (s.size() > 80)
        out += "...";
    return out;
}

} // namespace

TableReader::TableReader(const DiagSink& sink, FieldLocs& locs, const toml::table& table, std::string what,
                         std::string prefix, std::initializer_list<std::string_view> allowed)
    : m_sink(sink), m_locs(locs), m_table(table), m_what(std::move(what)), m_prefix(std::move(prefix)),
      m_loc(locOf(table.source()))
{
    for (auto a : allowed)
        m_allowed.emplace_back(a);
}

void TableReader::error(SourceLoc loc, const std::string& message)
{
    m_sink.error(loc, m_what.empty() ? message : m_what + ": " + message);
}

const toml::node* TableReader::get(std::string_view key)
{
    const toml::node* n = m_table.get(key);
    if (n)
        m_locs.at[m_prefix + std::string(key)] = locOf(n->source());
    return n;
}

SourceLoc TableReader::valueLoc(std::string_view key) const
{
    const toml::node* n = m_table.get(key);
    return n ? locOf(n->source()) : m_loc;
}

void TableReader::valueError(std::string_view key, const std::string& message)
{
    error(valueLoc(key), message);
}

void TableReader::missing(std::string_view key)
{
    error(m_loc, "missing required key " + q(key));
}

void TableReader::typeError(std::string_view key, const toml::node& n, std::string_view expected)
{
    error(locOf(n.source()), q(key) + " must be " + std::string(expected) + ", not " + typeName(n));
}

std::string TableReader::id()
{
    std::string kind = m_what.substr(0, m_what.find(' '));
    auto s = string("id", true);
    if (!s)
        return {};
    if (!validId(*s)) {
        valueError("id", "id " + q(printable(*s)) + " must be 1-64 letters, digits, '_', '.', '+' or '-'");
        return *s;
    }
    if (!m_what.empty())
        m_what = kind + " " + q(*s);
    return *s;
}

std::optional<std::string> TableReader::string(std::string_view key, bool required)
{
    const toml::node* n = get(key);
    if (!n) {
        if (required)
            missing(key);
        return std::nullopt;
    }
    if (!n->is_string()) {
        typeError(key, *n, "a string");
        return std::nullopt;
    }
    return n->as_string()->get();
}

std::optional<int64_t> TableReader::integer(std::string_view key, bool required, int64_t min, int64_t max)
{
    const toml::node* n = get(key);
    if (!n) {
        if (required)
            missing(key);
        return std::nullopt;
    }
    if (!n->is_integer()) {
        typeError(key, *n, "an integer");
        return std::nullopt;
    }
    int64_t v = n->as_integer()->get();
    if (v < min || v > max) {
        error(locOf(n->source()), q(key) + " must be between " + std::to_string(min) + " and " + std::to_string(max)
                                      + " (got " + std::to_string(v) + ")");
        return std::nullopt;
    }
    return v;
}

std::optional<double> TableReader::number(std::string_view key, bool required)
{
    const toml::node* n = get(key);
    if (!n) {
        if (required)
            missing(key);
        return std::nullopt;
    }
    double v = 0;
    if (n->is_integer())
        v = static_cast<double>(n->as_integer()->get());
    else if (n->is_floating_point())
        v = n->as_floating_point()->get();
    else {
        typeError(key, *n, "a number");
        return std::nullopt;
    }
    if (!std::isfinite(v) || std::fabs(v) > 1e9) {
        error(locOf(n->source()), q(key) + " must be a finite number of at most 1e9 in magnitude");
        return std::nullopt;
    }
    return v;
}

std::optional<bool> TableReader::boolean(std::string_view key)
{
    const toml::node* n = get(key);
    if (!n)
        return std::nullopt;
    if (!n->is_boolean()) {
        typeError(key, *n, "true or false");
        return std::nullopt;
    }
    return n->as_boolean()->get();
}

std::vector<std::string> TableReader::stringList(std::string_view key)
{
    std::vector<std::string> out;
    const toml::node* n = get(key);
    if (!n)
        return out;
    const toml::array* a = n->as_array();
    if (!a) {
        typeError(key, *n, "an array of strings");
        return out;
    }
    for (size_t i = 0; i < a->size(); ++i) {
        const toml::node& e = *a->get(i);
        m_locs.at[m_prefix + std::string(key) + "/" + std::to_string(out.size())] = locOf(e.source());
        if (!e.is_string()) {
            error(locOf(e.source()), q(key) + " must hold only strings, not " + typeName(e));
            continue;
        }
        out.push_back(e.as_string()->get());
    }
    return out;
}

std::vector<int> TableReader::intList(std::string_view key, int min, int max)
{
    std::vector<int> out;
    const toml::node* n = get(key);
    if (!n)
        return out;
    const toml::array* a = n->as_array();
    if (!a) {
        typeError(key, *n, "an array of integers");
        return out;
    }
    for (size_t i = 0; i < a->size(); ++i) {
        const toml::node& e = *a->get(i);
        if (!e.is_integer()) {
            error(locOf(e.source()), q(key) + " must hold only integers, not " + typeName(e));
            continue;
        }
        int64_t v = e.as_integer()->get();
        if (v < min || v > max) {
            error(locOf(e.source()), q(key) + " values must be between " + std::to_string(min) + " and "
                                         + std::to_string(max) + " (got " + std::to_string(v) + ")");
            continue;
        }
        out.push_back(static_cast<int>(v));
    }
    return out;
}

Texts TableReader::texts(std::string_view key, bool requireEnglish)
{
    Texts out;
    const toml::node* n = get(key);
    if (!n) {
        if (requireEnglish)
            error(m_loc, "missing English " + std::string(key) + " ('" + std::string(key) + ".en')");
        return out;
    }
    const toml::table* t = n->as_table();
    if (!t) {
        typeError(key, *n, "a table of language = \"text\" (e.g. " + std::string(key) + ".en = \"...\")");
        return out;
    }
    for (auto&& [k, v] : *t) {
        std::string lang(k.str());
        SourceLoc kl = locOf(k.source());
        if (!validLanguage(lang)) {
            error(kl, q(printable(lang)) + " in '" + std::string(key) + "' is not a language code (such as en, nl, es)");
            continue;
        }
        if (!v.is_string()) {
            error(locOf(v.source()), "'" + std::string(key) + "." + lang + "' must be a string, not " + typeName(v));
            continue;
        }
        const std::string& text = v.as_string()->get();
        if (text.empty()) {
            error(locOf(v.source()), "'" + std::string(key) + "." + lang + "' is empty");
            continue;
        }
        out[lang] = text;
    }
    if (requireEnglish && !out.count("en") && !t->get("en"))
        error(locOf(n->source()), "missing English " + std::string(key) + " ('" + std::string(key) + ".en')");
    return out;
}

std::vector<ScaleAnchor> TableReader::anchors(std::string_view key)
{
    std::vector<ScaleAnchor> out;
    const toml::node* n = get(key);
    if (!n)
        return out;
    const toml::table* t = n->as_table();
    if (!t) {
        typeError(key, *n, "a table of \"value\" = { en = \"...\" }");
        return out;
    }
    std::set<double> seen;
    for (auto&& [k, v] : *t) {
        std::string text(k.str());
        SourceLoc kl = locOf(k.source());
        char* end = nullptr;
        double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value) || std::fabs(value) > 1e9) {
            error(kl, "anchor key " + q(printable(text)) + " is not a number");
            continue;
        }
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", value);
        m_locs.at[m_prefix + std::string(key) + "/" + buf] = kl;
        const toml::table* labels = v.as_table();
        if (!labels) {
            error(locOf(v.source()), "anchor " + std::string(buf) + " must be a table of language = \"text\"");
            continue;
        }
        ScaleAnchor a;
        a.value = value;
        for (auto&& [lk, lv] : *labels) {
            std::string lang(lk.str());
            if (!validLanguage(lang)) {
                error(locOf(lk.source()), q(printable(lang)) + " in anchor " + buf + " is not a language code (such as en, nl, es)");
                continue;
            }
            if (!lv.is_string() || lv.as_string()->get().empty()) {
                error(locOf(lv.source()), "anchor " + std::string(buf) + " '" + lang + "' must be a non-empty string");
                continue;
            }
            a.label[lang] = lv.as_string()->get();
        }
        if (!seen.insert(value).second) {
            error(kl, "anchor " + std::string(buf) + " is given twice");
            continue;
        }
        out.push_back(std::move(a));
    }
    std::sort(out.begin(), out.end(), [](const ScaleAnchor& a, const ScaleAnchor& b) { return a.value < b.value; });
    return out;
}

void TableReader::forEachTable(std::string_view key, const std::string& what,
                               std::initializer_list<std::string_view> allowed,
                               const std::function<void(TableReader&)>& fn)
{
    const toml::node* n = get(key);
    if (!n)
        return;
    const toml::array* a = n->as_array();
    if (!a) {
        typeError(key, *n, "an array of tables ([[" + std::string(key) + "]])");
        return;
    }
    for (size_t i = 0; i < a->size(); ++i) {
        const toml::node& e = *a->get(i);
        const toml::table* t = e.as_table();
        if (!t) {
            error(locOf(e.source()), q(key) + " must hold only tables, not " + typeName(e));
            continue;
        }
        TableReader r(m_sink, m_locs, *t, what + " #" + std::to_string(i + 1),
                      std::string(key) + "/" + std::to_string(i) + "/", allowed);
        fn(r);
        r.finish();
    }
}

void TableReader::forEachKeyedTable(std::string_view key, const std::string& what,
                                    std::initializer_list<std::string_view> allowed,
                                    const std::vector<std::string>& ids,
                                    const std::function<void(std::string_view, TableReader&)>& fn)
{
    const toml::node* n = get(key);
    if (!n)
        return;
    const toml::table* t = n->as_table();
    if (!t) {
        typeError(key, *n, "a table of " + what + " ids ([" + std::string(key) + ".ID])");
        return;
    }
    std::unordered_set<std::string_view> known(ids.begin(), ids.end());
    for (auto&& [k, v] : *t) {
        std::string id(k.str());
        if (!known.count(id)) {
            error(locOf(k.source()), "unknown " + what + " " + q(printable(id)) + didYouMean(id, ids, &m_sink));
            continue;
        }
        const toml::table* sub = v.as_table();
        if (!sub) {
            error(locOf(v.source()), what + " " + q(id) + " must be a table, not " + typeName(v));
            continue;
        }
        TableReader r(m_sink, m_locs, *sub, what + " " + q(id), std::string(key) + "/" + id + "/", allowed);
        fn(id, r);
        r.finish();
    }
}

bool TableReader::withTable(std::string_view key, const std::string& what,
                            std::initializer_list<std::string_view> allowed,
                            const std::function<void(TableReader&)>& fn)
{
    const toml::node* n = get(key);
    if (!n)
        return false;
    const toml::table* t = n->as_table();
    if (!t) {
        typeError(key, *n, "a table ([" + std::string(key) + "])");
        return true;
    }
    TableReader r(m_sink, m_locs, *t, what, std::string(key) + "/", allowed);
    fn(r);
    r.finish();
    return true;
}

void TableReader::finish()
{
    for (auto&& [k, v] : m_table) {
        std::string name(k.str());
        if (std::find(m_allowed.begin(), m_allowed.end(), name) != m_allowed.end())
            continue;
        std::string where = m_what.empty() ? "" : " in " + m_what;
        m_sink.error(locOf(k.source()), "unknown key " + q(printable(name)) + where + didYouMean(name, m_allowed, &m_sink));
    }
}

} // namespace schemes::detail
