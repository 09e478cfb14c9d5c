#include "tests/codec/audio_fixtures.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <unistd.h>

namespace {
// CTest runs test processes in parallel and several may generate the same fixture at
// once: each writes its own temporary file (pid in the name, extension kept last) and
// renames it into place; rename is atomic, so every reader sees a whole file.
std::filesystem::path tmpFor(const std::filesystem::path& p)
{
    return p.parent_path() / ("tmp-" + std::to_string(::getpid()) + "-" + p.filename().string());
}
} // namespace

std::string sineWav(int hz, double seconds, int rate, int channels)
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "codec_audio";
    fs::create_directories(dir);
    const std::string name = "sine_" + std::to_string(hz) + "_" + std::to_string(static_cast<int>(seconds * 1000))
        + "ms_" + std::to_string(rate) + "_" + std::to_string(channels) + "ch.wav";
    const fs::path p = dir / name;
    if (fs::exists(p) && fs::file_size(p) > 44)
        return p.string();
    const fs::path tmp = tmpFor(p);
    const std::string cmd = "ffmpeg -nostdin -loglevel error -y -f lavfi -i 'sine=frequency=" + std::to_string(hz)
        + ":sample_rate=" + std::to_string(rate) + ":duration=" + std::to_string(seconds) + "' -ac "
        + std::to_string(channels) + " -c:a pcm_s16le '" + tmp.string() + "'";
    if (std::system(cmd.c_str()) != 0)
        throw std::runtime_error("cannot generate " + p.string());
    fs::rename(tmp, p);
    return p.string();
}

std::string halfSilentWav(double seconds)
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "codec_audio";
    fs::create_directories(dir);
    const fs::path p = dir / ("half_silent_" + std::to_string(static_cast<int>(seconds * 1000)) + "ms.wav");
    if (fs::exists(p) && fs::file_size(p) > 44)
        return p.string();
    const fs::path tmp = tmpFor(p);
    const std::string half = std::to_string(seconds / 2);
    const std::string cmd = "ffmpeg -nostdin -loglevel error -y -f lavfi -i \"aevalsrc='if(gte(t," + half
        + "),0.5*sin(2*PI*440*t),0)':s=8000:d=" + std::to_string(seconds) + "\" -c:a pcm_s16le '" + tmp.string() + "'";
    if (std::system(cmd.c_str()) != 0)
        throw std::runtime_error("cannot generate " + p.string());
    fs::rename(tmp, p);
    return p.string();
}

namespace {
std::string capture(const std::string& cmd)
{
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p)
        return out;
    char buf[4096];
    size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        out.append(buf, n);
    pclose(p);
    return out;
}
} // namespace

std::string lumaRampMp4()
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "codec_audio";
    fs::create_directories(dir);
    const fs::path p = dir / "luma_ramp_6s.mp4";
    if (fs::exists(p) && fs::file_size(p) > 1000)
        return p.string();
    const fs::path tmp = tmpFor(p);
    const std::string cmd =
        "ffmpeg -nostdin -loglevel error -y -f lavfi -i \"nullsrc=s=64x48:r=25:d=6,format=yuv420p,"
        "geq=lum='16+N':cb=128:cr=128\" -f lavfi -i 'sine=frequency=440:sample_rate=48000:duration=6' "
        "-c:v libx264 -preset ultrafast -g 25 -keyint_min 25 -sc_threshold 0 -bf 2 -qp 0 -c:a aac -shortest '"
        + tmp.string() + "'";
    if (std::system(cmd.c_str()) != 0)
        throw std::runtime_error("cannot generate " + p.string());
    fs::rename(tmp, p);
    return p.string();
}

double firstFrameNumber(const std::string& path)
{
    const std::string raw = capture("ffmpeg -nostdin -loglevel error -i '" + path
                                    + "' -frames:v 1 -f rawvideo -pix_fmt gray - 2>/dev/null");
    if (raw.empty())
        return -1;
    double sum = 0;
    for (unsigned char c : raw)
        sum += c;
    // gray is full range: limited-range luma 16 + N arrives as N * 255 / 219.
    return sum / static_cast<double>(raw.size()) * 219.0 / 255.0;
}

int64_t probeVideoFrames(const std::string& path)
{
    const std::string s = capture("ffprobe -v error -select_streams v:0 -count_frames -show_entries "
                                  "stream=nb_read_frames -of csv=p=0 '" + path + "' 2>/dev/null");
    try {
        return std::stoll(s);
    } catch (...) {
        return -1;
    }
}
