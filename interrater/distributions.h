#pragma once
// Tail probabilities and quantiles, computed by Boost.Math in distributions.cpp so that
// no Boost header reaches a public header.
namespace irr::dist {

// Two-sided p-value of a standard normal z: 2 * P(Z > |z|).
double normalTwoSided(double z);
// Upper tail P(F > f) of an F(df1, df2) distribution.
double fUpperTail(double f, double df1, double df2);
// Quantile q with P(F <= q) = prob for F(df1, df2).
double fQuantile(double prob, double df1, double df2);

// z for a two-sided 95% interval (docs/reliability.md, 'Cohen's kappa (two raters)').
inline constexpr double kZ975 = 1.959963985;

} // namespace irr::dist
