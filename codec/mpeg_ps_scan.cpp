#include "codec/mpeg_ps_scan.h"

#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace codec::detail {

const uint8_t* findStartCode(const uint8_t* p, const uint8_t* end)
{
#if defined(__SSE2__)
    // Sixteen candidate positions at a time: byte i is 0, byte i+1 is 0, byte i+2 is 1.
    // (MPEG-2 slice data has zero bytes every few dozen bytes, so testing for a zero byte
    // first, eight at a time, ran at under 2 GB/s; this runs at memory speed.)
    const __m128i zero = _mm_setzero_si128(), one = _mm_set1_epi8(1);
    while (end - p >= 18) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2));
        const __m128i hit = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, zero), _mm_cmpeq_epi8(b, zero)),
                                          _mm_cmpeq_epi8(c, one));
        if (const int mask = _mm_movemask_epi8(hit))
            return p + __builtin_ctz(static_cast<unsigned>(mask));
        p += 16;
    }
#else
    // A word with no zero byte holds none of the positions a start code could begin at.
    constexpr uint64_t Ones = 0x0101010101010101ull, Highs = 0x8080808080808080ull;
    while (end - p >= 10) {
        uint64_t v;
        std::memcpy(&v, p, sizeof v);
        if (((v - Ones) & ~v & Highs) != 0)
            for (int k = 0; k < 8; ++k)
                if (p[k] == 0 && p[k + 1] == 0 && p[k + 2] == 1)
                    return p + k;
        p += 8;
    }
#endif
    for (; end - p >= 3; ++p)
        if (p[0] == 0 && p[1] == 0 && p[2] == 1)
            return p;
    return end;
}

namespace {

constexpr size_t MaxHeaderBytes = size_t{64} << 10;
constexpr uint8_t PictureStart = 0x00, SliceFirst = 0x01, SliceLast = 0xAF, SequenceEnd = 0xB7;

bool isSlice(uint8_t code) { return code >= SliceFirst && code <= SliceLast; }

// The elementary stream, fed PES payload by PES payload: cuts it into pictures and gives
// each its pts (see mpeg_ps_scan.h).
class EsPictures {
public:
    explicit EsPictures(const std::function<bool(const PsPicture&)>& onPicture) : m_onPicture(onPicture) {}

    bool stopped() const { return m_stopped; }
    bool irregular() const { return m_irregular; }

    // A PES packet of the stream begins at the current offset.
    void packet(bool hasPts, int64_t pts, int64_t dts)
    {
        if (!hasPts)
            return;
        m_ptsPackets[m_ptsNext] = {m_offset, pts, dts, false};
        m_ptsNext = (m_ptsNext + 1) % PtsSlots;
    }

    // The payload of that packet. False when stopped or irregular.
    bool feed(const uint8_t* p, size_t n)
    {
        if (n == 0)
            return true;
        if (m_mode == Mode::Headers && !appendHeaders(p, n))
            return false;
        // Start codes whose code byte is among the first three bytes began in an earlier
        // payload: the last bytes seen (m_state) complete them.
        for (size_t i = 0; i < n && i < 3; ++i) {
            m_state = (m_state << 8) | p[i];
            if ((m_state & 0xFFFFFF00u) == 0x100u &&
                !startCode(static_cast<uint8_t>(m_state), m_offset + static_cast<int64_t>(i) - 3, p, i, n))
                return false;
        }
        // Start codes wholly inside this payload (code byte at index 3 or later).
        const uint8_t* end = p + n;
        for (const uint8_t* q = p; (q = findStartCode(q, end)) != end;) {
            if (end - q < 4)
                break; // its code byte is in the next payload: the loop above finds it
            const size_t codeAt = static_cast<size_t>(q - p) + 3;
            if (!startCode(q[3], m_offset + static_cast<int64_t>(codeAt) - 3, p, codeAt, n))
                return false;
            q += 3;
        }
        if (n >= 4)
            m_state = (uint32_t{p[n - 4]} << 24) | (uint32_t{p[n - 3]} << 16) | (uint32_t{p[n - 2]} << 8) | p[n - 1];
        else
            for (size_t i = 3; i < n; ++i)
                m_state = (m_state << 8) | p[i];
        m_offset += static_cast<int64_t>(n);
        return true;
    }

    // End of stream: the last picture.
    bool finish()
    {
        if (m_mode == Mode::Headers || m_mode == Mode::Slices)
            return emit();
        return true;
    }

private:
    enum class Mode { Before, Headers, Slices, AfterEnd };

