#pragma once
// Internal to projects/: one INSERT per table, shared by the Store's single-row writes
// (store.cpp) and importData (store_import.cpp). Each runs inside the caller's
// transaction, takes a row whose uuid and references are already final, and returns the
// new rowid. No checks and no audit row here; the callers do both.
#include <string>
#include <vector>

#include "projects/model.h"

namespace projects::sql {
class Database;
}

namespace projects::detail {

RowId insertRow(sql::Database& db, const Case& c);
RowId insertRow(sql::Database& db, const Participant& p);
RowId insertRow(sql::Database& db, const Session& s); // and its attendance
RowId insertRow(sql::Database& db, const Media& m);
RowId insertRow(sql::Database& db, const Coder& c);
RowId insertRow(sql::Database& db, const SchemeRef& s);
RowId insertRow(sql::Database& db, const Assignment& a);
RowId insertRow(sql::Database& db, const Coding& c);
RowId insertRow(sql::Database& db, const Rating& r);
RowId insertRow(sql::Database& db, const Episode& e);

// Episode::codingUuids as stored ("u1,u2").
std::string joinUuids(const std::vector<std::string>& uuids);

} // namespace projects::detail
