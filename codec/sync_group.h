#pragma once
// Several media files of one session played in sync (multi-camera, separate audio
// recorder). Each file has a sync offset, its media time at session time 0, so that
// media = session + offset (codec/timebase.h; the same convention as projects::Media).
// The first member is the master: its clock (audio when it has audio, else wall) drives
// every other member through PlayerOptions::mediaClockUs.
//
// Threading: all methods on the UI thread. Members' workers run as in codec::Player.

#include <cstdint>
#include <memory>
#include <vector>

#include "codec/player.h"
#include "codec/timebase.h"

namespace codec {

struct SyncMember {
    std::unique_ptr<FrameSource> source;
    SyncOffset offset;      // media = session + offset
    PlayerOptions options;  // mediaClockUs is overwritten for every member but the first
};

class SyncGroup {
public:
    explicit SyncGroup(std::vector<SyncMember> members);
    ~SyncGroup();

    size_t size() const { return m_players.size(); }
    Player& player(size_t i) { return *m_players[i]; }
    SyncOffset offset(size_t i) const { return m_offsets[i]; }

    // Session time <-> file time.
    MediaUs mediaTime(size_t i, SessionUs t) const { return toMedia(t, m_offsets[i]); }
    SessionUs sessionTime(size_t i, MediaUs t) const { return toSession(t, m_offsets[i]); }

    // Exact seek of every member to session time t (members before their start or past
    // their end show their first/last frame).
    void seekSession(SessionUs t, SeekMode mode = SeekMode::Exact);
    void play();
    void pause();
    void setSpeed(double speed);
    // Tick every member; true when any presented frame changed.
    bool tick();
    SessionUs sessionClock() const;
    bool waitIdle(int timeoutMs);

private:
    std::vector<SyncOffset> m_offsets;
    std::vector<std::unique_ptr<Player>> m_players; // [0] is the master
};

} // namespace codec
