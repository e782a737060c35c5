# Reference values for Glidepath's statistics core (src/core/stats), computed by R itself.
#
#   Rscript scripts/r/reference.R > test/fixtures/r/reference.json
#
# Every case carries the exact R code that produced it (`setup` then `call`); the tests in
# test/core/stats/ compare our results with these numbers and re-run this script to check
# that the committed JSON still is what R says. Base R + stats only; JSON is written by hand
# (sprintf("%.17g") round-trips every double; non-finite numbers are the strings
# "Infinity", "-Infinity", "NaN").

options(warn = -1)

num <- function(x) {
  stopifnot(length(x) == 1)
  if (is.nan(x)) return('"NaN"')
  if (is.na(x)) return('"NA"')
  if (x == Inf) return('"Infinity"')
  if (x == -Inf) return('"-Infinity"')
  sprintf("%.17g", x)
}
nums <- function(v) paste0("[", paste(vapply(as.numeric(v), num, ""), collapse = ", "), "]")
str <- function(s) paste0('"', gsub('"', '\\\\"', gsub("\\\\", "\\\\\\\\", s)), '"')
obj <- function(...) {
  fields <- list(...)
  paste0("{", paste(sprintf("%s: %s", vapply(names(fields), str, ""), unlist(fields)), collapse = ", "), "}")
}
# deparse() must give back the very double, or the call string would not be what ran.
lit <- function(x) {
  s <- deparse(x)
  stopifnot(identical(eval(parse(text = s)), x))
  s
}

sections <- list()
add <- function(section, case) sections[[section]] <<- c(sections[[section]], case)

# Data sets are written once, in "datasets", and cases name the one they ran on.
datasets <- list()
dataset <- function(name, setup) {
  env <- new.env(parent = globalenv())
  eval(parse(text = setup), envir = env)
  vars <- sort(ls(env))
  fields <- lapply(vars, function(v) nums(get(v, envir = env)))
  names(fields) <- vars
  datasets[[name]] <<- obj(setup = str(setup), values = do.call(obj, fields))
  setup
}

# Evaluates `setup` then `call` in a fresh environment; returns both the value and the env.
run <- function(setup, call) {
  env <- new.env(parent = globalenv())
  if (nzchar(setup)) eval(parse(text = setup), envir = env)
  list(value = eval(parse(text = call), envir = env), env = env)
}

# ---- Distributions -----------------------------------------------------------------------

dist <- function(fn, args, call) {
  value <- eval(parse(text = call))
  add("distributions", obj(fn = str(fn), args = nums(args), call = str(call), value = num(value)))
}

for (z in c(-37.5, -37, -30, -20, -10, -8.5, -5, -3, -1.96, -1, -0.5, -1e-5, 0, 0.3, 0.66, 0.7, 1, 2.5, 5.6, 5.7, 9, 20, 37)) {
  dist("pnorm", c(z, 1), sprintf("pnorm(%s)", lit(z)))
  dist("pnorm", c(z, 0), sprintf("pnorm(%s, lower.tail = FALSE)", lit(z)))
}
for (p in c(1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.05, 0.075, 0.1, 0.3, 0.5, 0.7, 0.9, 0.925, 0.975, 0.999)) {
  dist("qnorm", c(p, 1), sprintf("qnorm(%s)", lit(p)))
}
for (p in c(1e-300, 1e-20, 0.025, 0.3)) dist("qnorm", c(p, 0), sprintf("qnorm(%s, lower.tail = FALSE)", lit(p)))

for (df in c(0.5, 1, 1.5, 2, 3, 4.7, 10, 29.3, 100, 1234.5, 99999, 1e5, 2e6, 1e8, 1e12, Inf)) {
  for (t in c(-50, -10, -3, -1, 0, 0.5, 1.7, 2.5, 4, 10, 30)) {
    dist("pt", c(t, df, 1), sprintf("pt(%s, %s)", lit(t), lit(df)))
    dist("pt", c(t, df, 0), sprintf("pt(%s, %s, lower.tail = FALSE)", lit(t), lit(df)))
  }
}
for (df in c(0.5, 1, 2, 3.3, 7, 30, 1000, 1e6, 1e9)) {
  for (p in c(1e-12, 0.0005, 0.025, 0.05, 0.3, 0.5, 0.9, 0.975, 0.995)) {
    dist("qt", c(p, df, 1), sprintf("qt(%s, %s)", lit(p), lit(df)))
  }
  # For df < 1 R's upper-tail qt is off by ~1e-6 (pt(qt(1e-10, 0.5, lower.tail = FALSE), 0.5,
  # lower.tail = FALSE) is 9.99999e-11), while qt(1e-10, 0.5) is exact; only df >= 1 here.
  if (df >= 1) dist("qt", c(1e-10, df, 0), sprintf("qt(%s, %s, lower.tail = FALSE)", lit(1e-10), lit(df)))
}
for (df in c(0.5, 1, 2, 3, 10, 57.5, 500)) {
  for (x in c(1e-8, 0.01, 0.5, 1, 3.84, 10, 50, 200, 700, 1400)) {
    dist("pchisq", c(x, df, 1), sprintf("pchisq(%s, %s)", lit(x), lit(df)))
    dist("pchisq", c(x, df, 0), sprintf("pchisq(%s, %s, lower.tail = FALSE)", lit(x), lit(df)))
  }
}
for (case in list(c(3, 10, 0.3), c(0, 50, 0.01), c(49, 5000, 0.01), c(980, 1000, 0.99), c(25000, 100000, 0.25), c(10, 1e6, 0.01))) {
  dist("pbinom", c(case, 1), sprintf("pbinom(%s, %s, %s)", lit(case[1]), lit(case[2]), lit(case[3])))
  dist("pbinom", c(case, 0), sprintf("pbinom(%s, %s, %s, lower.tail = FALSE)", lit(case[1]), lit(case[2]), lit(case[3])))
}
for (case in list(c(0.025, 10, 0.5), c(0.975, 1000, 0.99), c(0.025, 1000, 0.99), c(0.5, 7, 0.2), c(0.975, 1e6, 0.95), c(0.025, 50, 0.99), c(0.999, 200000, 0.001))) {
  dist("qbinom", case, sprintf("qbinom(%s, %s, %s)", lit(case[1]), lit(case[2]), lit(case[3])))
}
for (x in c(1e-10, 0.5, 1, 1.5, 2, 3.7, 9.99, 10, 57.3, 1e6)) dist("lgamma", x, sprintf("lgamma(%s)", lit(x)))
for (ab in list(c(0.5, 0.5), c(2, 3), c(0.5, 1e6), c(1e6, 2e6), c(12, 0.3), c(5e9, 0.5))) {
  dist("lbeta", ab, sprintf("lbeta(%s, %s)", lit(ab[1]), lit(ab[2])))
}

