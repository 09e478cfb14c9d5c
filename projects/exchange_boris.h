#pragma once
// BORIS project import (.boris, JSON). A BORIS project holds an ethogram
// ("behaviors_conf": code, "Point event" / "State event"), subjects ("subjects_conf")
// and observations, each with media files per player and a time-ordered event list
// [time_s, subject, behavior code, modifier, comment(, frame index)].
//
// Mapping:
// - one Case named after the project file's stem; each observation (in file order) is a
//   Session numbered 1.., its date the observation's date (YYYY-MM-DD part);
// - every subject is a Participant (role Other, note = description); events without a
//   subject belong to a participant "no subject" (created only when used);
// - the media of player 1 (first file = reference) and of the other players become the
//   session's Media (offset = minus the player's BORIS offset; later files of a player
//   start where the previous file's length ends);
// - point events become codings with an onset; state events alternate START/STOP per
//   (subject, behavior, modifier) and each pair becomes one coding with onset and
//   offset; modifiers go into the coding's comment ("modifier: ...");
// - one Coder "boris-import" and a generated scheme ("boris-<stem>") with one item per
//   behavior code. Times are int64 µs, rounded from BORIS's float seconds, minus the
//   observation's "time offset".
// Bad input throws ProjectError naming the file: a JSON syntax error as
// "file:line: ... (byte N)", everything else as "file: observation "id": event K: ...".
#include <filesystem>

#include "projects/model.h"
#include "projects/project_error.h"

namespace projects {

ProjectData importBoris(const std::filesystem::path& in);

} // namespace projects
