#include "projects/schema.h"

#include <string>

#include "projects/sqlite_db.h"

namespace projects::detail {

namespace {

// Version 1. Never edit: files in the field were made with it. Change the schema by
// adding a step below.
constexpr const char* kV1 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cases (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE,
  setting TEXT NOT NULL DEFAULT '', programme TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '');
CREATE TABLE participants (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  code TEXT NOT NULL, role TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
  UNIQUE (case_id, code));
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  number INTEGER NOT NULL, date TEXT NOT NULL DEFAULT '', phase TEXT NOT NULL DEFAULT '',
  start_us INTEGER NOT NULL DEFAULT 0,
  UNIQUE (case_id, number));
CREATE TABLE attendance (
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  PRIMARY KEY (session_id, participant_id)) WITHOUT ROWID;
CREATE TABLE media (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  path TEXT NOT NULL, size_bytes INTEGER NOT NULL, fingerprint TEXT NOT NULL,
  offset_us INTEGER NOT NULL DEFAULT 0, reference INTEGER NOT NULL DEFAULT 1);
CREATE TABLE coders (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL);
CREATE TABLE schemes (
  id INTEGER PRIMARY KEY, scheme_id TEXT NOT NULL, version TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE, source_text TEXT NOT NULL);
CREATE TABLE assignments (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  coder_id INTEGER NOT NULL REFERENCES coders(id),
  scheme_id INTEGER NOT NULL REFERENCES schemes(id),
  blind INTEGER NOT NULL, gold INTEGER NOT NULL, reliability INTEGER NOT NULL, status TEXT NOT NULL,
  UNIQUE (session_id, coder_id, scheme_id));
CREATE TABLE codings (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  coder_id INTEGER NOT NULL REFERENCES coders(id),
  scheme_id INTEGER NOT NULL REFERENCES schemes(id),
  item TEXT NOT NULL,
  actor_id INTEGER NOT NULL REFERENCES participants(id),
  target_id INTEGER REFERENCES participants(id),
  onset_us INTEGER NOT NULL, offset_us INTEGER, frame_pts INTEGER,
  comment TEXT NOT NULL DEFAULT '');
CREATE INDEX codings_by_session ON codings(session_id, coder_id, onset_us);
CREATE TABLE ratings (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  coder_id INTEGER NOT NULL REFERENCES coders(id),
  scheme_id INTEGER NOT NULL REFERENCES schemes(id),
  ref TEXT NOT NULL, target TEXT NOT NULL, unit INTEGER NOT NULL, value REAL NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (session_id, coder_id, scheme_id, ref, target, unit));
CREATE TABLE audit (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
  tbl TEXT NOT NULL, row_uuid TEXT NOT NULL, detail TEXT NOT NULL);
)sql";

// Version 2: session end markers and rupture/repair episodes.
constexpr const char* kV1toV2 = R"sql(
ALTER TABLE sessions ADD COLUMN end_us INTEGER;
CREATE TABLE episodes (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  coder_id INTEGER NOT NULL REFERENCES coders(id),
  start_us INTEGER NOT NULL, end_us INTEGER NOT NULL,
  type TEXT NOT NULL, resolution TEXT NOT NULL DEFAULT '',
  coding_uuids TEXT NOT NULL DEFAULT '', comment TEXT NOT NULL DEFAULT '');
CREATE INDEX episodes_by_session ON episodes(session_id, start_us);
)sql";

// Version 3: a session's label (e.g. the observation name of an imported BORIS project).
constexpr const char* kV2toV3 = R"sql(
ALTER TABLE sessions ADD COLUMN label TEXT NOT NULL DEFAULT '';
)sql";

// steps[i] migrates version i+1 to i+2.
constexpr const char* kSteps[] = {kV1toV2, kV2toV3};
static_assert(std::size(kSteps) + 1 == kSchemaVersion);

} // namespace

void createSchemaV1(sql::Database& db)
{
    db.exec(kV1);
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version = 1");
}

void migrate(sql::Database& db, int from)
{
    for (int v = from; v < kSchemaVersion; ++v) {
        db.exec(kSteps[v - 1]);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    }
}

void createSchema(sql::Database& db)
{
    createSchemaV1(db);
    migrate(db, 1);
}

} // namespace projects::detail
