#include "projects/project_setup.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "coding_schemes/scheme_loader.h"
#include "projects/fingerprint.h"
#include "projects/sqlite_db.h"
#include "projects/store.h"

namespace projects {

namespace fs = std::filesystem;

SchemeRef pinSchemeFile(Store& s, const fs::path& schemeFile)
{
    std::error_code ec;
    if (fs::is_directory(schemeFile, ec))
        throw std::runtime_error(schemeFile.string() + ": is a folder, not a scheme file");
    std::ifstream in(schemeFile, std::ios::binary);
    if (!in)
        throw std::runtime_error(schemeFile.string() + ": cannot open the file");
    std::ostringstream ss;
    ss << in.rdbuf();
    auto loaded = schemes::loadFromString(ss.str(), schemeFile.string());
    if (!loaded.ok())
        throw std::runtime_error(loaded.diagnostics[0].toString() + " (and " + std::to_string(loaded.diagnostics.size() - 1)
                                 + " more; bondline-cli scheme check)");
    return s.addScheme({.schemeId = loaded.scheme.id, .version = loaded.scheme.version,
                        .contentHash = loaded.scheme.contentHash, .sourceText = ss.str()});
}

std::vector<std::pair<std::string, Role>> parsePeople(const std::string& list)
{
    std::vector<std::pair<std::string, Role>> people;
    std::stringstream ss(list);
    for (std::string item; std::getline(ss, item, ',');) {
        while (!item.empty() && item.front() == ' ')
            item.erase(item.begin());
        while (!item.empty() && item.back() == ' ')
            item.pop_back();
        if (item.empty())
            continue;
        const auto colon = item.find(':');
        const auto role = colon == std::string::npos ? std::nullopt : parseRole(item.substr(colon + 1));
        if (!role || colon == 0)
            throw std::invalid_argument("'" + item + "' is not CODE:ROLE with a known role (e.g. M:mother, Y:youth, T:therapist)");
        people.emplace_back(item.substr(0, colon), *role);
    }
    return people;
}

Session addSession(Store& s, const NewSession& n)
{
    if (n.caseCode.empty())
        throw std::invalid_argument("a session needs a case code");
    if (n.number <= 0)
        throw std::invalid_argument("the session number must be a positive whole number");
    // Read the media first: a file that cannot be read adds nothing.
    std::optional<std::string> fp;
    fs::path abs;
    if (n.media) {
        abs = fs::absolute(*n.media);
        std::error_code ec;
        if (fs::is_directory(abs, ec))
            throw std::runtime_error(n.media->string() + ": is a folder, not a media file");
        fp = mediaFingerprint(abs);
        if (!fp)
            throw std::runtime_error(n.media->string() + ": cannot read the media file");
    }
    sql::Transaction tx(s.database());
    std::optional<Case> kase = s.caseByCode(n.caseCode);
    if (!kase)
        kase = s.addCase({.code = n.caseCode});
    std::map<std::string, Participant> known;
    for (const auto& x : s.participants(kase->id))
        known[x.code] = x;
    Session session;
    session.caseId = kase->id;
    session.number = n.number;
    session.date = n.date;
    session.phase = n.phase;
    for (const auto& [code, role] : n.people) {
        if (!known.count(code))
            known[code] = s.addParticipant({.caseId = kase->id, .code = code, .role = role});
        session.attended.push_back(known[code].id);
    }
    session = s.addSession(session);
    if (fp) {
        Media m;
        m.sessionId = session.id;
        const fs::path base = fs::absolute(s.path()).parent_path();
        const fs::path rel = abs.lexically_relative(base);
        m.path = (rel.empty() ? abs : rel).generic_string();
        m.sizeBytes = fingerprintSize(*fp);
        m.fingerprint = *fp;
        s.addMedia(m);
    }
    tx.commit();
    return session;
}

int assignSessions(Store& s, RowId coderId, RowId schemeRefId, const std::string& caseCode, std::optional<int> number,
                   bool blind, bool goldStandard)
{
    // Only the named case's sessions (a Store lookup), or all of them.
    std::optional<RowId> caseId;
    if (!caseCode.empty()) {
        const auto kase = s.caseByCode(caseCode);
        if (!kase)
            return 0;
        caseId = kase->id;
    }
    std::set<RowId> assigned;
    for (const auto& a : s.assignments())
        if (a.coderId == coderId && a.schemeRefId == schemeRefId)
            assigned.insert(a.sessionId);
    sql::Transaction tx(s.database());
    int added = 0;
    for (const auto& x : s.sessions(caseId)) {
        if (number && x.number != *number)
            continue;
        if (assigned.count(x.id))
            continue;
        s.addAssignment({.sessionId = x.id, .coderId = coderId, .schemeRefId = schemeRefId, .blind = blind,
                         .goldStandard = goldStandard});
        ++added;
    }
    tx.commit();
    return added;
}

} // namespace projects
