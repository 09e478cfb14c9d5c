#include "projects/packages.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "projects/sqlite_db.h"

namespace fs = std::filesystem;

namespace projects {

namespace {
constexpr const char* kKind = "package";
} // namespace

PackageSummary createPackage(Store& project, const std::string& coderName, const fs::path& out)
{
    const ProjectData all = project.snapshot();
    const Coder* coder = nullptr;
    for (const auto& c : all.coders)
        if (c.name == coderName)
            coder = &c;
    if (!coder)
        throw ProjectError(ProjectError::Kind::Invalid, project.path().string(), "no coder named '" + coderName + "'");

    ProjectData pkg;
    pkg.coders.push_back(*coder);
    std::set<RowId> sessions, schemes, cases;
    for (const auto& a : all.assignments)
        if (a.coderId == coder->id) {
            pkg.assignments.push_back(a);
            sessions.insert(a.sessionId);
            schemes.insert(a.schemeRefId);
        }
    if (pkg.assignments.empty())
        throw ProjectError(ProjectError::Kind::Invalid, project.path().string(),
                           "coder '" + coderName + "' has no assignments to package");
    for (const auto& s : all.sessions)
        if (sessions.count(s.id)) {
            pkg.sessions.push_back(s);
            cases.insert(s.caseId);
        }
    for (const auto& c : all.cases)
        if (cases.count(c.id))
            pkg.cases.push_back(c);
    for (const auto& p : all.participants)
        if (cases.count(p.caseId))
            pkg.participants.push_back(p);
    for (const auto& m : all.media)
        if (sessions.count(m.sessionId))
            pkg.media.push_back(m);
    for (const auto& s : all.schemes)
        if (schemes.count(s.id))
            pkg.schemes.push_back(s);
    for (const auto& c : all.codings)
        if (c.coderId == coder->id && sessions.count(c.sessionId))
            pkg.codings.push_back(c);
    for (const auto& r : all.ratings)
        if (r.coderId == coder->id && sessions.count(r.sessionId))
            pkg.ratings.push_back(r);
    for (const auto& e : all.episodes)
        if (e.coderId == coder->id && sessions.count(e.sessionId)) {
            Episode copy = e;
            // Links to codings of other coders would reveal their uuids: keep only own.
            std::set<std::string> own;
            for (const auto& c : pkg.codings)
                own.insert(c.uuid);
            std::erase_if(copy.codingUuids, [&](const std::string& u) { return !own.count(u); });
            pkg.episodes.push_back(std::move(copy));
        }
    // Media paths are made absolute so the package finds them from wherever it is saved
    // (relink by fingerprint when the coder's machine differs).
    for (auto& m : pkg.media)
        m.path = fs::absolute(project.resolve(m)).lexically_normal().generic_string();

    {
        Store out_ = Store::create(out);
        out_.setActor(project.actor());
        ImportOptions opt;
        opt.action = "package";
        opt.mediaRelativeToProject = false;
        out_.importData(pkg, opt);
        out_.setMeta("kind", kKind);
        out_.setMeta("package_of", project.projectUuid());
        out_.setMeta("package_coder", coder->uuid);
        // The package's own log holds only its creation; no other coder's history.
        out_.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    // Audit the hand-out in the project.
    project.setMeta("last_package_" + coder->uuid, out.filename().string());

    PackageSummary s;
    s.coder = coder->name;
    s.sessions = static_cast<int>(pkg.sessions.size());
    s.codings = static_cast<int64_t>(pkg.codings.size());
    return s;
}

MergeReport mergePackage(Store& project, const fs::path& packagePath)
{
    Store pkg = Store::open(packagePath);
    const std::string name = packagePath.string();
    if (pkg.meta("kind").value_or("") != kKind)
        throw ProjectError(ProjectError::Kind::Invalid, name, "not a coder package (a project file?)");
    if (pkg.meta("package_of").value_or("") != project.projectUuid())
        throw ProjectError(ProjectError::Kind::Invalid, name,
                           "a package of another project (made from " + pkg.meta("package_of").value_or("?")
                               + ", this project is " + project.projectUuid() + ")");
    const std::string coderUuid = pkg.meta("package_coder").value_or("");
    ProjectData data = pkg.snapshot();

    const Coder* coder = nullptr;
    for (const auto& c : data.coders)
        if (c.uuid == coderUuid)
            coder = &c;
    if (!coder)
        throw ProjectError(ProjectError::Kind::Damaged, name, "the package does not name its coder");
    bool known = false;
    for (const auto& c : project.coders())
        known = known || c.uuid == coderUuid;
    if (!known)
        throw ProjectError(ProjectError::Kind::Invalid, name, "coder '" + coder->name + "' is not in this project");

    // Scheme versions must match exactly.
    std::set<std::string> hashes;
    for (const auto& s : project.schemes())
        hashes.insert(s.contentHash);
    for (const auto& s : data.schemes)
        if (!hashes.count(s.contentHash))
            throw ProjectError(ProjectError::Kind::Invalid, name,
                               "scheme " + s.schemeId + " " + s.version + " (" + s.contentHash
                                   + ") is not the version this project uses; nothing merged");
    // Media must be the same recordings.
    std::map<std::string, std::string> fingerprints;
    for (const auto& m : project.media())
        fingerprints[m.uuid] = m.fingerprint;
    for (const auto& m : data.media) {
        auto it = fingerprints.find(m.uuid);
        if (it != fingerprints.end() && it->second != m.fingerprint)
            throw ProjectError(ProjectError::Kind::Invalid, name,
                               "media " + m.path + " is a different recording than the project's (fingerprint "
                                   + m.fingerprint + " vs " + it->second + "); nothing merged");
    }
    // Only the package coder's own rows come back.
    for (const auto& c : data.codings)
        if (c.coderId != coder->id)
            throw ProjectError(ProjectError::Kind::Invalid, name, "holds codings of another coder; nothing merged");
    for (const auto& r : data.ratings)
        if (r.coderId != coder->id)
            throw ProjectError(ProjectError::Kind::Invalid, name, "holds ratings of another coder; nothing merged");

    ImportOptions opt;
    opt.structure = false;
    opt.action = "merge package";
    MergeReport report;
    report.coder = coder->name;
    report.import = project.importData(data, opt);
    return report;
}

SampleReport sampleForReliability(Store& project, RowId schemeRefId, RowId secondCoder, double share, uint64_t seed)
{
    if (!(share >= 0 && share <= 1))
        throw ProjectError(ProjectError::Kind::Invalid, project.path().string(), "the share must be between 0 and 1");
    bool coderKnown = false;
    for (const auto& c : project.coders())
        coderKnown = coderKnown || c.id == secondCoder;
    if (!coderKnown)
        throw ProjectError(ProjectError::Kind::Invalid, project.path().string(), "unknown second coder");

    const auto assignments = project.assignments();
    std::set<RowId> already;
    for (const auto& a : assignments)
        if (a.coderId == secondCoder && a.schemeRefId == schemeRefId)
            already.insert(a.sessionId);
    // Eligible sessions, in a stable order (by session uuid) independent of rowids.
    std::map<std::string, RowId> byUuid;
    std::map<RowId, std::string> uuidOf;
    for (const auto& s : project.sessions())
        uuidOf[s.id] = s.uuid;
    for (const auto& a : assignments)
        if (a.schemeRefId == schemeRefId && a.coderId != secondCoder && !already.count(a.sessionId))
            byUuid[uuidOf[a.sessionId]] = a.sessionId;
    std::vector<RowId> eligible;
    for (const auto& [uuid, id] : byUuid)
        eligible.push_back(id);

    SampleReport report;
    report.eligible = static_cast<int>(eligible.size());
    size_t k = static_cast<size_t>(std::llround(share * static_cast<double>(eligible.size())));
    if (share > 0 && k == 0 && !eligible.empty())
        k = 1;
    // Fisher-Yates with a fixed generator: the draw depends only on the seed and the order.
    std::mt19937_64 rng(seed);
    for (size_t i = 0; i < k; ++i) {
        std::uniform_int_distribution<size_t> pick(i, eligible.size() - 1);
        std::swap(eligible[i], eligible[pick(rng)]);
        report.chosen.push_back(eligible[i]);
    }
    for (RowId sessionId : report.chosen) {
        for (auto a : project.assignments(sessionId))
            if (a.schemeRefId == schemeRefId && !a.reliability) {
                a.reliability = true;
                project.updateAssignment(a);
            }
        project.addAssignment({.sessionId = sessionId, .coderId = secondCoder, .schemeRefId = schemeRefId,
                               .blind = true, .goldStandard = false, .reliability = true});
        ++report.assignmentsAdded;
    }
    return report;
}

} // namespace projects