# ---- prop.test (canary first: estimates canary - control) --------------------------------

prop <- function(control, canary, alternative = "two.sided", conf = 0.95) {
  call <- sprintf("prop.test(x = c(%s, %s), n = c(%s, %s), alternative = %s, conf.level = %s, correct = FALSE)",
                  lit(canary[1]), lit(control[1]), lit(canary[2]), lit(control[2]), deparse(alternative), lit(conf))
  r <- run("", call)$value
  add("proportions", obj(
    call = str(call),
    control = obj(successes = num(control[1]), trials = num(control[2])),
    canary = obj(successes = num(canary[1]), trials = num(canary[2])),
    alternative = str(alternative), confLevel = num(conf),
    statistic = num(unname(r$statistic)), parameter = num(unname(r$parameter)), pValue = num(r$p.value),
    estimate = num(unname(r$estimate[1] - r$estimate[2])), interval = nums(r$conf.int)))
}
prop(c(950, 95000), c(60, 5000))
prop(c(950, 95000), c(50, 5000))
prop(c(950, 95000), c(75, 5000), "greater")
prop(c(950, 95000), c(75, 5000), "less", 0.9)
prop(c(1, 12), c(4, 9))
prop(c(12, 1000), c(0, 800))
prop(c(100, 100000), c(400, 100000))
prop(c(100, 100000), c(900, 100000))
prop(c(1000, 1000), c(999, 1000))
prop(c(0, 5000), c(0, 300))

# ---- one arm's rate (src/core/stats/contrast.ts: estimateRate, agrestiCaffoRate) -------------
# estimateRate: the observed x/n with the variance p(1 - p)/n at p = (x + 1/2)/(n + 1) (what the
# evidence shows; one arm against a fixed bound is tested in rateBoundContrast, below).
# agrestiCaffoRate: one event and one non-event added, p = (x + 1)/(n + 2), variance
# p(1 - p)/(n + 2).

rate_estimate <- function(x, n) {
  setup <- sprintf("x <- %s; n <- %s", lit(x), lit(n))
  call <- "p <- (x + 0.5)/(n + 1); a <- (x + 1)/(n + 2); c(x/n, p*(1 - p)/n, a, a*(1 - a)/(n + 2))"
  r <- run(setup, call)$value
  add("rateEstimate", obj(
    setup = str(setup), call = str(call), counts = obj(successes = num(x), trials = num(n)),
    value = num(r[1]), variance = num(r[2]), adjustedValue = num(r[3]), adjustedVariance = num(r[4])))
}
rate_estimate(0, 300)
rate_estimate(57, 5700)
rate_estimate(950, 95000)
rate_estimate(2, 2)
rate_estimate(4150, 5000)

# ---- the judge's rate contrast (src/core/stats/contrast.ts: agrestiCaffoRate, differenceContrast) ----
# Two arms are tested on Agresti-Caffo rates (Agresti & Caffo, "Simple and effective confidence
# intervals for proportions and differences of proportions result from adding two successes
# and two failures", The American Statistician 54, 2000): a(x, n) = (x + 1)/(n + 2) with
# variance a(1 - a)/(n + 2). The contrast is oriented so that positive is worse (s = 1 when
# higher is worse, -1 when lower is) and a relative margin m tests s*canary - (s + m)*control
# against 0 with its own variance. The difference the evidence shows is the observed
# x2/n2 - x1/n1; its interval is Agresti-Caffo's, centred on a2 - a1 (ac95 is the classic
# fixed-horizon 95 % interval, the same centre and standard error with qnorm(0.975)).

