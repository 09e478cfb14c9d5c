#pragma once
// Helpers shared by the exchange formats (ELAN, BORIS, SPSS). Internal to projects/.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "projects/model.h"

namespace projects::exchange {

// A scheme for codings that come from a tool without Bondline schemes (an ELAN file, a
// BORIS ethogram): a valid format-1 scheme file with one member target, one unscaled
// dimension and one event item per code, so the project stays self-contained and the
// codings name a scheme. Codes that are not valid scheme ids (spaces, ...) still get
// their codings; only the generated file then fails the scheme validator.
SchemeRef generatedScheme(const std::string& schemeId, const std::string& title, const std::vector<std::string>& items);

// The bytes of an input file. Throws ProjectError naming the file: NotFound when it does
// not exist, Invalid "is a folder, not <kind>" for a folder, Io when it cannot be read.
// `kind` reads as "an ELAN file", "a CSV file", ...
std::string readInputFile(const std::filesystem::path& in, const std::string& kind);

// Seconds (as the other tool writes them) to microseconds, rounded to nearest.
TimeUs secondsToUs(double seconds);

// A double-quoted string with \" \\ \n \r \t and \u00XX escapes: valid both as a JSON
// string and as a TOML basic string (audit details, generated scheme files).
std::string quoted(const std::string& s);

// The id of the participant `code` of the case, from `byCode`; a participant first met in
// the imported file is added to `out` (role "other", id `next++`) and to `byCode`.
RowId participantFor(ProjectData& out, std::map<std::string, RowId>& byCode, RowId caseId,
                     const std::string& code, RowId& next);

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
