#pragma once
// The schema of a .bondline file and its migrations. Internal to the store; exposed for
// the migration tests, which build files of every earlier version.
#include <cstdint>

namespace projects::sql {
class Database;
}

namespace projects::detail {

// PRAGMA application_id of every .bondline file ("Bndl"); user_version = schema version.
constexpr int64_t kApplicationId = 0x426e646c;
constexpr int kSchemaVersion = 3;

// Version 1 exactly as Bondline first wrote it (tests build v1 files with it).
void createSchemaV1(sql::Database& db);
// Runs the migration steps from `from` to kSchemaVersion inside the caller's transaction.
void migrate(sql::Database& db, int from);
// A new, empty project at kSchemaVersion (v1 DDL + every step), inside the caller's transaction.
void createSchema(sql::Database& db);

} // namespace projects::detail
