#pragma once
// A small family project for the store tests: case F017 (outpatient, MDFT), mother,
// father, youth and therapist; session 1 attended by all four; coders anna (coder) and
// bram (coder); one scheme. Files go under BONDLINE_TEST_DATA_DIR/projects.
#include <filesystem>
#include <string>

#include "projects/store.h"

namespace fixture {

struct Family {
    projects::Case kase;
    projects::Participant mother, father, youth, therapist;
    projects::Session session;
    projects::Coder anna, bram;
    projects::SchemeRef scheme;
};

// A fresh path (the file and its -wal/-shm removed) for test `name`.
std::filesystem::path freshPath(const std::string& name);
// Adds the family above to `store`.
Family addFamily(projects::Store& store);
// A coding by `coder` of `item` at `onsetUs`, actor mother, target therapist.
projects::Coding coding(const Family& f, const projects::Coder& coder, const std::string& item, int64_t onsetUs);
std::string readAll(const std::filesystem::path& p);
void writeAll(const std::filesystem::path& p, const std::string& bytes);

} // namespace fixture
