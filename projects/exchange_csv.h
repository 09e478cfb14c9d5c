#pragma once
// CSV exchange.
//
// Tidy long CSV (R, pandas, SPSS "restructure"): one row per coding, one per rating and
// one per derived score, columns
//   record,case,session,phase,date,coder,scheme,scheme_version,scheme_hash,participant,
//   role,target,target_role,dimension,item,unit,value,onset_us,offset_us,time_s,
//   frame_pts,comment,uuid
// record is "coding", "rating" or "score". Times are exact integer microseconds
// (time_s is the onset in seconds for reading). Participants are their codes; a rating
// or score of the family has participant "family"; a dyad rating has participant =
// actor, target = the other. Score rows by "consensus" are computed from the ratings of
// two or more coders. RFC 4180 quoting: line breaks inside comments are kept in a quoted
// field.
//
// Wide CSV (SPSS users): one row per case x session x coder x rated target, one column
// per rating (ref, or ref_uN for rating unit N > 0) and per whole-session score, plus one
// tally column per event or flag item of the scheme (n_<item>), used or not: 0 in a row
// whose target is of the item's kind, blank elsewhere. Column names are SPSS-safe.
//
// Import reads the long CSV back (coding and rating rows; score rows are derived and
// skipped) into a ProjectData for Store::importData. The schemes named by scheme_hash
// must already be in the project. Errors: ProjectError "file:line: problem".
#include <cstdint>
#include <filesystem>

#include "projects/model.h"

namespace projects {

class Store;

struct ExportCounts {
    int64_t codings = 0, ratings = 0, scores = 0, rows = 0;
};

ExportCounts exportLongCsv(Store& store, const std::filesystem::path& out);
ExportCounts exportWideCsv(Store& store, const std::filesystem::path& out);
ProjectData importLongCsv(const std::filesystem::path& in);

// The input tables of `bondline-cli irr` (docs/reliability.md), straight from a project:
// - events of one session, `coder,code,onset,offset` in seconds (exact decimals), with
//   code = "<actor code>:<item>" so that agreement needs the same person and behaviour;
// - ratings, `unit,rater,value`, one unit per case/session/ref/rated target (and /uN for
//   rating unit N > 0), target written as participant codes ("family", "M->T").
// Return the number of rows written.
int64_t exportIrrEvents(Store& store, RowId sessionId, const std::filesystem::path& out);
int64_t exportIrrRatings(Store& store, const std::filesystem::path& out);

// "12.04" -> 12040000; exact decimal (no floating point); false when not a number of
// seconds with at most 6 decimals.
bool parseSecondsUs(const std::string& s, int64_t* us);
std::string formatSecondsUs(int64_t us); // 12040000 -> "12.040000"

} // namespace projects
