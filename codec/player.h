#pragma once
// Asynchronous playback on top of a frame-exact FrameSource (docs/media.md, "Player").
//
// One worker thread decodes; the UI thread commands (seek/step/play/speed) and, once per UI
// frame, calls tick() and presented(). Audio (when the file has it and an output wants it)
// is decoded and time-stretched on a second worker into a buffer that the audio device's
// callback drains through readAudio(); while audio plays, it is the master clock.
//
// Seeks coalesce: one pending slot, last writer wins; a newer seek cancels the decode in
// flight (the source checks the cancel flag between frames) and bumps the serial, so frames
// from an older request are never shown (ffplay's serial numbers).
//
// Failures never leave a worker thread: a frame that cannot be decoded is presented at its
// own position, flagged damaged (FrameView::damaged, PlayerSnapshot::damagedFrames), so
// steps and seeks go on past it; an audio failure stops the audio (the wall clock takes
// over) and becomes a line in PlayerSnapshot::errors.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "codec/audio_decoder.h"
#include "codec/frame_source.h"

namespace codec {

class AudioTempo;

enum class SeekMode { Exact, Preview };

struct PlayerOptions {
    int queueFrames = 8; // decode-ahead depth (players keep 8-16 frames)
    // Wall clock in microseconds; tests inject a fake one. Default: steady_clock.
    std::function<int64_t()> nowUs;
    // Called from a worker thread when a new frame is ready to present (e.g. to wake an
    // idle UI loop with SDL_PushEvent). Must be thread-safe and cheap.
    std::function<void()> wake;
    // External media clock (multi-file sync): when set, the playback position while playing
    // is this function's value instead of the player's own audio/wall clock. Called with
    // this player's lock held; it must not call back into this player.
    std::function<int64_t()> mediaClockUs;
    // Audio: when set and the file has audio, audio is decoded for readAudio() in this format.
    std::string audioPath;
    std::optional<AudioSpec> audioSpec;
    // While paused, the worker refills the frames before the presented one
    // (FrameSource::refillBefore), so the first step back after a seek is a cache hit: at
    // once after an exact seek, after this long without a command otherwise (so holding a
    // step key does not start and cancel refills). Any command cancels it. Negative: never.
    int refillDelayMs = 300;
};

struct PlayerStats {
    int64_t framesShown = 0;   // presentations while playing
    int64_t framesDropped = 0; // decoded while playing but skipped: the clock had passed them
    int64_t framesLate = 0;    // presented more than one frame duration after their time
    int64_t exactSeeks = 0;    // exact requests the worker actually executed (after coalescing)
    int64_t previews = 0;      // keyframe previews executed
    int queuedFrames = 0;
    int64_t cacheBytes = 0;
    int64_t refills = 0;          // background refills started
    int64_t refillsCompleted = 0; // ... that finished (not cancelled)
};

// Everything the window reads once per UI frame, taken under one lock (so its fields
// agree with each other: the frame, the position, busy/playing, the errors).
struct PlayerSnapshot {
    FrameView presented;          // the picture to draw (damaged: last good picture, see FrameView)
    uint64_t presentedSerial = 0; // changes whenever `presented` does
    int64_t targetIndex = 0;      // the frame last asked for (seek/step target), or presented
    // The position to show: the target while a seek is in flight, else the presented frame.
    int64_t frameIndex = 0;
    int64_t clockUs = 0;
    bool playing = false;
    bool busy = false;
    bool atEnd = false;
    double speed = 1.0;
    bool hasAudio = false;
    bool audioFailed = false;     // the audio worker stopped on an error (see errors)
    int64_t audioBufferedFrames = 0;
    PlayerStats stats;
    // Frames found damaged so far (ascending; for marks on the timeline), and the problems
    // the workers met (damaged frames, audio failures; one line each, oldest first, at most
    // 32 kept). errorCount counts every problem ever recorded, so a new one is noticed.
    std::vector<int64_t> damagedFrames;
    std::vector<std::string> errors;
    uint64_t errorCount = 0;
};

class Player {
public:
    explicit Player(std::unique_ptr<FrameSource> source, PlayerOptions options = {});
    ~Player(); // stops and joins the workers
    Player(const Player&) = delete;
    Player& operator=(const Player&) = delete;

    // -- UI thread (any single thread).
    const FrameSource& source() const { return *m_source; }
    bool hasAudio() const { return m_audioSpec.has_value(); }
    void seek(int64_t index, SeekMode mode);
    void step(int delta); // pauses; uses the decode-ahead queue when the frame is there
    void play();
    void pause();
    void setSpeed(double speed); // clamped to [0.1, 8]
    // Advance the presentation to the clock. Returns true when presented() changed.
    bool tick();
    FrameView presented() const;
    uint64_t presentedSerial() const;
    int64_t targetIndex() const; // the frame last asked for (seek/step target), or presented
    bool playing() const;
    bool busy() const; // a seek or step has not been presented yet
    bool atEnd() const;
    double speed() const;
    int64_t clockUs() const; // current playback position on the media timeline
    PlayerStats stats() const;
    // All of the above in one lock (read this once per UI frame).
    PlayerSnapshot snapshot() const;
    int64_t audioBufferedFrames() const; // decoded audio waiting for the device
    // Block until no seek is pending and the target frame is presented (tests, screenshots).
    bool waitIdle(int timeoutMs);

