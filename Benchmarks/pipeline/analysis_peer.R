# Peer of `trialdata report --adam DIR --plan mappings/crlm/analysis.yaml` (statistics part):
# the same KM, log-rank, Cox (unadjusted, adjusted, IPTW robust), univariable + multivariable
# risk factors with cox.zph, on the ADaM CSVs. Usage: Rscript analysis_peer.R ADAM_DIR
suppressMessages(library(survival))
args <- commandArgs(TRUE); dir <- args[1]
t0 <- proc.time()[["elapsed"]]
adsl <- read.csv(file.path(dir, "adsl.csv"), stringsAsFactors = FALSE, na.strings = "")
adtte <- read.csv(file.path(dir, "adtte.csv"), stringsAsFactors = FALSE, na.strings = "")
adsl$TRT01P <- factor(adsl$TRT01P, levels = c("GROUP II", "GROUP I"))
adsl$ECOGBL <- factor(adsl$ECOGBL)
ps <- adsl[complete.cases(adsl[, c("ECOGBL", "EHSITEN", "LIVMETN", "CEABL", "BILOBFL", "RASSTAT")]), ]
A <- as.integer(ps$TRT01P == "GROUP I")
g <- glm(A ~ ECOGBL + EHSITEN + log(LIVMETN) + log(CEABL) + BILOBFL + RASSTAT, family = binomial, data = ps)
e <- fitted(g); pA <- mean(A); ps$w <- A * pA / e + (1 - A) * (1 - pA) / (1 - e)
for (p in c("OS", "LPFS")) {
  d <- merge(adtte[adtte$PARAMCD == p, c("USUBJID", "AVAL", "CNSR")], adsl, by = "USUBJID")
  d$ev <- as.integer(d$CNSR == 0)
  km <- survfit(Surv(AVAL, ev) ~ TRT01P, data = d); s <- summary(km, times = c(365, 730)); q <- quantile(km, 0.5)
  lr <- survdiff(Surv(AVAL, ev) ~ TRT01P, data = d)
  c1 <- coxph(Surv(AVAL, ev) ~ TRT01P, data = d)
  c2 <- coxph(Surv(AVAL, ev) ~ TRT01P + ECOGBL + EHSITEN + RASSTAT + log(CEABL), data = d)
  dw <- merge(d, ps[, c("USUBJID", "w")], by = "USUBJID")
  c3 <- coxph(Surv(AVAL, ev) ~ TRT01P, data = dw, weights = w, robust = TRUE)
  kw <- survfit(Surv(AVAL, ev) ~ TRT01P, data = dw, weights = w)
  for (v in c("AGEGR1", "SEX", "ECOGBL", "RASSTAT")) for (lv in unique(na.omit(d[[v]]))) {
    sub <- d[!is.na(d[[v]]) & d[[v]] == lv, ]
    if (length(unique(sub$TRT01P)) == 2 && sum(sub$ev) > 0) try(coxph(Surv(AVAL, ev) ~ TRT01P, data = sub), silent = TRUE)
  }
  if (p == "OS") {
    cands <- c("AGE", "SEX", "ECOGBL", "PRIMSIDE", "SYNCHFL", "RASSTAT", "BRAFSTAT", "log(CEABL)", "LIVMETN", "LIVMETMX", "BILOBFL", "EHSITEN")
    pv <- sapply(cands, function(k) { f <- coxph(as.formula(paste("Surv(AVAL, ev) ~", k)), data = d)
      pchisq(2 * diff(f$loglik), length(coef(f)), lower.tail = FALSE) })
    mv <- coxph(as.formula(paste("Surv(AVAL, ev) ~ TRT01P +", paste(cands[pv < 0.1], collapse = " + "))), data = d)
    z <- cox.zph(mv)
  }
}
cat(sprintf("R analysis: %.3f s\n", proc.time()[["elapsed"]] - t0))