    bool appendHeaders(const uint8_t* p, size_t n)
    {
        if (m_headers.size() + n > MaxHeaderBytes) {
            m_irregular = true;
            return false;
        }
        m_headers.insert(m_headers.end(), p, p + n);
        return true;
    }

    // The start code whose 00 00 01 begins at stream offset `at` and whose code byte is
    // p[codeAt] (p: the payload being fed, n bytes).
    bool startCode(uint8_t code, int64_t at, const uint8_t* p, size_t codeAt, size_t n)
    {
        switch (m_mode) {
        case Mode::Before:
        case Mode::AfterEnd:
            return begin(code, at, p, codeAt, n);
        case Mode::Headers:
            if (code == SequenceEnd) { // ends the picture it follows, whatever came before
                m_headers.resize(static_cast<size_t>(at + 4 - m_start));
                m_mode = Mode::AfterEnd;
                return emit();
            }
            if (isSlice(code)) {
                m_headers.resize(static_cast<size_t>(at + 4 - m_start));
                m_mode = Mode::Slices;
                return true;
            }
            if (code == PictureStart)
                takePts(at);
            return true;
        case Mode::Slices:
            if (isSlice(code))
                return true;
            if (code == SequenceEnd) {
                m_mode = Mode::AfterEnd;
                return emit();
            }
            if (!emit())
                return false;
            return begin(code, at, p, codeAt, n);
        }
        return true;
    }

    // A picture starts at this start code; its headers are the code and the rest of p.
    bool begin(uint8_t code, int64_t at, const uint8_t* p, size_t codeAt, size_t n)
    {
        m_previousStart = m_started ? m_start : -1;
        m_started = true;
        m_start = at;
        m_hasPts = false;
        m_headers.assign({0, 0, 1});
        if (!appendHeaders(p + codeAt, n - codeAt))
            return false;
        m_mode = Mode::Headers;
        if (isSlice(code)) {
            m_headers.resize(4);
            m_mode = Mode::Slices;
        } else if (code == PictureStart)
            takePts(at);
        return true;
    }

    // The picture start code at `at`: the latest PES packet with a PTS that began after the
    // previous picture's start and at or before `at`, not given to an earlier picture.
    void takePts(int64_t at)
    {
        PtsPacket* best = nullptr;
        for (PtsPacket& s : m_ptsPackets)
            if (!s.used && s.offset >= 0 && s.offset <= at && s.offset > m_previousStart &&
                (!best || s.offset > best->offset))
                best = &s;
        if (!best)
            return;
        best->used = true;
        m_pts = best->pts;
        m_dts = best->dts;
        m_hasPts = true;
    }

    bool emit()
    {
        PsPicture pic;
        pic.headers = m_headers.data();
        pic.size = m_headers.size();
        pic.pts = m_pts;
        pic.dts = m_dts;
        pic.hasPts = m_hasPts;
        if (!m_onPicture(pic)) {
            m_stopped = true;
            return false;
        }
        return true;
    }

    struct PtsPacket {
        int64_t offset = -1;
        int64_t pts = 0, dts = 0;
        bool used = false;
    };
    static constexpr size_t PtsSlots = 8;

    const std::function<bool(const PsPicture&)>& m_onPicture;
    Mode m_mode = Mode::Before;
    uint32_t m_state = 0xFFFFFFFFu; // the last four stream bytes before the payload being fed
    int64_t m_offset = 0;           // stream offset of the payload being fed
    bool m_started = false;
    int64_t m_start = 0;            // the current picture's start
    int64_t m_previousStart = -1;
    std::vector<uint8_t> m_headers;
    bool m_hasPts = false;
    int64_t m_pts = 0, m_dts = 0;
    PtsPacket m_ptsPackets[PtsSlots];
    size_t m_ptsNext = 0;
    bool m_stopped = false;
    bool m_irregular = false;
};

// The file through one reused buffer (read, never mapped: every first touch of a mapped
// page costs a fault).
class Reader {
public:
    explicit Reader(std::FILE* f) : m_file(f), m_buf(size_t{1} << 20) {}
    const uint8_t* data() const { return m_buf.data() + m_pos; }
    size_t available() const { return m_end - m_pos; }
    // At least n bytes from data() on, unless the file ends first.
    bool need(size_t n)
    {
        if (available() >= n)
            return true;
        if (n > m_buf.size())
            m_buf.resize(n);
        std::memmove(m_buf.data(), m_buf.data() + m_pos, available());
        m_end -= m_pos;
        m_pos = 0;
        while (m_end < n && !m_eof) {
            const size_t got = std::fread(m_buf.data() + m_end, 1, m_buf.size() - m_end, m_file);
            if (got == 0)
                m_eof = true;
            m_end += got;
        }
        return available() >= n;
    }
    // Skips n bytes; false when the file ends first.
    bool skip(size_t n)
    {
        if (available() >= n) {
            m_pos += n;
            return true;
        }
        n -= available();
        m_pos = m_end = 0;
        if (std::fseek(m_file, static_cast<long>(n), SEEK_CUR) != 0)
            return false;
        return need(1) || n == 0;
    }

private:
    std::FILE* m_file;
    std::vector<uint8_t> m_buf;
    size_t m_pos = 0, m_end = 0;
    bool m_eof = false;
};

int64_t readTimestamp(const uint8_t* b)
{
    return (int64_t{(b[0] >> 1) & 7} << 30) | (int64_t{b[1]} << 22) | (int64_t{b[2] >> 1} << 15) |
           (int64_t{b[3]} << 7) | (b[4] >> 1);
}

} // namespace

