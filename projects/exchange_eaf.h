#pragma once
// ELAN annotation files (.eaf, EAF 3.0): export one coder's codings of one session, and
// import an .eaf file's tiers as codings. Writer: exchange_eaf_write.cpp; reader:
// exchange_eaf_read.cpp; what Bondline adds to the format: exchange_eaf_format.h.
//
// Layout written by exportEaf:
// - HEADER: a MEDIA_DESCRIPTOR for the session's reference media (MEDIA_URL absolute,
//   RELATIVE_MEDIA_URL relative to the .eaf file) and PROPERTY elements: how to read the
//   tiers back (tier content, point span) and who and what the file is in the project
//   (case, session, coder, participants with uuid and role, each tier's scheme by content
//   hash, each coding's uuid, target, frame pts and comment), so that importing the file
//   into its project lands on the same rows and adds nothing.
// - TIME_ORDER: one TIME_SLOT per distinct time, in milliseconds (rounded from µs).
// - One TIER per participant (actor) and item, TIER_ID "<participant code> <item>",
//   when the coding's scheme does not parse; when it parses, one TIER per participant
//   and dimension ("<participant code> <dimension>") and the item in the annotation value.
//   PARTICIPANT is the participant's code (which may hold spaces). Point events get a
//   one-frame (40 ms) span. ELAN allows no overlap on an independent tier, so a tier whose
//   annotations would overlap (points 20 ms apart, a state inside another) is spread over
//   "<id>", "<id> (2)", ... (first fit in onset order).
// - One LINGUISTIC_TYPE ("bondline-coding", time-alignable).
//
// importEaf reads every independent, time-aligned tier:
// - participant: the --tier-map entry for the tier, else its PARTICIPANT attribute, else
//   the first word of a name "<participant> <item>"; a tier with none is skipped with a
//   warning that names --tier-map;
// - item: the mapping's item, else the annotation value when the tier's linguistic type
//   has a controlled vocabulary (whose entries all become items of a generated scheme) or
//   the file says tier-content = dimension, else the tier's name (less the participant);
//   a value that differs from a fixed item becomes the coding's comment;
// - dependent tiers (symbolic association or subdivision, time subdivision, included-in)
//   add "<tier>: <value>" to the comment of their parent annotation's coding; annotations
//   without an imported parent are skipped with a counted warning.
// What became of each tier goes to ImportNotes::summary, what was skipped to warnings.
// Annotations of exactly the point span in a file written by Bondline become point events.
// Bad input (not XML, not EAF, a missing or unaligned time slot on an independent tier,
// a truncated file) throws ProjectError "file:line: problem".
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "projects/model.h"
#include "projects/project_error.h"

namespace projects {

inline constexpr TimeUs kEafPointSpanUs = 40000; // one frame at 25 fps

struct EafTierTarget {
    std::string participant; // participant code
    std::string item;        // empty: from the annotation value / the tier as usual
};

struct EafImportOptions {
    std::map<std::string, EafTierTarget> tierMap; // TIER_ID -> participant and item
};

// What importEaf would make of one tier (for choosing a mapping before importing).
struct EafTierInfo {
    std::string id;           // TIER_ID
    std::string participant;  // the participant it would be read as (empty: skipped)
    std::string item;         // how its items are found ("item \"X\" (the tier's name)", ...)
    std::string parent;       // a dependent tier's parent tier (its values go to comments)
    std::string skipReason;   // why an independent tier would be skipped
    size_t annotations = 0;
};

// The tiers of an .eaf file in file order, each as importEaf would read it with `options`.
// Throws ProjectError as importEaf does.
std::vector<EafTierInfo> eafTiers(const std::filesystem::path& in, const EafImportOptions& options = {});

// Writes the codings of `coderId` in `sessionId` (ids of `d`). `projectDir` is the folder
// relative media paths are resolved against (default: the .eaf file's folder).
// Throws ProjectError (Invalid) when the session or coder is not in `d`, (Io) when the
// file cannot be written.
void exportEaf(const ProjectData& d, RowId sessionId, RowId coderId, const std::filesystem::path& out,
               const std::filesystem::path& projectDir = {});

// Imports into an existing session of `base` as coder `coderId`: the result holds copies
// of the base's case, its participants, the session, the coder and the schemes the
// codings use (ids and uuids as in `base`, so Store::importData matches them) plus a new
// Participant (role Other) for every participant code the base does not know, and the
// codings. The codings' scheme is the one a Bondline tier names, else the one assigned to
// this coder for this session, else the one of the coder's codings there, else the
// base's first scheme, else a generated one.
ProjectData importEaf(const std::filesystem::path& in, const ProjectData& base, RowId sessionId, RowId coderId,
                      const EafImportOptions& options = {}, ImportNotes* notes = nullptr);

// Imports on its own: one Case named after the file stem, Session 1 with the file's
// media, one Coder (the document's AUTHOR, else "elan-import"), one Participant (role
// Other) per participant code, a generated scheme ("elan-<stem>") and the codings. A file
// Bondline wrote names its case, session, coder, participants and schemes instead: the
// result then matches them in the project (its schemes must be in the project already).
ProjectData importEaf(const std::filesystem::path& in, const EafImportOptions& options = {},
                      ImportNotes* notes = nullptr);

} // namespace projects