rate_contrast <- function(control, canary, margin, kind, worse) {
  s <- if (worse == "higher") 1 else -1
  w <- if (kind == "relative") s + margin else s
  setup <- sprintf("x1 <- %s; n1 <- %s; x2 <- %s; n2 <- %s; a <- function(x, n) (x + 1)/(n + 2); v <- function(x, n) a(x, n)*(1 - a(x, n))/(n + 2)",
                   lit(control[1]), lit(control[2]), lit(canary[1]), lit(canary[2]))
  thr <- if (kind == "relative") sprintf("%s*a(x1, n1)", lit(margin)) else lit(margin)
  call <- sprintf(paste0("est <- %s*(a(x2, n2) - a(x1, n1)); thr <- %s; se <- sqrt(v(x2, n2) + (%s)^2*v(x1, n1)); ",
                         "d <- a(x2, n2) - a(x1, n1); dse <- sqrt(v(x1, n1) + v(x2, n2)); ",
                         "c(est, thr, se, x2/n2 - x1/n1, d, dse, d - qnorm(0.975)*dse, d + qnorm(0.975)*dse)"),
                  lit(s), thr, lit(w))
  r <- run(setup, call)$value
  add("rateContrast", obj(
    setup = str(setup), call = str(call),
    control = obj(successes = num(control[1]), trials = num(control[2])),
    canary = obj(successes = num(canary[1]), trials = num(canary[2])),
    margin = num(margin), kind = str(kind), worse = str(worse),
    estimate = num(r[1]), threshold = num(r[2]), standardError = num(r[3]),
    difference = num(r[4]), centre = num(r[5]), differenceSe = num(r[6]), ac95 = nums(r[7:8])))
}
rate_contrast(c(950, 95000), c(60, 5000), 0.005, "absolute", "higher")
rate_contrast(c(950, 95000), c(50, 5000), 0, "absolute", "higher")
rate_contrast(c(950, 95000), c(110, 5000), 0.003, "absolute", "higher")
rate_contrast(c(80000, 95000), c(4150, 5000), 0.02, "absolute", "lower")
rate_contrast(c(80000, 95000), c(4150, 5000), 0.02, "relative", "lower")
rate_contrast(c(950, 95000), c(60, 5000), 0.5, "relative", "higher")
rate_contrast(c(5000, 500000), c(5000, 500000), 0.001, "absolute", "higher")
rate_contrast(c(57, 5700), c(0, 300), 0, "absolute", "higher")
rate_contrast(c(0, 100000), c(0, 5000), 0.005, "absolute", "higher")
rate_contrast(c(3, 40), c(2, 2), 0, "absolute", "higher")
rate_contrast(c(12, 1000), c(0, 800), 0, "absolute", "higher")

# ---- one arm's rate against a fixed bound (rateBoundContrast): the one-sample score test ----
# x/n - p0 (oriented: 'above' asks x/n > p0, 'below' x/n < p0) with the standard error under
# the bound, sqrt(p0*(1 - p0)/n). The squared z is prop.test's uncorrected one-sample statistic,
# which checks the expression against R's own test.

rate_bound <- function(x, n, p0, beyond) {
  setup <- sprintf("x <- %s; n <- %s; p0 <- %s", lit(x), lit(n), lit(p0))
  est <- if (beyond == "above") "x/n - p0" else "p0 - x/n"
  call <- sprintf("est <- %s; se <- sqrt(p0*(1 - p0)/n); c(est, se, (est/se)^2, unname(prop.test(x, n, p = p0, correct = FALSE)$statistic))", est)
  r <- run(setup, call)$value
  stopifnot(abs(r[3] - r[4]) <= 1e-9 * max(1, r[4]))
  add("rateBoundContrast", obj(
    setup = str(setup), call = str(call), counts = obj(successes = num(x), trials = num(n)),
    bound = num(p0), beyond = str(beyond),
    estimate = num(r[1]), standardError = num(r[2]), propTestStatistic = num(r[4])))
}
rate_bound(0, 50, 0.01, "above")
rate_bound(3, 50, 0.01, "above")
rate_bound(57, 5700, 0.01, "above")
rate_bound(130, 10000, 0.01, "above")
rate_bound(4150, 5000, 0.8, "below")
rate_bound(1, 14400, 0.0005, "above")

# ---- ratio metrics on units by the delta method (src/core/stats/contrast.ts: estimateRatio, agrestiCaffoRatio) ----
# Per-unit data: x1, y1 (control) and x2, y2 (canary), x each user's numerator (errors, cost),
# y its denominator (requests). The ratio sum(x)/sum(y) has the delta-method variance of Deng,
# Knoblich & Lu (KDD 2018): (var(x)/my^2 - 2*mx*cov(x, y)/my^3 + mx^2*var(y)/my^4)/n. Each case
# also checks, in R, that this equals the linearisation var(x - r*y)/(n*my^2), r = sum(x)/sum(y)
# (the same first-order expansion written the other way). The tested rate adds one pseudo-unit
# holding one event in two trials (x <- c(x, 1); y <- c(y, 2)), Agresti-Caffo at the unit level.

ratio_data <- list(
  ratio_small = dataset("ratio_small", "x1 <- c(0, 1, 0, 3, 1); y1 <- c(12, 30, 7, 41, 18); x2 <- c(2, 0, 1, 0); y2 <- c(25, 9, 33, 14)"),
  ratio_errors = dataset("ratio_errors", "set.seed(5); y1 <- rpois(400, 19) + 1; x1 <- rbinom(400, y1, rbeta(400, 0.5, 49.5)); y2 <- rpois(60, 19) + 1; x2 <- rbinom(60, y2, rbeta(60, 0.5, 49.5))"),
  ratio_cost = dataset("ratio_cost", "set.seed(6); y1 <- rpois(250, 9) + 1; x1 <- round(y1*rlnorm(250, log(0.012), 0.6), 6); y2 <- rpois(250, 9) + 1; x2 <- round(y2*rlnorm(250, log(0.013), 0.6), 6)"),
  ratio_clean_canary = dataset("ratio_clean_canary", "set.seed(7); y1 <- rpois(300, 19) + 1; x1 <- rbinom(300, y1, 0.01); y2 <- rpois(20, 19) + 1; x2 <- rep(0, 20)")
)
delta_fn <- "dm <- function(x, y) { n <- length(x); mx <- mean(x); my <- mean(y); c(sum(x)/sum(y), (var(x)/my^2 - 2*mx*cov(x, y)/my^3 + mx^2*var(y)/my^4)/n) }; lin <- function(x, y) { r <- sum(x)/sum(y); var(x - r*y)/(length(x)*mean(y)^2) }"

