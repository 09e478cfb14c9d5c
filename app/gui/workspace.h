#pragma once
// UI state of the bondline window as plain structs (docs/architecture.md). Panels read a
// `const Workspace&`; only app::Controller writes it, on the UI thread, between frames.
// Nothing here refers to ImGui, SDL or FFmpeg, so Catch2 tests build and inspect it directly.

#include <cstdint>
#include <memory>
#include <string>

#include <optional>
#include <utility>
#include <vector>

#include "app/gui/document.h"
#include "app/gui/timeline_view.h"
#include "codec/waveform.h"

namespace app {

// What is known about the open media file (copied from the decoder's probe at open).
struct MediaState {
    bool open = false;
    std::string path;
    int64_t durationUs = 0;
    int64_t frameCount = 0; // video frames in presentation order; 0 for audio-only
    int width = 0;
    int height = 0;
    double frameRate = 0; // nominal, for display only; frame times come from the index
    bool hasAudio = false;
    bool audioOnly = false; // an audio recording: the picture is a neutral placeholder, frames are 40 ms slots
    bool busy = false;      // a seek or a background job (waveform) is running
    float backgroundProgress = 1.0f; // the waveform job's progress, 0..1
    bool presentedDamaged = false;   // the frame on screen could not be decoded
    std::vector<int64_t> damagedFrames; // frames found damaged so far
    std::vector<int64_t> damagedTimesUs; // their media times (marks on the scrub bar and timeline)
    uint64_t errorCount = 0;            // the player's problems seen so far
    // Audio peaks for the scrub bar, once the background job has finished (immutable).
    std::shared_ptr<const codec::Waveform> waveform;
};

// Where the user is. frameIndex is the frame on screen (or being sought to).
struct PlayheadState {
    int64_t frameIndex = 0;
    int64_t timeUs = 0;     // presentation time of frameIndex
    bool scrubbing = false; // pointer held on the scrub bar: previews are keyframes
};

struct PlayState {
    bool playing = false;
    double speed = 1.0; // 0.1 .. 8
    std::optional<std::pair<int64_t, int64_t>> loop; // media time [start, end): playback wraps
};

// Counters mirrored from the player once per frame, shown in the status line.
struct PlaybackStats {
    int64_t framesShown = 0;
    int64_t framesDropped = 0; // decoded but never shown because the clock had passed them
    int64_t framesLate = 0;    // shown later than one frame duration after their time
    int queuedFrames = 0;      // decode-ahead queue depth
    int64_t cacheBytes = 0;    // decoder frame cache (GOP cache) size
};

struct UiState {
    bool showHelp = false;
    std::string errorMessage; // non-empty: the error modal is open
    std::vector<std::string> errorLog; // every error shown, printed on stderr at exit
    std::vector<std::string> problems; // problems met while working (damaged frames): on stderr at exit
    std::string openingMedia; // non-empty: this file is being opened (probe, index) in the background
    bool quitRequested = false;
};

struct Workspace {
    MediaState media;
    PlayheadState playhead;
    PlayState play;
    TimelineView view; // the scrub bar's and timeline's visible range (media time)
    bool followPlayhead = true; // the timeline scrolls to keep the playhead in view while playing
    PlaybackStats stats;
    UiState ui;
    DocumentState doc; // the open project and coding session
};

} // namespace app
