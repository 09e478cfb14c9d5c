#include "app/gui/video_texture.h"

#include <SDL.h>

namespace app {

VideoTexture::VideoTexture(SDL_Renderer* renderer) : m_renderer(renderer) {}

VideoTexture::~VideoTexture()
{
    if (m_texture)
        SDL_DestroyTexture(m_texture);
}

bool VideoTexture::update(const YuvImage& img)
{
    if (img.width <= 0 || img.height <= 0 || !img.planes[0])
        return false;
    if (m_texture && img.serial == m_serial && img.frameIndex == m_frameIndex
        && img.width == m_width && img.height == m_height)
        return false;
    if (!m_texture || img.width != m_width || img.height != m_height) {
        if (m_texture)
            SDL_DestroyTexture(m_texture);
        m_texture = SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_IYUV,
                                      SDL_TEXTUREACCESS_STREAMING, img.width, img.height);
        if (!m_texture)
            return false;
        m_width = img.width;
        m_height = img.height;
    }
    if (SDL_UpdateYUVTexture(m_texture, nullptr, img.planes[0], img.pitches[0], img.planes[1],
                             img.pitches[1], img.planes[2], img.pitches[2])
        != 0)
        return false;
    m_serial = img.serial;
    m_frameIndex = img.frameIndex;
    m_display = img.display;
    ++m_uploads;
    return true;
}

} // namespace app
