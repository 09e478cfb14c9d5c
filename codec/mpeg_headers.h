#pragma once
// INTERNAL to codec/: the frame index of MPEG-1/2 video from its picture headers, without
// decoding (DVD program streams, docs/media.md "The index"). Fed one coded picture at a
// time in decode order, either from libavformat's packets (media_open.cpp) or from the
// direct program-stream reader (mpeg_ps_scan.h).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "codec/frame_index.h"

namespace codec::detail {

// FFmpeg's AV_NOPTS_VALUE, without its headers.
inline constexpr int64_t NoPts = INT64_MIN;

// The display order and the pts the decoder will give each frame. Each picture's
// temporal_reference is its display position within its GOP. The pts rule is the decode
// scan's: a frame's own pts, else the previous frame's plus its duration.
class Mpeg2HeaderScan {
public:
    // One coded picture: its bytes (at least its headers, up to its first slice), its pts
    // (NoPts if none) and duration (0 if unknown), in decode order.
    void add(const uint8_t* data, size_t size, int64_t pts, int64_t duration);

    // False once the stream is known to need the decode scan after all.
    bool ok() const { return m_ok; }

    // Display-order entries, or nullopt when the stream needs the decode scan (field
    // pictures, no GOP headers, an open first GOP with leading B-pictures, broken links,
    // a frame without pts first, a gap in temporal references).
    std::optional<std::vector<FrameIndexEntry>> finish(int64_t nominal, int64_t& lastDur);

private:
    struct Picture {
        int tref = 0;
        int type = 0; // 1 I, 2 P, 3 B
        int64_t pts = NoPts;
        int64_t duration = 0;
    };
    void finishGop();

    bool m_ok = true;
    int m_gops = 0;
    bool m_firstGopOpen = false;
    std::vector<Picture> m_gop;      // the current GOP, decode order
    std::vector<Picture> m_pictures; // finished GOPs, display order
};

// What FFmpeg's mpegvideo parser makes of a picture's headers: its picture_coding_type
// (1 I, 2 P, 3 B; 0 without a picture header) and its repeat_pict (0 without a picture
// coding extension, 1 a plain frame, 2/3/5 with repeat_first_field), which with the frame
// rate sets the packet's duration. `progressiveSequence` carries the last sequence
// extension's flag from picture to picture.
struct PictureTiming {
    int type = 0;
    int repeatPict = 0;
};
PictureTiming pictureTiming(const uint8_t* data, size_t size, bool& progressiveSequence);

} // namespace codec::detail
