#include "app/gui/media_controller.h"

#include <algorithm>
#include <cmath>

namespace app {

double nextSpeed(double current, int direction)
{
    constexpr int n = static_cast<int>(std::size(kSpeedSteps));
    if (direction > 0) {
        for (int i = 0; i < n; ++i)
            if (kSpeedSteps[i] > current + 1e-9)
                return kSpeedSteps[i];
        return kSpeedSteps[n - 1];
    }
    if (direction < 0) {
        for (int i = n - 1; i >= 0; --i)
            if (kSpeedSteps[i] < current - 1e-9)
                return kSpeedSteps[i];
        return kSpeedSteps[0];
    }
    return std::clamp(current, kMinSpeed, kMaxSpeed);
}

MediaController::MediaController(Workspace& ws, MediaPort* port) : m_ws(ws), m_port(port) {}

int64_t MediaController::clampFrame(int64_t frameIndex) const
{
    const int64_t last = std::max<int64_t>(m_ws.media.frameCount - 1, 0);
    return std::clamp<int64_t>(frameIndex, 0, last);
}

void MediaController::seekExactFrame(int64_t frameIndex)
{
    frameIndex = clampFrame(frameIndex);
    m_ws.playhead.frameIndex = frameIndex;
    m_ws.playhead.scrubbing = false;
    if (m_port) {
        m_ws.playhead.timeUs = m_port->timeOfFrame(frameIndex);
        m_port->seekFrame(frameIndex, SeekKind::Exact);
    }
}

void MediaController::apply(const ViewCommand& command)
{
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, SetViewRange>)
                m_ws.view = c.view;
            else if constexpr (std::is_same_v<T, SetFollowPlayhead>)
                m_ws.followPlayhead = c.follow;
            else if constexpr (std::is_same_v<T, ToggleFollowPlayhead>)
                m_ws.followPlayhead = !m_ws.followPlayhead;
        },
        command);
}

void MediaController::apply(const TransportCommand& command)
{
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            const bool media = m_ws.media.open && m_port;
            if constexpr (std::is_same_v<T, SetSpeed>) {
                m_ws.play.speed = std::clamp(c.speed, kMinSpeed, kMaxSpeed);
                if (m_port)
                    m_port->setSpeed(m_ws.play.speed);
            } else if constexpr (std::is_same_v<T, SpeedStep>) {
                m_ws.play.speed = nextSpeed(m_ws.play.speed, c.direction);
                if (m_port)
                    m_port->setSpeed(m_ws.play.speed);
            } else if constexpr (std::is_same_v<T, ClearLoop>) {
                m_ws.play.loop.reset();
            } else if constexpr (std::is_same_v<T, SetLoop>) {
                if (c.endUs > c.startUs)
                    m_ws.play.loop = std::make_pair(std::max<int64_t>(c.startUs, 0), c.endUs);
            } else if (!media) {
                return; // the other transport commands need an open file
            } else if constexpr (std::is_same_v<T, TogglePlay>) {
                m_ws.play.playing = !m_ws.play.playing;
                if (m_ws.play.playing && m_ws.playhead.frameIndex >= m_ws.media.frameCount - 1
                    && m_ws.media.frameCount > 1)
                    seekExactFrame(0); // play from the start when at the end, as players do
                m_port->setPlaying(m_ws.play.playing);
            } else if constexpr (std::is_same_v<T, SeekToFrame>) {
                seekExactFrame(c.frameIndex);
            } else if constexpr (std::is_same_v<T, SeekToTime>) {
                seekExactFrame(m_port->frameAtTime(c.timeUs));
            } else if constexpr (std::is_same_v<T, ScrubToTime>) {
                const int64_t f = clampFrame(m_port->frameAtTime(c.timeUs));
                m_ws.playhead.scrubbing = true;
                m_ws.playhead.frameIndex = f;
                m_ws.playhead.timeUs = m_port->timeOfFrame(f);
                m_port->seekFrame(f, SeekKind::Preview);
            } else if constexpr (std::is_same_v<T, EndScrub>) {
                seekExactFrame(m_port->frameAtTime(c.timeUs));
            } else if constexpr (std::is_same_v<T, Step>) {
                // Stepping pauses playback (every player does this; a step while playing
                // would be overtaken by the clock immediately).
                if (m_ws.play.playing) {
                    m_ws.play.playing = false;
                    m_port->setPlaying(false);
                }
                const int64_t target = clampFrame(m_ws.playhead.frameIndex + c.delta);
                m_ws.playhead.frameIndex = target;
                m_ws.playhead.timeUs = m_port->timeOfFrame(target);
                m_port->step(c.delta);
            } else if constexpr (std::is_same_v<T, StepTime>) {
                const int64_t t = std::clamp<int64_t>(m_ws.playhead.timeUs + c.deltaUs, 0, m_ws.media.durationUs);
                seekExactFrame(m_port->frameAtTime(t));
            } else if constexpr (std::is_same_v<T, GoToStart>) {
                seekExactFrame(0);
            } else if constexpr (std::is_same_v<T, GoToEnd>) {
                seekExactFrame(m_ws.media.frameCount - 1);
            }
        },
        command);
}

