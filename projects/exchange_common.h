#pragma once
// Helpers shared by the exchange formats (ELAN, BORIS, SPSS). Internal to projects/.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "projects/model.h"

namespace projects::exchange {

// Valid, distinct scheme item ids for another tool's codes (1-64 of A-Z a-z 0-9 _ . + -):
// each run of other characters becomes one '-', and a clash gets "-2", "-3", ... The
// code itself stays the item's label. Returns code -> id, for every code given.
std::map<std::string, std::string> itemIdsFor(const std::vector<std::string>& codes);

// A scheme id from a file stem (same rules as item ids), with `prefix` ("boris-").
std::string schemeIdFor(const std::string& prefix, const std::string& stem);

// A scheme for codings that come from a tool without Bondline schemes (an ELAN file, a
// BORIS ethogram): a format-1 scheme file with one member target, one unscaled dimension
// and one event item per code (id from itemIdsFor, label.en = the code), so the project
// stays self-contained and the codings name a scheme. The text is checked with the scheme
// validator; a problem (a bug here) throws ProjectError naming `source`.
SchemeRef generatedScheme(const std::string& schemeId, const std::string& title, const std::vector<std::string>& codes,
                          const std::string& source);

// A media path as another tool wrote it, made absolute: an absolute path as it is, a
// relative one against the folder of the file it was read from (`importedFile`), and
// when neither exists but a file of that name lies beside the imported file (the file was
// written on another machine, e.g. with a Windows path), that one.
std::filesystem::path resolveMediaPath(const std::filesystem::path& importedFile, const std::string& written);

// The bytes of an input file. Throws ProjectError naming the file: NotFound when it does
// not exist, Invalid "is a folder, not <kind>" for a folder, Io when it cannot be read.
// `kind` reads as "an ELAN file", "a CSV file", ...
std::string readInputFile(const std::filesystem::path& in, const std::string& kind);

// Microseconds as seconds with three decimals, for messages ("3.000").
std::string formatSeconds(TimeUs us);

// Seconds (as the other tool writes them) to microseconds, rounded to nearest.
TimeUs secondsToUs(double seconds);

// A double-quoted string with \" \\ \n \r \t and \u00XX escapes: valid both as a JSON
// string and as a TOML basic string (audit details, generated scheme files).
std::string quoted(const std::string& s);

// The id of the participant `code` of the case, from `byCode`; a participant first met in
// the imported file is added to `out` (role "other", id `next++`) and to `byCode`.
RowId participantFor(ProjectData& out, std::map<std::string, RowId>& byCode, RowId caseId,
                     const std::string& code, RowId& next);

// A uuid that is a function of `key`: the first 128 bits of SHA-256("bondline-import\0"
// key), laid out as an RFC 9562 version-8 (custom) uuid. Importers of files without uuids
// (BORIS, ELAN, CSV rows with an empty uuid) name each row by where it came from in the
// file, so that importing the same file again matches every row by uuid and adds nothing.
std::string stableUuid(const std::string& key);

// stableUuid for a sequence of keys in which the same key may come more than once (two
// identical events): the n-th occurrence gets "#n" appended. Records each key in
// `out.sourceKeys`.
class StableUuids {
public:
    StableUuids(ProjectData& out, std::string scope) : m_out(out), m_scope(std::move(scope)) {}
    std::string operator()(const std::string& key);

private:
    ProjectData& m_out;
    std::string m_scope;
    std::map<std::string, int> m_seen;
};

// The row with this id, or nullptr.
template <class T>
const T* findById(const std::vector<T>& rows, RowId id)
{
    for (const auto& r : rows)
        if (r.id == id)
            return &r;
    return nullptr;
}

} // namespace projects::exchange
