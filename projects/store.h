#pragma once
// The project store: one .bondline file (SQLite, WAL, synchronous=FULL). Every write is
// one transaction that also appends its audit row; when a write function returns, the
// change is on disk (a kill -9 or power cut afterwards loses nothing). Opening checks
// what the file is before touching it: not a project, damaged, or written by a newer
// Bondline each give a ProjectError naming the file; an older file is backed up
// (`<file>.v<N>.bak`) and migrated in one transaction.
//
// Not thread-safe: one Store per thread (the GUI keeps its Store on the main thread; an
// insert takes well under a frame, see bench/projects).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "projects/model.h"
#include "projects/project_error.h"

namespace projects {

namespace sql {
class Database;
}

// What happened while opening.
struct OpenReport {
    int fileVersion = 0;           // schema version found in the file
    bool migrated = false;
    std::filesystem::path backup;  // set when migrated
};

// Merging another ProjectData (an import, a returned coder package) into a store.
struct ImportOptions {
    // Only these row kinds are taken from the source (the rest must already exist or
    // come along as references). Default: everything.
    bool structure = true; // cases, participants, sessions, media, coders, schemes, assignments
    bool codings = true;   // codings, ratings, episodes
    std::string action = "import"; // the audit action
    // New media with an absolute path (importers resolve the paths they read against the
    // imported file's folder) are stored relative to the project's folder, with their
    // fingerprint when the file is there; those not there are listed in the report.
    // Off for coder packages, which keep absolute paths.
    bool mediaRelativeToProject = true;
    // The imported file ("<path> <fingerprint>"), written with each row's source key
    // (ProjectData::sourceKeys) into the audit detail of the rows it adds.
    std::string source;
    // Everything is matched and counted, then rolled back: the report says what an import
    // would add, match and skip, and the project is not changed.
    bool dryRun = false;
};

struct ImportReport {
    int inserted = 0;
    int unchanged = 0;             // same uuid, same content: skipped (imports are idempotent)
    std::vector<std::string> conflicts; // same uuid (or key), different content: kept ours
    std::vector<std::string> missingMedia; // new media records whose file is not there
};

struct RelinkReport {
    int relinked = 0;
    std::vector<std::string> stillMissing; // media paths not found
};

class Store {
public:
    // A new, empty project. Throws ProjectError(AlreadyExists) if the file exists.
    static Store create(const std::filesystem::path& file);
    // Opens an existing project (see the header comment for the checks).
    static Store open(const std::filesystem::path& file);

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    const std::filesystem::path& path() const { return m_path; }
    const OpenReport& openReport() const { return m_open; }
    // The project's stable identity (a uuid written at creation); packages name it.
    std::string projectUuid();
    // Name written into the audit log for the writes that follow ("system" by default).
    void setActor(std::string who) { m_actor = std::move(who); }
    const std::string& actor() const { return m_actor; }

    // Key/value metadata (project title, package marks, ...).
    std::optional<std::string> meta(const std::string& key);
    void setMeta(const std::string& key, const std::string& value);

    // --- reads ---------------------------------------------------------------------
    std::vector<Case> cases();
    std::vector<Participant> participants(std::optional<RowId> caseId = {});
    std::vector<Session> sessions(std::optional<RowId> caseId = {});
    std::vector<Media> media(std::optional<RowId> sessionId = {});
    std::vector<Coder> coders();
    std::vector<SchemeRef> schemes();
    std::vector<Assignment> assignments(std::optional<RowId> sessionId = {});
    std::vector<Coding> codings(std::optional<RowId> sessionId = {}, std::optional<RowId> coderId = {});
    // Streams every coding (ordered by session, coder, onset) without holding them all.
    void forEachCoding(const std::function<void(const Coding&)>& fn);
    std::optional<Coding> codingByUuid(const std::string& uuid);
    int64_t codingCount();
    std::vector<Rating> ratings(std::optional<RowId> sessionId = {}, std::optional<RowId> coderId = {});
    std::optional<Rating> ratingByUuid(const std::string& uuid);
    std::vector<Episode> episodes(std::optional<RowId> sessionId = {});
    std::optional<Episode> episodeByUuid(const std::string& uuid);
    std::vector<AuditEntry> audit(int limit = 1000); // newest first
    // Lookups by the keys people type (one indexed query each, no scan of the project).
    std::optional<Case> caseByCode(const std::string& code);
    std::optional<Session> sessionByNumber(RowId caseId, int number);
    std::optional<Coder> coderByName(const std::string& name);
    // By scheme id or content hash; of several versions of one id, the last one added.
    std::optional<SchemeRef> schemeByIdOrHash(const std::string& idOrHash);
    ProjectData snapshot();

    // --- writes (each one transaction with its audit row) -----------------------------
    // Inserts return the row as stored (id set; uuid generated when empty).
    Case addCase(Case c);
    Participant addParticipant(Participant p);
    Session addSession(Session s);
    void setAttendance(RowId sessionId, const std::vector<RowId>& participantIds);
    Media addMedia(Media m);
    void updateMedia(const Media& m); // path, size, fingerprint, offset, reference
    Coder addCoder(Coder c);
    // Returns the existing row when a scheme with the same content hash is stored.
    SchemeRef addScheme(SchemeRef s);
    Assignment addAssignment(Assignment a);
    void updateAssignment(const Assignment& a);

    Coding addCoding(Coding c);
    void updateCoding(const Coding& c);          // by uuid
    void deleteCoding(const std::string& uuid);
    // Insert or replace the rating for (session, coder, scheme, ref, target, unit).
    Rating setRating(Rating r);
    void deleteRating(const std::string& uuid);
    Episode addEpisode(Episode e);
    void updateEpisode(const Episode& e);        // by uuid
    void deleteEpisode(const std::string& uuid);

    // Merges `data` (ids local to it) into this project, matching rows by uuid (schemes
    // by content hash, coders by uuid then name, cases by uuid then code). One
    // transaction: on any error nothing is imported.
    ImportReport importData(const ProjectData& data, const ImportOptions& options = {});

    // --- media files ---------------------------------------------------------------------
    // The media path as stored, resolved against the project's folder.
    std::filesystem::path resolve(const Media& m) const;
    std::vector<Media> missingMedia();
    // Looks for every missing media file under `searchDir` (recursively) by fingerprint
    // and stores the new path. Codings are untouched.
    RelinkReport relink(const std::filesystem::path& searchDir);

    // "ok", or SQLite's description of the damage.
    std::string integrityCheck();

    sql::Database& database(); // for the exchange formats and tests in this module

private:
    Store(std::filesystem::path path, std::unique_ptr<sql::Database> db, OpenReport report);
    [[noreturn]] void rethrow(const std::exception& e) const;
    // Runs `f`; whatever it throws leaves as a ProjectError naming the file (rethrow).
    template <class F>
    auto guarded(F&& f) const -> decltype(f())
    {
        try {
            return f();
        } catch (const std::exception& e) {
            rethrow(e);
        }
    }
    void auditRow(const std::string& action, const std::string& table, const std::string& uuid,
                  const std::string& detail);
    std::string newUuid();

    std::filesystem::path m_path;
    std::unique_ptr<sql::Database> m_db;
    OpenReport m_open;
    std::string m_actor = "system";
};

// A random RFC 4122 version-4 uuid (lower-case text).
std::string makeUuid();

} // namespace projects
