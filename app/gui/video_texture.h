#pragma once
// The video picture on the GUI side: one SDL IYUV streaming texture, uploaded with
// SDL_UpdateYUVTexture only when a different frame arrives (docs/architecture.md, 'Media'). The
// renderer converts YUV to RGB while drawing; the UI thread never converts pixels.
// UI thread only.

#include <cstdint>

#include "codec/display_transform.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace app {

// A borrowed view of a decoded YUV 4:2:0 frame (planar, 8 bit). The planes must stay valid
// for the duration of VideoTexture::update.
struct YuvImage {
    const uint8_t* planes[3] = {};
    int pitches[3] = {};
    int width = 0;
    int height = 0;
    // Identity of the frame: a new upload happens only when one of these differs.
    uint64_t serial = 0; // seek generation that produced the frame
    int64_t frameIndex = -1;
    // How to turn the picture for display (a phone video's rotation): applied when
    // drawing (texture coordinates), never by converting pixels.
    codec::DisplayTransform display;
};

class VideoTexture {
public:
    explicit VideoTexture(SDL_Renderer* renderer);
    ~VideoTexture();
    VideoTexture(const VideoTexture&) = delete;
    VideoTexture& operator=(const VideoTexture&) = delete;

    // Upload `img` unless it is the frame already on the texture. Returns true on upload.
    bool update(const YuvImage& img);

    SDL_Texture* texture() const { return m_texture; }
    int width() const { return m_width; }   // coded size of the texture
    int height() const { return m_height; }
    const codec::DisplayTransform& display() const { return m_display; }
    int displayWidth() const { return m_display.displayWidth(m_width, m_height); }
    int displayHeight() const { return m_display.displayHeight(m_width, m_height); }
    int64_t uploadCount() const { return m_uploads; }
    int64_t frameIndex() const { return m_frameIndex; } // the frame on the texture (-1: none)

private:
    SDL_Renderer* m_renderer;     // not owned
    SDL_Texture* m_texture = nullptr; // owned; destroyed in the destructor
    int m_width = 0, m_height = 0;
    uint64_t m_serial = 0;
    int64_t m_frameIndex = -1;
    int64_t m_uploads = 0;
    codec::DisplayTransform m_display;
};

} // namespace app
