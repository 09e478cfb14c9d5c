#include "tests/projects/powercut_vfs.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <mutex>
#include <vector>

namespace powercut {

namespace {

struct Undo {
    int64_t offset;
    std::string old; // the bytes the write replaced (within the file's size then)
};

// What each file must go back to: its size at its last sync and the bytes overwritten since.
struct FileState {
    int64_t syncedSize = 0;
    std::vector<Undo> undo;
};

struct Globals {
    sqlite3_vfs* base = nullptr;
    sqlite3_vfs vfs{};
    std::map<std::string, FileState> files;
    int64_t armedAt = 0, writes = 0;
    bool dead = false;
};
Globals g;

struct File {
    sqlite3_file base; // must be first
    sqlite3_file* real;
    std::string path;
};

File* cast(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

int64_t realSize(sqlite3_file* real)
{
    sqlite3_int64 n = 0;
    real->pMethods->xFileSize(real, &n);
    return n;
}

int xClose(sqlite3_file* f)
{
    File* p = cast(f);
    const int rc = p->real->pMethods->xClose(p->real);
    sqlite3_free(p->real);
    p->path.~basic_string();
    return rc;
}
int xRead(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) { return cast(f)->real->pMethods->xRead(cast(f)->real, buf, n, off); }
int xWrite(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off)
{
    File* p = cast(f);
    if (g.dead)
        return SQLITE_IOERR_WRITE;
    ++g.writes;
    if (g.armedAt > 0 && g.writes >= g.armedAt) {
        g.dead = true; // this write never reaches the disk
        return SQLITE_IOERR_WRITE;
    }
    FileState& st = g.files[p->path];
    const int64_t size = realSize(p->real);
    if (off < size) {
        std::string old(static_cast<size_t>(std::min<int64_t>(n, size - off)), '\0');
        p->real->pMethods->xRead(p->real, old.data(), static_cast<int>(old.size()), off);
        st.undo.push_back({off, std::move(old)});
    }
    return p->real->pMethods->xWrite(p->real, buf, n, off);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    File* p = cast(f);
    if (g.dead)
        return SQLITE_IOERR_TRUNCATE;
    FileState& st = g.files[p->path];
    const int64_t now = realSize(p->real);
    if (size < now) {
        std::string old(static_cast<size_t>(now - size), '\0');
        p->real->pMethods->xRead(p->real, old.data(), static_cast<int>(old.size()), size);
        st.undo.push_back({size, std::move(old)});
    }
    return p->real->pMethods->xTruncate(p->real, size);
}
int xSync(sqlite3_file* f, int flags)
{
    File* p = cast(f);
    if (g.dead)
        return SQLITE_IOERR_FSYNC;
    const int rc = p->real->pMethods->xSync(p->real, flags);
    if (rc == SQLITE_OK) {
        FileState& st = g.files[p->path];
        st.undo.clear();
        st.syncedSize = realSize(p->real);
    }
    return rc;
}
int xFileSize(sqlite3_file* f, sqlite3_int64* n) { return cast(f)->real->pMethods->xFileSize(cast(f)->real, n); }
int xLock(sqlite3_file* f, int l) { return cast(f)->real->pMethods->xLock(cast(f)->real, l); }
int xUnlock(sqlite3_file* f, int l) { return cast(f)->real->pMethods->xUnlock(cast(f)->real, l); }
int xCheckReservedLock(sqlite3_file* f, int* r) { return cast(f)->real->pMethods->xCheckReservedLock(cast(f)->real, r); }
int xFileControl(sqlite3_file* f, int op, void* arg) { return cast(f)->real->pMethods->xFileControl(cast(f)->real, op, arg); }
int xSectorSize(sqlite3_file* f) { return cast(f)->real->pMethods->xSectorSize(cast(f)->real); }
int xDeviceCharacteristics(sqlite3_file* f)
{
    // Claim nothing (no atomic or sequential writes): SQLite then syncs as on any disk.
    (void)f;
    return 0;
}
int xShmMap(sqlite3_file* f, int i, int sz, int ext, void volatile** pp) { return cast(f)->real->pMethods->xShmMap(cast(f)->real, i, sz, ext, pp); }
int xShmLock(sqlite3_file* f, int off, int n, int flags) { return cast(f)->real->pMethods->xShmLock(cast(f)->real, off, n, flags); }
void xShmBarrier(sqlite3_file* f) { cast(f)->real->pMethods->xShmBarrier(cast(f)->real); }
int xShmUnmap(sqlite3_file* f, int del) { return cast(f)->real->pMethods->xShmUnmap(cast(f)->real, g.dead ? 0 : del); }

const sqlite3_io_methods kMethods = {
    2, xClose, xRead, xWrite, xTruncate, xSync, xFileSize, xLock, xUnlock, xCheckReservedLock, xFileControl,
    xSectorSize, xDeviceCharacteristics, xShmMap, xShmLock, xShmBarrier, xShmUnmap, nullptr, nullptr,
};

int xOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* outFlags)
{
    File* p = cast(f);
    p->base.pMethods = nullptr;
    p->real = static_cast<sqlite3_file*>(sqlite3_malloc(g.base->szOsFile));
    if (!p->real)
        return SQLITE_NOMEM;
    std::memset(p->real, 0, static_cast<size_t>(g.base->szOsFile));
    const int rc = g.base->xOpen(g.base, name, p->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        sqlite3_free(p->real);
        return rc;
    }
    new (&p->path) std::string(name ? name : "");
    auto [it, fresh] = g.files.try_emplace(p->path);
    if (fresh || it->second.undo.empty())
        it->second.syncedSize = realSize(p->real);
    p->base.pMethods = &kMethods;
    return SQLITE_OK;
}
int xDelete(sqlite3_vfs*, const char* name, int syncDir)
{
    if (g.dead)
        return SQLITE_IOERR_DELETE;
    g.files.erase(name);
    return g.base->xDelete(g.base, name, syncDir);
}
int xAccess(sqlite3_vfs*, const char* name, int flags, int* out) { return g.base->xAccess(g.base, name, flags, out); }
int xFullPathname(sqlite3_vfs*, const char* name, int n, char* out) { return g.base->xFullPathname(g.base, name, n, out); }
void* xDlOpen(sqlite3_vfs*, const char* name) { return g.base->xDlOpen(g.base, name); }
void xDlError(sqlite3_vfs*, int n, char* msg) { g.base->xDlError(g.base, n, msg); }
void (*xDlSym(sqlite3_vfs*, void* h, const char* sym))(void) { return g.base->xDlSym(g.base, h, sym); }
void xDlClose(sqlite3_vfs*, void* h) { g.base->xDlClose(g.base, h); }
int xRandomness(sqlite3_vfs*, int n, char* out) { return g.base->xRandomness(g.base, n, out); }
int xSleep(sqlite3_vfs*, int us) { return g.base->xSleep(g.base, us); }
int xCurrentTime(sqlite3_vfs*, double* t) { return g.base->xCurrentTime(g.base, t); }
int xGetLastError(sqlite3_vfs*, int n, char* out) { return g.base->xGetLastError(g.base, n, out); }
int xCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* t) { return g.base->xCurrentTimeInt64(g.base, t); }

} // namespace

