#pragma once
// The one place that changes the Workspace (STYLE.md practice 2). Panels push Command
// values during a frame; the frame loop calls applyAll() after rendering the frame and
// refresh() before drawing the next one. UI thread only.

#include "app/gui/commands.h"
#include "app/gui/media_port.h"
#include "app/gui/workspace.h"

namespace app {

class Controller {
public:
    // `port` may be null (no media open); both must outlive the controller.
    Controller(Workspace& ws, MediaPort* port);

    void apply(const Command& c);
    void applyAll(CommandQueue& q);
    // Mirror the media engine's state (presented frame, play state, counters) into the
    // workspace. Returns true when anything visible changed.
    bool refresh();

private:
    void seekExactFrame(int64_t frameIndex);
    int64_t clampFrame(int64_t frameIndex) const;

    Workspace& m_ws;
    MediaPort* m_port;
};

} // namespace app
