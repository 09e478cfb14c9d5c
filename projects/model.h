#pragma once
// The project data model: plain structs, one per table of a `.bondline` file. The store
// (store.h) reads and writes them; the exchange formats (CSV, JSON, .sav, .eaf, BORIS,
// coder packages) convert between them and files; the UI reads them. No SQLite here.
//
// Identity: every row has a `id` (SQLite rowid, 0 = not stored yet) that is local to one
// project file. Rows that travel between files (coder packages, merges, imports) also
// carry a stable `uuid` (RFC 4122 v4 text, lower case); merging matches on uuids, never
// on rowids. Media time is int64 microseconds from the start of the session's reference
// media; never floating point.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace projects {

using RowId = int64_t;
using TimeUs = int64_t;

// Roles of the people in a case. The therapist roles are session staff; the rest are
// family and network members. Strings for storage and exchange: roleName()/parseRole().
enum class Role {
    Youth,        // the index client (child or adolescent)
    Mother,
    Father,
    StepParent,
    FosterParent,
    Parent,       // other caregiver
    Sibling,
    Network,      // grandparent, teacher, other network member
    Therapist,
    CoTherapist,
    Other,
};

enum class CoderRole { Coder, Supervisor, ReliabilityLead };

// A family (pseudonymised): `code` is the only identifier, e.g. "F017".
struct Case {
    RowId id = 0;
    std::string uuid;
    std::string code;
    std::string setting;   // e.g. "outpatient", "home-based"
    std::string programme; // e.g. "MDFT", "FFT", "treatment as usual"
    std::string note;
};

// A person in a case. `code` is the pseudonymised label shown in the UI ("M", "F", "Y1").
struct Participant {
    RowId id = 0;
    std::string uuid;
    RowId caseId = 0;
    std::string code;
    Role role = Role::Other;
    std::string note;
};

struct Session {
    RowId id = 0;
    std::string uuid;
    RowId caseId = 0;
    int number = 1;          // session number within the case (1-based)
    std::string date;        // ISO 8601 date "YYYY-MM-DD", may be empty
    std::string phase;       // e.g. "early", "middle", "late"
    std::string label;       // free text, e.g. the observation name a BORIS import came from
    std::vector<RowId> attended; // participant ids present in this session
    TimeUs startUs = 0;      // session start marker in the media
    std::optional<TimeUs> endUs; // session end marker (none = end of media)
};

// A media file of a session. `path` is relative to the project file's folder (absolute
// only when the media is on another drive). The fingerprint identifies the content even
// when the file is moved or renamed: "size:<bytes>:sha256:<hex of first+last 1 MiB>".
struct Media {
    RowId id = 0;
    std::string uuid;
    RowId sessionId = 0;
    std::string path;
    int64_t sizeBytes = 0;
    std::string fingerprint;
    TimeUs offsetUs = 0;     // sync offset: media time = session time + offset
    bool reference = true;   // the file whose clock the session's codings use
};

struct Coder {
    RowId id = 0;
    std::string uuid;
    std::string name;        // unique in the project
    CoderRole role = CoderRole::Coder;
};

// A scheme used in the project, pinned to its exact content.
struct SchemeRef {
    RowId id = 0;
    std::string schemeId;    // Scheme::id, e.g. "softa-o-client"
    std::string version;
    std::string contentHash; // "sha256:<hex>" as schemes::contentHash computes it
    std::string sourceText;  // the scheme file's text, so the project is self-contained
};

// Who codes which session with which scheme.
struct Assignment {
    RowId id = 0;
    std::string uuid;
    RowId sessionId = 0;
    RowId coderId = 0;
    RowId schemeRefId = 0;
    bool blind = true;           // the coder must not see others' codings of this session
    bool goldStandard = false;   // this coder's codings are the reference for training
    bool reliability = false;    // drawn for double coding (sampling)
    std::string status = "assigned"; // "assigned", "in-progress", "done"
};

// One event coding: an occurrence of an item, by an actor, optionally directed at a
// target participant, at an exact frame.
struct Coding {
    RowId id = 0;
    std::string uuid;
    RowId sessionId = 0;
    RowId coderId = 0;
    RowId schemeRefId = 0;
    std::string item;                 // schemes::Item::id
    RowId actorId = 0;                // participant who shows the behaviour
    std::optional<RowId> targetId;    // participant it is directed at
    TimeUs onsetUs = 0;
    std::optional<TimeUs> offsetUs;   // none = point event
    std::optional<int64_t> framePts;  // pts (stream time base) of the frame coded on
    std::string comment;
};

// A rating of a dimension or rated item for one target in one rating unit by one coder.
struct Rating {
    RowId id = 0;
    std::string uuid;
    RowId sessionId = 0;
    RowId coderId = 0;
    RowId schemeRefId = 0;
    std::string ref;     // schemes::Dimension::id or rated schemes::Item::id
    std::string target;  // participant uuid, "family", or "<actor uuid>-><target uuid>"
    int unit = 0;        // rating unit index (0 = whole session)
    double value = 0;
    std::string note;
};

// A rupture/repair episode marked by a coder or supervisor.
struct Episode {
    RowId id = 0;
    std::string uuid;
    RowId sessionId = 0;
    RowId coderId = 0;
    TimeUs startUs = 0;
    TimeUs endUs = 0;
    std::string type;        // e.g. "withdrawal", "confrontation"
    std::string resolution;  // e.g. "resolved", "partly", "unresolved", empty = open
    std::vector<std::string> codingUuids; // linked event codings
    std::string comment;     // supervisor comments
};

// Append-only record of every change: who, when (UTC, ISO 8601), what.
struct AuditEntry {
    RowId id = 0;
    std::string when;
    std::string who;      // coder name, or "system"
    std::string action;   // e.g. "insert coding", "update rating", "undo", "merge"
    std::string table;
    std::string rowUuid;
    std::string detail;   // JSON text of the changed fields
};

// A whole project (or a part of one: an import, a coder package) in memory. Within one
// ProjectData the ids are references among its own rows (Coding::actorId names a
// Participant::id in `participants`, and so on); they need not match any file's rowids.
// The store maps them to its rowids on import, matching existing rows by uuid.
struct ProjectData {
    std::vector<Case> cases;
    std::vector<Participant> participants;
    std::vector<Session> sessions;
    std::vector<Media> media;
    std::vector<Coder> coders;
    std::vector<SchemeRef> schemes;
    std::vector<Assignment> assignments;
    std::vector<Coding> codings;
    std::vector<Rating> ratings;
    std::vector<Episode> episodes;
    // Where the rows of an imported file without uuids came from: row uuid -> the key
    // the importer made that uuid from (exchange::StableUuids; e.g. observation, subject,
    // behaviour and onset of a BORIS event). Store::importData writes it to the audit log.
    std::map<std::string, std::string> sourceKeys;
};

// What an importer read but did not take as written (an unpaired state event, a skipped
// tier): one line each, naming the file and the place in it.
struct ImportNotes {
    std::vector<std::string> warnings;
    std::vector<std::string> summary; // what became of each part (an ELAN tier: "N codings, ...")
};

const char* roleName(Role r);                         // "youth", "mother", ... "co-therapist"
std::optional<Role> parseRole(const std::string& s);  // inverse of roleName
const char* coderRoleName(CoderRole r);               // "coder", "supervisor", "reliability-lead"
std::optional<CoderRole> parseCoderRole(const std::string& s);

} // namespace projects
