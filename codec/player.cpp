#include "codec/player.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "codec/audio_tempo.h"
#include "codec/media_error.h"

namespace codec {

namespace {
constexpr double kMinSpeed = 0.1;
constexpr double kMaxSpeed = 8.0;
constexpr int64_t kAudioAheadUs = 300'000; // decoded audio kept ahead of the device
constexpr size_t kMaxErrors = 32;

// A 16x16 mid-grey picture: what a damaged frame shows when nothing was decoded before it.
FrameView greyPicture()
{
    static const auto pixels = std::make_shared<std::vector<uint8_t>>(16 * 16 + 2 * 8 * 8, uint8_t{128});
    FrameView v;
    v.planes[0] = pixels->data();
    v.planes[1] = pixels->data() + 256;
    v.planes[2] = pixels->data() + 256 + 64;
    v.pitches[0] = 16;
    v.pitches[1] = v.pitches[2] = 8;
    v.width = v.height = 16;
    v.owner = pixels;
    return v;
}
} // namespace

Player::Player(std::unique_ptr<FrameSource> source, PlayerOptions options)
    : m_source(std::move(source)), m_opt(std::move(options))
{
    if (!m_source)
        throw MediaError(MediaError::Kind::Io, "player: no frame source");
    if (m_opt.audioSpec && !m_opt.audioPath.empty() && AudioDecoder::hasAudio(m_opt.audioPath))
        m_audioSpec = m_opt.audioSpec;
    m_queue.clear();
    m_busy = m_source->frameCount() > 0;
    if (m_busy)
        m_pending = Request{0, SeekMode::Exact}; // show the first frame
    m_videoThread = std::thread([this] { videoLoop(); });
    if (m_audioSpec)
        m_audioThread = std::thread([this] { audioLoop(); });
}

Player::~Player()
{
    {
        std::lock_guard lk(m_mutex);
        m_quit = true;
        m_cancelDecode = true;
    }
    m_wakeVideo.notify_all();
    m_wakeAudio.notify_all();
    m_presentedCv.notify_all();
    if (m_videoThread.joinable())
        m_videoThread.join();
    if (m_audioThread.joinable())
        m_audioThread.join();
}

int64_t Player::wallUs() const
{
    if (m_opt.nowUs)
        return m_opt.nowUs();
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// [SECTION] Clock

void Player::anchorClockLocked(int64_t mediaUs)
{
    m_anchorMediaUs = mediaUs;
    m_anchorWallUs = wallUs();
}

int64_t Player::clockLocked() const
{
    if (!m_playing)
        return m_presented ? m_presented.ptsUs : 0;
    if (m_opt.mediaClockUs)
        return m_opt.mediaClockUs();
    if (m_audioClockValid && m_audioSpec) {
        // Frames handed to the device before the latest callback, plus the wall time since
        // that callback (at most its length): a smooth clock at callback granularity.
        const double rate = m_audioSpec->sampleRate;
        const int64_t before = m_audioPlayedFrames - m_audioLastReadFrames;
        const int64_t sinceUs = std::clamp<int64_t>(
            wallUs() - m_audioLastReadWallUs, 0, static_cast<int64_t>(m_audioLastReadFrames * 1e6 / rate));
        return m_audioStartUs + static_cast<int64_t>(before * 1e6 / rate * m_audioSpeed)
            + static_cast<int64_t>(sinceUs * m_audioSpeed);
    }
    return m_anchorMediaUs + static_cast<int64_t>(static_cast<double>(wallUs() - m_anchorWallUs) * m_speed);
}

int64_t Player::clockUs() const
{
    std::lock_guard lk(m_mutex);
    return clockLocked();
}

// [SECTION] Commands (UI thread)

void Player::commandLocked()
{
    m_lastCommand = std::chrono::steady_clock::now();
    m_refillAtOnce = false;
    if (m_refilling)
        m_cancelDecode = true; // the background refill yields to whatever was asked
}

bool Player::refillWantedLocked() const
{
    return m_opt.refillDelayMs >= 0 && !m_playing && !m_busy && !m_pending && m_presented &&
           !m_presented.damaged && m_presented.index > 0 && m_refilledFor != m_presented.index &&
           (static_cast<int>(m_queue.size()) >= m_opt.queueFrames || m_nextDecode >= m_source->frameCount());
}

void Player::seek(int64_t index, SeekMode mode)
{
    {
        std::lock_guard lk(m_mutex);
        commandLocked();
        m_refillAtOnce = mode == SeekMode::Exact;
        const int64_t n = m_source->frameCount();
        if (n <= 0)
            return;
        index = std::clamp<int64_t>(index, 0, n - 1);
        m_pending = Request{index, mode}; // last writer wins
        ++m_serial;
        m_cancelDecode = true;            // abort the decode in flight
        m_queue.clear();
        m_target = index;
        m_busy = true;
        m_atEnd = false;
    }
    m_wakeVideo.notify_one();
}

void Player::step(int delta)
{
    {
        std::lock_guard lk(m_mutex);
        const int64_t n = m_source->frameCount();
        if (n <= 0 || delta == 0)
            return;
        commandLocked();
        if (m_playing) {
            m_playing = false;
            m_audioClockValid = false;
        }
        const int64_t from = m_busy ? m_target : (m_presented ? m_presented.index : 0);
        const int64_t target = std::clamp<int64_t>(from + delta, 0, n - 1);
        m_target = target;
        m_atEnd = false;
        if (!m_busy && !m_queue.empty() && m_queue.front().index == target) {
            // Forward step served from the decode-ahead queue: no decode at all.
            presentLocked(m_queue.front(), m_serial);
            m_queue.pop_front();
            m_wakeVideo.notify_one(); // refill
            return;
        }
        if (!m_busy && m_presented && m_presented.index == target)
            return; // clamped at either end
        m_pending = Request{target, SeekMode::Exact};
        ++m_serial;
        m_cancelDecode = true;
        m_queue.clear();
        m_busy = true;
    }
    m_wakeVideo.notify_one();
}

void Player::play()
{
    {
        std::lock_guard lk(m_mutex);
        if (m_playing || m_source->frameCount() <= 0)
            return;
        commandLocked();
        m_playing = true;
        m_atEnd = false;
        const int64_t from = m_presented ? m_presented.ptsUs : 0;
        anchorClockLocked(from);
        restartAudioLocked(from);
    }
    m_wakeVideo.notify_one();
}

void Player::pause()
{
    std::lock_guard lk(m_mutex);
    if (!m_playing)
        return;
    commandLocked();
    m_playing = false;
    m_audioClockValid = false;
    m_audioBuf.clear();
    ++m_audioSerial;
}

void Player::setSpeed(double speed)
{
    std::lock_guard lk(m_mutex);
    speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
    if (speed == m_speed)
        return;
    const int64_t now = clockLocked();
    m_speed = speed;
    if (m_playing) {
        anchorClockLocked(now);
        restartAudioLocked(now); // re-stretch from here at the new speed
    }
}

// [SECTION] Presentation (UI thread)

void Player::presentLocked(const FrameView& f, uint64_t serial)
{
    m_presented = f;
    m_presentedSerial = serial;
}

bool Player::tick()
{
    std::lock_guard lk(m_mutex);
    if (!m_playing || m_busy)
        return false;
    const int64_t now = clockLocked();
    FrameView pick;
    while (!m_queue.empty() && m_queue.front().ptsUs <= now) {
        if (pick)
            ++m_stats.framesDropped; // superseded before it was ever shown
        pick = m_queue.front();
        m_queue.pop_front();
    }
    bool changed = false;
    if (pick) {
        const int64_t n = m_source->frameCount();
        const int64_t dur = pick.index + 1 < n ? m_source->ptsOf(pick.index + 1) - pick.ptsUs : 40'000;
        if (now - pick.ptsUs > std::max<int64_t>(dur, 1))
            ++m_stats.framesLate;
        ++m_stats.framesShown;
        presentLocked(pick, m_serial);
        m_target = pick.index;
        m_wakeVideo.notify_one(); // room in the queue
        changed = true;
    }
    const int64_t n = m_source->frameCount();
    if (m_queue.empty() && m_nextDecode >= n && m_presented && m_presented.index >= n - 1) {
        m_playing = false; // reached the end
        m_atEnd = true;
        m_audioClockValid = false;
        changed = true;
    }
    return changed;
}

FrameView Player::presented() const
{
    std::lock_guard lk(m_mutex);
    return m_presented;
}

uint64_t Player::presentedSerial() const
{
    std::lock_guard lk(m_mutex);
    return m_presentedSerial;
}

int64_t Player::targetIndex() const
{
    std::lock_guard lk(m_mutex);
    return m_target;
}

bool Player::playing() const
{
    std::lock_guard lk(m_mutex);
    return m_playing;
}

bool Player::busy() const
{
    std::lock_guard lk(m_mutex);
    return m_busy;
}

bool Player::atEnd() const
{
    std::lock_guard lk(m_mutex);
    return m_atEnd;
}

double Player::speed() const
{
    std::lock_guard lk(m_mutex);
    return m_speed;
}

PlayerSnapshot Player::snapshot() const
{
    std::lock_guard lk(m_mutex);
    PlayerSnapshot s;
    s.presented = m_presented;
    s.presentedSerial = m_presentedSerial;
    s.targetIndex = m_target;
    s.busy = m_busy;
    s.frameIndex = m_busy ? m_target : (m_presented ? m_presented.index : 0);
    s.clockUs = clockLocked();
    s.playing = m_playing;
    s.atEnd = m_atEnd;
    s.speed = m_speed;
    s.hasAudio = m_audioSpec.has_value();
    s.audioFailed = m_audioFailed;
    s.audioBufferedFrames =
        m_audioSpec ? static_cast<int64_t>(m_audioBuf.size()) / m_audioSpec->bytesPerFrame() : 0;
    s.stats = m_stats;
    s.stats.queuedFrames = static_cast<int>(m_queue.size());
    s.stats.cacheBytes = m_source->cacheBytes();
    s.damagedFrames = m_damaged;
    s.errors.assign(m_errors.begin(), m_errors.end());
    s.errorCount = m_errorCount;
    return s;
}

PlayerStats Player::stats() const
{
    std::lock_guard lk(m_mutex);
    PlayerStats s = m_stats;
    s.queuedFrames = static_cast<int>(m_queue.size());
    s.cacheBytes = m_source->cacheBytes();
    return s;
}

int64_t Player::audioBufferedFrames() const
{
    std::lock_guard lk(m_mutex);
    return m_audioSpec ? static_cast<int64_t>(m_audioBuf.size()) / m_audioSpec->bytesPerFrame() : 0;
}

bool Player::waitIdle(int timeoutMs)
{
    std::unique_lock lk(m_mutex);
    return m_presentedCv.wait_for(lk, std::chrono::milliseconds(timeoutMs),
                                  [&] { return m_quit || (!m_busy && !m_pending); });
}

// [SECTION] Failures

void Player::recordErrorLocked(std::string message)
{
    ++m_errorCount;
    m_errors.push_back(std::move(message));
    while (m_errors.size() > kMaxErrors)
        m_errors.pop_front();
}

FrameView Player::damagedViewLocked(const FrameView& f)
{
    FrameView v = m_lastGood ? m_lastGood : greyPicture();
    v.index = std::clamp<int64_t>(f.index, 0, std::max<int64_t>(0, m_source->frameCount() - 1));
    v.ptsUs = m_source->ptsOf(v.index);
    v.damaged = true;
    v.problem = f.problem.empty() ? "frame " + std::to_string(v.index) + " could not be decoded" : f.problem;
    auto it = std::lower_bound(m_damaged.begin(), m_damaged.end(), v.index);
    if (it == m_damaged.end() || *it != v.index) {
        m_damaged.insert(it, v.index);
        recordErrorLocked(v.problem);
    }
    return v;
}

FrameView Player::decodeSafely(int64_t index, SeekMode mode)
{
    FrameView f;
    try {
        f = mode == SeekMode::Preview ? m_source->preview(index) : m_source->frame(index, m_cancelDecode);
        if (f || m_cancelDecode.load())
            return f;
        if (!f.damaged) { // an older source's "cannot decode": an empty view
            f = FrameView{};
            f.damaged = true;
        }
    } catch (const std::exception& e) {
        f = FrameView{};
        f.damaged = true;
        f.problem = e.what();
    } catch (...) {
        f = FrameView{};
        f.damaged = true;
        f.problem = "frame " + std::to_string(index) + ": unknown decoder failure";
    }
    f.index = index;
    return f;
}

// [SECTION] Video worker

void Player::videoLoop()
{
    std::unique_lock lk(m_mutex);
    const int64_t n = m_source->frameCount();
    auto ready = [&] {
        return m_quit || m_pending ||
               (!m_busy && static_cast<int>(m_queue.size()) < m_opt.queueFrames && m_nextDecode < n);
    };
    for (;;) {
        if (!ready() && refillWantedLocked()) {
            // Paused and idle: after refillDelayMs without a command, decode the frames
            // before the presented one (lowest priority: only when nothing else is wanted;
            // any command cancels it through m_cancelDecode).
            const auto due = m_lastCommand + std::chrono::milliseconds(m_refillAtOnce ? 0 : m_opt.refillDelayMs);
            if (std::chrono::steady_clock::now() < due) {
                m_wakeVideo.wait_until(lk, due, [&] { return ready() || !refillWantedLocked(); });
                continue;
            }
            const int64_t at = m_presented.index;
            m_refilledFor = at;
            m_refilling = true;
            m_cancelDecode = false;
            ++m_stats.refills;
            lk.unlock();
            bool done = false;
            try {
                done = m_source->refillBefore(at, m_cancelDecode);
            } catch (...) {
                done = false; // a refill is an optimisation: its failure is not an error
            }
            lk.lock();
            m_refilling = false;
            if (done)
                ++m_stats.refillsCompleted;
            else if (m_cancelDecode)
                m_refilledFor = -1; // cancelled: may run again when the player rests here
            continue;
        }
        m_wakeVideo.wait(lk, [&] { return ready() || refillWantedLocked(); });
        if (m_quit)
            return;
        if (!ready())
            continue; // a refill is wanted: handled at the top
        if (m_pending) {
            const Request r = *m_pending;
            m_pending.reset();
            const uint64_t serial = m_serial;
            m_cancelDecode = false; // under the lock: a newer seek() sets it after this point
            lk.unlock();
            FrameView f = decodeSafely(r.index, r.mode);
            lk.lock();
            if (serial != m_serial)
                continue; // superseded while decoding: never shown
            ++(r.mode == SeekMode::Exact ? m_stats.exactSeeks : m_stats.previews);
            if (f.damaged)
                f = damagedViewLocked(f); // shown at its own position, flagged
            else if (f)
                m_lastGood = f;
            if (f) {
                m_queue.clear();
                presentLocked(f, serial);
                m_nextDecode = f.index + 1;
                if (m_playing) {
                    anchorClockLocked(f.ptsUs);
                    restartAudioLocked(f.ptsUs);
                }
            }
            m_busy = false; // also on a decode failure: the old frame stays, nothing hangs
            m_presentedCv.notify_all();
            if (m_opt.wake)
                m_opt.wake();
            continue;
        }
        // Decode ahead of the presented frame.
        const int64_t idx = m_nextDecode++;
        const uint64_t serial = m_serial;
        m_cancelDecode = false;
        lk.unlock();
        FrameView f = decodeSafely(idx, SeekMode::Exact);
        lk.lock();
        if (serial != m_serial || (!f && !f.damaged))
            continue;
        if (f.damaged)
            f = damagedViewLocked(f); // playback goes on over it
        else
            m_lastGood = f;
        m_queue.push_back(std::move(f));
        if (m_opt.wake && m_playing)
            m_opt.wake();
    }
}

// [SECTION] Audio worker and device callback

void Player::restartAudioLocked(int64_t fromUs)
{
    if (!m_audioSpec)
        return;
    ++m_audioSerial;
    m_audioBuf.clear();
    m_audioStartUs = fromUs;
    m_audioPlayedFrames = 0;
    m_audioQueuedFrames = 0;
    m_audioLastReadFrames = 0;
    m_audioSpeed = m_speed;
    m_audioClockValid = false;
    m_audioEof = false;
    m_wakeAudio.notify_one();
}

void Player::audioLoop()
{
    // No exception leaves this thread: a failure stops the audio, the wall clock takes
    // over the playback clock, and the problem becomes an error line.
    try {
        audioWork();
    } catch (const std::exception& e) {
        failAudio(std::string("audio stopped: ") + e.what());
    } catch (...) {
        failAudio("audio stopped: unknown failure");
    }
}

void Player::failAudio(std::string message)
{
    std::unique_lock lk(m_mutex);
    m_audioFailed = true;
    m_audioEof = true;
    m_audioBuf.clear();
    if (m_audioClockValid) {
        anchorClockLocked(clockLocked());
        m_audioClockValid = false;
    }
    recordErrorLocked(std::move(message));
    m_wakeAudio.wait(lk, [&] { return m_quit; });
}

void Player::audioWork()
{
    // The decoder and tempo filter belong to this thread alone.
    std::unique_ptr<AudioDecoder> dec;
    std::unique_ptr<AudioTempo> tempo;
    dec = std::make_unique<AudioDecoder>(m_opt.audioPath, *m_audioSpec);
    const AudioSpec spec = *m_audioSpec;
    const int bpf = spec.bytesPerFrame();
    uint64_t mySerial = 0;
    double mySpeed = 1.0;
    std::unique_lock lk(m_mutex);
    for (;;) {
        m_wakeAudio.wait(lk, [&] {
            if (m_quit)
                return true;
            if (!m_playing)
                return false;
            if (m_audioSerial != mySerial)
                return true;
            const int64_t aheadUs = static_cast<int64_t>(m_audioBuf.size() / bpf * 1e6 / spec.sampleRate);
            return !m_audioEof && aheadUs < kAudioAheadUs;
        });
        if (m_quit)
            return;
        if (m_audioSerial != mySerial) {
            mySerial = m_audioSerial;
            mySpeed = m_audioSpeed;
            const int64_t from = m_audioStartUs;
            lk.unlock();
            dec->seek(from);
            tempo.reset();
            if (std::abs(mySpeed - 1.0) > 1e-9)
                tempo = std::make_unique<AudioTempo>(spec, mySpeed);
            lk.lock();
            continue;
        }
        lk.unlock();
        AudioChunk chunk;
        std::vector<uint8_t> out;
        const bool more = dec->read(chunk);
        if (more) {
            if (tempo)
                tempo->process(chunk.data.data(), chunk.frames, out);
            else
                out = std::move(chunk.data);
        } else if (tempo) {
            tempo->flush(out);
        }
        lk.lock();
        if (mySerial != m_audioSerial)
            continue; // a seek or speed change happened meanwhile: drop this work
        m_audioBuf.insert(m_audioBuf.end(), out.begin(), out.end());
        m_audioQueuedFrames += static_cast<int64_t>(out.size()) / bpf;
        if (!more)
            m_audioEof = true;
    }
}

void Player::readAudio(uint8_t* dst, int bytes)
{
    std::fill(dst, dst + bytes, uint8_t{0});
    std::lock_guard lk(m_mutex);
    if (!m_audioSpec || !m_playing || bytes <= 0)
        return;
    const int bpf = m_audioSpec->bytesPerFrame();
    const size_t take = std::min<size_t>(m_audioBuf.size() / bpf * bpf, static_cast<size_t>(bytes / bpf * bpf));
    if (take == 0) {
        if (m_audioEof && m_audioClockValid) {
            // Audio ended before the video: hand the clock back to the wall clock.
            anchorClockLocked(clockLocked());
            m_audioClockValid = false;
        }
        return;
    }
    if (m_audioSpec->format == SampleFormat::S16 || m_audioSpec->format == SampleFormat::F32)
        std::copy(m_audioBuf.begin(), m_audioBuf.begin() + static_cast<std::ptrdiff_t>(take), dst);
    m_audioBuf.erase(m_audioBuf.begin(), m_audioBuf.begin() + static_cast<std::ptrdiff_t>(take));
    const int64_t frames = static_cast<int64_t>(take) / bpf;
    m_audioPlayedFrames += frames;
    m_audioLastReadFrames = frames;
    m_audioLastReadWallUs = wallUs();
    m_audioClockValid = true;
    m_wakeAudio.notify_one();
}

} // namespace codec