void install()
{
    g.base = sqlite3_vfs_find(nullptr);
    g.vfs = sqlite3_vfs{};
    g.vfs.iVersion = 2;
    g.vfs.szOsFile = static_cast<int>(sizeof(File));
    g.vfs.mxPathname = g.base->mxPathname;
    g.vfs.zName = "bondline-powercut";
    g.vfs.xOpen = xOpen;
    g.vfs.xDelete = xDelete;
    g.vfs.xAccess = xAccess;
    g.vfs.xFullPathname = xFullPathname;
    g.vfs.xDlOpen = xDlOpen;
    g.vfs.xDlError = xDlError;
    g.vfs.xDlSym = xDlSym;
    g.vfs.xDlClose = xDlClose;
    g.vfs.xRandomness = xRandomness;
    g.vfs.xSleep = xSleep;
    g.vfs.xCurrentTime = xCurrentTime;
    g.vfs.xGetLastError = xGetLastError;
    g.vfs.xCurrentTimeInt64 = xCurrentTimeInt64;
    sqlite3_vfs_register(&g.vfs, 1);
}

void uninstall()
{
    sqlite3_vfs_unregister(&g.vfs);
    sqlite3_vfs_register(g.base, 1);
    g.files.clear();
}

void arm(int64_t n)
{
    g.armedAt = n;
    g.writes = 0;
    g.dead = false;
}

bool cut() { return g.dead; }
int64_t writesSeen() { return g.writes; }

void restore()
{
    for (auto& [path, st] : g.files) {
        const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
        if (fd < 0)
            continue;
        for (auto it = st.undo.rbegin(); it != st.undo.rend(); ++it)
            (void)!::pwrite(fd, it->old.data(), it->old.size(), static_cast<off_t>(it->offset));
        (void)!::ftruncate(fd, static_cast<off_t>(st.syncedSize));
        ::close(fd);
        st.undo.clear();
        if (path.size() > 4 && path.compare(path.size() - 4, 4, "-wal") == 0)
            ::unlink((path.substr(0, path.size() - 4) + "-shm").c_str());
    }
    g.dead = false;
    g.armedAt = 0;
}

} // namespace powercut
