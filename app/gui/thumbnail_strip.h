#pragma once
// The strip of keyframe thumbnails above the timeline: the thumbnails the media's
// background job (codec::ThumbnailJob) finishes are uploaded once each into small SDL
// IYUV textures; drawing picks, for every thumbnail-wide slot of the visible range, the
// last keyframe at or before the slot's time. UI thread only.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "app/gui/timeline_view.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace codec {
struct Thumbnail;
}

namespace app {

class MediaPort;

class ThumbnailStrip {
public:
    explicit ThumbnailStrip(SDL_Renderer* renderer) : m_renderer(renderer) {}
    ~ThumbnailStrip();
    ThumbnailStrip(const ThumbnailStrip&) = delete;
    ThumbnailStrip& operator=(const ThumbnailStrip&) = delete;

    // Uploads what the port's job finished since the last call; true when any arrived.
    bool take(MediaPort* port);
    void clear();
    size_t size() const { return m_items.size(); }
    // Draws into the current ImGui window's draw list at screen (x, y), `w` x `h` pixels.
    void draw(const TimelineView& view, float x, float y, float w, float h) const;

private:
    struct Item {
        int64_t ptsUs = 0;
        int width = 0, height = 0;
        SDL_Texture* texture = nullptr; // owned
    };
    SDL_Renderer* m_renderer; // not owned
    std::vector<Item> m_items; // by ptsUs
    const MediaPort* m_port = nullptr; // the port the items came from
};

} // namespace app
