#pragma once
// BORIS project import (.boris, JSON). A BORIS project holds an ethogram
// ("behaviors_conf": code, "Point event" / "State event"), subjects ("subjects_conf")
// and observations, each with media files per player and a time-ordered event list
// [time_s, subject, behavior code, modifier, comment(, frame index)].
//
// Mapping:
// - one Case named after the project file's stem; each observation (in file order) is a
//   Session numbered 1.., labelled with the observation's name, its date the
//   observation's date (YYYY-MM-DD part);
// - every subject is a Participant (role Other, note = description); events without a
//   subject belong to a participant "no subject" (created only when used);
// - the media of player 1 (first file = reference) and of the other players become the
//   session's Media (offset = minus the player's BORIS offset; later files of a player
//   start where the previous file's length ends);
//   Media paths are resolved against the .boris file's folder (exchange::resolveMediaPath)
//   and stored relative to the project by Store::importData;
// - point events become codings with an onset; state events alternate START/STOP per
//   (subject, behavior, modifier) and each pair becomes one coding with onset and
//   offset; modifiers go into the coding's comment ("modifier: ..."); a START without a
//   STOP: see BorisOptions;
// - one Coder "boris-import" and a generated scheme ("boris-<stem>") with one item per
//   behavior code: a valid item id made from the code (exchange::itemIdsFor), the code
//   as its label. Times are int64 µs, rounded from BORIS's float seconds, minus the
//   observation's "time offset".
// Bad input throws ProjectError naming the file: a JSON syntax error as
// "file:line: ... (byte N)", everything else as "file: observation "id": event K: ...".
#include <filesystem>

#include "projects/model.h"
#include "projects/project_error.h"

namespace projects {

struct BorisOptions {
    // A state event that starts and never stops is imported as an open state (onset, no
    // offset, comment "open state ..."); with closeUnpaired it ends at the observation's
    // end instead (the end of player 1's media, or the last event when that is later or
    // the length is not known). Either way it is a warning in `notes`.
    bool closeUnpaired = false;
};

ProjectData importBoris(const std::filesystem::path& in, const BorisOptions& options = {}, ImportNotes* notes = nullptr);

} // namespace projects
