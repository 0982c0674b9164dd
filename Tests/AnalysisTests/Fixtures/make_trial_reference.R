# Reference numbers for TrialAnalysis (Analysis module) on ADaM-shaped data built from
# survival::colon (arms Obs vs Lev+5FU). Run from this folder:
#   LC_ALL=C Rscript make_trial_reference.R
# Writes adsl.csv, adtte.csv (inputs) and trial_expected.json (R 4.2.2, survival 3.5-3).
# OS = death (etype 2), LPFS = recurrence or death (etype 1), times in days; CNSR = 1 - status.
suppressMessages(library(survival))
Sys.setlocale("LC_COLLATE", "C")
source("json.R")
d2 <- subset(colon, etype == 2 & rx %in% c("Obs", "Lev+5FU"))
d1 <- subset(colon, etype == 1 & rx %in% c("Obs", "Lev+5FU"))
adsl <- data.frame(USUBJID = sprintf("COLON-%04d", d2$id),
                   TRT01P = as.character(d2$rx),
                   AGE = d2$age, SEX = ifelse(d2$sex == 1, "M", "F"),
                   DIFFER = c("WELL", "MODERATE", "POOR")[d2$differ],
                   EXTENT = d2$extent, NODES = d2$nodes, OBSTRUCT = d2$obstruct)
adtte <- rbind(
  data.frame(USUBJID = sprintf("COLON-%04d", d2$id), PARAMCD = "OS", AVAL = d2$time, CNSR = 1 - d2$status),
  data.frame(USUBJID = sprintf("COLON-%04d", d1$id), PARAMCD = "LPFS", AVAL = d1$time, CNSR = 1 - d1$status))
write.csv(adsl, "adsl.csv", row.names = FALSE, na = "")
write.csv(adtte, "adtte.csv", row.names = FALSE, na = "")

a <- adsl
a$TRT01P <- factor(a$TRT01P, levels = c("Obs", "Lev+5FU"))   # reference Obs
out <- list()
for (p in c("OS", "LPFS")) {
  t <- merge(adtte[adtte$PARAMCD == p, ], a, by = "USUBJID")
  t <- t[order(t$USUBJID), ]
  t$status <- 1 - t$CNSR
  km <- survfit(Surv(AVAL, status) ~ TRT01P, data = t)
  tab <- summary(km)$table
  s <- summary(km, times = c(365, 730))
  risk <- summary(km, times = (0:8) * 91.3125, extend = TRUE)
  lr <- survdiff(Surv(AVAL, status) ~ TRT01P, data = t)
  cu <- coxph(Surv(AVAL, status) ~ TRT01P, data = t)
  ca <- coxph(Surv(AVAL, status) ~ TRT01P + AGE + SEX + NODES, data = t)
  sg <- lapply(c("F", "M"), function(lv) {
    f <- coxph(Surv(AVAL, status) ~ TRT01P, data = t[t$SEX == lv, ])
    list(level = lv, hr = unname(exp(coef(f))), se = unname(sqrt(vcov(f)[1, 1])))
  })
  # IPTW: stabilized ATE weights from the propensity model on complete cases.
  ps_data <- t[complete.cases(t[, c("AGE", "SEX", "DIFFER", "EXTENT", "NODES", "OBSTRUCT")]), ]
  A <- as.integer(ps_data$TRT01P == "Lev+5FU")
  g <- glm(A ~ AGE + SEX + DIFFER + factor(EXTENT) + NODES + OBSTRUCT, family = binomial, data = ps_data)
  e <- fitted(g); pA <- mean(A)
  ps_data$w <- A * pA / e + (1 - A) * (1 - pA) / (1 - e)
  ci <- coxph(Surv(AVAL, status) ~ TRT01P, data = ps_data, weights = w, robust = TRUE)
  out[[p]] <- list(
    n = unname(tab[, "records"]), events = unname(tab[, "events"]),
    median = unname(tab[, "median"]), medianLower = unname(tab[, "0.95LCL"]), medianUpper = unname(tab[, "0.95UCL"]),
    rateStrata = as.character(s$strata), rateTime = s$time, rate = s$surv, rateLower = s$lower, rateUpper = s$upper,
    atRiskStrata = as.character(risk$strata), atRiskTime = risk$time, atRisk = risk$n.risk,
    logrankChisq = lr$chisq, logrankP = pchisq(lr$chisq, 1, lower.tail = FALSE),
    hrUnadjusted = unname(exp(coef(cu))), seUnadjusted = unname(sqrt(vcov(cu)[1, 1])),
    hrAdjusted = unname(exp(coef(ca)[1])), seAdjusted = unname(sqrt(vcov(ca)[1, 1])), nAdjusted = ca$n,
    hrIPTW = unname(exp(coef(ci))), seIPTW = unname(sqrt(vcov(ci)[1, 1])), nIPTW = ci$n,
    subgroups = sg)
}
# Risk factors for OS: univariable LR tests, multivariable with p < 0.10, cox.zph.
t <- merge(adtte[adtte$PARAMCD == "OS", ], a, by = "USUBJID"); t$status <- 1 - t$CNSR
t$EXTENTF <- factor(t$EXTENT); t$OBSTRUCTF <- factor(t$OBSTRUCT)
cands <- c(AGE = "AGE", SEX = "SEX", DIFFER = "DIFFER", EXTENT = "EXTENTF", NODES = "NODES", OBSTRUCT = "OBSTRUCTF")
uni <- lapply(names(cands), function(k) {
  f <- coxph(as.formula(paste("Surv(AVAL, status) ~", cands[[k]])), data = t)
  lrt <- 2 * diff(f$loglik)
  list(variable = k, n = f$n, lrt = lrt, df = length(coef(f)), p = pchisq(lrt, length(coef(f)), lower.tail = FALSE),
       hr = unname(exp(coef(f))))
})
sel <- names(cands)[vapply(uni, function(u) u$p < 0.10, TRUE)]
mv <- coxph(as.formula(paste("Surv(AVAL, status) ~", paste(cands[sel], collapse = " + "))), data = t)
z <- cox.zph(mv)
out$riskFactors <- list(univariable = uni, selected = sel, hr = unname(exp(coef(mv))), p = unname(summary(mv)$coefficients[, "Pr(>|z|)"]),
                        n = mv$n, zphChisq = unname(z$table[, "chisq"]), zphP = unname(z$table[, "p"]),
                        zphTerms = rownames(z$table))
# Baseline: AGE quartiles by group.
out$ageQuartiles <- lapply(levels(a$TRT01P), function(lv) unname(quantile(a$AGE[a$TRT01P == lv], c(0.25, 0.5, 0.75))))
writeLines(toJSON(out), "trial_expected.json")
