#include "app/gui/thumbnail_strip.h"

#include <algorithm>

#include <SDL.h>
#include <imgui.h>

#include "app/gui/media_port.h"
#include "codec/thumbnails.h"

namespace app {

ThumbnailStrip::~ThumbnailStrip() { clear(); }

void ThumbnailStrip::clear()
{
    for (Item& i : m_items)
        if (i.texture)
            SDL_DestroyTexture(i.texture);
    m_items.clear();
}

bool ThumbnailStrip::take(MediaPort* port)
{
    if (port != m_port) { // another file: its thumbnails only
        clear();
        m_port = port;
    }
    if (!port)
        return false;
    std::vector<codec::Thumbnail> fresh = port->takeThumbnails();
    for (const codec::Thumbnail& t : fresh) {
        if (t.width <= 0 || t.height <= 0 || t.yuv.size() < static_cast<size_t>(t.width) * t.height * 3 / 2)
            continue;
        SDL_Texture* tex = SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_IYUV, SDL_TEXTUREACCESS_STATIC, t.width, t.height);
        if (!tex)
            continue;
        const uint8_t* y = t.yuv.data();
        const uint8_t* u = y + static_cast<size_t>(t.width) * t.height;
        const uint8_t* v = u + static_cast<size_t>(t.width / 2) * (t.height / 2);
        SDL_UpdateYUVTexture(tex, nullptr, y, t.width, u, t.width / 2, v, t.width / 2);
        Item it{t.ptsUs, t.width, t.height, tex};
        m_items.insert(std::upper_bound(m_items.begin(), m_items.end(), it,
                                        [](const Item& a, const Item& b) { return a.ptsUs < b.ptsUs; }),
                       it);
    }
    return !fresh.empty();
}

void ThumbnailStrip::draw(const TimelineView& view, float x, float y, float w, float h) const
{
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + h), IM_COL32(24, 26, 31, 255));
    if (m_items.empty())
        return;
    const float aspect = static_cast<float>(m_items.front().width) / static_cast<float>(std::max(m_items.front().height, 1));
    const float tw = std::max(h * aspect, 8.0f);
    TimelineView v = view;
    v.widthPx = w;
    dl->PushClipRect(ImVec2(x, y), ImVec2(x + w, y + h), true);
    for (float sx = 0; sx < w; sx += tw) {
        const int64_t t = v.toTime(sx + tw / 2);
        auto it = std::upper_bound(m_items.begin(), m_items.end(), t, [](int64_t tt, const Item& i) { return tt < i.ptsUs; });
        if (it != m_items.begin())
            --it;
        dl->AddImage(static_cast<ImTextureID>(it->texture), ImVec2(x + sx, y), ImVec2(x + sx + tw - 1, y + h));
    }
    dl->PopClipRect();
}

} // namespace app
