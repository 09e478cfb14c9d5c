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
    const size_t n = m_text.size();
    while (m_pos < n) {
        size_t eol = m_text.find('\n', m_pos);
        if (eol == std::string::npos)
            eol = n;
        std::string_view lineText(m_text.data() + m_pos, eol - m_pos);
        m_line = m_nextLine++;
        m_pos = eol + 1;
        if (trim(lineText).empty())
            continue;
        m_count = 0;
        size_t i = 0;
        while (true) {
            if (m_count == m_fields.size())
                m_fields.emplace_back();
            std::string& f = m_fields[m_count++];
            f.clear();
            size_t j = i;
            while (j < lineText.size() && (lineText[j] == ' ' || lineText[j] == '\t'))
                ++j;
            if (j < lineText.size() && lineText[j] == '"') {
                ++j;
                bool closed = false;
                while (j < lineText.size()) {
                    if (lineText[j] == '"') {
                        if (j + 1 < lineText.size() && lineText[j + 1] == '"') {
                            f.push_back('"');
                            j += 2;
                            continue;
                        }
                        closed = true;
                        ++j;
                        break;
                    }
                    f.push_back(lineText[j++]);
                }
                if (!closed)
                    throw InputError(m_name, m_line, "unterminated quoted field");
                size_t comma = lineText.find(',', j);
                if (!trim(lineText.substr(j, comma == std::string_view::npos ? std::string_view::npos : comma - j)).empty())
                    throw InputError(m_name, m_line, "text after a closing quote");
                if (comma == std::string_view::npos)
                    break;
                i = comma + 1;
            } else {
                size_t comma = lineText.find(',', i);
                std::string_view raw = lineText.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i);
                f.assign(trim(raw));
                if (comma == std::string_view::npos)
                    break;
                i = comma + 1;
            }
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
