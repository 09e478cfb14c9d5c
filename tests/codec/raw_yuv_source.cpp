#include "tests/codec/raw_yuv_source.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

RawYuvSource::RawYuvSource(const std::string& path, int width, int height, int64_t frameUs, int keyInterval)
    : m_w(width), m_h(height), m_frameUs(frameUs), m_key(keyInterval)
{
    const size_t frameBytes = static_cast<size_t>(width) * height * 3 / 2;
    const std::string cmd = "ffmpeg -nostdin -loglevel error -i '" + path + "' -f rawvideo -pix_fmt yuv420p -";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p)
        throw std::runtime_error("cannot run ffmpeg");
    for (;;) {
        auto buf = std::make_shared<std::vector<uint8_t>>(frameBytes);
        if (fread(buf->data(), 1, frameBytes, p) != frameBytes)
            break;
        m_frames.push_back(std::move(buf));
    }
    pclose(p);
    if (m_frames.empty())
        throw std::runtime_error("no frames decoded from " + path);
}

int64_t RawYuvSource::ptsOf(int64_t index) const
{
    return std::clamp<int64_t>(index, 0, frameCount() - 1) * m_frameUs;
}

int64_t RawYuvSource::indexAt(int64_t tUs) const
{
    return std::clamp<int64_t>(tUs / m_frameUs, 0, frameCount() - 1);
}

codec::FrameView RawYuvSource::view(int64_t index) const
{
    codec::FrameView v;
    const auto& buf = m_frames[static_cast<size_t>(index)];
    v.planes[0] = buf->data();
    v.planes[1] = buf->data() + m_w * m_h;
    v.planes[2] = buf->data() + m_w * m_h + (m_w / 2) * (m_h / 2);
    v.pitches[0] = m_w;
    v.pitches[1] = v.pitches[2] = m_w / 2;
    v.width = m_w;
    v.height = m_h;
    v.index = index;
    v.ptsUs = ptsOf(index);
    v.owner = buf;
    return v;
}

codec::FrameView RawYuvSource::frame(int64_t index, const std::atomic<bool>& cancel)
{
    ++exactCalls;
    const auto end = std::chrono::steady_clock::now() + std::chrono::microseconds(decodeCostUs);
    while (std::chrono::steady_clock::now() < end) {
        if (cancel.load()) {
            ++cancelledCalls;
            return {};
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (index < 0 || index >= frameCount())
        return {};
    return view(index);
}

codec::FrameView RawYuvSource::preview(int64_t index)
{
    ++previewCalls;
    index = std::clamp<int64_t>(index, 0, frameCount() - 1);
    return view(index / m_key * m_key);
}

int lumaOf(const codec::FrameView& f)
{
    return f ? f.planes[0][0] : -1;
}

std::vector<int64_t> RawYuvSource::keyframeIndexes() const
{
    std::vector<int64_t> k;
    for (int64_t i = 0; i < frameCount(); i += m_key)
        k.push_back(i);
    return k;
}
