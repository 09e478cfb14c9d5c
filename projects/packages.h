#pragma once
// Coder packages and reliability sampling.
//
// A package is itself a .bondline file, holding for one coder only: the cases,
// participants and sessions of that coder's assignments, the media records (paths and
// fingerprints; not the media), the schemes, the coder's assignments and the coder's own
// codings, ratings and episodes — nothing of any other coder (blinding). The coder opens
// it in Bondline like a project, codes, and sends it back. Its meta table names the
// project it came from and the coder.
//
// Merging checks that the package belongs to this project, that every scheme hash and
// every media fingerprint still match, then imports the coder's rows by uuid: merging
// twice changes nothing; a row that differs from the project's is reported as a conflict
// and the project's is kept.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "projects/store.h"

namespace projects {

struct PackageSummary {
    std::string coder;
    int sessions = 0;
    int64_t codings = 0; // the coder's codings already in the package
};

// Throws ProjectError (Invalid) when the coder is unknown or has no assignment, and
// (AlreadyExists) when `out` exists.
PackageSummary createPackage(Store& project, const std::string& coderName, const std::filesystem::path& out);

struct MergeReport {
    std::string coder;
    ImportReport import;
};

// Throws ProjectError naming the package file when it is not a package, belongs to
// another project, or its schemes or media do not match; nothing is merged then.
MergeReport mergePackage(Store& project, const std::filesystem::path& package);

struct SampleReport {
    int eligible = 0;                 // sessions with a primary assignment for the scheme
    std::vector<RowId> chosen;        // sessions drawn, in draw order
    int assignmentsAdded = 0;         // new (blind, reliability) assignments for the second coder
};

// Draws round(share x eligible) sessions (at least 1 when share > 0) among the sessions
// that have an assignment with `schemeRefId` by a coder other than `secondCoder`,
// reproducibly from `seed` (same project, share and seed: same sessions), marks their
// assignments as reliability and assigns them blind to `secondCoder`. Sessions already
// assigned to the second coder are skipped as eligible.
SampleReport sampleForReliability(Store& project, RowId schemeRefId, RowId secondCoder, double share, uint64_t seed);

} // namespace projects
