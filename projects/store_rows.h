#pragma once
// Internal to projects/: the mapping between rows and structs. One INSERT per table,
// shared by the Store's single-row writes (store_writes.cpp) and importData
// (store_import.cpp), and one reader per row type for the Store's reads (store_reads.cpp). Each runs inside the caller's
// transaction, takes a row whose uuid and references are already final, and returns the
// new rowid. No checks and no audit row here; the callers do both.
#include <string>
#include <vector>

#include "projects/model.h"

namespace projects::sql {
class Database;
class Statement;
}

namespace projects::detail {

RowId insertRow(sql::Database& db, const Case& c);
RowId insertRow(sql::Database& db, const Participant& p);
RowId insertRow(sql::Database& db, const Session& s); // and its attendance
RowId insertRow(sql::Database& db, const Media& m);
RowId insertRow(sql::Database& db, const Coder& c);
RowId insertRow(sql::Database& db, const SchemeRef& s);
RowId insertRow(sql::Database& db, const Assignment& a);
RowId insertRow(sql::Database& db, const Coding& c);
RowId insertRow(sql::Database& db, const Rating& r);
RowId insertRow(sql::Database& db, const Episode& e);

// Episode::codingUuids as stored ("u1,u2").
std::string joinUuids(const std::vector<std::string>& uuids);

// Reading rows: each takes a statement whose columns are, in order, the ones listed.
inline constexpr const char* kCodingCols = "id, uuid, session_id, coder_id, scheme_id, item, actor_id, target_id, onset_us, offset_us, frame_pts, comment";
inline constexpr const char* kRatingCols = "id, uuid, session_id, coder_id, scheme_id, ref, target, unit, value, note";
inline constexpr const char* kEpisodeCols = "id, uuid, session_id, coder_id, start_us, end_us, type, resolution, coding_uuids, comment";
// cases: id, uuid, code, setting, programme, note
Case readCase(const sql::Statement& st);
// participants: id, uuid, case_id, code, role, note
Participant readParticipant(const sql::Statement& st);
Coding readCoding(const sql::Statement& st);   // kCodingCols
Rating readRating(const sql::Statement& st);   // kRatingCols
Episode readEpisode(const sql::Statement& st); // kEpisodeCols
// sessions: id, uuid, case_id, number, date, phase, start_us, end_us, label (not the attendance)
Session readSession(const sql::Statement& st);
// media: id, uuid, session_id, path, size_bytes, fingerprint, offset_us, reference
Media readMedia(const sql::Statement& st);
// coders: id, uuid, name, role
Coder readCoder(const sql::Statement& st);
// schemes: id, scheme_id, version, content_hash, source_text
SchemeRef readScheme(const sql::Statement& st);
// assignments: id, uuid, session_id, coder_id, scheme_id, blind, gold, reliability, status
Assignment readAssignment(const sql::Statement& st);
// audit: id, at, who, action, tbl, row_uuid, detail
AuditEntry readAudit(const sql::Statement& st);
// Episode::codingUuids from their stored form ("u1,u2").
std::vector<std::string> splitUuids(const std::string& s);

} // namespace projects::detail
