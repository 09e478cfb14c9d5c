#include "interrater/csv_reader.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "interrater/input_error.h"

namespace irr {

CsvReader CsvReader::fromFile(const std::string& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(path, 0, "is a folder, not a CSV file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path, 0, "cannot open file");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad())
        throw InputError(path, 0, "cannot read file");
    return CsvReader(path, std::move(ss).str());
}

CsvReader CsvReader::fromString(std::string name, std::string text)
{
    return CsvReader(std::move(name), std::move(text));
}

CsvReader::CsvReader(std::string name, std::string text) : m_name(std::move(name)), m_text(std::move(text))
{
    if (m_text.starts_with("\xEF\xBB\xBF"))
        m_pos = 3;
    bool blank = true;
    for (size_t i = m_pos; i < m_text.size() && blank; ++i)
        if (m_text[i] != ' ' && m_text[i] != '\t' && m_text[i] != '\r' && m_text[i] != '\n' && m_text[i] != ',')
            blank = false;
    if (blank)
        throw InputError(m_name, 0, "file is empty");
}

namespace {
std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}
} // namespace

bool CsvReader::next()
{
    // RFC 4180: a quoted field may hold commas, doubled quotes and line breaks (R's
    // write.csv and Python's csv module write them); the record then spans lines and
    // line() is the line it starts on.
    const std::string& t = m_text;
    const size_t n = t.size();
    auto view = [&](size_t a, size_t b) { return std::string_view(t.data() + a, b - a); };
    while (m_pos < n) {
        size_t eol = t.find('\n', m_pos);
        if (eol == std::string::npos)
            eol = n;
        m_line = m_nextLine;
        if (trim(view(m_pos, eol)).empty()) {
            m_pos = eol + 1;
            ++m_nextLine;
            continue;
        }
        m_count = 0;
        size_t i = m_pos;
        while (true) {
            if (m_count == m_fields.size())
                m_fields.emplace_back();
            std::string& f = m_fields[m_count++];
            f.clear();
            size_t j = i;
            while (j < n && (t[j] == ' ' || t[j] == '\t'))
                ++j;
            if (j < n && t[j] == '"') {
                ++j;
                bool closed = false;
                while (j < n) {
                    if (t[j] == '"') {
                        if (j + 1 < n && t[j + 1] == '"') {
                            f.push_back('"');
                            j += 2;
                            continue;
                        }
                        closed = true;
                        ++j;
                        break;
                    }
                    if (t[j] == '\n')
                        ++m_nextLine;
                    f.push_back(t[j++]);
                }
                if (!closed)
                    throw InputError(m_name, m_line, "unterminated quoted field");
                while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
                    ++j;
                if (j < n && t[j] == ',') {
                    i = j + 1;
                    continue;
                }
                if (j < n && t[j] != '\n')
                    throw InputError(m_name, m_nextLine, "text after a closing quote");
                m_pos = j + 1;
                ++m_nextLine;
                break;
            }
            size_t end = i;
            while (end < n && t[end] != ',' && t[end] != '\n')
                ++end;
            f.assign(trim(view(i, end)));
            if (end < n && t[end] == ',') {
                i = end + 1;
                continue;
            }
            m_pos = end + 1;
            ++m_nextLine;
            break;
        }
        return true;
    }
    return false;
}

bool parseNumber(std::string_view s, double* out)
{
    if (s.empty())
        return false;
    if (s.front() == '+')
        s.remove_prefix(1);
    const char* end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, *out);
    return ec == std::errc() && p == end && std::isfinite(*out);
}

} // namespace irr
