// bondline-cli irr: agreement statistics from CSV files. Parses arguments, calls
// interrater/, and hands the results to irr_output; no statistics live here.
#include <array>
#include <ostream>
#include <string>

#include "app/cli/arg_parser.h"
#include "app/cli/cli.h"
#include "app/cli/irr_output.h"
#include "interrater/csv_reader.h"
#include "interrater/event_agreement.h"
#include "interrater/events.h"
#include "interrater/input_error.h"
#include "interrater/timeslice.h"

namespace app::cli {

namespace {

constexpr const char* kUsage =
    "usage: bondline-cli irr ratings FILE.csv [--wide] [--scale MIN:MAX] [--json]\n"
    "       bondline-cli irr events FILE.csv --coders A,B --tolerance SECONDS [--json]\n"
    "       bondline-cli irr slices FILE.csv --coders A,B --slice SECONDS --start S --end S [--no-none] [--json]\n"
    "\n"
    "Interrater reliability as defined in docs/reliability.md.\n"
    "  ratings  Cohen's kappa (unweighted, linear, quadratic) and percent agreement for two raters;\n"
    "           Fleiss' kappa, Krippendorff's alpha and, for numeric values, the ANOVA and all six ICCs.\n"
    "           Long CSV unit,rater,value (absent row = missing) or --wide unit,<rater1>,<rater2>,...\n"
    "  events   event agreement by optimal one-to-one matching of onsets within a tolerance,\n"
    "           with a kappa-versus-tolerance curve. CSV coder,code,onset,offset (seconds).\n"
    "  slices   time-slice agreement of state events on a grid anchored at --start.\n"
    "Run 'bondline-cli irr SUBCOMMAND --help' for the options of one subcommand.\n";

int fail(Io& io, const std::string& message)
{
    io.err << "bondline-cli: irr: " << message << "\n";
    return UserError;
}

bool parseCoders(const std::string& s, std::string* a, std::string* b)
{
    size_t comma = s.find(',');
    if (comma == std::string::npos || s.find(',', comma + 1) != std::string::npos)
        return false;
    *a = s.substr(0, comma);
    *b = s.substr(comma + 1);
    return !a->empty() && !b->empty() && *a != *b;
}

bool parseSeconds(const ArgParser& p, const char* name, int64_t* ms)
{
    auto v = p.value(name);
    return v && irr::secondsToMs(*v, ms);
}

int runRatings(Args args, Io& io)
{
    ArgParser p("bondline-cli irr ratings FILE.csv [--wide] [--scale MIN:MAX] [--json]",
                "Every applicable rating statistic: percent agreement and Cohen's kappa (two raters), Fleiss' kappa,\n"
                "Krippendorff's alpha, and for numeric values weighted kappa, ordinal/interval alpha, ANOVA and ICCs.");
    p.flag("wide", "the CSV has one column per rater: unit,<rater1>,<rater2>,... (empty cell = missing)");
    p.option("scale", "MIN:MAX", "require every value to be a number in [MIN, MAX]");
    p.flag("json", "print one JSON document");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1)
        return p.usageError(io, "ratings takes one FILE.csv");
    irr::RatingsOptions opt;
    opt.wide = p.has("wide");
    if (auto s = p.value("scale")) {
        size_t colon = s->find(':', 1);
        double lo = 0, hi = 0;
        if (colon == std::string::npos || !irr::parseNumber(std::string_view(*s).substr(0, colon), &lo) ||
            !irr::parseNumber(std::string_view(*s).substr(colon + 1), &hi) || lo >= hi)
            return p.usageError(io, "--scale must be MIN:MAX with MIN < MAX, e.g. --scale -3:3");
        opt.scale = std::make_pair(lo, hi);
    }
    const std::string& file = p.positionals()[0];
    try {
        irr::RatingsTable t = irr::readRatingsFile(file, opt);
        RatingsReport r;
        r.file = file;
        r.scale = opt.scale;
        r.table = &t;
        if (t.raterCount() == 2) {
            irr::CrossTable x = irr::crossTabulate(t, 0, 1);
            r.percent = irr::percentAgreement(x);
            r.cohen.push_back(irr::cohenKappa(x, irr::Weights::None));
            if (t.numeric) {
                r.cohen.push_back(irr::cohenKappa(x, irr::Weights::Linear));
                r.cohen.push_back(irr::cohenKappa(x, irr::Weights::Quadratic));
            }
        }
        r.fleiss = irr::fleissKappa(t);
        if (r.fleiss->droppedUnits > 0)
            r.fleissGwet = irr::fleissKappaGwet(t);
        r.alpha.push_back(irr::krippendorffAlpha(t, irr::Level::Nominal));
        if (t.numeric) {
            r.alpha.push_back(irr::krippendorffAlpha(t, irr::Level::Ordinal));
            r.alpha.push_back(irr::krippendorffAlpha(t, irr::Level::Interval));
            r.anova = irr::twoWayAnova(t);
            r.icc = irr::iccAll(*r.anova);
        }
        if (p.has("json"))
            writeRatingsJson(io.out, r);
        else
            writeRatingsText(io.out, r);
    } catch (const irr::InputError& e) {
        return fail(io, e.what());
    }
    return Ok;
}

int runEvents(Args args, Io& io)
{
    ArgParser p("bondline-cli irr events FILE.csv --coders A,B --tolerance SECONDS [--json]",
                "Event agreement: optimal one-to-one matching of the two coders' onsets within +/-SECONDS\n"
                "(identical codes first, then most pairs, then smallest summed |dt|), confusion matrix with (none),\n"
                "Cohen's kappa, and kappa versus tolerance from 0.04 s to 5 s.");
    p.option("coders", "A,B", "the two coders to compare (rows of the matrix = A)");
    p.option("tolerance", "SECONDS", "largest onset difference of a pair (inclusive)");
    p.flag("json", "print one JSON document");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1)
        return p.usageError(io, "events takes one FILE.csv");
    std::string a, b;
    if (!p.value("coders") || !parseCoders(*p.value("coders"), &a, &b))
        return p.usageError(io, "--coders A,B (two different coder names) is required");
    int64_t tol = 0;
    if (!parseSeconds(p, "tolerance", &tol) || tol < 0)
        return p.usageError(io, "--tolerance SECONDS (a number >= 0) is required");
    const std::string& file = p.positionals()[0];
    try {
        irr::EventLog log = irr::readEventsFile(file);
        EventsReport r;
        r.file = file;
        r.coderA = a;
        r.coderB = b;
        r.toleranceMs = tol;
        std::vector<irr::Event> ea = log.coder(a), eb = log.coder(b);
        r.table = irr::matchEvents(ea, eb, tol).table;
        r.curve = irr::kappaToleranceCurve(ea, eb, irr::defaultCurveTolerancesMs(tol));
        if (p.has("json"))
            writeEventsJson(io.out, r);
        else
            writeEventsText(io.out, r);
    } catch (const irr::InputError& e) {
        return fail(io, e.what());
    } catch (const irr::MatchingTooLarge& e) {
        return fail(io, file + ": " + e.what());
    }
    return Ok;
}

