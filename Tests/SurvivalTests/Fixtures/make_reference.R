# Reference numbers for the Survival module, computed with R's survival package.
# Run from this folder:  Rscript make_reference.R
# Writes the datasets as CSV (only the columns the tests use; NA as empty) and the expected
# numbers as reference.json. Checked in; tests never need R at run time.
suppressMessages(library(survival))
cat("R", R.version.string, "survival", format(packageVersion("survival")), "\n")

## --- a minimal JSON writer (no jsonlite on the machine) -----------------------------------
jnum <- function(x) {
  x <- as.numeric(x)
  s <- ifelse(is.na(x), "null",
       ifelse(is.infinite(x), ifelse(x > 0, '"Inf"', '"-Inf"'), sprintf("%.17g", x)))
  paste0("[", paste(s, collapse = ","), "]")
}
tojson <- function(x) {
  if (is.list(x)) {
    if (length(x) == 0) return("{}")
    paste0("{", paste(sprintf('"%s":%s', names(x), vapply(x, tojson, "")), collapse = ","), "}")
  } else if (is.character(x)) {
    paste0("[", paste0('"', x, '"', collapse = ","), "]")
  } else if (is.null(x)) "null" else jnum(unname(x))
}
wcsv <- function(df, file) write.csv(df, file, row.names = FALSE, na = "", quote = TRUE)

## --- datasets ---------------------------------------------------------------------------
lung2 <- lung[, c("inst", "time", "status", "age", "sex", "ph.ecog", "ph.karno", "wt.loss")]
lung2$w <- (seq_len(nrow(lung2)) %% 3) + 1                 # integer case weights
set.seed(20261127)
lung2$wr <- round(runif(nrow(lung2), 0.5, 2), 3)           # non-integer case weights
# years with floating-point noise: equal days give times differing in the last bits
lung2$years <- lung2$time / 365.25
noisy <- seq(2, nrow(lung2), by = 4)
lung2$years[noisy] <- (lung2$time[noisy] * 3) / (365.25 * 3) + 1e-13
# delayed entry (left truncation) on every other row
lung2$entry <- ifelse(seq_len(nrow(lung2)) %% 2 == 0, floor(lung2$time * 0.2), 0)
wcsv(lung2, "lung.csv")
vet <- veteran[, c("trt", "celltype", "time", "status", "karno", "diagtime", "age", "prior")]
vet$celltype <- as.character(vet$celltype)
wcsv(vet, "veteran.csv")
ova <- ovarian[, c("futime", "fustat", "age", "resid.ds", "rx", "ecog.ps")]
wcsv(ova, "ovarian.csv")
col <- colon[, c("id", "rx", "sex", "age", "nodes", "status", "time", "etype")]
col$rx <- as.character(col$rx)
wcsv(col, "colon.csv")
pbc2 <- pbc[!is.na(pbc$trt), c("id", "time", "status", "trt", "age", "sex", "bili", "albumin", "edema", "stage")]
pbc2$sex <- as.character(pbc2$sex)
wcsv(pbc2, "pbc.csv")

