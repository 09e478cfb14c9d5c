#pragma once
// What the controller needs from the media engine. The real implementation wraps
// codec::Player (app/gui/player_port.h); keeping it an interface lets the controller and
// panels be built and tested before a file is open. All calls: UI thread only.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/video_texture.h"
#include "codec/thumbnails.h"
#include "codec/waveform.h"

namespace app {

enum class SeekKind { Exact, Preview };

struct PortSnapshot {
    int64_t frameIndex = 0; // frame currently presented
    int64_t timeUs = 0;
    bool playing = false;
    bool atEnd = false;
    int64_t framesShown = 0, framesDropped = 0, framesLate = 0;
    int queuedFrames = 0;
    int64_t cacheBytes = 0;
    bool busy = false; // a seek/step is in flight: keep polling
    int width = 0, height = 0; // of the presented frame (0 until the first one)
    bool backgroundBusy = false; // waveform (or other) background jobs still running
    float backgroundProgress = 1.0f; // of those jobs, 0..1 (shown in the status line)
    bool presentedDamaged = false;   // the frame at frameIndex could not be decoded
    std::vector<int64_t> damagedFrames; // found so far, ascending (marks on the timeline)
    std::vector<std::string> errors;    // the workers' problems, one line each (newest last)
    uint64_t errorCount = 0;            // every problem ever recorded (a new one is noticed)
};

class MediaPort {
public:
    virtual ~MediaPort() = default;
    virtual void seekFrame(int64_t frameIndex, SeekKind kind) = 0;
    virtual void step(int delta) = 0;
    virtual void setPlaying(bool playing) = 0;
    virtual void setSpeed(double speed) = 0;
    // The frame presented at time t (the last frame with pts <= t; 0 before the first).
    virtual int64_t frameAtTime(int64_t timeUs) const = 0;
    virtual int64_t timeOfFrame(int64_t frameIndex) const = 0;
    // The frame's pts in its stream's time base (stored with a coding), when known.
    virtual std::optional<int64_t> streamPtsOf(int64_t /*frameIndex*/) const { return std::nullopt; }
    virtual PortSnapshot snapshot() const = 0;
    // Advance presentation to the playback clock; call once per UI frame before drawing.
    virtual void tick() = 0;
    // The frame to show, borrowed: valid until the next tick() or presentedImage() call.
    virtual std::optional<YuvImage> presentedImage() = 0;
    // The finished waveform of the file's audio, or null (no audio, or still building).
    virtual std::shared_ptr<const codec::Waveform> waveform() const { return nullptr; }
    // Keyframe thumbnails the background job finished since the last call (UI thread).
    virtual std::vector<codec::Thumbnail> takeThumbnails() { return {}; }
};

} // namespace app
