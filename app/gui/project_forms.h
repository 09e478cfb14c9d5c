#pragma once
// Setting a project up from the window: a file dialog drawn with ImGui (no native dialog
// library), the start page (open or create a project, open a media file) and the set-up
// forms under the project browser (coders, schemes, sessions with their family and media,
// assignments). They read the Workspace and push Document commands; what the user types
// lives in the form structs, owned by the frame loop. UI thread only.

#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/commands.h"
#include "app/gui/workspace.h"

namespace app {

// A modal file chooser: a folder's entries (folders first), a path field, filtered by
// extension. open() starts it; draw() returns true once the user chose `chosen`.
struct FileDialog {
    enum class Purpose { None, OpenProject, CreateProject, OpenMedia, SessionMedia, PinScheme, ImportFile };
    Purpose purpose = Purpose::None;
    std::filesystem::path folder;
    std::vector<std::string> extensions; // lower case with the dot; empty: every file
    bool saving = false;                 // a new file name may be typed
    char name[512] = {};
    std::string error;
    std::filesystem::path chosen;
    bool openRequested = false;

    void open(Purpose p, std::vector<std::string> exts, bool save, const std::filesystem::path& start = {});
    bool draw(); // true on the frame the user confirms
};

struct SetupForms {
    char coderName[64] = {};
    int coderRole = 0;
    char caseCode[32] = {};
    int number = 1;
    char date[16] = {};
    char phase[24] = {};
    char people[256] = "M:mother,F:father,Y:youth,T:therapist";
    char media[512] = {};
    int assignCoder = 0, assignScheme = 0;
    std::string error; // the last form error (shown in red under the form)
};

// The start page when nothing is open. `dialog` is opened from its buttons.
void drawStartPage(const Workspace& ws, FileDialog& dialog);
// The set-up forms (under the browser's table).
void drawSetupForms(const Workspace& ws, CommandQueue& q, SetupForms& f, FileDialog& dialog);
// Turns a confirmed dialog into its command (or fills the form's media field).
void applyFileDialog(const FileDialog& dialog, CommandQueue& q, SetupForms& forms);
// A file dropped on the window: a project opens, a scheme is pinned, another tool's file
// goes into the import form and media into the session form when a project is open
// (else the player opens it).
void dropFile(const Workspace& ws, const std::string& path, CommandQueue& q, SetupForms& forms);

} // namespace app