## --- helpers ----------------------------------------------------------------------------
kmone <- function(f, probs, tau, times) {
  q <- quantile(f, probs)
  r <- list(time = f$time, n_risk = f$n.risk, n_event = f$n.event, n_censor = f$n.censor,
            surv = f$surv, std_err = f$std.err, lower = f$lower, upper = f$upper,
            probs = probs, q = q$quantile, q_lower = q$lower, q_upper = q$upper)
  if (!is.null(tau)) {
    tab <- summary(f, rmean = tau)$table
    r$tau <- tau; r$rmean <- tab["rmean"]; r$rmean_se <- tab["se(rmean)"]
  }
  if (!is.null(times)) {
    s <- summary(f, times = times, extend = TRUE)
    r$at_time <- s$time; r$at_surv <- s$surv; r$at_std_err <- s$std.err
    r$at_lower <- s$lower; r$at_upper <- s$upper; r$at_n_risk <- s$n.risk
  }
  r
}
kmcase <- function(fit, probs = c(0.25, 0.5, 0.75), tau = NULL, times = NULL) {
  if (is.null(fit$strata)) return(list(strata = list(all = kmone(fit, probs, tau, times))))
  out <- lapply(seq_along(fit$strata), function(i) kmone(fit[i], probs, tau, times))
  names(out) <- names(fit$strata)
  list(strata = out)
}
coxcase <- function(fit) {
  s <- summary(fit)
  cf <- s$coefficients
  robust <- !is.null(fit$naive.var)
  r <- list(names = rownames(cf), coef = cf[, "coef"],
            se = cf[, "se(coef)"], z = cf[, ncol(cf) - 1], p = cf[, ncol(cf)],
            hr_lower = s$conf.int[, 3], hr_upper = s$conf.int[, 4],
            loglik = fit$loglik, iter = fit$iter, n = fit$n, nevent = fit$nevent,
            lr = s$logtest, score = s$sctest,
            # summary() rounds the Wald statistic to 2 decimals: take the unrounded one
            wald = c(fit$wald.test, sum(!is.na(coef(fit))),
                     pchisq(fit$wald.test, sum(!is.na(coef(fit))), lower.tail = FALSE)),
            concordance = fit$concordance["concordance"], concordance_se = fit$concordance["std"])
  if (robust) r$robust_se <- cf[, "robust se"]
  r
}
zphcase <- function(fit, transform) {
  z <- cox.zph(fit, transform = transform)
  list(names = rownames(z$table), chisq = z$table[, "chisq"], df = z$table[, "df"], p = z$table[, "p"])
}
difcase <- function(d) {
  list(obs = if (is.matrix(d$obs)) rowSums(d$obs) else d$obs,
       exp = if (is.matrix(d$exp)) rowSums(d$exp) else d$exp,
       var = c(d$var), chisq = d$chisq, p = d$pvalue, n = c(d$n),
       df = sum((if (is.matrix(d$exp)) rowSums(d$exp) else d$exp) > 0) - 1)
}

ref <- list()
## --- Kaplan-Meier -----------------------------------------------------------------------
for (ct in c("log", "log-log", "plain")) {
  ref[[paste0("km_lung_", ct)]] <- kmcase(survfit(Surv(time, status) ~ 1, lung2, conf.type = ct),
                                           tau = 500, times = c(180, 365, 730, 2000))
  ref[[paste0("km_lung_sex_", ct)]] <- kmcase(survfit(Surv(time, status) ~ sex, lung2, conf.type = ct),
                                               tau = 365, times = c(90, 365))
}
ref$km_ovarian_loglog90 <- kmcase(survfit(Surv(futime, fustat) ~ 1, ova, conf.type = "log-log", conf.int = 0.9),
                                  tau = 1000, times = c(365, 730))