ratio_estimate <- function(data, arm) {
  setup <- paste0(ratio_data[[data]], "; ", delta_fn)
  call <- sprintf("c(dm(x%s, y%s), lin(x%s, y%s), dm(c(x%s, 1), c(y%s, 2)))", arm, arm, arm, arm, arm, arm)
  r <- run(setup, call)$value
  stopifnot(abs(r[2] - r[3]) <= 1e-9 * r[3])
  add("ratioEstimate", obj(data = str(data), arm = str(if (arm == "1") "control" else "canary"), call = str(call),
                           value = num(r[1]), variance = num(r[2]), linearisedVariance = num(r[3]), adjustedValue = num(r[4]), adjustedVariance = num(r[5])))
}
for (d in names(ratio_data)) for (arm in c("1", "2")) ratio_estimate(d, arm)

# Two arms as the judge contrasts them (differenceContrast on delta-method arms): s = 1 when
# higher is worse, w = s + m for a relative margin m (a Fieller-type linear null), and the
# interval's centre and standard error (differenceOf). `rate` cases use the pseudo-unit arms.
ratio_contrast <- function(data, margin, kind, worse, rate) {
  s <- if (worse == "higher") 1 else -1
  w <- if (kind == "relative") s + margin else s
  arm <- if (rate) "a <- function(x, y) dm(c(x, 1), c(y, 2))" else "a <- dm"
  setup <- paste0(ratio_data[[data]], "; ", delta_fn, "; ", arm)
  thr <- if (kind == "relative") sprintf("%s*c1[1]", lit(margin)) else lit(margin)
  call <- sprintf("c1 <- a(x1, y1); c2 <- a(x2, y2); c(%s*(c2[1] - c1[1]), %s, sqrt(c2[2] + (%s)^2*c1[2]), c2[1] - c1[1], sqrt(c1[2] + c2[2]))", lit(s), thr, lit(w))
  r <- run(setup, call)$value
  add("ratioContrast", obj(data = str(data), setup = str(setup), call = str(call), margin = num(margin), kind = str(kind), worse = str(worse), rate = if (rate) "true" else "false",
                           estimate = num(r[1]), threshold = num(r[2]), standardError = num(r[3]), centre = num(r[4]), differenceSe = num(r[5])))
}
ratio_contrast("ratio_errors", 0, "absolute", "higher", TRUE)
ratio_contrast("ratio_errors", 0.003, "absolute", "higher", TRUE)
ratio_contrast("ratio_clean_canary", 0, "absolute", "higher", TRUE)
ratio_contrast("ratio_cost", 0.05, "relative", "higher", FALSE)
ratio_contrast("ratio_cost", 0.001, "absolute", "higher", FALSE)
ratio_contrast("ratio_small", 0.1, "relative", "lower", FALSE)

# ---- ratio and cost-effectiveness gates (src/core/stats/cost-effectiveness.ts) -------------
# Per-user pairs of totals: x1, y1 (control) and x2, y2 (canary). `cost_resolved`: x each user's
# cost (USD), y their resolved conversations out of k. The ratio gate tests canary's over
# control's ratio on the log scale, log(sum(x)/sum(y)) with the delta-method variance
# (var(x)/mx^2 - 2*cov(x, y)/(mx*my) + var(y)/my^2)/n; R also checks it equals the ratio's
# variance over its square (dm(x, y)[2]/dm(x, y)[1]^2) and the linearisation var(x/mx - y/my)/n.
# The net-benefit gate tests NB = lambda*mean(q) - mean(c) per user, variance var(lambda*q - c)/n;
# R checks it equals (lambda^2*var(q) - 2*lambda*cov(q, c) + var(c))/n, the covariance within users included.

cost_data <- list(
  cost_resolved = dataset("cost_resolved", "set.seed(8); k1 <- rpois(300, 4) + 1; x1 <- round(k1*rlnorm(300, log(0.05), 0.5), 6); y1 <- rbinom(300, k1, 0.7); k2 <- rpois(200, 4) + 1; x2 <- round(k2*rlnorm(200, log(0.06), 0.5), 6); y2 <- rbinom(200, k2, 0.75)"),
  cost_small = dataset("cost_small", "x1 <- c(0.12, 0.4, 0.05, 0.33, 0.21); y1 <- c(1, 3, 0, 2, 2); x2 <- c(0.3, 0.18, 0.52, 0.09); y2 <- c(2, 1, 4, 1)")
)
log_fn <- "lr <- function(x, y) { n <- length(x); c(log(sum(x)/sum(y)), (var(x)/mean(x)^2 - 2*cov(x, y)/(mean(x)*mean(y)) + var(y)/mean(y)^2)/n) }; llin <- function(x, y) var(x/mean(x) - y/mean(y))/length(x)"

log_ratio <- function(data, m, worse) {
  s <- if (worse == "higher") 1 else -1
  thr <- if (worse == "higher") sprintf("log(1 + %s)", lit(m)) else sprintf("-log(1 - %s)", lit(m))
  setup <- paste0(cost_data[[data]], "; ", delta_fn, "; ", log_fn)
  call <- sprintf("l1 <- lr(x1, y1); l2 <- lr(x2, y2); c(%s*(l2[1] - l1[1]), %s, sqrt(l1[2] + l2[2]), l1, l2, dm(x1, y1)[2]/dm(x1, y1)[1]^2, llin(x2, y2))", lit(s), thr)
  r <- run(setup, call)$value
  stopifnot(abs(r[5] - r[8]) <= 1e-9 * r[5], abs(r[7] - r[9]) <= 1e-9 * r[7])
  add("logRatioContrast", obj(data = str(data), setup = str(setup), call = str(call), margin = num(m), worse = str(worse),
                              estimate = num(r[1]), threshold = num(r[2]), standardError = num(r[3]),
                              control = obj(value = num(r[4]), variance = num(r[5])), canary = obj(value = num(r[6]), variance = num(r[7]))))
}
log_ratio("cost_resolved", 0.1, "higher")
log_ratio("cost_resolved", 0, "higher")
log_ratio("cost_small", 0.2, "lower")

