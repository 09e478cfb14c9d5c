#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "codec/nal_refs.h"
#include "codec/video_decoder.h"
#include "tests/codec/media_fixtures.h"

using namespace codec::detail;
using fixtures::Clip;

namespace {

using Bytes = std::vector<uint8_t>;

// Length-prefixed (avcC/hvcC style) packet from NAL units.
Bytes lengthPrefixed(const std::vector<Bytes>& nals, int lengthSize)
{
    Bytes out;
    for (const auto& n : nals) {
        for (int i = lengthSize - 1; i >= 0; --i)
            out.push_back(static_cast<uint8_t>(n.size() >> (8 * i)));
        out.insert(out.end(), n.begin(), n.end());
    }
    return out;
}

Bytes annexB(const std::vector<Bytes>& nals)
{
    Bytes out;
    for (const auto& n : nals) {
        out.insert(out.end(), {0, 0, 0, 1});
        out.insert(out.end(), n.begin(), n.end());
    }
    return out;
}

bool disposable(const NalFormat& f, const Bytes& b) { return isDisposable(f, b.data(), b.size()); }

// H.264 NAL header byte: nal_ref_idc (0..3), type.
Bytes h264(int refIdc, int type) { return {static_cast<uint8_t>(refIdc << 5 | type), 0x88, 0x84, 0x21}; }
// HEVC NAL header: type, layer 0, temporal id 0.
Bytes hevc(int type, int layer = 0) { return {static_cast<uint8_t>(type << 1 | layer >> 5), static_cast<uint8_t>((layer & 31) << 3 | 1), 0xaf, 0x11}; }

const Bytes AvcC = {1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 0};   // lengthSizeMinusOne = 3
Bytes hvcC(int lengthSizeMinusOne)
{
    Bytes b(23, 0);
    b[0] = 1;
    b[21] = static_cast<uint8_t>(0xfc | lengthSizeMinusOne);
    return b;
}

uint64_t planeHash(const codec::VideoFrame& f)
{
    uint64_t h = 1469598103934665603ull;
    for (int p = 0; p < 3; ++p) {
        const int w = p == 0 ? f.width() : (f.width() + 1) / 2;
        const int rows = p == 0 ? f.height() : (f.height() + 1) / 2;
        for (int y = 0; y < rows; ++y)
            for (int x = 0; x < w; ++x)
                h = (h ^ f.plane(p)[static_cast<size_t>(y) * f.pitch(p) + x]) * 1099511628211ull;
    }
    return h;
}

} // namespace

TEST_CASE("H.264 packets: only all-non-reference slices are disposable", "[codec][nal]")
{
    const NalFormat avcc = nalFormat(NalCodec::H264, AvcC.data(), AvcC.size());
    REQUIRE(avcc.lengthSize == 4);
    CHECK(disposable(avcc, lengthPrefixed({h264(0, 1)}, 4)));
    CHECK(disposable(avcc, lengthPrefixed({h264(0, 9), h264(0, 6), h264(0, 1), h264(0, 1)}, 4))); // AUD, SEI, 2 slices
    CHECK_FALSE(disposable(avcc, lengthPrefixed({h264(2, 1)}, 4)));            // reference P/B
    CHECK_FALSE(disposable(avcc, lengthPrefixed({h264(0, 1), h264(1, 1)}, 4))); // one reference slice
    CHECK_FALSE(disposable(avcc, lengthPrefixed({h264(3, 5)}, 4)));            // IDR
    CHECK_FALSE(disposable(avcc, lengthPrefixed({h264(0, 6)}, 4)));            // no slice at all
    CHECK_FALSE(disposable(avcc, lengthPrefixed({h264(3, 8), h264(0, 1)}, 4))); // in-band PPS
    CHECK_FALSE(disposable(avcc, lengthPrefixed({h264(3, 7), h264(0, 1)}, 4))); // in-band SPS
    // Malformed: a length past the end, a zero length, a truncated prefix, empty.
    Bytes bad = lengthPrefixed({h264(0, 1)}, 4);
    bad[3] = 200;
    CHECK_FALSE(disposable(avcc, bad));
    CHECK_FALSE(disposable(avcc, Bytes{0, 0, 0, 0}));
    CHECK_FALSE(disposable(avcc, Bytes{0, 0}));
    CHECK_FALSE(disposable(avcc, Bytes{}));
    CHECK_FALSE(isDisposable(avcc, nullptr, 0));
    CHECK_FALSE(disposable(avcc, lengthPrefixed({Bytes{0x81, 0}}, 4))); // forbidden bit

    // Two-byte prefixes.
    Bytes avcc2 = AvcC;
    avcc2[4] = 0xfd;
    const NalFormat two = nalFormat(NalCodec::H264, avcc2.data(), avcc2.size());
    REQUIRE(two.lengthSize == 2);
    CHECK(disposable(two, lengthPrefixed({h264(0, 1)}, 2)));

    // Annex B (no avcC record, or parameter sets with start codes as extradata).
    const NalFormat ab = nalFormat(NalCodec::H264, nullptr, 0);
    REQUIRE(ab.lengthSize == 0);
    const Bytes sps = {0, 0, 0, 1, 0x67, 0x64};
    CHECK(nalFormat(NalCodec::H264, sps.data(), sps.size()).lengthSize == 0);
    CHECK(disposable(ab, annexB({h264(0, 9), h264(0, 1)})));
    CHECK_FALSE(disposable(ab, annexB({h264(0, 9), h264(2, 1)})));
    CHECK_FALSE(disposable(ab, Bytes{1, 2, 3, 4})); // no start code
}

