# Peer for the survival benchmark: R's survival on the same CSV, whole process
# (start, read the CSV, fit). Usage: Rscript survival_peers.R cox|km|logrank FILE
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[2])
t0 <- proc.time()[["elapsed"]]
if (args[1] == "cox") {
  fit <- coxph(Surv(AVAL, CNSR == 0) ~ TRT + X1 + X2 + X3 + X4 + X5, d)
  cat(sprintf("coef %.10f loglik %.6f\n", coef(fit)[1], fit$loglik[2]))
} else if (args[1] == "km") {
  fit <- survfit(Surv(AVAL, CNSR == 0) ~ TRT, d)
  print(fit)
} else {
  print(survdiff(Surv(AVAL, CNSR == 0) ~ TRT, d))
}
cat(sprintf("fit-only seconds %.3f\n", proc.time()[["elapsed"]] - t0), file = stderr())
