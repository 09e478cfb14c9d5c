#include "interrater/distributions.h"

#include <cmath>

#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>

namespace irr::dist {

double normalTwoSided(double z)
{
    boost::math::normal n;
    return 2.0 * boost::math::cdf(boost::math::complement(n, std::fabs(z)));
}

double fUpperTail(double f, double df1, double df2)
{
    boost::math::fisher_f d(df1, df2);
    return boost::math::cdf(boost::math::complement(d, f));
}

double fQuantile(double prob, double df1, double df2)
{
    boost::math::fisher_f d(df1, df2);
    return boost::math::quantile(d, prob);
}

} // namespace irr::dist
