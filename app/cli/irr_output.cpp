#include "app/cli/irr_output.h"

#include <algorithm>
#include <cstdio>

#include "app/cli/json_writer.h"
#include "interrater/methods_sentence.h"

namespace app::cli {

namespace {

using irr::formatStat;
using irr::Stat;

// ---------------------------------------------------------------- JSON writing

// Writes one result object's fields; undefined reasons are collected and written once
// as the sibling "undefined" when the object closes.
class ResultObject {
public:
    ResultObject(JsonWriter& w, const char* measure) : m_w(w)
    {
        m_w.beginObject().field("measure", measure);
    }
    JsonWriter& w() { return m_w; }
    void stat(const char* key, const Stat& s)
    {
        m_w.key(key);
        writeStat(s);
    }
    void writeStat(const Stat& s)
    {
        if (s.isFinite())
            m_w.value(s.value());
        else if (s.isInfinite())
            m_w.value("inf");
        else {
            m_w.null();
            note(s.reason());
        }
    }
    void interval(const char* key, const irr::Interval& ci)
    {
        if (!ci.lo.isFinite() || !ci.hi.isFinite()) {
            m_w.key(key).null();
            note(!ci.lo.isFinite() ? ci.lo.reason() : ci.hi.reason());
            return;
        }
        m_w.key(key).beginArray().value(ci.lo.value()).value(ci.hi.value()).endArray();
    }
    void note(const std::string& reason)
    {
        if (std::find(m_reasons.begin(), m_reasons.end(), reason) == m_reasons.end())
            m_reasons.push_back(reason);
    }
    void close()
    {
        if (!m_reasons.empty()) {
            std::string all;
            for (const std::string& s : m_reasons)
                all += (all.empty() ? "" : "; ") + s;
            m_w.field("undefined", all);
        }
        m_w.endObject();
    }

private:
    JsonWriter& m_w;
    std::vector<std::string> m_reasons;
};

void raterArray(JsonWriter& w, const std::vector<std::string>& raters)
{
    w.key("raters").beginArray();
    for (const std::string& r : raters)
        w.value(r);
    w.endArray();
}

double seconds(int64_t ms)
{
    return static_cast<double>(ms) / 1000.0;
}

void agreementFields(ResultObject& o, const irr::AgreementTable& t)
{
    JsonWriter& w = o.w();
    w.key("labels").beginArray();
    for (const std::string& l : t.labels)
        w.value(l);
    w.endArray();
    w.key("confusion").beginArray();
    for (size_t i = 0; i < t.labels.size(); ++i) {
        w.beginArray();
        for (size_t j = 0; j < t.labels.size(); ++j)
            w.value(t.at(i, j));
        w.endArray();
    }
    w.endArray();
    w.field("n_a", t.nA).field("n_b", t.nB).field("pairs", t.pairs).field("agreements", t.agreements);
    w.field("disagreements", t.disagreements).field("unmatched_a", t.unmatchedA).field("unmatched_b", t.unmatchedB);
    w.field("n", t.N);
    o.stat("p_o", t.po);
    o.stat("p_e", t.pe);
    o.stat("kappa", t.kappa);
    o.stat("value", t.kappa);
    // A secondary field: name it in the reason so "undefined" cannot be misread as kappa's.
    o.stat("kappa_pairs_only", t.kappaPairsOnly.isUndefined()
                                   ? Stat::undefined("kappa_pairs_only: " + t.kappaPairsOnly.reason())
                                   : t.kappaPairsOnly);
}

// ---------------------------------------------------------------- text tables

std::string pad(std::string s, size_t width)
{
    if (s.size() < width)
        s.append(width - s.size(), ' ');
    return s;
}

std::string fmt(const Stat& s, int decimals = 3)
{
    if (s.isUndefined())
        return "undefined";
    return formatStat(s, decimals);
}

std::string fmtP(const Stat& s)
{
    if (s.isFinite() && s.value() < 0.0001)
        return "<.0001";
    return fmt(s, 4);
}

std::string fmtCi(const irr::Interval& ci)
{
    if (!ci.lo.isFinite() || !ci.hi.isFinite())
        return "undefined";
    std::string s = "[";
    s += formatStat(ci.lo);
    s += ", ";
    s += formatStat(ci.hi);
    s += "]";
    return s;
}

// A simple left-aligned table.
class TextTable {
public:
    explicit TextTable(std::vector<std::string> header) { m_rows.push_back(std::move(header)); }
    void row(std::vector<std::string> r) { m_rows.push_back(std::move(r)); }
    void print(std::ostream& os) const
    {
        std::vector<size_t> width;
        for (const auto& r : m_rows)
            for (size_t i = 0; i < r.size(); ++i) {
                if (width.size() <= i)
                    width.push_back(0);
                width[i] = std::max(width[i], r[i].size());
            }
        for (const auto& r : m_rows) {
            std::string line = "  ";
            for (size_t i = 0; i < r.size(); ++i)
                line += pad(r[i], width[i] + 2);
            while (!line.empty() && line.back() == ' ')
                line.pop_back();
            os << line << "\n";
        }
    }

private:
    std::vector<std::vector<std::string>> m_rows;
};

void undefinedNotes(std::ostream& os, const std::vector<std::pair<std::string, Stat>>& stats)
{
    for (const auto& [name, s] : stats)
        if (s.isUndefined())
            os << "  " << name << " is undefined: " << s.reason() << "\n";
}

void confusionText(std::ostream& os, const irr::AgreementTable& t, const std::string& a, const std::string& b)
{
    os << "Confusion matrix (rows: " << a << ", columns: " << b << ")\n";
    std::vector<std::string> header{""};
    for (const std::string& l : t.labels)
        header.push_back(l);
    TextTable tt(header);
    for (size_t i = 0; i < t.labels.size(); ++i) {
        std::vector<std::string> r{t.labels[i]};
        for (size_t j = 0; j < t.labels.size(); ++j)
            r.push_back(std::to_string(t.at(i, j)));
        tt.row(r);
    }
    tt.print(os);
}

std::string kappaLabel(irr::Weights w)
{
    if (w == irr::Weights::None)
        return "Cohen's kappa (unweighted)";
    return std::string("Cohen's kappa (") + irr::weightsName(w) + " weights)";
}

void scaleParam(JsonWriter& w, const RatingsReport& r)
{
    if (r.scale)
        w.key("scale").beginArray().value(r.scale->first).value(r.scale->second).endArray();
}

std::string joinRaters(const std::vector<std::string>& r)
{
    std::string s;
    for (const std::string& x : r)
        s += (s.empty() ? "" : ", ") + x;
    return s;
}

} // namespace

// ================================================================= ratings

void writeRatingsJson(std::ostream& os, const RatingsReport& r)
{
    const irr::RatingsTable& t = *r.table;
    JsonWriter w(os);
    w.beginObject().key("results").beginArray();
    if (r.percent) {
        ResultObject o(w, "percent_agreement");
        w.key("params").beginObject();
        raterArray(w, t.raters);
        w.endObject();
        o.stat("value", r.percent->value);
        w.field("n", r.percent->n).field("agreements", r.percent->agreements);
        o.stat("within_one", r.percent->withinOne);
        w.field("within_one_count", r.percent->withinOneCount);
        w.field("methods", irr::methodsPercentAgreement(*r.percent, t.numeric));
        o.close();
    }
    for (const irr::KappaResult& k : r.cohen) {
        ResultObject o(w, "cohen_kappa");
        w.key("params").beginObject();
        raterArray(w, t.raters);
        w.field("weights", irr::weightsName(k.weights));
        scaleParam(w, r);
        w.endObject();
        o.stat("value", k.kappa);
        o.stat("se", k.se);
        o.interval("ci95", k.ci95);
        o.stat("se0", k.se0);
        o.stat("z", k.z);
        o.stat("p", k.p);
        w.field("n", k.n);
        o.stat("p_o", k.po);
        o.stat("p_e", k.pe);
        w.field("methods", irr::methodsCohen(k));
        o.close();
    }
    if (r.fleiss) {
        const irr::FleissResult& f = *r.fleiss;
        ResultObject o(w, "fleiss_kappa");
        w.key("params").beginObject();
        raterArray(w, t.raters);
        w.field("missing", "listwise");
        w.endObject();
        o.stat("value", f.kappa);
        o.stat("se0", f.se0);
        o.stat("z", f.z);
        o.stat("p", f.p);
        w.field("n", f.n).field("dropped_units", f.droppedUnits);
        w.key("per_category").beginObject();
        for (const irr::FleissCategory& c : f.perCategory) {
            w.key(c.category).beginObject();
            w.key("value");
            if (c.kappa.isFinite())
                w.value(c.kappa.value());
            else
                w.null();
            w.key("se0").value(c.se0.value());
            if (!c.kappa.isFinite())
                w.field("undefined", c.kappa.reason());
            w.endObject();
        }
        w.endObject();
        w.field("methods", irr::methodsFleiss(f));
        o.close();
    }
    if (r.fleissGwet) {
        const irr::FleissResult& f = *r.fleissGwet;
        ResultObject o(w, "fleiss_kappa");
        w.key("params").beginObject();
        raterArray(w, t.raters);
        w.field("missing", "gwet");
        w.endObject();
        o.stat("value", f.kappa);
        w.field("n", f.n);
        w.field("methods", irr::methodsFleissGwet(f));
        o.close();
    }
    for (const irr::AlphaResult& a : r.alpha) {
        ResultObject o(w, "krippendorff_alpha");
        w.key("params").beginObject();
        raterArray(w, t.raters);
        w.field("level", irr::levelName(a.level));
        w.endObject();
        o.stat("value", a.alpha);
        w.field("n", a.pairableValues).field("units", a.units);
        w.field("methods", irr::methodsAlpha(a));
        o.close();
    }
    if (r.anova) {
        const irr::AnovaResult& a = *r.anova;
        ResultObject o(w, "anova");
        w.key("params").beginObject();
        raterArray(w, t.raters);
        w.field("missing", "listwise");
        w.endObject();
        o.stat("MSB", a.msb);
        o.stat("MSW", a.msw);
        o.stat("MSJ", a.msj);
        o.stat("MSE", a.mse);
        w.field("df_b", a.dfb).field("df_w", a.dfw).field("df_j", a.dfj).field("df_e", a.dfe);
        w.field("n", a.n).field("k", a.k).field("dropped_units", a.droppedUnits);
        o.close();
    }
    if (r.icc)
        for (const irr::IccResult& i : *r.icc) {
            ResultObject o(w, "icc");
            w.key("params").beginObject();
            raterArray(w, t.raters);
            w.field("form", i.name).field("missing", "listwise");
            w.endObject();
            w.field("mcgraw_wong", i.mcgrawWong).field("description", i.description);
            o.stat("value", i.value);
            o.stat("F", i.F);
            w.field("df1", i.df1).field("df2", i.df2);
            o.stat("p", i.p);
            o.interval("ci95", i.ci95);
            w.field("n", i.n).field("k", i.k);
            w.field("methods", irr::methodsIcc(i, *r.anova));
            o.close();
        }
    w.endArray().endObject();
}

void writeRatingsText(std::ostream& os, const RatingsReport& r)
{
    const irr::RatingsTable& t = *r.table;
    os << r.file << ": " << t.unitCount() << " units, " << t.raterCount() << " raters (" << joinRaters(t.raters) << "), "
       << t.categories.size() << (t.numeric ? " distinct numeric values" : " nominal categories");
    if (r.scale)
        os << ", scale " << irr::formatStat(Stat::finite(r.scale->first), 0) << ".." << irr::formatStat(Stat::finite(r.scale->second), 0);
    os << "\n\n";
    TextTable tt({"measure", "value", "SE", "95% CI", "se0", "z", "p", "n"});
    if (r.percent) {
        tt.row({"percent agreement", fmt(r.percent->value), "", "", "", "", "", std::to_string(r.percent->n)});
        if (t.numeric)
            tt.row({"agreement within +/-1", fmt(r.percent->withinOne), "", "", "", "", "", std::to_string(r.percent->n)});
    }
    for (const irr::KappaResult& k : r.cohen)
        tt.row({kappaLabel(k.weights), fmt(k.kappa), fmt(k.se),
                fmtCi(k.ci95), fmt(k.se0), fmt(k.z, 2), fmtP(k.p), std::to_string(k.n)});
    if (r.fleiss)
        tt.row({"Fleiss' kappa", fmt(r.fleiss->kappa), "", "", fmt(r.fleiss->se0), fmt(r.fleiss->z, 2), fmtP(r.fleiss->p),
                std::to_string(r.fleiss->n)});
    if (r.fleissGwet)
        tt.row({"Fleiss' kappa (Gwet, missing ratings)", fmt(r.fleissGwet->kappa), "", "", "", "", "", std::to_string(r.fleissGwet->n)});
    for (const irr::AlphaResult& a : r.alpha)
        tt.row({std::string("Krippendorff's alpha (") + irr::levelName(a.level) + ")", fmt(a.alpha), "", "", "", "", "",
                std::to_string(a.pairableValues) + " values"});
    tt.print(os);
    std::vector<std::pair<std::string, Stat>> undef;
    for (const irr::KappaResult& k : r.cohen)
        undef.push_back({kappaLabel(k.weights), k.kappa});
    if (r.fleiss)
        undef.push_back({"Fleiss' kappa", r.fleiss->kappa});
    for (const irr::AlphaResult& a : r.alpha)
        undef.push_back({std::string("Krippendorff's alpha (") + irr::levelName(a.level) + ")", a.alpha});
    undefinedNotes(os, undef);

    if (r.fleiss && !r.fleiss->perCategory.empty()) {
        os << "\nFleiss' kappa per category\n";
        TextTable fc({"category", "kappa", "se0"});
        for (const irr::FleissCategory& c : r.fleiss->perCategory)
            fc.row({c.category, fmt(c.kappa), fmt(c.se0)});
        fc.print(os);
    }
    if (r.anova) {
        const irr::AnovaResult& a = *r.anova;
        os << "\nTwo-way ANOVA (" << a.n << " complete targets x " << a.k << " raters";
        if (a.droppedUnits)
            os << ", " << a.droppedUnits << " incomplete targets dropped";
        os << ")\n";
        TextTable at({"source", "df", "mean square"});
        at.row({"targets (MSB)", fmt(Stat::finite(a.dfb), 0), fmt(a.msb, 4)});
        at.row({"within targets (MSW)", fmt(Stat::finite(a.dfw), 0), fmt(a.msw, 4)});
        at.row({"raters (MSJ)", fmt(Stat::finite(a.dfj), 0), fmt(a.msj, 4)});
        at.row({"residual (MSE)", fmt(Stat::finite(a.dfe), 0), fmt(a.mse, 4)});
        at.print(os);
    }
    if (r.icc) {
        os << "\nIntraclass correlations (Shrout & Fleiss / McGraw & Wong)\n";
        TextTable it({"form", "McGraw-Wong", "ICC", "95% CI", "F", "df1", "df2", "p"});
        for (const irr::IccResult& i : *r.icc)
            it.row({i.name, i.mcgrawWong, fmt(i.value), fmtCi(i.ci95), fmt(i.F, 3), fmt(Stat::finite(i.df1), 0),
                    fmt(Stat::finite(i.df2), 0), fmtP(i.p)});
        it.print(os);
        std::vector<std::pair<std::string, Stat>> iu;
        for (const irr::IccResult& i : *r.icc)
            iu.push_back({i.name, i.value});
        undefinedNotes(os, iu);
    }
    os << "\nMethods\n";
    if (r.percent)
        os << "  " << irr::methodsPercentAgreement(*r.percent, t.numeric) << "\n";
    for (const irr::KappaResult& k : r.cohen)
        os << "  " << irr::methodsCohen(k) << "\n";
    if (r.fleiss)
        os << "  " << irr::methodsFleiss(*r.fleiss) << "\n";
    if (r.fleissGwet)
        os << "  " << irr::methodsFleissGwet(*r.fleissGwet) << "\n";
    for (const irr::AlphaResult& a : r.alpha)
        os << "  " << irr::methodsAlpha(a) << "\n";
    if (r.icc)
        for (const irr::IccResult& i : *r.icc)
            os << "  " << irr::methodsIcc(i, *r.anova) << "\n";
}

// ================================================================= events / slices

void writeEventsJson(std::ostream& os, const EventsReport& r)
{
    JsonWriter w(os);
    w.beginObject().key("results").beginArray();
    ResultObject o(w, "event_agreement");
    w.key("params").beginObject();
    w.key("coders").beginArray().value(r.coderA).value(r.coderB).endArray();
    w.field("tolerance_s", seconds(r.toleranceMs));
    w.endObject();
    agreementFields(o, r.table);
    w.field("sum_abs_dt_ms", r.table.sumAbsDtMs);
    w.key("curve").beginArray();
    for (const irr::CurvePoint& p : r.curve) {
        w.beginObject().field("tolerance_s", seconds(p.toleranceMs));
        w.key("kappa");
        if (p.kappa.isFinite())
            w.value(p.kappa.value());
        else
            w.null();
        w.field("pairs", p.pairs).field("agreements", p.agreements);
        if (!p.kappa.isFinite())
            w.field("undefined", p.kappa.reason());
        w.endObject();
    }
    w.endArray();
    w.field("methods", irr::methodsEvents(r.table, r.toleranceMs));
    o.close();
    w.endArray().endObject();
}

void writeEventsText(std::ostream& os, const EventsReport& r)
{
    const irr::AgreementTable& t = r.table;
    os << r.file << ": event agreement of " << r.coderA << " (" << t.nA << " events) and " << r.coderB << " (" << t.nB
       << " events), tolerance +/-" << irr::formatSeconds(r.toleranceMs) << " s, optimal one-to-one matching\n\n";
    confusionText(os, t, r.coderA, r.coderB);
    os << "\n  pairs " << t.pairs << " (agreements " << t.agreements << ", disagreements " << t.disagreements
       << "), unmatched " << r.coderA << " " << t.unmatchedA << ", unmatched " << r.coderB << " " << t.unmatchedB
       << ", sum |dt| " << t.sumAbsDtMs << " ms\n";
    os << "  kappa " << fmt(t.kappa) << " (p_o " << fmt(t.po) << ", p_e " << fmt(t.pe) << ", N " << t.N
       << "); over matched pairs only (without (none)): " << fmt(t.kappaPairsOnly) << "\n";
    undefinedNotes(os, {{"kappa", t.kappa}});
    os << "\nKappa versus tolerance\n";
    TextTable ct({"tolerance (s)", "kappa", "pairs", "agreements"});
    for (const irr::CurvePoint& p : r.curve)
        ct.row({irr::formatSeconds(p.toleranceMs), fmt(p.kappa), std::to_string(p.pairs), std::to_string(p.agreements)});
    ct.print(os);
    for (const irr::CurvePoint& p : r.curve)
        if (p.kappa.isUndefined())
            os << "  at " << irr::formatSeconds(p.toleranceMs) << " s kappa is undefined: " << p.kappa.reason() << "\n";
    os << "\nMethods\n  " << irr::methodsEvents(t, r.toleranceMs) << "\n";
}

void writeSlicesJson(std::ostream& os, const SlicesReport& r)
{
    JsonWriter w(os);
    w.beginObject().key("results").beginArray();
    ResultObject o(w, "timeslice_agreement");
    w.key("params").beginObject();
    w.key("coders").beginArray().value(r.coderA).value(r.coderB).endArray();
    w.field("slice_s", seconds(r.params.sliceMs)).field("start_s", seconds(r.params.startMs));
    w.field("end_s", seconds(r.params.endMs)).field("include_none", r.params.includeNone);
    w.endObject();
    agreementFields(o, r.table);
    w.field("n_slices", r.table.nSlices);
    w.field("methods", irr::methodsSlices(r.table, r.params));
    o.close();
    w.endArray().endObject();
}

void writeSlicesText(std::ostream& os, const SlicesReport& r)
{
    const irr::AgreementTable& t = r.table;
    os << r.file << ": time-slice agreement of " << r.coderA << " and " << r.coderB << ", " << t.nSlices << " slices of "
       << irr::formatSeconds(r.params.sliceMs) << " s from " << irr::formatSeconds(r.params.startMs) << " s to "
       << irr::formatSeconds(r.params.endMs) << " s" << (r.params.includeNone ? "" : " (slices with no state for both coders dropped)")
       << "\n\n";
    confusionText(os, t, r.coderA, r.coderB);
    os << "\n  slices " << t.nSlices << ", agreeing " << t.agreements << ", disagreeing " << t.disagreements << "\n";
    os << "  kappa " << fmt(t.kappa) << " (p_o " << fmt(t.po) << ", p_e " << fmt(t.pe) << ")\n";
    undefinedNotes(os, {{"kappa", t.kappa}});
    os << "\nMethods\n  " << irr::methodsSlices(t, r.params) << "\n";
}

} // namespace app::cli
