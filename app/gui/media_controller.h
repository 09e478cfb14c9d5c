#pragma once
// Applies the Transport and View commands to the open media (a MediaPort) and mirrors the
// player's state into the workspace once per frame. UI thread only.

#include "app/gui/commands.h"
#include "app/gui/media_port.h"
#include "app/gui/workspace.h"

namespace app {

class MediaController {
public:
    // `port` may be null (no media open); it must outlive its use (see setPort).
    MediaController(Workspace& ws, MediaPort* port);

    void setPort(MediaPort* port) { m_port = port; }
    MediaPort* port() const { return m_port; }

    void apply(const TransportCommand& c);
    void apply(const ViewCommand& c);
    // Mirror the media engine's state (presented frame, play state, counters) into the
    // workspace, reading the player once. Returns true when anything visible changed.
    bool refresh();
    // The frame a coding made now lands on.
    int64_t playheadFrame() const { return m_ws.playhead.frameIndex; }

private:
    void seekExactFrame(int64_t frameIndex);
    int64_t clampFrame(int64_t frameIndex) const;

    Workspace& m_ws;
    MediaPort* m_port;
};

} // namespace app
