#include "codec/mpeg_headers.h"

namespace codec::detail {

namespace {
constexpr uint8_t PictureStart = 0x00, SliceLast = 0xAF, Extension = 0xB5, GroupOfPictures = 0xB8;
constexpr int SequenceExtension = 1, PictureCodingExtension = 8;

bool startCodeAt(const uint8_t* d, size_t i) { return d[i] == 0 && d[i + 1] == 0 && d[i + 2] == 1; }
} // namespace

void Mpeg2HeaderScan::add(const uint8_t* d, size_t n, int64_t pts, int64_t duration)
{
    if (!m_ok)
        return;
    Picture p;
    bool havePicture = false;
    for (size_t i = 0; i + 5 < n; ++i) {
        if (!startCodeAt(d, i))
            continue;
        const uint8_t code = d[i + 3];
        if (code >= 0x01 && code <= SliceLast)
            break; // the first slice: the headers are all before it (a field picture
                   // says so in its coding extension, so the second field is not needed)
        if (code == GroupOfPictures && i + 7 < n) { // closed_gop, broken_link
            finishGop();
            ++m_gops;
            const bool closed = (d[i + 7] & 0x40) != 0, broken = (d[i + 7] & 0x20) != 0;
            if (m_gops == 1)
                m_firstGopOpen = !closed || broken;
            else if (broken)
                m_ok = false; // the decoder drops pictures after a broken link: decode
        } else if (code == PictureStart) {
            if (havePicture) {
                m_ok = false; // two pictures in one packet (field pictures): decode
                return;
            }
            havePicture = true;
            p.tref = (d[i + 4] << 2) | (d[i + 5] >> 6);
            p.type = (d[i + 5] >> 3) & 7;
        } else if (code == Extension && havePicture && i + 6 < n && (d[i + 4] >> 4) == PictureCodingExtension) {
            if ((d[i + 6] & 3) != 3) // picture_structure 3 = frame picture
                m_ok = false;
        }
    }
    if (!havePicture)
        return; // e.g. a sequence end code alone
    if (m_gops == 0) {
        m_ok = false; // a picture before any GOP header: no display base
        return;
    }
    p.pts = pts;
    p.duration = duration;
    m_gop.push_back(p);
}

std::optional<std::vector<FrameIndexEntry>> Mpeg2HeaderScan::finish(int64_t nominal, int64_t& lastDur)
{
    finishGop();
    if (!m_ok || m_pictures.empty())
        return std::nullopt;
    std::vector<FrameIndexEntry> entries;
    entries.reserve(m_pictures.size());
    for (const Picture& p : m_pictures) {
        const int64_t prev = entries.empty() ? NoPts : entries.back().pts;
        int64_t pts = p.pts;
        if (pts == NoPts || (prev != NoPts && pts <= prev)) {
            if (prev == NoPts)
                return std::nullopt; // decodeScan would take a best-effort guess
            pts = prev + (p.duration > 0 ? p.duration : nominal);
        }
        entries.push_back({pts, 0, p.type == 1});
        lastDur = p.duration;
    }
    return entries;
}

void Mpeg2HeaderScan::finishGop()
{
    if (m_gop.empty())
        return;
    std::vector<Picture> shown(m_gop.size());
    std::vector<bool> seen(m_gop.size(), false);
    for (const Picture& p : m_gop) {
        if (p.tref < 0 || p.tref >= static_cast<int>(m_gop.size()) || seen[static_cast<size_t>(p.tref)]) {
            m_ok = false;
            break;
        }
        seen[static_cast<size_t>(p.tref)] = true;
        shown[static_cast<size_t>(p.tref)] = p;
    }
    // Leading B-pictures of an open first GOP refer to a picture before the file: the
    // decoder's output there is not known without decoding.
    if (m_ok && m_pictures.empty() && m_firstGopOpen && !shown.empty() && shown.front().type == 3)
        m_ok = false;
    if (m_ok)
        m_pictures.insert(m_pictures.end(), shown.begin(), shown.end());
    m_gop.clear();
}

PictureTiming pictureTiming(const uint8_t* d, size_t n, bool& progressiveSequence)
{
    // libavcodec/mpegvideo_parser.c: repeat_pict from the picture coding extension's
    // top_field_first, repeat_first_field and progressive_frame.
    PictureTiming t;
    for (size_t i = 0; i + 5 < n; ++i) {
        if (!startCodeAt(d, i))
            continue;
        const uint8_t code = d[i + 3];
        if (code >= 0x01 && code <= SliceLast)
            break;
        if (code == PictureStart)
            t.type = (d[i + 5] >> 3) & 7;
        else if (code == Extension && (d[i + 4] >> 4) == SequenceExtension)
            progressiveSequence = (d[i + 5] & 0x08) != 0;
        else if (code == Extension && (d[i + 4] >> 4) == PictureCodingExtension && i + 8 < n) {
            const bool topFieldFirst = (d[i + 7] & 0x80) != 0, repeatFirstField = (d[i + 7] & 0x02) != 0;
            const bool progressiveFrame = (d[i + 8] & 0x80) != 0;
            t.repeatPict = 1;
            if (repeatFirstField) {
                if (progressiveSequence)
                    t.repeatPict = topFieldFirst ? 5 : 3;
                else if (progressiveFrame)
                    t.repeatPict = 2;
            }
        }
    }
    return t;
}

} // namespace codec::detail
