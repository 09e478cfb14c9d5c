#pragma once
// The document layer of the window: owns the open projects::Store and its EditHistory and
// applies the Coding commands (keyboard coding, selection, moves, comments, undo/redo) to
// the workspace's DocumentState. Every gesture is one transaction and one undo step; the
// in-memory codings are updated from the edit's ChangeSet after the transaction commits,
// so a coding is drawn only once the file holds it. A failed write leaves the codings as
// they were and says so in the status line. UI thread only. No ImGui, SDL or FFmpeg here:
// tests drive it directly (tests/app_gui/test_document_controller.cpp).
//
// The keyboard coding contract (README, "Coding by keyboard"):
//   digits 1-9  select the actor: the n-th participant present, in session order;
//   item key    codes the item for the selected actor on the frame shown; a directed item
//               (target kind dyad) then waits for a target digit, Escape stores it without
//               one; a state item starts on its key and ends on the next press of the same
//               key for the same actor;
//   a second press of the same point item for the same actor within 150 ms is ignored.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/commands.h"
#include "app/gui/document.h"
#include "app/gui/key_settings.h"

namespace projects {
class Store;
class EditHistory;
struct ChangeSet;
} // namespace projects

namespace app {

// The frame on screen when a command is applied: where a coding lands.
struct FrameContext {
    int64_t frameIndex = 0;
    int64_t mediaUs = 0;                // presentation time of the frame (media clock)
    std::optional<int64_t> streamPts;   // its pts in the stream's time base
};

inline constexpr uint32_t kDoublePressMs = 150;

class DocumentController {
public:
    DocumentController(DocumentState& doc, KeySettings settings = {});
    ~DocumentController();
    DocumentController(const DocumentController&) = delete;
    DocumentController& operator=(const DocumentController&) = delete;

    // Opens (or replaces) the project. Throws with a one-line message naming the file.
    void openProject(const std::filesystem::path& path);
    void closeProject();
    // Creates a new project at `path` (refused when the path exists) and opens it.
    void createProject(const std::filesystem::path& path);
    // Set-up steps; each reloads the browser's lists and reports in the status line.
    void addCoder(const std::string& name, projects::CoderRole role);
    void pinScheme(const std::filesystem::path& schemeFile);
    void addSession(const projects::NewSession& s);
    void assign(projects::RowId coderId, projects::RowId schemeRefId, const std::string& caseCode, std::optional<int> number);
    // The import form: reads the file's format (and an ELAN file's tiers, read as `eaf`
    // says) into DocumentState::importPreview; runs an import (or its dry run) and puts
    // what it did there and in the status line. A file that cannot be read is a message
    // there, naming it; nothing is stored then.
    void inspectImport(const std::filesystem::path& file, const projects::EafImportOptions& eaf = {});
    void importFile(const std::filesystem::path& file, const projects::FileImportOptions& options);
    // Opens one coder's assignment of a session; returns the reference media file to open
    // (resolved against the project's folder), or nullopt when the session has none.
    // Throws with a one-line message.
    std::optional<std::filesystem::path> openSession(projects::RowId sessionId, projects::RowId coderId,
                                                     projects::RowId schemeRefId);
    void closeSession();
    // Finds a session "CASE/NUMBER" and a coder by name; their assignment (the first, or
    // the one of `schemeId`). Throws with a one-line message when any is missing.
    struct AssignmentRef { projects::RowId sessionId, coderId, schemeRefId; };
    AssignmentRef findAssignment(const std::string& caseSlashNumber, const std::string& coderName,
                                 const std::string& schemeId = {});
    // The assignment the project was last on (kept in the project's metadata), if any.
    std::optional<AssignmentRef> lastAssignment();

    // Applies one command at the frame shown. Returns the media time to seek to when the
    // command asks for it (selecting a coding seeks to its frame), else nullopt.
    std::optional<int64_t> apply(const CodingCommand& c, const FrameContext& frame);

    projects::Store* store() { return m_store.get(); }
    const KeySettings& keySettings() const { return m_settings; }

private:
    std::optional<int64_t> codeKey(const CodeKey& k, const FrameContext& frame);
    void digit(int n, const FrameContext& frame);
    void finishPending(std::optional<int> targetIndex);
    // The selection (kept sorted; `primary` empty: the last one) and what acts on it.
    void setSelection(std::vector<std::string> uuids, std::string primary);
    std::vector<projects::Coding> selectedCodings() const; // in time order
    void deleteSelected(const char* verb);
    bool copySelected();
    void paste(const FrameContext& frame);
    void moveSelected(const std::string& anchorUuid, int64_t onsetUs);
    // Runs one edit; on success folds its ChangeSet into the codings, on failure reports it.
    template <class Fn> bool edit(const std::string& what, Fn&& fn);
    void fold(const projects::ChangeSet& cs);
    void refreshUndoLabels();
    void reloadLists();
    void sortCodings();
    int64_t sessionTime(const FrameContext& f) const;
    projects::Coding newCoding(const ItemKey& item, int actorIndex, const FrameContext& f) const;

    DocumentState& m_doc;
    KeySettings m_settings;
    std::unique_ptr<projects::Store> m_store;
    std::unique_ptr<projects::EditHistory> m_history;
    // The double-press guard: the last point coding made from the keyboard.
    struct LastPress { std::string itemId; int actorIndex = -1; uint32_t timestampMs = 0; bool valid = false; };
    LastPress m_lastPress;
    // Copied codings (Ctrl+C), in time order; they stay across sessions of the project
    // (pasting keeps people present and items of the scheme, leaves out the rest).
    std::vector<projects::Coding> m_clipboard;
};

} // namespace app
