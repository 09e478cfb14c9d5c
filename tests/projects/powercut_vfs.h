#pragma once
// A test VFS that simulates a power cut, the way SQLite tests itself (its test_journal.c
// and crash tests): it wraps the default VFS, remembers for every file what was written
// since that file's last xSync (an undo log of the bytes it overwrote and the size at the
// sync), and at a chosen write stops: that write and every later write, sync, truncate
// and delete fail as if the machine had lost power. restore() then puts every file back
// to its last synced state (what a disk keeps through a power cut when nothing unsynced
// survives) and removes the -shm files (shared memory, not storage).
#include <cstdint>
#include <string>

struct sqlite3_vfs;

namespace powercut {

// Registers the VFS as SQLite's default (so a Store opened afterwards uses it); the
// previous default is restored by uninstall().
void install();
void uninstall();

// Cut the power at the `n`-th write from now (1-based); 0 = never.
void arm(int64_t n);
bool cut();             // the power was cut
int64_t writesSeen();   // writes since arm()
// After the connections are closed: each file back to its last synced bytes.
void restore();

} // namespace powercut
