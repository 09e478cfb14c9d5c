#pragma once
// The typed error of the project store. what() is one line naming the file and the
// problem, ready for a modal or stderr; kind() lets callers react (offer relink, ...).
#include <stdexcept>
#include <string>

namespace projects {

class ProjectError : public std::runtime_error {
public:
    enum class Kind {
        NotFound,      // no such file
        AlreadyExists, // create() on an existing file
        NotAProject,   // empty, not SQLite, or SQLite without Bondline's application id
        Damaged,       // SQLite reports corruption, or tables are missing
        TooNew,        // written by a newer Bondline: refused, file untouched
        NotFoundRow,   // an edit names a row that does not exist (e.g. deleted meanwhile)
        Invalid,       // a write that breaks a rule (unknown participant, offset < onset, ...)
        Busy,          // another process kept the project locked past the busy timeout
        Io,            // any other SQLite failure (disk full, read-only)
    };

    ProjectError(Kind kind, const std::string& path, const std::string& problem)
        : std::runtime_error(path + ": " + problem), m_kind(kind)
    {
    }
    // A message that already names the file (e.g. "data.csv:12: unterminated quote").
    struct Whole {
        std::string message;
    };
    ProjectError(Kind kind, Whole whole) : std::runtime_error(whole.message), m_kind(kind) {}

    Kind kind() const noexcept { return m_kind; }

private:
    Kind m_kind;
};

} // namespace projects