ref$km_veteran_trt_plain <- kmcase(survfit(Surv(time, status) ~ trt, vet, conf.type = "plain"), tau = 200)
ref$km_lung_weights <- kmcase(survfit(Surv(time, status) ~ 1, lung2, weights = w), tau = 500)
ref$km_lung_years_timefix <- kmcase(survfit(Surv(years, status) ~ 1, lung2))
# non-integer case weights: R's survfit switches to the infinitesimal-jackknife SE (std.err is then SE(S))
ref$km_lung_wr_log <- kmcase(survfit(Surv(time, status) ~ 1, lung2, weights = wr), tau = 500)
ref$km_lung_wr_plain_sex <- kmcase(survfit(Surv(time, status) ~ sex, lung2, weights = wr, conf.type = "plain"))
ref$km_lung_entry <- kmcase(survfit(Surv(entry, time, status) ~ 1, lung2), tau = 500, times = c(100, 365))
# flat at S = 0.5: midpoint to the next drop, and to the last time when it never drops
flat1 <- data.frame(time = c(1, 2, 3, 4), status = c(1, 1, 0, 1))
flat2 <- data.frame(time = c(1, 2, 3, 4), status = c(1, 1, 0, 0))
flat3 <- data.frame(time = c(1, 2, 4, 5, 7, 8, 9, 10), status = c(1, 0, 1, 1, 0, 1, 1, 0))
ref$km_flat1 <- kmcase(survfit(Surv(time, status) ~ 1, flat1))
ref$km_flat2 <- kmcase(survfit(Surv(time, status) ~ 1, flat2))
ref$km_flat3 <- kmcase(survfit(Surv(time, status) ~ 1, flat3), probs = c(0.1, 0.25, 0.5, 0.75, 0.9))
## --- survdiff -------------------------------------------------------------------------------
ref$dif_lung_sex_rho0 <- difcase(survdiff(Surv(time, status) ~ sex, lung2))
ref$dif_lung_sex_rho1 <- difcase(survdiff(Surv(time, status) ~ sex, lung2, rho = 1))
ref$dif_vet_cell <- difcase(survdiff(Surv(time, status) ~ celltype, vet))
ref$dif_lung_sex_strat_ecog <- difcase(survdiff(Surv(time, status) ~ sex + strata(ph.ecog), lung2))
ref$dif_pbc_trt_rho05 <- difcase(survdiff(Surv(time, status == 2) ~ trt, pbc2, rho = 0.5))
ref$dif_ova_rx_strat <- difcase(survdiff(Surv(futime, fustat) ~ rx + strata(resid.ds), ova, rho = 1))
## --- coxph --------------------------------------------------------------------------------
for (tm in c("efron", "breslow", "exact")) {
  ref[[paste0("cox_lung_age_sex_", tm)]] <- coxcase(coxph(Surv(time, status) ~ age + sex, lung2, ties = tm))
  ref[[paste0("cox_vet_", tm)]] <- coxcase(coxph(Surv(time, status) ~ trt + karno + celltype, vet, ties = tm))
}
ref$cox_lung_ecog <- coxcase(coxph(Surv(time, status) ~ age + sex + ph.ecog + wt.loss, lung2))
ref$cox_lung_weights_efron <- coxcase(coxph(Surv(time, status) ~ age + sex, lung2, weights = w))
ref$cox_lung_weights_breslow <- coxcase(coxph(Surv(time, status) ~ age + sex, lung2, weights = w, ties = "breslow"))
ref$cox_lung_wr_efron <- coxcase(coxph(Surv(time, status) ~ age + sex + ph.karno, lung2, weights = wr))
ref$cox_lung_robust <- coxcase(coxph(Surv(time, status) ~ age + sex, lung2, robust = TRUE))
ref$cox_lung_robust_breslow <- coxcase(coxph(Surv(time, status) ~ age + sex, lung2, robust = TRUE, ties = "breslow"))
ref$cox_lung_robust_wr <- coxcase(coxph(Surv(time, status) ~ age + sex, lung2, robust = TRUE, weights = wr))
ref$cox_colon_cluster <- coxcase(coxph(Surv(time, status) ~ rx + age + nodes, col, cluster = id))
ref$cox_ova_strata <- coxcase(coxph(Surv(futime, fustat) ~ age + ecog.ps + strata(rx), ova))
ref$cox_ova_offset <- coxcase(coxph(Surv(futime, fustat) ~ age + offset(0.3 * ecog.ps), ova))
ref$cox_pbc <- coxcase(coxph(Surv(time, status == 2) ~ age + log(bili) + edema + albumin + strata(sex), pbc2))
ref$cox_pbc_factor_stage <- coxcase(coxph(Surv(time, status == 2) ~ age + factor(stage) + sex, pbc2))
ref$cox_lung_years_timefix <- coxcase(coxph(Surv(years, status) ~ age + sex, lung2))
ref$cox_lung_conf90 <- coxcase(coxph(Surv(time, status) ~ age + sex, lung2))
s90 <- summary(coxph(Surv(time, status) ~ age + sex, lung2), conf.int = 0.9)
ref$cox_lung_conf90$hr_lower <- s90$conf.int[, 3]; ref$cox_lung_conf90$hr_upper <- s90$conf.int[, 4]
## --- cox.zph --------------------------------------------------------------------------------
f1 <- coxph(Surv(time, status) ~ age + sex + ph.ecog, lung2)
for (tr in c("km", "rank", "identity", "log")) ref[[paste0("zph_lung_", tr)]] <- zphcase(f1, tr)
ref$zph_vet_km <- zphcase(coxph(Surv(time, status) ~ trt + karno + celltype, vet), "km")
ref$zph_vet_breslow_rank <- zphcase(coxph(Surv(time, status) ~ trt + karno + celltype, vet, ties = "breslow"), "rank")
ref$zph_ova_strata <- zphcase(coxph(Surv(futime, fustat) ~ age + ecog.ps + strata(rx), ova), "km")
ref$zph_lung_weights <- zphcase(coxph(Surv(time, status) ~ age + sex, lung2, weights = wr), "km")

writeLines(tojson(ref), "reference.json")
cat("wrote", length(ref), "cases\n")
