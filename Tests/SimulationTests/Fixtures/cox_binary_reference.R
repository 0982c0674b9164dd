# Reference values for SimulationTests.coxBinaryCovariateMatchesR (R survival, Breslow ties).
# Run: Rscript cox_binary_reference.R
library(survival)
d <- data.frame(
  time  = c(5, 8, 8, 12, 15, 15, 20, 22, 25, 30, 31, 40, 41, 45, 50, 52),
  event = c(1, 1, 0, 1,  1,  1,  0,  1,  1,  0,  1,  1,  0,  1,  0,  0),
  x     = c(0, 0, 1, 0,  1,  0,  1,  0,  1,  1,  0,  1,  1,  0,  1,  1))
f <- coxph(Surv(time, event) ~ x, data = d, ties = "breslow")
cat(sprintf("%.12f %.12f %d\n", coef(f), sqrt(vcov(f)[1, 1]), f$nevent))