net_benefit <- function(data, lambda, m, cost) {
  q <- if (cost == "x") c("y1", "y2") else c("x1", "x2")
  k <- if (cost == "x") c("x1", "x2") else c("y1", "y2")
  setup <- paste0(cost_data[[data]], "; nb <- function(q, c, lambda) { z <- lambda*q - c; c(mean(z), var(z)/length(z)) }; nbc <- function(q, c, lambda) (lambda^2*var(q) - 2*lambda*cov(q, c) + var(c))/length(q)")
  call <- sprintf("b1 <- nb(%s, %s, %s); b2 <- nb(%s, %s, %s); c(-(b2[1] - b1[1]), -(%s), sqrt(b1[2] + b2[2]), b1, b2, nbc(%s, %s, %s), nbc(%s, %s, %s))",
                  q[1], k[1], lit(lambda), q[2], k[2], lit(lambda), lit(m), q[1], k[1], lit(lambda), q[2], k[2], lit(lambda))
  r <- run(setup, call)$value
  stopifnot(abs(r[5] - r[8]) <= 1e-9 * r[5], abs(r[7] - r[9]) <= 1e-9 * r[7])
  add("netBenefitContrast", obj(data = str(data), setup = str(setup), call = str(call), willingnessToPay = num(lambda), minNetBenefit = num(m), cost = str(cost),
                                estimate = num(r[1]), threshold = num(r[2]), standardError = num(r[3]),
                                control = obj(value = num(r[4]), variance = num(r[5])), canary = obj(value = num(r[6]), variance = num(r[7]))))
}
net_benefit("cost_resolved", 0.5, 0, "x")
net_benefit("cost_resolved", 0.05, -0.02, "x")
net_benefit("cost_small", 2, 0.1, "y")

# ---- Welch t-test (canary first) -----------------------------------------------------------

welch_data <- list(
  welch_small = dataset("welch_small", "canary <- c(12.1, 14.3, 11.8, 15.2, 13.9); control <- c(10.2, 11.1, 9.8, 12.4, 10.9, 11.5)"),
  welch_two_each = dataset("welch_two_each", "canary <- c(3.5, 4.25); control <- c(1, 1.75)"),
  welch_unequal_sizes = dataset("welch_unequal_sizes", "set.seed(1); control <- round(rlnorm(1900, log(0.012), 0.4), 5); canary <- round(rlnorm(100, log(0.0125), 0.5), 5)"),
  welch_extreme = dataset("welch_extreme", "set.seed(2); control <- round(rnorm(300, 10, 1), 3); canary <- round(rnorm(300, 11.5, 1.2), 3)")
)
welch <- function(data, alternative = "two.sided", mu = 0, conf = 0.95) {
  setup <- welch_data[[data]]
  call <- sprintf("t.test(canary, control, alternative = %s, mu = %s, conf.level = %s, var.equal = FALSE)", deparse(alternative), lit(mu), lit(conf))
  result <- run(setup, call)
  r <- result$value
  env <- result$env
  add("welch", obj(
    data = str(data), call = str(call),
    controlSummary = obj(n = num(length(env$control)), mean = num(mean(env$control)), sd = num(sd(env$control))),
    canarySummary = obj(n = num(length(env$canary)), mean = num(mean(env$canary)), sd = num(sd(env$canary))),
    alternative = str(alternative), mu = num(mu), confLevel = num(conf),
    statistic = num(unname(r$statistic)), parameter = num(unname(r$parameter)), pValue = num(r$p.value),
    estimate = num(unname(r$estimate[1] - r$estimate[2])), interval = nums(r$conf.int)))
}
welch("welch_small")
welch("welch_small", "greater", 1, 0.9)
welch("welch_two_each")
welch("welch_unequal_sizes")
welch("welch_unequal_sizes", "less")
welch("welch_extreme")

# Realistic sufficient statistics (no raw data): the Welch formulas written out.
welch_summary <- function(control, canary, alternative) {
  setup <- sprintf("n1 <- %s; m1 <- %s; s1 <- %s; n2 <- %s; m2 <- %s; s2 <- %s",
                   lit(control[1]), lit(control[2]), lit(control[3]), lit(canary[1]), lit(canary[2]), lit(canary[3]))
  call <- paste0("se <- sqrt(s1^2/n1 + s2^2/n2); t <- (m2 - m1)/se; df <- se^4/((s1^2/n1)^2/(n1 - 1) + (s2^2/n2)^2/(n2 - 1)); ",
                 switch(alternative,
                        two.sided = "q <- qt(0.975, df); c(t, df, 2*pt(-abs(t), df), m2 - m1 - q*se, m2 - m1 + q*se)",
                        greater = "q <- qt(0.95, df); c(t, df, pt(t, df, lower.tail = FALSE), m2 - m1 - q*se, Inf)"))
  r <- run(setup, call)$value
  add("welchSummary", obj(
    setup = str(setup), call = str(call),
    controlSummary = obj(n = num(control[1]), mean = num(control[2]), sd = num(control[3])),
    canarySummary = obj(n = num(canary[1]), mean = num(canary[2]), sd = num(canary[3])),
    alternative = str(alternative),
    statistic = num(r[1]), parameter = num(r[2]), pValue = num(r[3]), interval = nums(r[4:5])))
}
welch_summary(c(95000, 0.0123, 0.004), c(5000, 0.0125, 0.0045), "two.sided")
welch_summary(c(95000, 0.0123, 0.004), c(5000, 0.0131, 0.0045), "greater")
welch_summary(c(1e6, 812.5, 240.1), c(1e6, 815.2, 251.7), "two.sided")

