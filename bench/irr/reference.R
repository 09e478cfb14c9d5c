# Reference values for bench/irr/crosscheck.py, computed in R on the same CSV:
#   R psych ICC(lmer = FALSE) for the six ICCs, F, df, p and 95% limits, psych
#   cohen.kappa for kappa values, and our own transcription of the formulas in
#   docs/reliability.md (FCE 1969 kappa SEs, Fleiss 1971 / Fleiss-Nee-Landis 1979,
#   Krippendorff 2011 coincidence matrix, Gwet 2014 missing-data Fleiss). Prints "key value" lines.
# usage: Rscript reference.R WIDE.csv
suppressMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], check.names = FALSE)
M <- as.matrix(d[, -1])
out <- function(key, v) cat(key, format(v, digits = 17), "\n")

fce <- function(m, W) {
  n <- sum(m); p <- m / n; r <- rowSums(p); c <- colSums(p)
  po <- sum(W * p); pe <- sum(W * outer(r, c)); k <- (po - pe) / (1 - pe)
  A <- outer(as.vector(W %*% c), as.vector(t(W) %*% r), "+")
  v <- (sum(p * (W - A * (1 - k))^2) - (k - pe * (1 - k))^2) / (n * (1 - pe)^2)
  v0 <- (sum(outer(r, c) * (W - A)^2) - pe^2) / (n * (1 - pe)^2)
  c(k, sqrt(max(v, 0)), sqrt(max(v0, 0)))
}
if (ncol(M) == 2) {
  P <- M[complete.cases(M), , drop = FALSE]
  vals <- sort(unique(as.vector(M[!is.na(M)])))
  m <- table(factor(P[, 1], levels = vals), factor(P[, 2], levels = vals))
  rng <- max(vals) - min(vals)
  Ws <- list(none = diag(length(vals)),
             linear = 1 - abs(outer(vals, vals, "-")) / rng,
             quadratic = 1 - outer(vals, vals, "-")^2 / rng^2)
  for (w in names(Ws)) {
    r <- fce(unclass(m), Ws[[w]])
    out(paste0("cohen.", w, ".value"), r[1]); out(paste0("cohen.", w, ".se"), r[2]); out(paste0("cohen.", w, ".se0"), r[3])
  }
  ck <- cohen.kappa(unclass(m), w = 1 - Ws$quadratic)
  out("psych.cohen.none.value", ck$kappa)
  out("psych.cohen.quadratic.value", ck$weighted.kappa)
  out("percent.value", mean(P[, 1] == P[, 2]))
}

C <- M[complete.cases(M), , drop = FALSE]
cats <- sort(unique(as.vector(C)))
N <- nrow(C); n <- ncol(C)
nij <- t(apply(C, 1, function(r) tabulate(match(r, cats), length(cats))))
p <- colSums(nij) / (N * n); q <- 1 - p
Pbar <- mean((rowSums(nij^2) - n) / (n * (n - 1)))
out("fleiss.value", (Pbar - sum(p^2)) / (1 - sum(p^2)))
out("fleiss.se0", sqrt(2 / (N * n * (n - 1))) * sqrt(sum(p * q)^2 - sum(p * q * (q - p))) / sum(p * q))

if (any(!complete.cases(M))) {
  # Gwet (2014) all-available-ratings variant (as irrCAC fleiss.kappa.raw), own transcription.
  R <- M[rowSums(!is.na(M)) >= 1, , drop = FALSE]
  ca <- sort(unique(R[!is.na(R)]))
  rik <- t(apply(R, 1, function(r) tabulate(match(r[!is.na(r)], ca), length(ca))))
  ri <- rowSums(rik)
  pa <- mean((rowSums(rik * (rik - 1)) / (ri * (ri - 1)))[ri >= 2])
  pe <- sum(colMeans(rik / ri)^2)
  out("fleiss.gwet.value", (pa - pe) / (1 - pe))
}

kalpha <- function(M, level) {
  vals <- sort(unique(M[!is.na(M)])); V <- length(vals); o <- matrix(0, V, V)
  for (u in seq_len(nrow(M))) {
    x <- M[u, ]; x <- x[!is.na(x)]; mu <- length(x)
    if (mu < 2) next
    t <- tabulate(match(x, vals), V)
    o <- o + (outer(t, t) - diag(t, V)) / (mu - 1)
  }
  nc <- rowSums(o); nn <- sum(nc)
  d2 <- switch(level,
    nominal = 1 - diag(V),
    interval = outer(vals, vals, "-")^2,
    ordinal = outer(1:V, 1:V, Vectorize(function(a, b) {
      lo <- min(a, b); hi <- max(a, b)
      if (lo == hi) 0 else (sum(nc[lo:hi]) - (nc[lo] + nc[hi]) / 2)^2
    })))
  1 - (nn - 1) * sum(o * d2) / sum(outer(nc, nc) * d2)
}
for (l in c("nominal", "ordinal", "interval")) out(paste0("alpha.", l, ".value"), kalpha(M, l))

res <- ICC(C, lmer = FALSE)$results
forms <- c("ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)")
for (i in 1:6) {
  f <- forms[i]
  out(paste0("icc.", f, ".value"), res$ICC[i]); out(paste0("icc.", f, ".F"), res$F[i])
  out(paste0("icc.", f, ".df2"), res$df2[i]); out(paste0("icc.", f, ".p"), res$p[i])
  out(paste0("icc.", f, ".lo"), res[i, "lower bound"]); out(paste0("icc.", f, ".hi"), res[i, "upper bound"])
}