    // -- Audio device thread. Fills `bytes` of interleaved audio in the AudioSpec given at
    // construction; silence when paused, seeking or starved. Never blocks on decoding.
    void readAudio(uint8_t* dst, int bytes);

private:
    struct Request {
        int64_t index = 0;
        SeekMode mode = SeekMode::Exact;
    };

    void videoLoop();
    bool refillWantedLocked() const; // requires m_mutex
    void commandLocked();            // requires m_mutex: a UI command cancels a refill
    void audioLoop();
    void audioWork();                 // audioLoop's body; may throw
    void failAudio(std::string message);
    int64_t wallUs() const;
    int64_t clockLocked() const;                      // requires m_mutex
    void presentLocked(const FrameView& f, uint64_t serial); // requires m_mutex
    void restartAudioLocked(int64_t fromUs);         // requires m_mutex
    void anchorClockLocked(int64_t mediaUs);         // requires m_mutex
    // A damaged frame from the source becomes a presentable view at its position (the last
    // good picture, flagged), and is recorded. Requires m_mutex.
    FrameView damagedViewLocked(const FrameView& f);
    void recordErrorLocked(std::string message);     // requires m_mutex
    // Worker side of a source call: never throws (a failure is a damaged frame).
    FrameView decodeSafely(int64_t index, SeekMode mode);

    const std::unique_ptr<FrameSource> m_source; // frame()/preview(): video worker only
    const PlayerOptions m_opt;
    std::optional<AudioSpec> m_audioSpec; // set in the constructor only

    mutable std::mutex m_mutex;
    std::condition_variable m_wakeVideo;
    std::condition_variable m_wakeAudio;
    std::condition_variable m_presentedCv;

    // -- All the following fields are protected by m_mutex.
    std::optional<Request> m_pending; // the pending-seek slot: last writer wins
    uint64_t m_serial = 1;            // bumped by every seek/step; frames carry it
    std::deque<FrameView> m_queue;    // decode-ahead frames of m_serial, in order
    int64_t m_nextDecode = 0;         // next index the worker decodes ahead
    FrameView m_presented;
    FrameView m_lastGood;             // the last undamaged picture presented or queued
    uint64_t m_presentedSerial = 0;
    std::vector<int64_t> m_damaged;   // sorted, unique
    std::deque<std::string> m_errors; // at most kMaxErrors
    uint64_t m_errorCount = 0;
    bool m_audioFailed = false;
    // Background refill (worker): the frame it was last run for, whether one is running,
    // and when the UI last commanded anything (steady clock, for refillDelayMs).
    int64_t m_refilledFor = -1;
    bool m_refilling = false;
    bool m_refillAtOnce = false; // the last command was an exact seek
    std::chrono::steady_clock::time_point m_lastCommand = std::chrono::steady_clock::now();
    int64_t m_target = 0;
    bool m_busy = false;
    bool m_playing = false;
    bool m_atEnd = false;
    double m_speed = 1.0;
    int64_t m_anchorMediaUs = 0; // clock = anchorMedia + (wall - anchorWall) * speed
    int64_t m_anchorWallUs = 0;
    bool m_quit = false;
    PlayerStats m_stats;
    // Audio buffer (interleaved in *m_audioSpec), filled by the audio worker.
    std::deque<uint8_t> m_audioBuf;
    uint64_t m_audioSerial = 0;     // bumped on every restart; the worker drops old work
    int64_t m_audioStartUs = 0;     // media time of the first sample after a restart
    int64_t m_audioPlayedFrames = 0;// output frames handed to the device since the restart
    int64_t m_audioQueuedFrames = 0;// output frames the worker produced since the restart
    double m_audioSpeed = 1.0;      // speed of the samples in m_audioBuf
    bool m_audioClockValid = false; // audio has started playing: it drives the clock
    bool m_audioEof = false;
    int64_t m_audioLastReadWallUs = 0; // wall time of the latest readAudio (interpolation)
    int64_t m_audioLastReadFrames = 0; // frames handed out by that call

    // -- Shared without the lock.
    std::atomic<bool> m_cancelDecode{false}; // set when a newer request supersedes the current

    // -- Owned by the constructing thread; joined in the destructor.
    std::thread m_videoThread;
    std::thread m_audioThread;
};

} // namespace codec
