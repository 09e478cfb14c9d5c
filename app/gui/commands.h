#pragma once
// Command values that panels and key bindings emit (STYLE.md practice 2). They describe
// intent only; app::Controller applies them after the frame, in order.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <variant>
#include <vector>

#include "app/gui/timeline_view.h"

namespace app {

struct SeekToFrame { int64_t frameIndex; };     // exact
struct SeekToTime { int64_t timeUs; };          // exact, to the frame shown at timeUs
struct ScrubToTime { int64_t timeUs; };         // pointer moving: keyframe preview
struct EndScrub { int64_t timeUs; };            // pointer released: exact landing
struct Step { int delta; };                     // +1 / -1 frames (exact)
struct StepTime { int64_t deltaUs; };           // e.g. ±1 s (exact)
struct TogglePlay {};
struct SetSpeed { double speed; };              // clamped to [0.1, 8]
struct SpeedStep { int direction; };            // -1 slower, +1 faster, through kSpeedSteps
struct GoToStart {};
struct GoToEnd {};
struct SetViewRange { TimelineView view; };
struct ToggleHelp {};
struct DismissError {};
struct Quit {};

using Command = std::variant<SeekToFrame, SeekToTime, ScrubToTime, EndScrub, Step, StepTime,
                             TogglePlay, SetSpeed, SpeedStep, GoToStart, GoToEnd, SetViewRange,
                             ToggleHelp, DismissError, Quit>;

// Filled by panels during a frame, drained by the controller after it. UI thread only.
class CommandQueue {
public:
    void push(Command c) { m_items.push_back(std::move(c)); }
    std::vector<Command> take() { return std::exchange(m_items, {}); }
    bool empty() const { return m_items.empty(); }
    size_t size() const { return m_items.size(); }

private:
    std::vector<Command> m_items;
};

inline constexpr double kMinSpeed = 0.1;
inline constexpr double kMaxSpeed = 8.0;
inline constexpr double kSpeedSteps[] = {0.1, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0};

// The next speed in kSpeedSteps from `current` in `direction` (clamped at both ends).
double nextSpeed(double current, int direction);

} // namespace app
