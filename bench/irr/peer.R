# The peer side of bench/irr/run.sh: R psych on the same ratings file.
# usage: Rscript peer.R ratings_wide.csv [icc|kappa|both]  -> "key value" lines
# psych ICC(lmer = FALSE) fits aov() with a targets factor; at 100 000 targets the model
# matrix needs ~75 GB, so the error is caught and reported as "icc_ms failed".
suppressMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
what <- if (length(args) > 1) args[2] else "both"
el <- function(expr) unname(system.time(expr)["elapsed"]) * 1000
t_read <- el(d <- read.csv(args[1]))
M <- as.matrix(d[, -1])
cat("read_ms", t_read, "\n")
if (what %in% c("icc", "both")) {
  r <- tryCatch({ t <- el(icc <- ICC(M, lmer = FALSE)); c(t, icc$results$ICC[2]) },
                error = function(e) { message("psych ICC failed: ", conditionMessage(e)); NULL })
  if (is.null(r)) cat("icc_ms failed\n") else { cat("icc_ms", r[1], "\n"); cat("icc21", r[2], "\n") }
}
if (what %in% c("kappa", "both")) {
  r <- tryCatch(el(ck <- cohen.kappa(M)),
                error = function(e) { message("psych cohen.kappa failed: ", conditionMessage(e)); NULL })
  if (is.null(r)) cat("cohen_kappa_ms failed\n") else cat("cohen_kappa_ms", r, "\n")
}
