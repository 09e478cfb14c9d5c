#pragma once
// INTERNAL to codec/: which coded pictures nothing else refers to ("disposable"), read
// from the NAL unit headers of an H.264 or HEVC packet. No FFmpeg types: the bytes only.
//
// Why: an exact seek decodes from the keyframe to the target, and the pictures before
// the target that no other picture refers to are not needed. Setting the decoder's
// skip_frame still sends them through frame threading, whose round-robin hand-off then
// waits on the busy thread for a picture it will throw away. Not sending them at all
// lets both threads work on the reference chain. The rule is the decoder's own
// AVDISCARD_NONREF rule, so what is skipped is exactly what skip_frame would skip.
#include <cstddef>
#include <cstdint>

namespace codec::detail {

enum class NalCodec { Other, H264, Hevc };

struct NalFormat {
    NalCodec codec = NalCodec::Other;
    // Bytes of each NAL unit's length prefix (avcC/hvcC in MP4/MKV: 1, 2 or 4), or 0 for
    // Annex B start codes (MPEG-TS, raw streams).
    int lengthSize = 0;
};

// The packet layout from the codec and its extradata (avcC / hvcC record, or Annex B
// parameter sets, or none).
NalFormat nalFormat(NalCodec codec, const uint8_t* extradata, size_t size);

// True only when the packet holds at least one picture slice and every slice NAL is a
// non-reference one: H.264 nal_ref_idc == 0; HEVC TRAIL_N, TSA_N, STSA_N, RADL_N, RASL_N
// or a reserved non-reference type (FFmpeg's AVDISCARD_NONREF set). A packet that also
// carries parameter sets (SPS/PPS/VPS) is sent: skip_frame would still have parsed them.
// Anything malformed, or another codec, gives false: the packet is sent.
bool isDisposable(const NalFormat& format, const uint8_t* data, size_t size);

} // namespace codec::detail
