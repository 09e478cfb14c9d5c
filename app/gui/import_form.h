#pragma once
// The browser's import form: a file from BORIS, ELAN, Datavyu or a Bondline CSV/JSON
// export into the open project. For an ELAN file it lists the tiers as they would be read
// and lets the observer map any tier to a participant and an item (the window's
// --tier-map); "Preview" is a dry run, "Import" one transaction. Reads the Workspace and
// pushes InspectImport / ImportFile; what is typed lives here, owned by the frame loop.
#include <string>
#include <vector>

#include "app/gui/commands.h"
#include "app/gui/project_forms.h"
#include "app/gui/workspace.h"

namespace app {

struct ImportForm {
    char path[512] = {};
    int64_t seenRevision = -1; // DocumentState::importPreview.revision the fields belong to
    struct Tier {
        std::string id;
        char participant[64] = {};
        char item[96] = {};
    };
    std::vector<Tier> tiers; // the mapping typed for each ELAN tier
    bool closeUnpaired = false; // BORIS: end a state that never stops at the observation's end
};

// The file extensions the form offers in its file dialog.
extern const std::vector<std::string> kImportExtensions;

// The options the form's fields give (format from the preview; dry run or not).
projects::FileImportOptions importOptions(const ImportForm& f, const ImportPreview& preview, bool dryRun);

void drawImportForm(const Workspace& ws, CommandQueue& q, ImportForm& f, FileDialog& dialog);

} // namespace app
