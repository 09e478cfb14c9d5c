#include "interrater/events.h"

#include <algorithm>
#include <cmath>

#include "interrater/csv_reader.h"
#include "interrater/input_error.h"

namespace irr {

bool secondsToMs(std::string_view s, int64_t* ms)
{
    double v = 0;
    if (!parseNumber(s, &v))
        return false;
    double scaled = std::round(v * 1000.0);
    if (std::fabs(scaled) > 9.0e15)
        return false;
    *ms = static_cast<int64_t>(scaled);
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
