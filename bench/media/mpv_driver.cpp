#include "bench/media/mpv_driver.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "bench/media/stats.h"

extern char** environ;

namespace bench {
namespace {

// mpv's IPC answers are single-line compact JSON objects; the benchmark needs only a few
// scalar fields, so a field lookup by key is enough (no nested objects are inspected).
std::string field(const std::string& line, const std::string& key)
{
    const std::string needle = "\"" + key + "\":";
    auto p = line.find(needle);
    if (p == std::string::npos)
        return {};
    p += needle.size();
    if (p < line.size() && line[p] == '"') {
        auto e = line.find('"', p + 1);
        return e == std::string::npos ? std::string{} : line.substr(p + 1, e - p - 1);
    }
    auto e = line.find_first_of(",}", p);
    return line.substr(p, e == std::string::npos ? std::string::npos : e - p);
}

std::string jsonString(const std::string& s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

} // namespace

MpvDriver::MpvDriver()
{
    char tmpl[] = "/tmp/bench-mpv-XXXXXX";
    if (!mkdtemp(tmpl))
        throw std::runtime_error("mpv: cannot create a temporary directory");
    m_dir = tmpl;
    m_socket = m_dir + "/ipc.sock";

    std::vector<std::string> args = {"mpv", "--no-config", "--idle=yes", "--vo=null",
                                     "--ao=null", "--input-ipc-server=" + m_socket, "--pause",
                                     "--really-quiet", "--no-terminal"};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    const int err = posix_spawnp(&m_pid, "mpv", &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0)
        throw std::runtime_error(std::string("mpv: cannot start: ") + std::strerror(err));

    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", m_socket.c_str());
    const double deadline = nowMs() + 5000;
    while (nowMs() < deadline) {
        m_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0)
            return;
        close(m_fd);
        m_fd = -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
    throw std::runtime_error("mpv: IPC socket " + m_socket + " did not appear within 5 s");
}

MpvDriver::~MpvDriver()
{
    if (m_fd >= 0) {
        const std::string quit = "{\"command\":[\"quit\"]}\n";
        (void)!write(m_fd, quit.data(), quit.size());
        close(m_fd);
    }
    if (m_pid > 0) {
        for (int i = 0; i < 100; ++i) {
            if (waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
                m_pid = -1;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (m_pid > 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }
    unlink(m_socket.c_str());
    rmdir(m_dir.c_str());
}

int MpvDriver::send(const std::string& commandArrayJson)
{
    const int id = m_nextId++;
    const std::string msg =
        "{\"command\":" + commandArrayJson + ",\"request_id\":" + std::to_string(id) + "}\n";
    size_t off = 0;
    while (off < msg.size()) {
        const ssize_t n = write(m_fd, msg.data() + off, msg.size() - off);
        if (n <= 0)
            throw std::runtime_error("mpv: IPC write failed");
        off += static_cast<size_t>(n);
    }
    return id;
}

bool MpvDriver::readLine(std::string& line, double deadlineMs)
{
    for (;;) {
        if (auto nl = m_buffer.find('\n'); nl != std::string::npos) {
            line = m_buffer.substr(0, nl);
            m_buffer.erase(0, nl + 1);
            return true;
        }
        const double left = deadlineMs - nowMs();
        if (left <= 0)
            return false;
        pollfd p{m_fd, POLLIN, 0};
        const int r = poll(&p, 1, static_cast<int>(left) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        char buf[4096];
        const ssize_t n = read(m_fd, buf, sizeof buf);
        if (n <= 0)
            return false; // mpv went away
        m_buffer.append(buf, static_cast<size_t>(n));
    }
}

MpvDriver::Result MpvDriver::runSeeking(const std::string& commandArrayJson, int timeoutMs)
{
    Result r;
    const double t0 = nowMs();
    const double deadline = t0 + timeoutMs;
    const int id = send(commandArrayJson);
    bool replied = false, seeking = false, restarted = false;
    std::string line;
    while (!(replied && restarted) && readLine(line, deadline)) {
        if (field(line, "request_id") == std::to_string(id)) {
            replied = true;
            if (field(line, "error") != "success")
                return r;
        }
        const std::string ev = field(line, "event");
        if (ev == "seek")
            seeking = true;
        else if (ev == "playback-restart" && seeking && !restarted) {
            restarted = true;
            r.ms = nowMs() - t0;
        }
    }
    if (!(replied && restarted))
        return r;
    r.timePos = property("time-pos");
    r.ok = !std::isnan(r.timePos);
    return r;
}

MpvDriver::Result MpvDriver::load(const std::string& file, int timeoutMs)
{
    Result r;
    const double t0 = nowMs();
    const double deadline = t0 + timeoutMs;
    const int id = send("[\"loadfile\"," + jsonString(file) + "]");
    bool replied = false, restarted = false;
    std::string line;
    while (!(replied && restarted) && readLine(line, deadline)) {
        if (field(line, "request_id") == std::to_string(id)) {
            replied = true;
            if (field(line, "error") != "success")
                return r;
        }
        const std::string ev = field(line, "event");
        if (ev == "end-file" && field(line, "reason") == "error")
            return r;
        if (ev == "playback-restart" && !restarted) {
            restarted = true;
            r.ms = nowMs() - t0;
        }
    }
    if (!restarted)
        return r;
    r.timePos = property("time-pos");
    r.ok = true;
    return r;
}

MpvDriver::Result MpvDriver::seekExact(double seconds, int timeoutMs)
{
    char target[64];
    std::snprintf(target, sizeof target, "%.6f", seconds);
    return runSeeking(std::string("[\"seek\",\"") + target + "\",\"absolute+exact\"]", timeoutMs);
}

MpvDriver::Result MpvDriver::frameBackStep(int timeoutMs)
{
    return runSeeking("[\"frame-back-step\"]", timeoutMs);
}

double MpvDriver::property(const std::string& name, int timeoutMs)
{
    const double deadline = nowMs() + timeoutMs;
    const int id = send("[\"get_property\"," + jsonString(name) + "]");
    std::string line;
    while (readLine(line, deadline)) {
        if (field(line, "request_id") != std::to_string(id))
            continue; // events interleave with replies
        if (field(line, "error") != "success")
            return std::nan("");
        const std::string v = field(line, "data");
        char* end = nullptr;
        const double d = std::strtod(v.c_str(), &end);
        return end == v.c_str() ? std::nan("") : d;
    }
    return std::nan("");
}

} // namespace bench
