#pragma once
// Datavyu project import (.opf). An .opf file is a zip archive holding a YAML member
// "project" (name, media "feed"s) and a text member "db" (at the top level or inside one
// folder; __MACOSX and other members are ignored). Its format has no document; the
// definition is Datavyu's reader (OpenDataStoreFileController.java, OpenController.java
// in databrary/datavyu): a version line "#2", "#3" or "#4" (LF or CRLF), then per column
// a header line and one line per cell:
//   Name (MATRIX,true,comment)-code1|nominal,code2|nominal      (#4; #3 has no comment,
//   00:00:01:000,00:00:02:500,(value1,value2)                     #2 no visibility)
//   Notes (TEXT,true,)
//   00:00:05:000,00:00:05:000,free text, with commas
// Cells start with a digit; times are HH:MM:SS:mmm; in values "\," "\-" "\\" are
// escapes and a line ending in "\" continues on the next line.
//
// Mapping: one Case named after the file's stem, Session 1 (labelled with the project's
// name) with the feeds as media (resolved against the .opf file's folder), Coder
// "datavyu-import" and a generated scheme ("datavyu-<stem>"):
// - by default each column is an item group: its cells become codings of the item named
//   after the column, by participant "unassigned", with onset and offset (an offset not
//   after the onset makes a point event) and the values in the comment ("code1=v1; ...");
// - with a column map, COLUMN=participant makes the column a participant: its cells are
//   that participant's codings, the item the cell's first value; COLUMN=item makes it an
//   item whose cells name the participant in their first value.
// A cell with more values than its column declares is a counted warning, not a refusal.
// Bad input throws ProjectError naming the file (and "db:<line>" for the data member).
#include <filesystem>
#include <map>
#include <string>

#include "projects/model.h"
#include "projects/project_error.h"

namespace projects {

struct OpfOptions {
    enum class Column { Item, Participant };
    std::map<std::string, Column> columnMap;
};

ProjectData importOpf(const std::filesystem::path& in, const OpfOptions& options = {}, ImportNotes* notes = nullptr);

// The "db" member's text (for tests and the fuzzer); `name` names it in messages.
ProjectData parseDatavyuDb(const std::string& text, const std::string& name, const OpfOptions& options = {},
                           ImportNotes* notes = nullptr);

} // namespace projects
