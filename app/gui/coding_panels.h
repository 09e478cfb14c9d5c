#pragma once
// The panels of the coding view and the project browser. Like panels.h: each reads a
// `const Workspace&` and pushes Command values; ImGui-only ephemera (a drag in progress,
// the list's filter text) live in small structs owned by the frame loop. UI thread only.

#include <cstdint>
#include <string>

#include "app/gui/commands.h"
#include "app/gui/timeline_layout.h"
#include "app/gui/workspace.h"

namespace app {

// Width of the track names left of the timeline's axis (the scrub bar is indented by it).
inline constexpr float kTrackLabelWidth = 150.0f;

struct TimelineState {
    // A drag of one coding: which, from where, and the edge (0 move, -1 onset, +1 offset).
    // dragGroup: the coding is one of several selected, so the drag moves them all (and a
    // click without a drag selects it alone).
    std::string dragUuid;
    int dragEdge = 0;
    bool dragGroup = false;
    float dragStartX = 0;
    bool panning = false;
    float panLastX = 0;
    // The layout is rebuilt only when the codings, the view or the playhead changed.
    TimelineIndex index; // per-track sorted codings, rebuilt when the codings change
    int64_t layoutRevision = -1;
    TimelineView layoutView;
    int64_t layoutPlayhead = -1;
    int64_t layoutSelection = -1; // DocumentState::selectionRevision
    TimelineLayout layout;
};

struct EventListState {
    int actorFilter = -1;     // -1: everyone
    char itemFilter[64] = {}; // substring of the item id
    char textFilter[64] = {}; // substring of the comment
    std::string editingUuid;  // the row whose comment is being edited
    char comment[512] = {};
    std::string scrolledTo;   // the selection the list last scrolled to
    std::string anchorUuid;   // where a Shift+click range starts (the last plain click)
};

// Colour of a dimension's marks (ABGR as ImGui packs it), lighter for positive items.
uint32_t dimensionColour(int dimensionIndex, schemes::Polarity polarity);

// Tracks, marks, waveform strip and playhead; fills the available width, `heightPx` high.
void drawTimeline(const Workspace& ws, CommandQueue& q, TimelineState& st, float heightPx);
void drawEventList(const Workspace& ws, CommandQueue& q, EventListState& st);
// The line above the timeline: selected actor, pending target, open states, last message.
void drawCodingStatus(const Workspace& ws, CommandQueue& q);
void drawProjectBrowser(const Workspace& ws, CommandQueue& q);
// The help overlay's section for the scheme's keys and the digits.
void drawSchemeKeysHelp(const Workspace& ws);

} // namespace app
