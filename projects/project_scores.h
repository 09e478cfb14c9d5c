#pragma once
// Runs the scheme scoring engine (coding_schemes/scoring.h) over a project's sessions:
// the bridge between the stored rows and schemes::SessionInput. Target instance ids in
// the scores are participant uuids, "family", or "<uuid>-><uuid>", as in Rating::target.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "coding_schemes/scheme.h"
#include "coding_schemes/scoring.h"
#include "projects/model.h"

namespace projects {

// Parsed schemes of a project, by SchemeRef::id (nullptr when the stored text does not
// load cleanly: its rows are exported without dimensions or scores).
class SchemeCache {
public:
    explicit SchemeCache(const std::vector<SchemeRef>& refs);
    const schemes::Scheme* get(RowId schemeRefId) const;
    const SchemeRef* ref(RowId schemeRefId) const;

private:
    std::map<RowId, SchemeRef> m_refs;
    std::map<RowId, std::shared_ptr<schemes::Scheme>> m_parsed;
};

schemes::Role schemeRole(Role r);

// Scores one session's codings and ratings (all coders, one scheme). The session end is
// its end marker, else just after the last coding (rates per hour then cover the coded
// part only).
schemes::SessionScores scoreStoredSession(const schemes::Scheme& scheme, const Session& session,
                                          const std::vector<Participant>& participants,
                                          const std::vector<Coder>& coders, const std::vector<Coding>& codings,
                                          const std::vector<Rating>& ratings);

} // namespace projects
