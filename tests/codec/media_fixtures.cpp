#include "tests/codec/media_fixtures.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include <unistd.h>

#include "codec/video_frame.h"

#ifndef BONDLINE_TEST_DATA_DIR
#error "BONDLINE_TEST_DATA_DIR must be defined"
#endif

namespace fs = std::filesystem;

namespace fixtures {

namespace {

fs::path dataDir() { return fs::path(BONDLINE_TEST_DATA_DIR) / "codec"; }

// geq expression: top 32 px band = binary squares of the frame number N, rest mid grey
// with a moving gradient so the encoder has real motion to code.
std::string indexFilter()
{
    return "geq=lum='if(lt(Y,32),if(lt(X," + std::to_string(32 * IndexBits) +
           "),16+219*mod(floor(N/pow(2,floor(X/32))),2),128),mod(X+Y+3*N,200)+28)':cb=128:cr=128";
}

std::string lavfiSource(int frames, int rate = 25)
{
    return "-f lavfi -i color=c=gray:s=" + std::to_string(ClipWidth) + "x" + std::to_string(ClipHeight) +
           ":r=" + std::to_string(rate) + " -frames:v " + std::to_string(frames);
}

void run(const std::string& cmd)
{
    std::string full = "ffmpeg -nostdin -hide_banner -loglevel error -y " + cmd;
    if (std::system(full.c_str()) != 0)
        throw std::runtime_error("fixture generation failed: " + full);
}

void writeBytes(const fs::path& p, const std::vector<char>& bytes)
{
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<char> readBytes(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

struct Spec {
    const char* name;
    int64_t frames;
};

Spec spec(Clip c)
{
    switch (c) {
    case Clip::H264Cfr: return {"h264_cfr.mp4", 300};
    case Clip::H264Vfr: return {"h264_vfr.mp4", 240};
    case Clip::H264Rotated: return {"h264_rotated.mp4", 50};
    case Clip::Hevc: return {"hevc.mp4", 150};
    case Clip::Mpeg2Ps: return {"mpeg2_interlaced.mpg", 150};
    case Clip::MjpegAvi: return {"mjpeg.avi", 60};
    case Clip::Vp9Webm: return {"vp9.webm", 100};
    case Clip::H264Ts: return {"h264.ts", 200};
    case Clip::Wav: return {"audio.wav", 0};
    case Clip::M4a: return {"audio.m4a", 0};
    case Clip::Mp3: return {"audio.mp3", 0};
    case Clip::Empty: return {"empty.mp4", 0};
    case Clip::TextAsMp4: return {"text.mp4", 0};
    case Clip::TruncatedMp4: return {"truncated_no_moov.mp4", 0};
    case Clip::UnknownCodec: return {"unknown_codec.avi", 0};
    case Clip::DamagedTs: return {"damaged.ts", 200};
    case Clip::H264LongGop: return {"h264_long_gop.mp4", 300};
    case Clip::DvdPs: return {"dvd.vob", 600};
    case Clip::Mpeg1System: return {"mpeg1_system.mpg", 400};
    case Clip::Mpeg2PsLowRate: return {"mpeg2_lowrate.mpg", 400};
    case Clip::DamagedPs: return {"damaged.vob", 600};
    case Clip::TruncatedPs: return {"truncated.vob", 0};
    }
    return {"unknown", 0};
}

void generate(Clip c, const fs::path& out)
{
    std::string o = out.string(); // quoted for the shell
    o.insert(o.begin(), '"');
    o.push_back('"');
    const std::string vf = indexFilter();
    switch (c) {
    case Clip::H264Cfr:
        run(lavfiSource(300) + " -vf \"" + vf + "\" -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 60 "
            "-keyint_min 60 -sc_threshold 0 -bf 3 -f mp4 " + o);
        break;
    case Clip::H264Vfr:
        // Frame n starts at floor(n/3)*150 ms + {0, 30, 80}[n%3] ms: durations 30/50/70 ms.
        run(lavfiSource(240) + " -vf \"" + vf +
            ",settb=1/1000,setpts='floor(N/3)*150+eq(mod(N\\,3)\\,1)*30+eq(mod(N\\,3)\\,2)*80'\" "
            "-fps_mode passthrough -enc_time_base 1:1000 -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 30 -bf 2 -video_track_timescale 90000 -f mp4 " + o);
        break;
    case Clip::H264Rotated:
        run(lavfiSource(50) + " -vf \"" + vf + "\" -c:v libx264 -preset veryfast -pix_fmt yuv420p "
            "-metadata:s:v:0 rotate=90 -f mp4 " + o);
        break;
    case Clip::Hevc:
        run(lavfiSource(150) + " -vf \"" + vf + "\" -c:v libx265 -preset ultrafast -pix_fmt yuv420p "
            "-x265-params log-level=error:keyint=50:min-keyint=50:scenecut=0:bframes=3 -f mp4 " + o);
        break;
    case Clip::Mpeg2Ps:
        run(lavfiSource(150) + " -vf \"" + vf + "\" -c:v mpeg2video -q:v 3 -g 15 -bf 2 -flags +ilme+ildct "
            "-top 1 -pix_fmt yuv420p -f vob " + o);
        break;
    case Clip::MjpegAvi:
        run(lavfiSource(60) + " -vf \"" + vf + "\" -c:v mjpeg -q:v 3 -pix_fmt yuvj422p -f avi " + o);
        break;
    case Clip::Vp9Webm:
        run(lavfiSource(100) + " -vf \"" + vf + "\" -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 400k "
            "-g 50 -pix_fmt yuv420p -f webm " + o);
        break;
    case Clip::H264Ts:
        run(lavfiSource(200) + " -vf \"" + vf + "\" -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 50 "
            "-keyint_min 50 -sc_threshold 0 -bf 3 -f mpegts " + o);
        break;
    case Clip::Wav:
        run("-f lavfi -i sine=frequency=440:duration=2 -c:a pcm_s16le -f wav " + o);
        break;
    case Clip::M4a:
        run("-f lavfi -i sine=frequency=440:duration=2 -c:a aac -f ipod " + o);
        break;
    case Clip::Mp3:
        run("-f lavfi -i sine=frequency=440:duration=2 -c:a libmp3lame -f mp3 " + o);
        break;
    case Clip::Empty:
        writeBytes(out, {});
        break;
    case Clip::TextAsMp4: {
        std::string text = "This is a text file, not a video.\nIt only has an .mp4 name.\n";
        writeBytes(out, std::vector<char>(text.begin(), text.end()));
        break;
    }
    case Clip::TruncatedMp4: {
        // A plain mp4 keeps moov after mdat; cutting the file in half drops the index.
        auto bytes = readBytes(path(Clip::H264Cfr));
        bytes.resize(bytes.size() / 2);
        writeBytes(out, bytes);
        break;
    }
    case Clip::UnknownCodec: {
        auto bytes = readBytes(path(Clip::MjpegAvi));
        // Overwrite the codec fourcc (strh handler and BITMAPINFOHEADER compression) in
        // the header, so the stream demuxes as video with a codec FFmpeg does not know.
        size_t limit = std::min<size_t>(bytes.size(), 4096);
        for (size_t i = 0; i + 4 <= limit; ++i)
            if (std::string(bytes.data() + i, 4) == "MJPG" || std::string(bytes.data() + i, 4) == "mjpg")
                std::copy_n("QQZX", 4, bytes.data() + i);
        writeBytes(out, bytes);
        break;
    }
    case Clip::H264LongGop:
        run(lavfiSource(300) + " -vf \"" + vf + "\" -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 300 "
            "-keyint_min 300 -sc_threshold 0 -bf 3 -f mp4 " + o);
        break;
    case Clip::DvdPs:
        run("-f lavfi -i sine=f=440:r=48000:d=24 " + lavfiSource(600) + " -vf \"" + vf +
            "\" -c:v mpeg2video -b:v 2500k -g 15 -bf 2 -flags +ilme+ildct -top 1 -pix_fmt yuv420p "
            "-c:a ac3 -b:a 192k -f dvd " + o);
        break;
    case Clip::Mpeg1System:
        run("-f lavfi -i sine=f=440:r=44100:d=16 " + lavfiSource(400) + " -vf \"" + vf +
            "\" -c:v mpeg1video -b:v 1500k -g 12 -bf 2 -pix_fmt yuv420p -c:a mp2 -b:a 128k -f mpeg " + o);
        break;
    case Clip::Mpeg2PsLowRate:
        run("-f lavfi -i sine=f=440:r=48000:d=16 " + lavfiSource(400) + " -vf \"" + vf +
            "\" -c:v mpeg2video -b:v 150k -g 12 -bf 2 -pix_fmt yuv420p -c:a mp2 -b:a 64k -f vob " + o);
        break;
    case Clip::DamagedPs:
    case Clip::TruncatedPs: {
        auto bytes = readBytes(path(Clip::DvdPs));
        if (c == Clip::TruncatedPs)
            bytes.resize(bytes.size() * 7 / 10 + 1000); // not on a 2048-byte pack boundary
        else {
            uint32_t x = 777;
            for (size_t i = bytes.size() * 60 / 100; i < bytes.size() * 65 / 100; ++i) {
                x = x * 1103515245u + 12345u;
                bytes[i] = static_cast<char>(x >> 24);
            }
        }
        writeBytes(out, bytes);
        break;
    }
    case Clip::DamagedTs: {
        fs::path clean = dataDir() / (std::string("tmp-") + std::to_string(::getpid()) + "-clean_for_damage.ts");
        run(lavfiSource(200) + " -vf \"" + vf + "\" -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 25 "
            "-bf 2 -f mpegts \"" + clean.string() + "\"");
        auto bytes = readBytes(clean);
        fs::remove(clean);
        size_t third = bytes.size() / 3;
        uint32_t x = 12345;
        for (size_t i = third; i < 2 * third; ++i) {
            x = x * 1103515245u + 12345u;
            bytes[i] = static_cast<char>(x >> 24);
        }
        writeBytes(out, bytes);
        break;
    }
    }
}

} // namespace

std::string path(Clip clip)
{
    fs::path p = dataDir() / spec(clip).name;
    if (fs::exists(p))
        return p.string();
    fs::create_directories(dataDir());
    // Keep the real extension last so ffmpeg (and our demuxer probing) sees it.
    fs::path tmp = dataDir() / (std::string("tmp-") + std::to_string(::getpid()) + "-" + spec(clip).name);
    generate(clip, tmp);
    fs::rename(tmp, p);
    return p.string();
}

std::string garbage(Garbage kind, const std::string& name, uint32_t seed)
{
    fs::create_directories(dataDir());
    std::vector<char> bytes;
    auto append = [&bytes](const std::string& s) { bytes.insert(bytes.end(), s.begin(), s.end()); };
    switch (kind) {
    case Garbage::RandomBytes: {
        bytes.resize(400'000);
        uint64_t x = 0x9E3779B97F4A7C15ull * (seed + 1);
        for (auto& b : bytes) { // xorshift64*: full-byte noise, reproducible per seed
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            b = static_cast<char>((x * 0x2545F4914F6CDD1Dull) >> 56);
        }
        break;
    }
    case Garbage::Zeros: bytes.assign(400'000, '\0'); break;
    case Garbage::Pdf:
        append("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
               "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
               "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n"
               "trailer << /Root 1 0 R >>\n%%EOF\n");
        break;
    case Garbage::Zip: {
        // One stored (uncompressed) member; the CRC is not checked by anything here.
        const std::string member = "notes.txt", text = "session notes, not a video\n";
        auto le = [&bytes](uint32_t v, int n) {
            for (int i = 0; i < n; ++i)
                bytes.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
        };
        le(0x04034b50, 4); le(20, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 4);
        le(static_cast<uint32_t>(text.size()), 4); le(static_cast<uint32_t>(text.size()), 4);
        le(static_cast<uint32_t>(member.size()), 2); le(0, 2);
        append(member);
        append(text);
        const auto central = static_cast<uint32_t>(bytes.size());
        le(0x02014b50, 4); le(20, 2); le(20, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 4);
        le(static_cast<uint32_t>(text.size()), 4); le(static_cast<uint32_t>(text.size()), 4);
        le(static_cast<uint32_t>(member.size()), 2); le(0, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 4); le(0, 4);
        append(member);
        const auto centralSize = static_cast<uint32_t>(bytes.size()) - central;
        le(0x06054b50, 4); le(0, 2); le(0, 2); le(1, 2); le(1, 2); le(centralSize, 4); le(central, 4); le(0, 2);
        break;
    }
    }
    fs::path p = dataDir() / name;
    writeBytes(p, bytes);
    return p.string();
}

void displayMatrixOf(Orientation o, int32_t m[9])
{
    constexpr int32_t One = 1 << 16;
    const int32_t rows[5][4] = {
        {0, One, -One, 0},  // Rotate90: a=0 b=1 c=-1 d=0
        {-One, 0, 0, -One}, // Rotate180
        {0, -One, One, 0},  // Rotate270
        {-One, 0, 0, One},  // Mirror
        {0, One, One, 0},   // MirrorRotate90
    };
    const auto& r = rows[static_cast<int>(o)];
    const int32_t full[9] = {r[0], r[1], 0, r[2], r[3], 0, 0, 0, 1 << 30};
    std::copy(full, full + 9, m);
}

std::string rotatedPath(Orientation o)
{
    static const char* names[] = {"rot90.mp4", "rot180.mp4", "rot270.mp4", "mirror.mp4", "mirror_rot90.mp4"};
    fs::path p = dataDir() / names[static_cast<int>(o)];
    if (fs::exists(p))
        return p.string();
    fs::create_directories(dataDir());
    fs::path tmp = dataDir() / (std::string("tmp-") + std::to_string(::getpid()) + "-" + names[static_cast<int>(o)]);
    run(lavfiSource(RotatedFrames) + " -vf \"" + indexFilter() + "\" -c:v libx264 -preset veryfast -pix_fmt yuv420p "
        "-g 10 -keyint_min 10 -sc_threshold 0 -bf 2 -f mp4 \"" + tmp.string() + "\"");
    auto bytes = readBytes(tmp);
    // tkhd: size, 'tkhd', version (1 byte), flags (3), then times, track id, duration,
    // layer, group, volume; the 3x3 matrix is 40 bytes after the version (52 for v1).
    bool patched = false;
    for (size_t i = 4; i + 4 + 52 + 36 < bytes.size() && !patched; ++i) {
        if (std::string(bytes.data() + i, 4) != "tkhd")
            continue;
        const size_t matrix = i + 4 + (bytes[i + 4] == 1 ? 52 : 40);
        int32_t m[9];
        displayMatrixOf(o, m);
        for (int k = 0; k < 9; ++k)
            for (int b = 0; b < 4; ++b)
                bytes[matrix + 4 * k + b] = static_cast<char>((static_cast<uint32_t>(m[k]) >> (24 - 8 * b)) & 0xff);
        patched = true;
    }
    if (!patched)
        throw std::runtime_error("fixture generation failed: no tkhd in " + tmp.string());
    writeBytes(tmp, bytes);
    fs::rename(tmp, p);
    return p.string();
}

std::string ffmpegFramePng(const std::string& path, int64_t n, const std::string& outPng,
                           const std::string& extraFilter)
{
    run("-i \"" + path + "\" -vf \"select=eq(n\\," + std::to_string(n) + ")" +
        (extraFilter.empty() ? "" : "," + extraFilter) + "\" -frames:v 1 \"" + outPng + "\"");
    return outPng;
}

std::vector<uint8_t> decodePicture(const std::string& png, int& width, int& height, const std::string& pixFmt)
{
    auto header = readBytes(png);
    if (header.size() < 24)
        throw std::runtime_error("not a PNG: " + png);
    auto be32 = [&](size_t at) {
        return static_cast<int>((static_cast<uint8_t>(header[at]) << 24) | (static_cast<uint8_t>(header[at + 1]) << 16) |
                                (static_cast<uint8_t>(header[at + 2]) << 8) | static_cast<uint8_t>(header[at + 3]));
    };
    width = be32(16);
    height = be32(20);
    const fs::path raw = fs::path(png).string() + "." + pixFmt + ".raw";
    run("-i \"" + png + "\" -f rawvideo -pix_fmt " + pixFmt + " \"" + raw.string() + "\"");
    auto bytes = readBytes(raw);
    fs::remove(raw);
    return std::vector<uint8_t>(bytes.begin(), bytes.end());
}

double psnr(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b)
{
    if (a.size() != b.size() || a.empty())
        return 0;
    double se = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        const double d = static_cast<double>(a[i]) - static_cast<double>(b[i]);
        se += d * d;
    }
    if (se == 0)
        return 99;
    return 10 * std::log10(255.0 * 255.0 / (se / static_cast<double>(a.size())));
}

std::string missingPath() { return (dataDir() / "does-not-exist.mp4").string(); }

int64_t frameCount(Clip clip) { return spec(clip).frames; }

int64_t vfrTimeUs(int64_t n)
{
    static constexpr int64_t offsets[3] = {0, 30000, 80000};
    return (n / 3) * 150000 + offsets[n % 3];
}

int64_t readEncodedIndex(const codec::VideoFrame& frame)
{
    if (!frame.valid())
        return -1;
    return readEncodedIndex(frame.plane(0), frame.pitch(0), frame.width(), frame.height());
}

int64_t readEncodedIndex(const uint8_t* luma, int pitch, int width, int height)
{
    if (!luma || width < 32 * IndexBits || height < 32)
        return -1;
    int64_t n = 0;
    for (int b = 0; b < IndexBits; ++b) {
        // Average a 16x16 centre patch of the square to be robust to ringing.
        int sum = 0;
        for (int y = 8; y < 24; ++y)
            for (int x = 32 * b + 8; x < 32 * b + 24; ++x)
                sum += luma[y * pitch + x];
        int mean = sum / 256;
        if (mean > 160)
            n |= int64_t{1} << b;
        else if (mean > 90)
            return -1; // neither black nor white: not our pattern
    }
    return n;
}

} // namespace fixtures
