# Reference numbers for the propensity-score core (Analysis: LogisticRegression, PropensityWeights,
# BalanceTable) and the weighted survival analyses. Run from this folder:
#   LC_ALL=C Rscript make_propensity_reference.R
# Writes colon_ps.csv (input) and propensity_expected.json (R's numbers). R 4.2.2, survival 3.5-3.
# Data: survival::colon, death records (etype 2), arms Obs vs Lev+5FU; exposure A = 1 for Lev+5FU.
# Factors are coded as R does (levels in C-locale sort order, first level = reference).
suppressMessages(library(survival))
Sys.setlocale("LC_COLLATE", "C")
source("json.R")
d <- subset(colon, etype == 2 & rx %in% c("Obs", "Lev+5FU"))
d <- data.frame(id = d$id, time = d$time, status = d$status,
                A = as.integer(d$rx == "Lev+5FU"),
                age = d$age,
                sex = ifelse(d$sex == 1, "male", "female"),
                differ = c("well", "moderate", "poor")[d$differ],
                extent = d$extent, nodes = d$nodes, obstruct = d$obstruct)
write.csv(d, "colon_ps.csv", row.names = FALSE, na = "")

# Complete cases of the model variables, as glm's na.omit does.
f <- A ~ age + sex + differ + factor(extent) + nodes + obstruct
cc <- complete.cases(d[, c("A", "age", "sex", "differ", "extent", "nodes", "obstruct")])
dc <- d[cc, ]
fit <- glm(f, family = binomial, data = dc)
s <- summary(fit)$coefficients
ps <- as.numeric(fitted(fit))
A <- dc$A

# Weights. ATE: A/ps + (1-A)/(1-ps). ATT: A + (1-A) ps/(1-ps). Stabilized ATE: marginal P(A).
# Overlap: A(1-ps) + (1-A) ps.
pA <- mean(A)
w_ate <- A / ps + (1 - A) / (1 - ps)
w_att <- A + (1 - A) * ps / (1 - ps)
w_sate <- A * pA / ps + (1 - A) * (1 - pA) / (1 - ps)
w_ovl <- A * (1 - ps) + (1 - A) * ps
# Truncation at the 5th and 95th percentiles of the ATE weights (R quantile type 7).
q <- quantile(w_ate, c(0.05, 0.95), type = 7, names = FALSE)
w_trunc <- pmin(pmax(w_ate, q[1]), q[2])
# Trimming: drop subjects with ps outside [0.1, 0.9] (Crump-style, fixed bounds), ATE weights on the rest.
keep_trim <- ps >= 0.1 & ps <= 0.9

# Standardized mean differences. For each design column x (numeric covariate, or 0/1 indicator
# of each factor level, all levels including the reference):
#   SMD = (m1 - m0) / sqrt((s1^2 + s0^2) / 2)
# m = (weighted) mean in the group; s^2 = the UNWEIGHTED variance in the group (sample variance
# with n-1 for numeric covariates, p(1-p) for level indicators), so the denominator is the same
# before and after weighting.
wmean <- function(x, w) sum(w * x) / sum(w)
smd <- function(x, w, binary) {
  v <- function(g) if (binary) { p <- mean(x[A == g]); p * (1 - p) } else var(x[A == g])
  (wmean(x[A == 1], w[A == 1]) - wmean(x[A == 0], w[A == 0])) / sqrt((v(1) + v(0)) / 2)
}
cols <- list()
cols[["age"]] <- list(x = dc$age, binary = FALSE, term = "age", level = NULL)
for (lv in sort(unique(dc$sex))) cols[[paste0("sex=", lv)]] <- list(x = as.numeric(dc$sex == lv), binary = TRUE, term = "sex", level = lv)
for (lv in sort(unique(dc$differ))) cols[[paste0("differ=", lv)]] <- list(x = as.numeric(dc$differ == lv), binary = TRUE, term = "differ", level = lv)
for (lv in sort(unique(dc$extent))) cols[[paste0("extent=", lv)]] <- list(x = as.numeric(dc$extent == lv), binary = TRUE, term = "extent", level = as.character(lv))
cols[["nodes"]] <- list(x = dc$nodes, binary = FALSE, term = "nodes", level = NULL)
cols[["obstruct"]] <- list(x = dc$obstruct, binary = FALSE, term = "obstruct", level = NULL)
one <- rep(1, length(A))
balance <- lapply(names(cols), function(k) {
  c <- cols[[k]]
  list(name = k, term = c$term, level = if (is.null(c$level)) NULL else c$level,
       smdBefore = smd(c$x, one, c$binary), smdATE = smd(c$x, w_ate, c$binary),
       smdATT = smd(c$x, w_att, c$binary), smdOverlap = smd(c$x, w_ovl, c$binary))
})
ess <- function(w) sum(w)^2 / sum(w^2)

# Weighted survival on the complete cases (time in days, status 1 = death).
cox_naive <- coxph(Surv(time, status) ~ A, data = dc)
cox_iptw <- coxph(Surv(time, status) ~ A, data = dc, weights = w_sate, robust = TRUE)
km_w <- survfit(Surv(time, status) ~ A, data = dc, weights = w_sate)
sw <- summary(km_w, times = c(365, 730, 1825))

out <- list(
  n = nrow(dc), nInput = nrow(d),
  coefficients = lapply(seq_len(nrow(s)), function(i) list(name = rownames(s)[i], estimate = s[i, 1], stdErr = s[i, 2], z = s[i, 3], p = s[i, 4])),
  deviance = fit$deviance, nullDeviance = fit$null.deviance, aic = fit$aic, iterations = fit$iter,
  converged = fit$converged,
  id = dc$id, ps = ps,
  weightsATE = w_ate, weightsATT = w_att, weightsStabilizedATE = w_sate, weightsOverlap = w_ovl,
  truncationBounds = q, weightsTruncated = w_trunc,
  trimKeptIds = dc$id[keep_trim],
  essATE = c(ess(w_ate[A == 0]), ess(w_ate[A == 1])),
  essATT = c(ess(w_att[A == 0]), ess(w_att[A == 1])),
  balance = balance,
  coxNaive = list(coef = unname(coef(cox_naive)), se = unname(sqrt(diag(vcov(cox_naive))))),
  coxIPTW = list(coef = unname(coef(cox_iptw)), robustSE = unname(sqrt(diag(vcov(cox_iptw)))),
                 naiveSE = unname(sqrt(diag(cox_iptw$naive.var)))),
  kmWeighted = list(strata = as.character(sw$strata), time = sw$time, surv = sw$surv,
                    nRisk = sw$n.risk, lower = sw$lower, upper = sw$upper)
)

writeLines(toJSON(out), "propensity_expected.json")