PsScanResult scanProgramStream(const std::string& path, int streamId,
                               const std::function<bool(const PsPicture&)>& onPicture)
{
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file)
        return PsScanResult::Irregular;
    std::setvbuf(file.get(), nullptr, _IONBF, 0); // Reader has its own buffer
    Reader r(file.get());
    EsPictures es(onPicture);
    auto stop = [&es] { return es.stopped() ? PsScanResult::Stopped : PsScanResult::Irregular; };
    while (r.need(4)) {
        const uint8_t* b = r.data();
        if (b[0] != 0 || b[1] != 0 || b[2] != 1)
            return PsScanResult::Irregular; // lost sync: libavformat resynchronises, we do not
        const uint8_t id = b[3];
        if (id == 0xBA) { // pack header: MPEG-2 (14 bytes + stuffing) or MPEG-1 (12 bytes)
            if (!r.need(14))
                break;
            b = r.data();
            if ((b[4] & 0xC0) == 0x40)
                r.skip(14 + (b[13] & 7));
            else if ((b[4] & 0xF0) == 0x20)
                r.skip(12);
            else
                return PsScanResult::Irregular;
            continue;
        }
        if (id == 0xB9) { // program end code
            r.skip(4);
            continue;
        }
        if (id < 0xBB)
            return PsScanResult::Irregular;
        if (!r.need(6))
            break;
        b = r.data();
        const size_t length = (size_t{b[4]} << 8) | b[5];
        if (id != streamId) {
            if (!r.skip(6 + length))
                break;
            continue;
        }
        if (length == 0)
            return PsScanResult::Irregular; // unbounded PES: not in a program stream
        const bool whole = r.need(6 + length);
        b = r.data();
        const size_t total = whole ? 6 + length : r.available(); // a truncated last packet
        size_t h = 6;
        bool hasPts = false;
        int64_t pts = 0, dts = 0;
        if (total > 8 && (b[6] & 0xC0) == 0x80) { // MPEG-2 PES header
            const uint8_t flags = b[7];
            const size_t headerEnd = 9 + size_t{b[8]};
            if (headerEnd > total || ((flags & 0x80) && headerEnd < 14) || ((flags & 0xC0) == 0xC0 && headerEnd < 19))
                return PsScanResult::Irregular;
            if (flags & 0x80) {
                hasPts = true;
                pts = dts = readTimestamp(b + 9);
                if (flags & 0x40)
                    dts = readTimestamp(b + 14);
            }
            h = headerEnd;
        } else { // MPEG-1: stuffing, STD buffer, then PTS / PTS+DTS / 0x0F
            while (h < total && b[h] == 0xFF && h < 6 + 16)
                ++h;
            if (h + 2 <= total && (b[h] & 0xC0) == 0x40)
                h += 2;
            if (h < total && (b[h] & 0xF0) == 0x20 && h + 5 <= total) {
                hasPts = true;
                pts = dts = readTimestamp(b + h);
                h += 5;
            } else if (h < total && (b[h] & 0xF0) == 0x30 && h + 10 <= total) {
                hasPts = true;
                pts = readTimestamp(b + h);
                dts = readTimestamp(b + h + 5);
                h += 10;
            } else if (h < total && b[h] == 0x0F)
                h += 1;
            else
                return PsScanResult::Irregular;
        }
        es.packet(hasPts, pts, dts);
        if (!es.feed(b + h, total - h))
            return stop();
        if (!whole)
            break;
        r.skip(total);
    }
    if (!es.finish())
        return stop();
    return PsScanResult::Done;
}

} // namespace codec::detail
