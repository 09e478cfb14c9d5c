#pragma once
// JSON of a whole project (lossless: every table, every field, scheme source texts), for
// archiving and for other tools. Ids in the file are the project's rowids and are only
// references inside the file; uuids carry identity. Importing it into another project
// merges by uuid (Store::importData).
//
// {"format": "bondline-project", "format_version": 1, "project_uuid": "...",
//  "cases": [...], "participants": [...], "sessions": [...], "media": [...],
//  "coders": [...], "schemes": [...], "assignments": [...], "codings": [...],
//  "ratings": [...], "episodes": [...]}
#include <filesystem>
#include <string>

#include "projects/model.h"

namespace projects {

class Store;

void exportJson(Store& store, const std::filesystem::path& out);
std::string toJson(const ProjectData& d, const std::string& projectUuid);

// Throws ProjectError "file:line:col: problem" for malformed JSON, or "file: problem"
// naming the field (e.g. "codings[3].onset_us: expected an integer").
ProjectData importJson(const std::filesystem::path& in);
ProjectData parseJson(const std::string& text, const std::string& fileName);

} // namespace projects
