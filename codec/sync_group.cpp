#include "codec/sync_group.h"

#include <algorithm>

#include "codec/media_error.h"

namespace codec {

SyncGroup::SyncGroup(std::vector<SyncMember> members)
{
    if (members.empty())
        throw MediaError(MediaError::Kind::Io, "sync group: no media");
    m_offsets.reserve(members.size());
    for (const SyncMember& m : members)
        m_offsets.push_back(m.offset);
    m_players.reserve(members.size());
    for (size_t i = 0; i < members.size(); ++i) {
        PlayerOptions opt = std::move(members[i].options);
        if (i > 0) {
            // Followers read the master's clock (lock order: follower -> master, never back).
            Player* master = nullptr; // set below; m_players[0] exists before any follower
            master = m_players[0].get();
            const SyncOffset masterOffset = m_offsets[0], own = m_offsets[i];
            opt.mediaClockUs = [master, masterOffset, own] {
                return toMedia(toSession(MediaUs{master->clockUs()}, masterOffset), own).us;
            };
        }
        m_players.push_back(std::make_unique<Player>(std::move(members[i].source), std::move(opt)));
    }
}

SyncGroup::~SyncGroup()
{
    // Followers first: their clock function points at the master.
    while (m_players.size() > 1)
        m_players.pop_back();
}

void SyncGroup::seekSession(SessionUs t, SeekMode mode)
{
    for (size_t i = 0; i < m_players.size(); ++i) {
        const FrameSource& s = m_players[i]->source();
        m_players[i]->seek(s.indexAt(mediaTime(i, t).us), mode);
    }
}

void SyncGroup::play()
{
    // Master last is not needed: followers only read the master's clock while playing,
    // and before the master plays that clock is its presented frame's time.
    for (auto& p : m_players)
        p->play();
}

void SyncGroup::pause()
{
    for (auto& p : m_players)
        p->pause();
}

void SyncGroup::setSpeed(double speed)
{
    for (auto& p : m_players)
        p->setSpeed(speed);
}

bool SyncGroup::tick()
{
    bool changed = false;
    for (auto& p : m_players)
        changed |= p->tick();
    return changed;
}

SessionUs SyncGroup::sessionClock() const
{
    return sessionTime(0, MediaUs{m_players[0]->clockUs()});
}

bool SyncGroup::waitIdle(int timeoutMs)
{
    bool ok = true;
    for (auto& p : m_players)
        ok &= p->waitIdle(timeoutMs);
    return ok;
}

} // namespace codec