TEST_CASE("HEVC packets: FFmpeg's non-reference NAL types are disposable", "[codec][nal]")
{
    const Bytes rec = hvcC(3);
    const NalFormat f = nalFormat(NalCodec::Hevc, rec.data(), rec.size());
    REQUIRE(f.lengthSize == 4);
    for (int t : {0, 2, 4, 6, 8, 10, 12, 14})
        CHECK(disposable(f, lengthPrefixed({hevc(t)}, 4)));
    for (int t : {1, 3, 5, 9, 16, 19, 20, 21})
        CHECK_FALSE(disposable(f, lengthPrefixed({hevc(t)}, 4)));
    CHECK(disposable(f, lengthPrefixed({hevc(35), hevc(39), hevc(0)}, 4))); // AUD, SEI, TRAIL_N
    CHECK_FALSE(disposable(f, lengthPrefixed({hevc(0, 1)}, 4)));           // another layer
    CHECK_FALSE(disposable(f, lengthPrefixed({hevc(35)}, 4)));             // no slice
    for (int ps : {32, 33, 34})                                              // VPS, SPS, PPS in band
        CHECK_FALSE(disposable(f, lengthPrefixed({hevc(ps), hevc(0)}, 4)));
    CHECK(disposable(nalFormat(NalCodec::Hevc, nullptr, 0), annexB({hevc(0)})));
    // A record with an invalid length size, and other codecs, never skip.
    const Bytes three = hvcC(2);
    CHECK(nalFormat(NalCodec::Hevc, three.data(), three.size()).codec == NalCodec::Other);
    CHECK_FALSE(disposable(nalFormat(NalCodec::Other, nullptr, 0), annexB({h264(0, 1)})));
}

TEST_CASE("seeks that skip disposable packets give the same pixels as decoding every frame", "[codec][nal][seek]")
{
    auto clip = GENERATE(Clip::H264Cfr, Clip::H264Vfr, Clip::Hevc, Clip::H264Ts);
    const std::string path = fixtures::path(clip);
    INFO(path);
    std::vector<uint64_t> expected;
    {
        codec::VideoDecoder seq(path);
        seq.setCacheBudget(0);
        for (int64_t i = 0; i < seq.frameCount(); ++i) {
            auto f = seq.frameAt(i);
            REQUIRE(f);
            expected.push_back(planeHash(*f));
        }
        CHECK(seq.stats().packetsSkipped == 0); // sequential decoding skips nothing
    }
    codec::VideoDecoder dec(path);
    dec.setCacheBudget(0);
    std::mt19937 rng(11);
    std::uniform_int_distribution<int64_t> pick(0, dec.frameCount() - 1);
    for (int i = 0; i < 40; ++i) {
        const int64_t n = pick(rng);
        auto f = dec.frameAt(n);
        REQUIRE(f);
        REQUIRE(f->index() == n);
        CHECK(planeHash(*f) == expected[static_cast<size_t>(n)]);
    }
    CHECK(dec.stats().packetsSkipped > 0);
}
