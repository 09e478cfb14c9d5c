#include "projects/model.h"

#include <array>
#include <utility>

namespace projects {

namespace {
constexpr std::array<std::pair<Role, const char*>, 11> kRoles{{
    {Role::Youth, "youth"},
    {Role::Mother, "mother"},
    {Role::Father, "father"},
    {Role::StepParent, "step-parent"},
    {Role::FosterParent, "foster-parent"},
    {Role::Parent, "parent"},
    {Role::Sibling, "sibling"},
    {Role::Network, "network"},
    {Role::Therapist, "therapist"},
    {Role::CoTherapist, "co-therapist"},
    {Role::Other, "other"},
}};
constexpr std::array<std::pair<CoderRole, const char*>, 3> kCoderRoles{{
    {CoderRole::Coder, "coder"},
    {CoderRole::Supervisor, "supervisor"},
    {CoderRole::ReliabilityLead, "reliability-lead"},
}};
} // namespace

const char* roleName(Role r)
{
    for (const auto& [role, name] : kRoles)
        if (role == r)
            return name;
    return "other";
}

std::optional<Role> parseRole(const std::string& s)
{
    for (const auto& [role, name] : kRoles)
        if (s == name)
            return role;
    return std::nullopt;
}

const char* coderRoleName(CoderRole r)
{
    for (const auto& [role, name] : kCoderRoles)
        if (role == r)
            return name;
    return "coder";
}

std::optional<CoderRole> parseCoderRole(const std::string& s)
{
    for (const auto& [role, name] : kCoderRoles)
        if (s == name)
            return role;
    return std::nullopt;
}

} // namespace projects
