#pragma once
// Several media files of one session played in sync (multi-camera, separate audio
// recorder). Each file has an offset: the session time at which the file's t=0 happens.
// The first member is the master: its clock (audio when it has audio, else wall) drives
// every other member through PlayerOptions::mediaClockUs.
//
// Threading: all methods on the UI thread. Members' workers run as in codec::Player.

#include <cstdint>
#include <memory>
#include <vector>

#include "codec/player.h"

namespace codec {

struct SyncMember {
    std::unique_ptr<FrameSource> source;
    int64_t offsetUs = 0; // session time of this file's first instant
    PlayerOptions options;  // mediaClockUs is overwritten for every member but the first
};

class SyncGroup {
public:
    explicit SyncGroup(std::vector<SyncMember> members);
    ~SyncGroup();

    size_t size() const { return m_players.size(); }
    Player& player(size_t i) { return *m_players[i]; }
    int64_t offsetUs(size_t i) const { return m_offsets[i]; }

    // Session time <-> file time.
    int64_t fileTime(size_t i, int64_t sessionUs) const { return sessionUs - m_offsets[i]; }
    int64_t sessionTime(size_t i, int64_t fileUs) const { return fileUs + m_offsets[i]; }

    // Exact seek of every member to session time t (members before their start or past
    // their end show their first/last frame).
    void seekSession(int64_t sessionUs, SeekMode mode = SeekMode::Exact);
    void play();
    void pause();
    void setSpeed(double speed);
    // Tick every member; true when any presented frame changed.
    bool tick();
    int64_t sessionClockUs() const;
    bool waitIdle(int timeoutMs);

private:
    std::vector<int64_t> m_offsets;
    std::vector<std::unique_ptr<Player>> m_players; // [0] is the master
};

} // namespace codec
