#pragma once
// Where the codings of the open session go on the timeline: one track per participant
// present (in session order, so track n is selected with digit n) and a family track, and
// the marks on them for the visible range. Point codings within a few pixels of a
// cluster's first one fold into that counted cluster (as Tracy folds zones), found by
// binary search in each track's sorted onsets, so the work per frame is bounded by the
// width in pixels times log(codings): 100,000 codings draw as fast as 100.
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
    bool selected = false;  // holds a selected coding
    bool mixed = false;     // a cluster of codings of several dimensions (drawn neutral)
};

struct TimelineLayout {
    std::vector<TimelineTrack> tracks;
    std::vector<TimelineMark> marks;
};

// Per-track indexes of the codings, rebuilt when DocumentState::revision changes (after an
// edit), not per frame.
struct TimelineIndex {
    struct Track {
        std::vector<size_t> points;         // indexes into codings, by onset
        std::vector<int64_t> pointOnsetUs;  // their onsets in media time (for binary search)
        std::vector<int32_t> dimChanges;    // dimChanges[k]: dimension changes among points[0..k]
        std::vector<size_t> states;         // state codings, by onset
        std::vector<int32_t> selectedBefore; // selectedBefore[k]: selected among points[0..k)
    };
    int64_t revision = -1;
    int64_t selectionRevision = -1;
    std::vector<char> selectedCoding; // per coding: in DocumentState::selection
    int64_t syncOffsetUs = 0;
    std::vector<Track> tracks;      // actors in order, then the family track
    std::vector<int> keyOfCoding;   // index into DocumentState::keys, -1 when not in the scheme
    bool hasOpenStates = false;
};

inline constexpr float kClusterPx = 14.0f;

TimelineIndex buildTimelineIndex(const DocumentState& doc);
// Brings the index's selection marks up to doc.selection (after a click, without rebuilding
// the rest): one pass over the codings.
void indexSelection(TimelineIndex& index, const DocumentState& doc);

// `view` is in media time; codings are in session time, converted with the session's sync
// offset. An open state runs to `playheadMediaUs`. `index` must be built from `doc`.
TimelineLayout layoutTimeline(const DocumentState& doc, const TimelineIndex& index, const TimelineView& view,
                              int64_t playheadMediaUs, float clusterPx = kClusterPx);
// The same, building the index first (tests).
TimelineLayout layoutTimeline(const DocumentState& doc, const TimelineView& view, int64_t playheadMediaUs,
                              float clusterPx = kClusterPx);

// The mark under screen x on `track`, or -1.
int markAt(const TimelineLayout& layout, int track, float x, float slopPx = 3.0f);

} // namespace app
