#pragma once
// The set-up steps of a project that the command line (`bondline-cli project ...`) and the
// window's project browser both offer, so both do them the same way: pin a scheme file,
// add a session with its family and attendance and its media, assign sessions to a coder.
// Each is one Store write (or a few, in one transaction) and throws ProjectError (or
// std::runtime_error for a file that cannot be read) with a one-line message.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "projects/model.h"

namespace projects {

class Store;

// Reads, validates and pins a scheme file (by content hash; an identical one already
// pinned is returned). Throws with the first diagnostic when the file is not valid.
SchemeRef pinSchemeFile(Store& s, const std::filesystem::path& schemeFile);

// "M:mother,F:father" -> code/role pairs; throws std::invalid_argument naming the bad item.
std::vector<std::pair<std::string, Role>> parsePeople(const std::string& list);

struct NewSession {
    std::string caseCode;   // the case is created when it does not exist
    int number = 1;
    std::string date, phase;
    std::vector<std::pair<std::string, Role>> people; // present, in this order (new ones are added)
    std::optional<std::filesystem::path> media;       // stored relative to the project's folder
};
// Adds the session (and the case, the people not yet known, the media row) in one
// transaction. A media file that cannot be read adds nothing.
Session addSession(Store& s, const NewSession& n);

// Assigns every session (or those of `caseCode`, or that one `number`) not yet assigned to
// the coder with the scheme; returns how many were added.
int assignSessions(Store& s, RowId coderId, RowId schemeRefId, const std::string& caseCode = {},
                   std::optional<int> number = {}, bool blind = true, bool goldStandard = false);

} // namespace projects