# ---- the judge's mean contrast (src/core/stats/contrast.ts: estimateMean, differenceContrast) ----
# Each arm: the mean with variance sd^2/n, so canary - control has Welch's standard error.
# Absolute margins come from t.test itself (its stderr, and its statistic against mu = the
# margin, in the worse direction); relative margins are written out.

mean_contrast <- function(data, margin, kind, worse) {
  setup <- welch_data[[data]]
  if (kind == "absolute") {
    args <- if (worse == "higher") "canary, control" else "control, canary"
    call <- sprintf("r <- t.test(%s, mu = %s, var.equal = FALSE); c(unname(r$estimate[1] - r$estimate[2]), %s, r$stderr, unname(r$statistic))",
                    args, lit(margin), lit(margin))
  } else {
    s <- if (worse == "higher") 1 else -1
    call <- sprintf(paste0("v2 <- var(canary)/length(canary); v1 <- var(control)/length(control); est <- %s*(mean(canary) - mean(control)); ",
                           "thr <- %s*mean(control); se <- sqrt(v2 + (%s)^2*v1); c(est, thr, se, (est - thr)/se)"),
                    lit(s), lit(margin), lit(s + margin))
  }
  r <- run(setup, call)$value
  add("meanContrast", obj(
    data = str(data), call = str(call),
    margin = num(margin), kind = str(kind), worse = str(worse),
    estimate = num(r[1]), threshold = num(r[2]), standardError = num(r[3]), statistic = num(r[4])))
}
mean_contrast("welch_small", 1, "absolute", "higher")
mean_contrast("welch_two_each", 0, "absolute", "higher")
mean_contrast("welch_unequal_sizes", 0.0005, "absolute", "higher")
mean_contrast("welch_unequal_sizes", 0.1, "relative", "higher")
mean_contrast("welch_extreme", 0.5, "absolute", "lower")
mean_contrast("welch_extreme", 0.05, "relative", "lower")

# ---- Wilcoxon-Mann-Whitney (canary first) --------------------------------------------------

mw_data <- list(
  mw_small_ties = dataset("mw_small_ties", "canary <- c(1, 2, 2, 3, 5, 8); control <- c(2, 2, 3, 4, 4, 6, 7, 1)"),
  mw_latencies = dataset("mw_latencies", "set.seed(3); control <- round(rlnorm(3000, log(800), 0.5), -1); canary <- round(rlnorm(500, log(830), 0.55), -1)"),
  mw_extreme = dataset("mw_extreme", "set.seed(4); control <- round(rnorm(600), 4); canary <- round(rnorm(500, 1.2), 4)"),
  mw_tiny = dataset("mw_tiny", "canary <- c(3.1, 4.2); control <- c(1.5, 2.5, 5.5)"),
  mw_with_non_finite = dataset("mw_with_non_finite", "canary <- c(1.5, NaN, 4, Inf, 2.5, 3); control <- c(1, -Inf, 2, 2.5, NA)")
)
mw <- function(data, alternative = "two.sided", mu = 0) {
  setup <- mw_data[[data]]
  call <- sprintf("wilcox.test(canary, control, alternative = %s, mu = %s, exact = FALSE, correct = TRUE)", deparse(alternative), lit(mu))
  result <- run(setup, call)
  r <- result$value
  env <- result$env
  # DeLong placements: V10 = (rank in pooled - rank within canary) / n_control, likewise V01.
  delong <- paste0("x <- canary[!is.na(canary)] - ", lit(mu), "; y <- control[!is.na(control)]; r <- rank(c(x, y)); nx <- length(x); ny <- length(y); ",
                   "v10 <- (r[seq_len(nx)] - rank(x))/ny; v01 <- 1 - (r[nx + seq_len(ny)] - rank(y))/nx; ",
                   "c(mean(v10), sqrt(var(v10)/nx + var(v01)/ny))")
  d <- eval(parse(text = delong), envir = env)
  add("mannWhitney", obj(
    data = str(data), call = str(call), delong = str(delong),
    alternative = str(alternative), mu = num(mu),
    statistic = num(unname(r$statistic)), pValue = num(r$p.value),
    superiority = num(d[1]), superioritySe = num(d[2])))
}
mw("mw_small_ties")
mw("mw_small_ties", "greater")
mw("mw_latencies")
mw("mw_latencies", "less")
mw("mw_latencies", "two.sided", 20)
mw("mw_extreme")
mw("mw_tiny")
mw("mw_with_non_finite")

# ---- quantiles: type 7 estimate, order-statistic interval, sign test against a bound --------

quantile_data <- list(
  q_latencies = dataset("q_latencies", "set.seed(5); x <- round(rlnorm(1000, log(900), 0.6))"),
  q_small = dataset("q_small", "set.seed(6); x <- round(rlnorm(50, log(900), 0.6))")
)
quant <- function(data, q, conf = 0.95) {
  setup <- quantile_data[[data]]
  call <- sprintf(paste0("n <- length(x); a <- 1 - %s; l <- qbinom(a/2, n, %s); u <- qbinom(1 - a/2, n, %s) + 1; s <- sort(x); ",
                         "c(quantile(x, %s, type = 7, names = FALSE), l, u, if (l >= 1) s[l] else -Inf, if (u <= n) s[u] else Inf)"),
                  lit(conf), lit(q), lit(q), lit(q))
  result <- run(setup, call)
  r <- result$value
  add("quantile", obj(
    data = str(data), call = str(call), q = num(q), confLevel = num(conf),
    estimate = num(r[1]), ranks = nums(r[2:3]), interval = nums(r[4:5])))
}
quant("q_latencies", 0.5)
quant("q_latencies", 0.95)
quant("q_latencies", 0.99)
quant("q_latencies", 0.999, 0.9)
quant("q_small", 0.99)
quant("q_small", 0.5)

