#pragma once
// Coded events of several coders in one session, read from CSV rows
// coder,code,onset,offset (seconds; empty offset = point event). Times are converted
// once to integer milliseconds, t_ms = round(1000 t), and every later comparison is
// exact integer arithmetic (docs/reliability.md, 'Input files').
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace irr {

class CsvReader;

struct Event {
    std::string coder;
    std::string code;
    int64_t onsetMs = 0;
    std::optional<int64_t> offsetMs; // empty: point event; else state [onset, offset)
    long line = 0;                   // source line, for messages
};

struct EventLog {
    std::string source; // file name, for messages
    std::vector<Event> events;

    // Events of one coder (in file order). Throws InputError when the coder has none.
    std::vector<Event> coder(const std::string& name) const;
};

// Seconds (decimal text, optional exponent) to integer milliseconds, rounded half away
// from zero on the decimal digits themselves (exact: "2.0015" -> 2002); false when `s`
// is not a number or is beyond 10^16 ms.
bool secondsToMs(std::string_view s, int64_t* ms);

// Throws InputError for a missing column, a non-numeric or negative time, an offset
// before the onset, an empty code or coder, or an empty file.
EventLog readEvents(CsvReader& csv);
EventLog readEventsFile(const std::string& path);

} // namespace irr
