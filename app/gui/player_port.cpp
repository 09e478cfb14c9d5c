#include "app/gui/player_port.h"

#include <atomic>
#include <stdexcept>

#include <SDL.h>

#include "codec/audio_timeline_source.h"
#include "codec/frame_source.h"
#include "codec/media_info.h"
#include "codec/video_frame_source.h"
#include "codec/media_error.h"
#include "codec/audio_decoder.h"
#include "codec/player.h"
#include "codec/thumbnails.h"
#include "codec/waveform.h"

namespace app {

namespace {

// The SDL audio device. The callback runs on SDL's audio thread and only calls
// Player::readAudio (which never blocks on decoding). Closed before the player dies.
class AudioOutput {
public:
    // Opens the default device paused; `ok()` is false when there is none.
    AudioOutput()
    {
        if (SDL_WasInit(SDL_INIT_AUDIO) == 0 && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
            return;
        m_subsystem = true;
        if (SDL_GetNumAudioDevices(0) <= 0 && std::string(SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "") != "dummy")
            return;
        SDL_AudioSpec want{};
        want.freq = 48000;
        want.format = AUDIO_F32SYS;
        want.channels = 2;
        want.samples = 1024;
        want.callback = &AudioOutput::callback;
        want.userdata = this;
        SDL_AudioSpec have{};
        m_dev = SDL_OpenAudioDevice(nullptr, 0, &want, &have,
                                    SDL_AUDIO_ALLOW_FREQUENCY_CHANGE | SDL_AUDIO_ALLOW_CHANNELS_CHANGE);
        if (m_dev == 0)
            return;
        m_spec = codec::AudioSpec{have.freq, have.channels, codec::SampleFormat::F32};
    }
    ~AudioOutput()
    {
        if (m_dev)
            SDL_CloseAudioDevice(m_dev); // joins the callback thread
        if (m_subsystem)
            SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    bool ok() const { return m_dev != 0; }
    const codec::AudioSpec& spec() const { return m_spec; }
    void start(codec::Player* p)
    {
        m_player.store(p);
        SDL_PauseAudioDevice(m_dev, 0);
    }

private:
    static void callback(void* user, Uint8* stream, int len)
    {
        auto* self = static_cast<AudioOutput*>(user);
        if (codec::Player* p = self->m_player.load())
            p->readAudio(stream, len);
        else
            SDL_memset(stream, 0, static_cast<size_t>(len));
    }

    SDL_AudioDeviceID m_dev = 0;
    bool m_subsystem = false;
    codec::AudioSpec m_spec;
    std::atomic<codec::Player*> m_player{nullptr}; // written by the UI thread, read by SDL's
};

class PlayerPort : public MediaPort {
public:
    PlayerPort(std::unique_ptr<AudioOutput> audio, std::unique_ptr<codec::Player> player,
               std::unique_ptr<codec::WaveformJob> waveform, std::unique_ptr<codec::ThumbnailJob> thumbs)
        : m_audio(std::move(audio)), m_player(std::move(player)), m_waveform(std::move(waveform)),
          m_thumbs(std::move(thumbs))
    {
        if (m_audio)
            m_audio->start(m_player.get());
    }
    ~PlayerPort() override
    {
        m_audio.reset(); // stop the callback before the player goes away
    }

    void seekFrame(int64_t frameIndex, SeekKind kind) override
    {
        m_player->seek(frameIndex, kind == SeekKind::Exact ? codec::SeekMode::Exact : codec::SeekMode::Preview);
    }
    void step(int delta) override { m_player->step(delta); }
    void setPlaying(bool playing) override { playing ? m_player->play() : m_player->pause(); }
    void setSpeed(double speed) override { m_player->setSpeed(speed); }
    int64_t frameAtTime(int64_t timeUs) const override { return m_player->source().indexAt(timeUs); }
    int64_t timeOfFrame(int64_t frameIndex) const override { return m_player->source().ptsOf(frameIndex); }
    std::optional<int64_t> streamPtsOf(int64_t frameIndex) const override { return m_player->source().streamPts(frameIndex); }
    PortSnapshot snapshot() const override
    {
        PortSnapshot s;
        // One lock: the frame, the position, the play state and the errors agree.
        const codec::PlayerSnapshot p = m_player->snapshot();
        const codec::FrameView& f = p.presented;
        s.busy = p.busy;
        // While a seek is in flight report its target, so the playhead does not jump back.
        s.frameIndex = p.frameIndex;
        s.timeUs = m_player->source().ptsOf(s.frameIndex);
        s.playing = p.playing;
        s.atEnd = p.atEnd;
        s.presentedDamaged = f.damaged;
        s.damagedFrames = p.damagedFrames;
        s.errors = p.errors;
        s.errorCount = p.errorCount;
        const codec::PlayerStats& st = p.stats;
        s.framesShown = st.framesShown;
        s.framesDropped = st.framesDropped;
        s.framesLate = st.framesLate;
        s.queuedFrames = st.queuedFrames;
        s.cacheBytes = st.cacheBytes;
        s.width = f.display.displayWidth(f.width, f.height);
        s.height = f.display.displayHeight(f.width, f.height);
        const bool wave = m_waveform && !m_waveform->done(), thumbs = m_thumbs && !m_thumbs->done();
        s.backgroundBusy = wave || thumbs;
        s.backgroundProgress = std::min(wave ? m_waveform->progress() : 1.0f, thumbs ? m_thumbs->progress() : 1.0f);
        return s;
    }
    void tick() override { m_player->tick(); }
    std::optional<YuvImage> presentedImage() override
    {
        m_hold = m_player->presented(); // keeps the planes alive until the next call
        if (!m_hold)
            return std::nullopt;
        YuvImage img;
        for (int i = 0; i < 3; ++i) {
            img.planes[i] = m_hold.planes[i];
            img.pitches[i] = m_hold.pitches[i];
        }
        img.width = m_hold.width;
        img.height = m_hold.height;
        img.serial = m_player->presentedSerial();
        img.frameIndex = m_hold.index;
        img.display = m_hold.display;
        return img;
    }

    std::vector<codec::Thumbnail> takeThumbnails() override
    {
        return m_thumbs ? m_thumbs->takeNew() : std::vector<codec::Thumbnail>{};
    }
    std::shared_ptr<const codec::Waveform> waveform() const override
    {
        return m_waveform ? m_waveform->result() : nullptr;
    }

private:
    std::unique_ptr<AudioOutput> m_audio;
    std::unique_ptr<codec::Player> m_player;
    std::unique_ptr<codec::WaveformJob> m_waveform;
    std::unique_ptr<codec::ThumbnailJob> m_thumbs; // destroyed (cancelled, joined) before the player
    codec::FrameView m_hold;
};

} // namespace

std::unique_ptr<MediaPort> makePlayerPort(std::unique_ptr<codec::FrameSource> source, const PortOptions& opt,
                                          MediaState& media)
{
    if (!source)
        throw codec::MediaError(codec::MediaError::Kind::Io, "no media source");
    media.frameCount = source->frameCount();
    media.durationUs = source->durationUs();
    media.frameRate = media.durationUs > 0 ? static_cast<double>(media.frameCount) * 1e6 / media.durationUs : 0;
    codec::PlayerOptions po;
    // Wake an idle UI loop when a frame arrives (SDL_PushEvent is thread-safe).
    po.wake = [] {
        SDL_Event ev{};
        ev.type = SDL_USEREVENT;
        SDL_PushEvent(&ev);
    };
    std::unique_ptr<AudioOutput> audio;
    if (opt.audio && !opt.audioPath.empty()) {
        audio = std::make_unique<AudioOutput>();
        if (audio->ok()) {
            po.audioPath = opt.audioPath;
            po.audioSpec = audio->spec();
        } else {
            audio.reset(); // no device (CI, offscreen): play silently on the wall clock
        }
    }
    auto player = std::make_unique<codec::Player>(std::move(source), std::move(po));
    if (!player->hasAudio())
        audio.reset();
    std::unique_ptr<codec::WaveformJob> waveform;
    media.hasAudio = !opt.audioPath.empty() && codec::AudioDecoder::hasAudio(opt.audioPath);
    if (opt.waveform && media.hasAudio)
        waveform = std::make_unique<codec::WaveformJob>(opt.audioPath);
    // Thumbnails are optional: a file whose second decoder cannot open simply has none.
    std::unique_ptr<codec::ThumbnailJob> thumbs;
    if (!opt.thumbnailPath.empty()) {
        try {
            thumbs = std::make_unique<codec::ThumbnailJob>(std::make_unique<codec::VideoFrameSource>(opt.thumbnailPath), 96, 600);
        } catch (const std::exception&) {
        }
    }
    // The picture size arrives with the first frame (Controller::refresh); no waiting here.
    return std::make_unique<PlayerPort>(std::move(audio), std::move(player), std::move(waveform), std::move(thumbs));
}

namespace {

std::unique_ptr<MediaPort> openWith(const std::string& path, MediaState& media, bool audio)
{
    // Probe first: it names the file and the problem (missing, empty, not media, ...).
    const codec::MediaInfo info = codec::probeMedia(path);
    std::unique_ptr<codec::FrameSource> source;
    if (info.hasVideo)
        source = std::make_unique<codec::VideoFrameSource>(path);
    else if (info.hasAudio)
        source = std::make_unique<codec::AudioTimelineSource>(info.durationUs);
    else
        throw codec::MediaError(codec::MediaError::Kind::NoVideoStream, path, "no video or audio stream");
    PortOptions opt;
    opt.audio = audio;
    opt.audioPath = info.hasAudio ? path : std::string();
    opt.thumbnailPath = info.hasVideo ? path : std::string();
    auto port = makePlayerPort(std::move(source), opt, media);
    media.audioOnly = !info.hasVideo;
    return port;
}

} // namespace

std::unique_ptr<MediaPort> openPlayerPort(const std::string& path, MediaState& media)
{
    return openWith(path, media, true);
}

std::unique_ptr<MediaPort> openPlayerPortSilent(const std::string& path, MediaState& media)
{
    return openWith(path, media, false);
}

} // namespace app
