#include "interrater/events.h"

#include <algorithm>
#include <cmath>

#include "interrater/csv_reader.h"
#include "interrater/input_error.h"

namespace irr {

bool secondsToMs(std::string_view s, int64_t* ms)
{
    // Exact decimal conversion: value = digits x 10^exp10, ms = value x 1000 rounded half
    // away from zero on the decimal digits themselves, so "2.0015" is 2002 ms, which
    // round(1000 * 2.0015) in binary floating point is not.
    size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    std::string digits;
    int64_t exp10 = 0;
    bool anyDigit = false, dot = false;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            anyDigit = true;
            if (!(digits.empty() && c == '0'))
                digits.push_back(c);
            if (dot)
                --exp10;
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            break;
        }
    }
    if (!anyDigit)
        return false;
    if (i < s.size()) {
        if (s[i] != 'e' && s[i] != 'E')
            return false;
        ++i;
        bool expNegative = false;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            expNegative = s[i++] == '-';
        if (i == s.size())
            return false;
        int64_t e = 0;
        for (; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9' || e > 100000)
                return false;
            e = e * 10 + (s[i] - '0');
        }
        exp10 += expNegative ? -e : e;
    }
    exp10 += 3; // seconds -> milliseconds
    int64_t value = 0;
    if (exp10 >= 0) {
        if (static_cast<int64_t>(digits.size()) + exp10 > 16 && !digits.empty())
            return false; // beyond ~3e5 years: not a session time
        for (char c : digits)
            value = value * 10 + (c - '0');
        for (int64_t k = 0; k < exp10 && value != 0; ++k)
            value *= 10;
    } else {
        const int64_t cut = -exp10;
        if (cut >= static_cast<int64_t>(digits.size())) {
            // Everything is below one millisecond; only the first cut digit can round up.
            value = (cut == static_cast<int64_t>(digits.size()) && !digits.empty() && digits[0] >= '5') ? 1 : 0;
        } else {
            const size_t keep = digits.size() - static_cast<size_t>(cut);
            if (keep > 16)
                return false;
            for (size_t k = 0; k < keep; ++k)
                value = value * 10 + (digits[k] - '0');
            if (digits[keep] >= '5')
                ++value;
        }
    }
    *ms = negative ? -value : value;
    return true;
}

std::vector<Event> EventLog::coder(const std::string& name) const
{
    std::vector<Event> out;
    for (const Event& e : events)
        if (e.coder == name)
            out.push_back(e);
    if (out.empty())
        throw InputError(source, 0, "coder '" + name + "' has no events");
    return out;
}

EventLog readEvents(CsvReader& csv)
{
    EventLog log;
    log.source = csv.name();
    if (!csv.next())
        throw InputError(csv.name(), 0, "file is empty");
    const long header = csv.line();
    const char* names[4] = {"coder", "code", "onset", "offset"};
    size_t col[4] = {SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX};
    for (size_t i = 0; i < csv.size(); ++i)
        for (int k = 0; k < 4; ++k)
            if (csv.field(i) == names[k] && col[k] == SIZE_MAX)
                col[k] = i;
    for (int k = 0; k < 4; ++k)
        if (col[k] == SIZE_MAX)
            throw InputError(csv.name(), header,
                             std::string("missing column '") + names[k] + "' (header must be coder,code,onset,offset)");
    size_t need = 0;
    for (size_t c : col)
        need = std::max(need, c + 1);
    while (csv.next()) {
        // A trailing empty offset may be dropped by some writers: allow one field less.
        if (csv.size() < need && !(csv.size() + 1 == need && col[3] == need - 1))
            throw InputError(csv.name(), csv.line(),
                             "expected " + std::to_string(need) + " fields, found " + std::to_string(csv.size()));
        Event e;
        e.line = csv.line();
        e.coder = std::string(csv.field(col[0]));
        e.code = std::string(csv.field(col[1]));
        if (e.coder.empty())
            throw InputError(csv.name(), csv.line(), "coder is empty");
        if (e.code.empty())
            throw InputError(csv.name(), csv.line(), "code is empty");
        std::string_view on = csv.field(col[2]);
        if (!secondsToMs(on, &e.onsetMs))
            throw InputError(csv.name(), csv.line(), "onset '" + std::string(on) + "' is not a number of seconds");
        if (e.onsetMs < 0)
            throw InputError(csv.name(), csv.line(), "onset " + std::string(on) + " is negative");
        std::string_view off = col[3] < csv.size() ? csv.field(col[3]) : std::string_view();
        if (!off.empty()) {
            int64_t o = 0;
            if (!secondsToMs(off, &o))
                throw InputError(csv.name(), csv.line(), "offset '" + std::string(off) + "' is not a number of seconds");
            if (o < e.onsetMs)
                throw InputError(csv.name(), csv.line(),
                                 "offset " + std::string(off) + " is before onset " + std::string(on));
            e.offsetMs = o;
        }
        log.events.push_back(std::move(e));
    }
    if (log.events.empty())
        throw InputError(csv.name(), header, "no events after the header");
    return log;
}

EventLog readEventsFile(const std::string& path)
{
    CsvReader csv = CsvReader::fromFile(path);
    return readEvents(csv);
}

} // namespace irr
