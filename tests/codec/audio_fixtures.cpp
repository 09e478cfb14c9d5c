#include "tests/codec/audio_fixtures.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

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
    const fs::path tmp = dir / ("tmp_" + name);
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
    const fs::path tmp = dir / ("tmp_" + p.filename().string());
    const std::string half = std::to_string(seconds / 2);
    const std::string cmd = "ffmpeg -nostdin -loglevel error -y -f lavfi -i \"aevalsrc='if(gte(t," + half
        + "),0.5*sin(2*PI*440*t),0)':s=8000:d=" + std::to_string(seconds) + "\" -c:a pcm_s16le '" + tmp.string() + "'";
    if (std::system(cmd.c_str()) != 0)
        throw std::runtime_error("cannot generate " + p.string());
    fs::rename(tmp, p);
    return p.string();
}
