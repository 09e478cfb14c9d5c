#pragma once
// Internal to coding_schemes (includes toml++; never include it from a public header).
// TableReader reads one TOML table of a scheme file: typed getters that report wrong
// types and missing keys, value positions recorded into FieldLocs, and finish() that
// reports every key nobody asked for, with a did-you-mean.
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "coding_schemes/scheme.h"
#include "coding_schemes/scheme_checks.h"

namespace schemes::detail {

class TableReader {
public:
    // `what` names the table in messages ("item #3", then "item 'X'" once id() is read;
    // empty for the document root). `prefix` keys FieldLocs ("items/3/").
    TableReader(const DiagSink& sink, FieldLocs& locs, const toml::table& table, std::string what,
                std::string prefix, std::initializer_list<std::string_view> allowed);

    SourceLoc loc() const { return m_loc; }
    bool has(std::string_view key) const { return m_table.get(key) != nullptr; }

    // Reads the required "id" (letters, digits, _ . + -; at most 64) and renames the table.
    std::string id();

    std::optional<std::string> string(std::string_view key, bool required);
    std::optional<int64_t> integer(std::string_view key, bool required, int64_t min, int64_t max);
    std::optional<double> number(std::string_view key, bool required);
    std::optional<bool> boolean(std::string_view key);
    std::vector<std::string> stringList(std::string_view key);
    std::vector<int> intList(std::string_view key, int min, int max);
    // A table of language -> text. With requireEnglish, a missing table or a missing
    // "en" entry is reported as "missing English <key>".
    Texts texts(std::string_view key, bool requireEnglish);
    // A table of "value" -> texts (scale anchors); records locs "<key>/<value>".
    std::vector<ScaleAnchor> anchors(std::string_view key);

    // Array of tables: calls fn for each element with its own reader (finish() is done).
    void forEachTable(std::string_view key, const std::string& what,
                      std::initializer_list<std::string_view> allowed,
                      const std::function<void(TableReader&)>& fn);
    // Table of tables keyed by id (override files); ids outside `ids` are reported.
    void forEachKeyedTable(std::string_view key, const std::string& what,
                           std::initializer_list<std::string_view> allowed,
                           const std::vector<std::string>& ids,
                           const std::function<void(std::string_view, TableReader&)>& fn);
    // A sub-table; returns false when the key is absent.
    bool withTable(std::string_view key, const std::string& what,
                   std::initializer_list<std::string_view> allowed,
                   const std::function<void(TableReader&)>& fn);

    // Reports a problem with the value of `key` (at the value, else at the table).
    void valueError(std::string_view key, const std::string& message);
    void missing(std::string_view key);
    void error(SourceLoc loc, const std::string& message);
    // Reports unknown keys. Called once, after all getters.
    void finish();

private:
    const toml::node* get(std::string_view key);
    SourceLoc valueLoc(std::string_view key) const;
    void typeError(std::string_view key, const toml::node& n, std::string_view expected);

    const DiagSink& m_sink;
    FieldLocs& m_locs;
    const toml::table& m_table;
    std::string m_what;
    std::string m_prefix;
    std::vector<std::string> m_allowed;
    SourceLoc m_loc;
};

SourceLoc locOf(const toml::source_region& r);

} // namespace schemes::detail
