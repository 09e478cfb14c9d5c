#pragma once
// A statistic that may be undefined (0/0, no data) or infinite (an F ratio with a zero
// denominator). Undefined results are reported as undefined with a reason, never as NaN,
// 0 or 1; infinite ones as infinite (docs/reliability.md, 'Undefined and infinite results').
// Every result field in irr:: that can degenerate is a Stat, so callers cannot print NaN
// by accident.
#include <string>
#include <utility>

namespace irr {

class Stat {
public:
    enum class Kind { Finite, Undefined, Infinite };

    Stat() : m_kind(Kind::Undefined), m_reason("not computed") {}
    static Stat finite(double v) { Stat s; s.m_kind = Kind::Finite; s.m_value = v; s.m_reason.clear(); return s; }
    static Stat undefined(std::string reason) { Stat s; s.m_reason = std::move(reason); return s; }
    static Stat infinite() { Stat s; s.m_kind = Kind::Infinite; s.m_reason.clear(); return s; }

    Kind kind() const { return m_kind; }
    bool isFinite() const { return m_kind == Kind::Finite; }
    bool isUndefined() const { return m_kind == Kind::Undefined; }
    bool isInfinite() const { return m_kind == Kind::Infinite; }
    // The value; only meaningful when isFinite().
    double value() const { return m_value; }
    // Why the statistic is undefined; empty otherwise.
    const std::string& reason() const { return m_reason; }

private:
    Kind m_kind;
    double m_value = 0.0;
    std::string m_reason;
};

// A 95% confidence interval; both limits are Stats so one may be undefined alone.
struct Interval {
    Stat lo;
    Stat hi;
};

// Makes a Stat from a double computed by a formula whose degenerate cases the caller
// has already excluded; a non-finite result here is reported as undefined with reason.
inline Stat finiteOr(double v, const char* reason)
{
    if (v == v && v - v == 0.0)
        return Stat::finite(v);
    return Stat::undefined(reason);
}

} // namespace irr
