#pragma once
// ELAN annotation files (.eaf, EAF 3.0): export one coder's codings of one session, and
// import an .eaf file's time-aligned tiers as codings.
//
// Layout written by exportEaf:
// - HEADER: a MEDIA_DESCRIPTOR for the session's reference media (MEDIA_URL absolute,
//   RELATIVE_MEDIA_URL relative to the .eaf file) and PROPERTY elements that tell
//   importEaf how to read the tiers back ("bondline:tier-content" = "item" or
//   "dimension"; "bondline:point-span-ms" = 40).
// - TIME_ORDER: one TIME_SLOT per distinct time, in milliseconds (rounded from µs).
// - One TIER per participant (actor) and item, TIER_ID "<participant code> <item>",
//   when the coding's scheme does not parse; when it parses, one TIER per participant
//   and dimension ("<participant code> <dimension>") and the item in the annotation value.
//   Point events get a one-frame (40 ms) span.
// - One LINGUISTIC_TYPE ("bondline-coding", time-alignable).
// Targets and frame pts are not carried by EAF; comments are not written.
//
// importEaf reads every tier named "<participant code> <rest>": the item is the
// annotation value when the file says tier-content = dimension, else <rest> (and a
// value that differs from <rest> becomes the coding's comment). Annotations of exactly
// the point span in a file written by Bondline become point events again.
// Bad input (not XML, not EAF, a missing or unaligned time slot, a truncated file, a
// tier not named "<code> <item>") throws ProjectError "file:line: problem".
#include <filesystem>

#include "projects/model.h"
#include "projects/project_error.h"

namespace projects {

inline constexpr TimeUs kEafPointSpanUs = 40000; // one frame at 25 fps

// Writes the codings of `coderId` in `sessionId` (ids of `d`). `projectDir` is the folder
// relative media paths are resolved against (default: the .eaf file's folder).
// Throws ProjectError (Invalid) when the session or coder is not in `d`, (Io) when the
// file cannot be written.
void exportEaf(const ProjectData& d, RowId sessionId, RowId coderId, const std::filesystem::path& out,
               const std::filesystem::path& projectDir = {});

// Imports into an existing session of `base` as coder `coderId`: the result holds copies
// of the base's case, its participants, the session, the coder and the scheme (ids and
// uuids as in `base`, so Store::importData matches them) plus a new Participant (role
// Other) for every participant code the base does not know, and the codings. The
// codings' scheme is the one assigned to this coder for this session, else the one of
// the coder's codings there, else the base's first scheme, else a generated one.
ProjectData importEaf(const std::filesystem::path& in, const ProjectData& base, RowId sessionId, RowId coderId);

// Imports on its own: one Case named after the file stem, Session 1 with the file's
// media, one Coder (the document's AUTHOR, else "elan-import"), one Participant (role
// Other) per participant code, a generated scheme ("elan-<stem>") and the codings.
ProjectData importEaf(const std::filesystem::path& in);

} // namespace projects