bound <- function(data, q, b, direction) {
  setup <- quantile_data[[data]]
  call <- if (direction == "below") {
    sprintf("k <- sum(x < %s); c(k, binom.test(k, length(x), %s, alternative = \"greater\")$p.value)", lit(b), lit(q))
  } else {
    sprintf("k <- sum(x <= %s); c(k, binom.test(k, length(x), %s, alternative = \"less\")$p.value)", lit(b), lit(q))
  }
  result <- run(setup, call)
  add("quantileBound", obj(
    data = str(data), call = str(call), q = num(q), bound = num(b), direction = str(direction),
    count = num(result$value[1]), pValue = num(result$value[2])))
}
bound("q_latencies", 0.99, 3800, "below")
bound("q_latencies", 0.99, 3000, "below")
bound("q_latencies", 0.95, 2000, "above")
bound("q_latencies", 0.5, 900, "above")
bound("q_small", 0.99, 5000, "below")

# ---- the judge's quantile contrast (shareContrast): the share at or below a bound against q ----

share_contrast <- function(data, q, b, beyond) {
  setup <- quantile_data[[data]]
  est <- if (beyond == "above") sprintf("%s - k/n", lit(q)) else sprintf("k/n - %s", lit(q))
  call <- sprintf("n <- length(x); k <- sum(x <= %s); c(k/n, %s, sqrt(%s*(1 - %s)/n))", lit(b), est, lit(q), lit(q))
  r <- run(setup, call)$value
  add("shareContrast", obj(
    data = str(data), call = str(call), q = num(q), bound = num(b), beyond = str(beyond),
    share = num(r[1]), estimate = num(r[2]), standardError = num(r[3])))
}
share_contrast("q_latencies", 0.99, 3800, "above")
share_contrast("q_latencies", 0.95, 2000, "above")
share_contrast("q_latencies", 0.5, 900, "below")
share_contrast("q_small", 0.99, 5000, "above")

# ---- confidence sequences (src/core/stats/sequential.ts) --------------------------------------
# The boundary after n observations, in standard errors, with the mixture precision tuned at
# tuneN (r = c*n/tuneN, c = -2 log 0.05 + log(1 - 2 log 0.05)). `closedForm` writes out the
# formula the code uses; `mixture` finds the same boundary without it, as the z where the
# Gaussian-mixture martingale integral(exp(u*z - u^2/2) dN(0, r)(u)) reaches 1/alpha
# (two-sided: a normal mixture, Waudby-Smith et al. 2024; one-sided: the half-normal mixture,
# which the closed form of Howard et al. 2021, eq. 14, bounds from above).

seq_setup <- function(n, tuneN) sprintf("n <- %s; tuneN <- %s; c0 <- -2*log(0.05) + log(1 - 2*log(0.05)); r <- c0*n/tuneN", lit(n), lit(tuneN))
mixture_fn <- function(sides) {
  if (sides == 2) "m <- function(z) integrate(function(u) exp(u*z - u^2/2)*dnorm(u, 0, sqrt(r)), -Inf, Inf, rel.tol = 1e-12)$value"
  else "m <- function(z) integrate(function(u) exp(u*z - u^2/2)*2*dnorm(u, 0, sqrt(r)), 0, Inf, rel.tol = 1e-12)$value"
}
seq_boundary <- function(n, tuneN, alpha, sides) {
  setup <- seq_setup(n, tuneN)
  closed <- if (sides == 2) sprintf("sqrt(2*(1 + 1/r)*log(sqrt(1 + r)/%s))", lit(alpha)) else sprintf("sqrt(2*(1 + 1/r)*log(sqrt(1 + r)/(2*%s) + 1))", lit(alpha))
  mixture <- sprintf("%s; uniroot(function(z) log(m(z)) + log(%s), c(0.5, 15), tol = 1e-13)$root", mixture_fn(sides), lit(alpha))
  add("sequentialBoundary", obj(
    setup = str(setup), closedForm = str(closed), mixtureCall = str(mixture),
    n = num(n), tuneN = num(tuneN), alpha = num(alpha), sides = num(sides),
    multiplier = num(run(setup, closed)$value), mixture = num(run(setup, mixture)$value)))
}
for (sides in c(2, 1)) {
  seq_boundary(10000, 10000, 0.05, sides)
  seq_boundary(1000, 10000, 0.05, sides)
  seq_boundary(100000, 10000, 0.05, sides)
  seq_boundary(50, 14400, 0.05, sides)
  seq_boundary(5000, 8000, 0.001, sides)
  seq_boundary(300, 720, 0.2, sides)
}