int runSlices(Args args, Io& io)
{
    ArgParser p("bondline-cli irr slices FILE.csv --coders A,B --slice SECONDS --start S --end S [--no-none] [--json]",
                "Time-slice agreement of state events: slices [S + i w, S + (i+1) w) anchored at --start, each coder's\n"
                "label is the state active at the slice midpoint (else (none)); confusion matrix and Cohen's kappa.");
    p.option("coders", "A,B", "the two coders to compare (rows of the matrix = A)");
    p.option("slice", "SECONDS", "slice width");
    p.option("start", "S", "session start (the grid's anchor), seconds");
    p.option("end", "S", "session end, seconds; end - start must be a multiple of the slice width");
    p.flag("no-none", "drop slices where neither coder has a state");
    p.flag("json", "print one JSON document");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1)
        return p.usageError(io, "slices takes one FILE.csv");
    std::string a, b;
    if (!p.value("coders") || !parseCoders(*p.value("coders"), &a, &b))
        return p.usageError(io, "--coders A,B (two different coder names) is required");
    irr::SliceParams sp;
    if (!parseSeconds(p, "slice", &sp.sliceMs) || sp.sliceMs <= 0)
        return p.usageError(io, "--slice SECONDS (a number > 0, at least 0.001) is required");
    if (!parseSeconds(p, "start", &sp.startMs) || !parseSeconds(p, "end", &sp.endMs))
        return p.usageError(io, "--start S and --end S (seconds) are required");
    if (sp.endMs <= sp.startMs)
        return p.usageError(io, "--end must be after --start");
    if ((sp.endMs - sp.startMs) % sp.sliceMs != 0)
        return p.usageError(io, "--end minus --start must be a multiple of --slice");
    if ((sp.endMs - sp.startMs) / sp.sliceMs > irr::kMaxSlices)
        return p.usageError(io, "more than " + std::to_string(irr::kMaxSlices) + " slices; use a wider --slice");
    sp.includeNone = !p.has("no-none");
    const std::string& file = p.positionals()[0];
    try {
        irr::EventLog log = irr::readEventsFile(file);
        SlicesReport r;
        r.file = file;
        r.coderA = a;
        r.coderB = b;
        r.params = sp;
        r.table = irr::timesliceAgreement(log.coder(a), log.coder(b), sp);
        if (p.has("json"))
            writeSlicesJson(io.out, r);
        else
            writeSlicesText(io.out, r);
    } catch (const irr::InputError& e) {
        return fail(io, e.what());
    }
    return Ok;
}

} // namespace

int runIrr(Args args, Io& io)
{
    static constexpr std::array subs{
        Subcommand{"ratings", runRatings},
        Subcommand{"events", runEvents},
        Subcommand{"slices", runSlices},
    };
    return dispatchSubcommand("irr", kUsage, subs, args, io);
}

} // namespace app::cli
