#include "app/cli/json_writer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace app::cli {

void JsonWriter::separator()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back())
            m_os << ',';
        m_first.back() = false;
    }
}

JsonWriter& JsonWriter::beginObject()
{
    separator();
    m_os << '{';
    m_first.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::endObject()
{
    m_os << '}';
    m_first.pop_back();
    if (m_first.empty())
        m_os << '\n';
    return *this;
}

JsonWriter& JsonWriter::beginArray()
{
    separator();
    m_os << '[';
    m_first.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::endArray()
{
    m_os << ']';
    m_first.pop_back();
    if (m_first.empty())
        m_os << '\n';
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view k)
{
    separator();
    writeEscaped(m_os, k);
    m_os << ':';
    m_afterKey = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s)
{
    separator();
    writeEscaped(m_os, s);
    return *this;
}

JsonWriter& JsonWriter::value(double d)
{
    if (std::isinf(d) && d > 0)
        return value(std::string_view("inf"));
    if (std::isinf(d))
        return value(std::string_view("-inf"));
    if (!std::isfinite(d))
        return null();
    separator();
    char buf[32];
    // %.17g round-trips every double; trim to the shortest form that still does.
    for (int prec = 15; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (std::strtod(buf, nullptr) == d)
            break;
    }
    m_os << buf;
    return *this;
}

JsonWriter& JsonWriter::value(int64_t i)
{
    separator();
    m_os << i;
    return *this;
}

JsonWriter& JsonWriter::value(bool b)
{
    separator();
    m_os << (b ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::null()
{
    separator();
    m_os << "null";
    return *this;
}

void JsonWriter::writeEscaped(std::ostream& os, std::string_view s)
{
    os << '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': os << "\\\""; break;
        case '\\': os << "\\\\"; break;
        case '\n': os << "\\n"; break;
        case '\r': os << "\\r"; break;
        case '\t': os << "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                os << buf;
            } else {
                os << c;
            }
        }
    }
    os << '"';
}

} // namespace app::cli