# The always-valid p-value: the alpha at which the sequence reaches the threshold. Closed form
# as in the code; `mixtureP` = 1/m(z), the martingale's own p-value.
seq_p <- function(estimate, se, n, tuneN, threshold, alternative) {
  setup <- sprintf("%s; z <- %s", seq_setup(n, tuneN),
                   switch(alternative, greater = sprintf("(%s - %s)/%s", lit(estimate), lit(threshold), lit(se)),
                          less = sprintf("(%s - %s)/%s", lit(threshold), lit(estimate), lit(se)),
                          two.sided = sprintf("abs(%s - %s)/%s", lit(estimate), lit(threshold), lit(se))))
  closed <- if (alternative == "two.sided") "min(1, sqrt(1 + r)*exp(-z^2/(2*(1 + 1/r))))" else "min(1, sqrt(1 + r)/(2*expm1(z^2/(2*(1 + 1/r)))))"
  mixture <- sprintf("%s; min(1, 1/m(z))", mixture_fn(if (alternative == "two.sided") 2 else 1))
  add("alwaysValidPValue", obj(
    setup = str(setup), call = str(closed), mixtureCall = str(mixture),
    estimate = num(estimate), standardError = num(se), n = num(n), tuneN = num(tuneN), threshold = num(threshold), alternative = str(alternative),
    pValue = num(run(setup, closed)$value), mixtureP = num(run(setup, mixture)$value)))
}
seq_p(0.004, 0.001, 5000, 14400, 0, "greater")
seq_p(0.0012, 0.0009, 2000, 14400, 0.005, "less")
seq_p(-0.3, 0.1, 5000, 8000, 0, "two.sided")
seq_p(1.2, 0.5, 100, 10000, 0, "greater")
seq_p(0.02, 0.01, 40000, 10000, 0, "two.sided")

# ---- sample-ratio mismatch -----------------------------------------------------------------

srm <- function(counts, weights) {
  call <- sprintf("chisq.test(c(%s), p = c(%s) / sum(c(%s)))", paste(vapply(counts, lit, ""), collapse = ", "),
                  paste(vapply(weights, lit, ""), collapse = ", "), paste(vapply(weights, lit, ""), collapse = ", "))
  r <- run("", call)$value
  add("srm", obj(call = str(call), counts = nums(counts), weights = nums(weights),
                 statistic = num(unname(r$statistic)), parameter = num(unname(r$parameter)), pValue = num(r$p.value)))
}
srm(c(4890, 95110), c(5, 95))
srm(c(5500, 94500), c(5, 95))
srm(c(250, 260, 490), c(25, 25, 50))
srm(c(5, 12), c(1, 1))
srm(c(30100, 69900), c(30, 70))

# ---- Holm ----------------------------------------------------------------------------------

holm_case <- function(p) {
  call <- sprintf("p.adjust(c(%s), method = \"holm\")", paste(vapply(p, lit, ""), collapse = ", "))
  add("holm", obj(call = str(call), p = nums(p), adjusted = nums(run("", call)$value)))
}
holm_case(c(0.01, 0.04, 0.03, 0.005, 0.5))
holm_case(c(0.02, 0.02, 0.02))
holm_case(c(1e-30, 0.2, 0.9, 1e-12))
holm_case(c(0.3))

# ---- sample sizes ----------------------------------------------------------------------------

power_prop <- function(p1, p2, alpha, power, alternative) {
  tside <- if (alternative == "two.sided") 2 else 1
  call <- sprintf("power.prop.test(p1 = %s, p2 = %s, sig.level = %s, power = %s, alternative = %s)$n",
                  lit(p1), lit(p2), lit(alpha), lit(power), deparse(alternative))
  closed <- sprintf("((qnorm(%s, lower.tail = FALSE)*sqrt((%s + %s)*(1 - (%s + %s)/2)) + qnorm(%s)*sqrt(%s*(1 - %s) + %s*(1 - %s)))/abs(%s - %s))^2",
                    lit(alpha / tside), lit(p1), lit(p2), lit(p1), lit(p2), lit(power), lit(p1), lit(p1), lit(p2), lit(p2), lit(p1), lit(p2))
  add("powerProportion", obj(call = str(call), closedForm = str(closed), baseline = num(p1), margin = num(p2 - p1), alpha = num(alpha),
                             power = num(power), sides = num(tside), n = num(run("", call)$value), nClosedForm = num(eval(parse(text = closed)))))
}
power_prop(0.01, 0.015, 0.05, 0.8, "two.sided")
power_prop(0.2, 0.22, 0.05, 0.9, "two.sided")
power_prop(0.01, 0.015, 0.05, 0.8, "one.sided")

power_mean <- function(delta, sd, alpha, power, alternative) {
  tside <- if (alternative == "two.sided") 2 else 1
  call <- sprintf("power.t.test(delta = %s, sd = %s, sig.level = %s, power = %s, alternative = %s)$n", lit(delta), lit(sd), lit(alpha), lit(power), deparse(alternative))
  closed <- sprintf("2*(qnorm(%s, lower.tail = FALSE) + qnorm(%s))^2*%s^2/%s^2", lit(alpha / tside), lit(power), lit(sd), lit(delta))
  add("powerMean", obj(call = str(call), closedForm = str(closed), margin = num(delta), sd = num(sd), alpha = num(alpha), power = num(power),
                       sides = num(tside), n = num(run("", call)$value), nClosedForm = num(eval(parse(text = closed)))))
}
power_mean(0.1, 1, 0.05, 0.8, "two.sided")
power_mean(0.002, 0.0045, 0.05, 0.8, "two.sided")
power_mean(25, 240, 0.01, 0.9, "one.sided")

# ---- output --------------------------------------------------------------------------------

cat("{\n")
cat(sprintf('  "r": %s,\n', str(R.version.string)))
cat(sprintf('  "generatedBy": %s,\n', str("Rscript scripts/r/reference.R > test/fixtures/r/reference.json")))
cat(sprintf('  "datasets": {\n    %s\n  },\n', paste(sprintf("%s: %s", vapply(names(datasets), str, ""), unlist(datasets)), collapse = ",\n    ")))
section_names <- names(sections)
for (i in seq_along(section_names)) {
  cases <- sections[[section_names[i]]]
  cat(sprintf('  %s: [\n    %s\n  ]%s\n', str(section_names[i]), paste(cases, collapse = ",\n    "), if (i < length(section_names)) "," else ""))
}
cat("}\n")
