#pragma once
// CSV reader for the reliability inputs and the project's long CSV: RFC 4180 (comma-
// separated, optional double quotes, "" inside quotes is a quote, a quoted field may hold
// line breaks), CRLF or LF, a UTF-8 BOM is skipped, blank lines are skipped, unquoted
// fields are trimmed of spaces/tabs. Records carry the 1-based line number they start on
// so errors can name "file:line".
#include <string>
#include <string_view>
#include <vector>

namespace irr {

class CsvReader {
public:
    // Reads the whole file. Throws InputError when it cannot be read or has no records.
    static CsvReader fromFile(const std::string& path);
    // For tests and in-memory data; `name` is used in error messages.
    static CsvReader fromString(std::string name, std::string text);

    // Advances to the next non-blank record; false at end of input.
    // Throws InputError on an unterminated quote.
    bool next();

    long line() const { return m_line; }
    size_t size() const { return m_count; }
    std::string_view field(size_t i) const { return m_fields[i]; }
    const std::string& name() const { return m_name; }

private:
    CsvReader(std::string name, std::string text);

    std::string m_name;
    std::string m_text;
    size_t m_pos = 0;
    long m_nextLine = 1;
    long m_line = 0;
    size_t m_count = 0;
    std::vector<std::string> m_fields; // reused between records
};

// Parses a decimal number (optionally signed, with exponent); false if `s` is not
// entirely a finite number.
bool parseNumber(std::string_view s, double* out);

} // namespace irr
