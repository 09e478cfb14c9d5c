#pragma once
// SPSS .sav export of the ratings (ReadStat). One row per rating, long format:
//   case, session, phase, coder, scheme, participant, role, ref, unit, value
// with variable labels; `role` is numeric (1 = youth ... 11 = other, the order of
// projects::Role) with value labels, and system-missing for family and dyad targets.
// `participant` is the participant code, "family", or "<actor code>-><target code>".
// Rows are ordered by case, session number, coder, scheme, ref, participant and unit.
#include <filesystem>

#include "projects/model.h"
#include "projects/project_error.h"

namespace projects {

// True when this build has ReadStat (exportSav works).
bool savExportAvailable();

// Writes `d`'s ratings to `out` (atomically: a temporary file renamed at the end).
// Throws ProjectError: (Io) when the file cannot be written or ReadStat fails, (Invalid)
// when this build has no ReadStat.
void exportSav(const ProjectData& d, const std::filesystem::path& out);

// SPSS role code (1-based position in projects::Role) for the `role` variable.
int savRoleCode(Role r);

} // namespace projects
