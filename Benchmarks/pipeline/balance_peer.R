# Peer of `trialdata balance` on ADSL: glm propensity model, stabilized ATE weights, SMDs before/after.
# Usage: Rscript balance_peer.R ADSL.csv
args <- commandArgs(TRUE)
t0 <- proc.time()[["elapsed"]]
adsl <- read.csv(args[1], stringsAsFactors = FALSE, na.strings = "")
d <- adsl[complete.cases(adsl[, c("TRT01P", "ECOGBL", "EHSITEN", "CEABL", "RASSTAT")]), ]
A <- as.integer(d$TRT01P == "GROUP I")
g <- glm(A ~ factor(ECOGBL) + EHSITEN + CEABL + RASSTAT, family = binomial, data = d)
e <- fitted(g); pA <- mean(A); w <- A * pA / e + (1 - A) * (1 - pA) / (1 - e)
X <- model.matrix(~ 0 + factor(ECOGBL) + EHSITEN + CEABL + RASSTAT, data = d)
smd <- apply(X, 2, function(x) { m <- function(g, ww) sum(ww[A == g] * x[A == g]) / sum(ww[A == g])
  c((m(1, 1 + 0 * w) - m(0, 1 + 0 * w)), (m(1, w) - m(0, w))) / sqrt((var(x[A == 1]) + var(x[A == 0])) / 2) })
write.csv(data.frame(USUBJID = d$USUBJID, PS = e, WEIGHT = w), tempfile(fileext = ".csv"), row.names = FALSE)
cat(sprintf("R balance: %.3f s\n", proc.time()[["elapsed"]] - t0))
