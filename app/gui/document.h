#pragma once
// The open project and coding session as plain state (part of the Workspace). Panels read
// it; only DocumentController writes it. The codings are an in-memory index of the coder's
// codings of the session, kept in step with the file from each edit's ChangeSet.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "coding_schemes/scheme.h"
#include "projects/import_file.h"
#include "projects/model.h"

namespace app {

// A person present in the session, in the order the session lists them: actors[0] is
// selected with digit 1, and so on.
struct Actor {
    projects::Participant participant;
    std::string label; // "M (mother)"
};

// A scheme item that can be coded from the keyboard.
struct ItemKey {
    std::string key;    // as pressed ("g"), after the observer's remapping
    std::string itemId;
    schemes::ItemKind kind = schemes::ItemKind::Event;
    bool directed = false;    // target kind dyad: the next digit picks the target
    bool familyLevel = false; // drawn on the family track
    schemes::Polarity polarity = schemes::Polarity::Neutral;
    int dimensionIndex = 0;   // position of its dimension in the scheme (for colours)
    std::string label;        // English label
};

// A directed item whose key was pressed; waiting for the target digit (or Escape).
struct PendingTarget {
    std::string itemId;
    int actorIndex = -1;
    int64_t onsetUs = 0;
    std::optional<int64_t> framePts;
};

struct StatusMessage {
    std::string text;
    bool error = false;  // shown in red; a write that failed says so here
};

// The import form's file: what the window knows of it, and what the last run said.
struct ImportPreview {
    std::string path;                          // the file inspected ("" none)
    std::optional<projects::ImportFormat> format; // from the name; nullopt: cannot tell
    std::vector<projects::EafTierInfo> tiers;  // ELAN: each tier as it would be read
    std::string error;                         // the file cannot be read (one line)
    std::vector<std::string> lines;            // the last dry run or import: counts, per tier, warnings
    bool lastWasDryRun = false;
    int64_t revision = 0;                      // a new file was inspected (the form resets)
};

struct DocumentState {
    // Project
    bool projectOpen = false;
    std::string projectPath;
    std::vector<projects::Case> cases;
    std::vector<projects::Session> sessions;
    std::vector<projects::Participant> participants;
    std::vector<projects::Coder> coders;
    std::vector<projects::SchemeRef> schemes;
    std::vector<projects::Assignment> assignments;
    std::vector<projects::Media> media;
    projects::RowId browsingCoderId = 0; // whose assignments the browser shows
    ImportPreview importPreview;
    bool showBrowser = false;

    // Session being coded (sessionId == 0: none)
    projects::RowId sessionId = 0;
    projects::RowId coderId = 0;
    projects::RowId schemeRefId = 0;
    std::string sessionTitle; // "F017 session 1 - anna - softa-o-client"
    int64_t syncOffsetUs = 0; // the reference media's offset (media = session + offset)
    std::shared_ptr<const schemes::Scheme> scheme;
    std::vector<Actor> actors;
    std::vector<ItemKey> keys;
    std::vector<std::string> keyWarnings; // collisions found when the scheme was opened

    std::vector<projects::Coding> codings; // sorted by (onsetUs, uuid)
    int64_t revision = 0;                  // bumped whenever codings change
    // The selection: `selection` holds every selected coding's uuid (sorted), the primary
    // one (last clicked: what Ctrl+L loops, what the list scrolls to) is `selectedUuid`.
    // Only DocumentController::select* change them; each change bumps selectionRevision.
    std::string selectedUuid;
    std::vector<std::string> selection;
    int64_t selectionRevision = 0;
    size_t clipboardSize = 0;              // codings copied (Ctrl+C), for the status and menus
    int selectedActor = -1;                // index into actors; -1 none
    std::optional<PendingTarget> pending;
    StatusMessage status;
    std::string undoLabel, redoLabel;

    bool sessionOpen() const { return sessionId != 0; }
    bool isSelected(const std::string& uuid) const
    {
        return !uuid.empty() && std::binary_search(selection.begin(), selection.end(), uuid);
    }
    const ItemKey* keyFor(const std::string& itemId) const
    {
        for (const ItemKey& k : keys)
            if (k.itemId == itemId)
                return &k;
        return nullptr;
    }
    int actorIndexOf(projects::RowId participantId) const
    {
        for (size_t i = 0; i < actors.size(); ++i)
            if (actors[i].participant.id == participantId)
                return static_cast<int>(i);
        return -1;
    }
    const projects::Coding* coding(const std::string& uuid) const
    {
        for (const auto& c : codings)
            if (c.uuid == uuid)
                return &c;
        return nullptr;
    }
    // A state coding that has started and not ended (no offset yet).
    bool isOpenState(const projects::Coding& c) const
    {
        const ItemKey* k = keyFor(c.item);
        return k && k->kind == schemes::ItemKind::State && !c.offsetUs;
    }
};

} // namespace app