bool MediaController::refresh()
{
    if (!m_port || !m_ws.media.open)
        return false;
    const PortSnapshot s = m_port->snapshot(); // the player's state, read once per frame
    bool changed = false;
    auto set = [&changed](auto& field, auto value) {
        if (field != value) {
            field = value;
            changed = true;
        }
    };
    // While a seek or scrub is in flight the player still presents the old frame; keep the
    // optimistic playhead the controller set until the player has caught up or is playing.
    if (s.playing || !m_ws.playhead.scrubbing) {
        set(m_ws.playhead.frameIndex, s.frameIndex);
        set(m_ws.playhead.timeUs, s.timeUs);
    }
    set(m_ws.play.playing, s.playing);
    if (!m_ws.media.waveform) {
        m_ws.media.waveform = m_port->waveform(); // posted once the background job is done
        changed |= m_ws.media.waveform != nullptr;
    }
    if (s.width > 0) {
        set(m_ws.media.width, s.width);
        set(m_ws.media.height, s.height);
    }
    set(m_ws.stats.framesShown, s.framesShown);
    set(m_ws.stats.framesDropped, s.framesDropped);
    set(m_ws.stats.framesLate, s.framesLate);
    set(m_ws.stats.queuedFrames, s.queuedFrames);
    set(m_ws.stats.cacheBytes, s.cacheBytes);
    set(m_ws.media.busy, s.busy || s.backgroundBusy);
    set(m_ws.media.presentedDamaged, s.presentedDamaged && !s.busy);
    if (s.damagedFrames.size() != m_ws.media.damagedFrames.size()) {
        m_ws.media.damagedFrames = s.damagedFrames;
        m_ws.media.damagedTimesUs.clear();
        for (int64_t f : s.damagedFrames)
            m_ws.media.damagedTimesUs.push_back(m_port->timeOfFrame(f));
        changed = true;
    }
    // A new problem in a worker (a damaged frame, the audio failing) is a line in the
    // status line and on stderr at exit; playback and stepping go on.
    if (s.errorCount > m_ws.media.errorCount) {
        const uint64_t fresh = s.errorCount - m_ws.media.errorCount;
        const size_t n = static_cast<size_t>(std::min<uint64_t>(fresh, s.errors.size()));
        for (size_t i = s.errors.size() - n; i < s.errors.size(); ++i)
            m_ws.ui.problems.push_back(s.errors[i]);
        if (!s.errors.empty())
            m_ws.doc.status = {s.errors.back(), true};
        m_ws.media.errorCount = s.errorCount;
        changed = true;
    }
    if (std::abs(m_ws.media.backgroundProgress - s.backgroundProgress) >= 0.01f || s.backgroundProgress == 1.0f)
        set(m_ws.media.backgroundProgress, s.backgroundProgress);
    // A loop wraps playback from its end back to its start (an exact seek).
    if (m_ws.play.loop && s.playing && s.timeUs >= m_ws.play.loop->second) {
        seekExactFrame(m_port->frameAtTime(m_ws.play.loop->first));
        changed = true;
    }
    // Keep the playhead in view while playing, unless the observer unlocked the timeline.
    if (m_ws.followPlayhead && s.playing && m_ws.view.spanUs() < m_ws.media.durationUs) {
        const int64_t t = m_ws.playhead.timeUs;
        if (t < m_ws.view.startUs || t > m_ws.view.endUs) {
            TimelineView v = m_ws.view;
            const int64_t span = v.spanUs();
            v.startUs = t - span / 10;
            v.endUs = v.startUs + span;
            m_ws.view = v.clampedTo(0, std::max<int64_t>(m_ws.media.durationUs, 1));
            changed = true;
        }
    }
    return changed;
}

} // namespace app
