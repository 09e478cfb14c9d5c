#pragma once
// The panels of the player window. Each reads a `const Workspace&` and pushes Command
// values; none writes the workspace (docs/architecture.md, 'Panels'). ImGui-only ephemera (drag in
// progress) live in small per-panel structs owned by the frame loop. UI thread only.

#include <cstdint>
#include <string>

#include "app/gui/commands.h"
#include "app/gui/workspace.h"

namespace app {

class VideoTexture;

// "01:02:03.456" (hours always shown; negative times get a leading '-').
std::string formatTime(int64_t us);
// The status line text (pure, tested without a window).
std::string statusText(const Workspace& ws);

struct ScrubBarState {
    float lastEmittedX = -1.0f;
};

void drawVideoPanel(const Workspace& ws, const VideoTexture& tex, float heightPx);
// `indentPx`: space left of the bar (the coding view aligns it with the timeline's axis,
// which has the track names on its left).
void drawScrubBar(const Workspace& ws, CommandQueue& q, ScrubBarState& st, float indentPx = 0.0f);
void drawTransport(const Workspace& ws, CommandQueue& q);
void drawStatusLine(const Workspace& ws);
void drawEmptyState(const Workspace& ws);
void drawHelpOverlay(const Workspace& ws, CommandQueue& q);
void drawErrorModal(const Workspace& ws, CommandQueue& q);

} // namespace app
