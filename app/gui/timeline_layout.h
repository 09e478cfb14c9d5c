#pragma once
// Where the codings of the open session go on the timeline: one track per participant
// present (in session order, so track n is selected with digit n) and a family track, and
// the marks on them for the visible range. Codings closer than a few pixels fold into one
// counted cluster (as Tracy folds zones), so the number of marks is bounded by the width
// in pixels, not by the number of codings: 100,000 codings draw as fast as 100.
// Pure (no ImGui): the panel draws the result, tests and bench/timeline measure it.

#include <cstdint>
#include <string>
#include <vector>

#include "app/gui/document.h"
#include "app/gui/timeline_view.h"

namespace app {

struct TimelineTrack {
    std::string label; // "1  M (mother)", or "Family"
    int actorIndex = -1; // -1 for the family track
};

struct TimelineMark {
    float x0 = 0, x1 = 0;   // screen x relative to the axis origin
    int track = 0;
    int count = 1;          // > 1: a cluster of this many codings
    size_t first = 0;       // index into DocumentState::codings of the first coding
    int dimensionIndex = 0; // colour
    schemes::Polarity polarity = schemes::Polarity::Neutral;
    bool span = false;      // a state with its duration (or open: runs to the playhead)
    bool open = false;      // an unfinished state
    bool selected = false;  // holds the selected coding
    bool mixed = false;     // a cluster of codings of several dimensions (drawn neutral)
};

struct TimelineLayout {
    std::vector<TimelineTrack> tracks;
    std::vector<TimelineMark> marks;
};

inline constexpr float kClusterPx = 8.0f;

// `view` is in media time; codings are in session time, converted with the session's sync
// offset. An open state runs to `playheadMediaUs`.
TimelineLayout layoutTimeline(const DocumentState& doc, const TimelineView& view, int64_t playheadMediaUs,
                              float clusterPx = kClusterPx);

// The mark under screen x on `track`, or -1.
int markAt(const TimelineLayout& layout, int track, float x, float slopPx = 3.0f);

} // namespace app
