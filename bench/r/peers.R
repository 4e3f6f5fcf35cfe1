# The R forecast peers of ../shared/data/forecast/peers.md, run on one chunk of series (bench/forecast-r.ts
# drives it; R forecast 8.20 from Debian's r-cran-forecast).
#
#   Rscript bench/r/peers.R SERIES.csv META.csv OUT_PREFIX METHODS TIMEOUT_S
#
# SERIES.csv: series_id,t,y (t ascending per series, the training part only); META.csv:
# series_id,frequency,horizon[,kind]; METHODS: comma list of ets,arima,theta,snaive.
# Protocol exactly as peers.md: y <- ts(y, frequency = meta frequency); ets = forecast(ets(y), h, level = 80),
# arima = forecast(auto.arima(y), h, level = 80), theta = thetaf(y, h, level = 80), snaive = snaive(y, h, level = 80);
# P50 = the point forecast (mean), P10 / P90 = the 80 % interval's bounds, all clipped at 0.
# ms = elapsed time of fit + forecast of one series inside R (start-up and CSV I/O excluded).
# Each fit runs under a TIMEOUT_S time-out (auto.arima in a forked child, parallel::mcparallel, killed then; the others
# under setTimeLimit), errors caught: one failure or hang loses one series, not the run.
# Writes OUT_PREFIX.forecasts.csv (method,series_id,h,p10,p50,p90) and OUT_PREFIX.timings.csv
# (method,series_id,ms,ok,error).
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 5) stop("usage: peers.R SERIES.csv META.csv OUT_PREFIX METHODS TIMEOUT_S")
series <- read.csv(args[1], colClasses = c("character", "numeric", "numeric"))
meta <- read.csv(args[2], colClasses = "character")
prefix <- args[3]
methods <- strsplit(args[4], ",")[[1]]
timeout <- as.numeric(args[5])
# Fitted in a forked child killed at the time-out (see below); the others in this process.
forked <- c("arima")

fitters <- list(
  ets = function(y, h) forecast(ets(y), h = h, level = 80),
  arima = function(y, h) forecast(auto.arima(y), h = h, level = 80),
  theta = function(y, h) thetaf(y, h = h, level = 80),
  snaive = function(y, h) snaive(y, h = h, level = 80)
)
unknown <- setdiff(methods, names(fitters))
if (length(unknown)) stop(paste("unknown method(s):", paste(unknown, collapse = ",")))

by_id <- split(series, series$series_id)
fc_file <- file(paste0(prefix, ".forecasts.csv"), "w")
tm_file <- file(paste0(prefix, ".timings.csv"), "w")
writeLines("method,series_id,h,p10,p50,p90", fc_file)
writeLines("method,series_id,ms,ok,error", tm_file)
for (i in seq_len(nrow(meta))) {
  id <- meta$series_id[i]
  d <- by_id[[id]]
  if (is.null(d)) stop(paste("no rows for series", id))
  d <- d[order(d$t), ]
  freq <- as.numeric(meta$frequency[i])
  h <- as.integer(meta$horizon[i])
  y <- ts(d$y, frequency = freq)
  for (m in methods) {
    fit <- function() {
      started <- proc.time()[["elapsed"]]
      fc <- suppressWarnings(fitters[[m]](y, h))
      list(mean = as.numeric(fc$mean), lower = as.numeric(fc$lower[, 1]), upper = as.numeric(fc$upper[, 1]),
           ms = (proc.time()[["elapsed"]] - started) * 1000)
    }
    err <- ""
    if (m %in% forked) {
      # In a forked child killed at the time-out: setTimeLimit cannot stop auto.arima's C code (a weekly
      # series ran 184 s past a 120 s limit). ms is timed inside the child (it includes the child's
      # copy-on-write page faults, tens of ms).
      job <- parallel::mcparallel(fit(), silent = TRUE)
      res <- parallel::mccollect(job, wait = FALSE, timeout = timeout)
      if (is.null(res)) {
        tools::pskill(job$pid, tools::SIGKILL)
        suppressWarnings(parallel::mccollect(job, wait = TRUE))
        fc <- NULL
        ms <- timeout * 1000
        err <- sprintf("time-out after %g s", timeout)
      } else fc <- res[[1]]
    } else {
      # In this process, under an elapsed-time limit (R code: it is checked).
      fc <- tryCatch({
        setTimeLimit(elapsed = timeout, transient = TRUE)
        fit()
      }, error = function(e) structure(conditionMessage(e), class = "try-error", condition = e))
      setTimeLimit(elapsed = Inf)
    }
    if (inherits(fc, "try-error")) {
      err <- gsub("[\r\n,\"]", " ", as.character(attr(fc, "condition")$message))
      fc <- NULL
    }
    if (!is.null(fc)) ms <- fc$ms else if (err != "" && !startsWith(err, "time-out")) ms <- NA
    ok <- !is.null(fc)
    if (ok) {
      p50 <- pmax(0, as.numeric(fc$mean))
      lo <- pmax(0, fc$lower)
      hi <- pmax(0, fc$upper)
      if (length(p50) != h || any(!is.finite(c(p50, lo, hi)))) {
        ok <- FALSE
        err <- "non-finite or short forecast"
      } else {
        writeLines(sprintf("%s,%s,%d,%.10g,%.10g,%.10g", m, id, seq_len(h), lo, p50, hi), fc_file)
      }
    }
    writeLines(sprintf("%s,%s,%.3f,%d,%s", m, id, ms, as.integer(ok), err), tm_file)
  }
  flush(fc_file)
  flush(tm_file)
}
close(fc_file)
close(tm_file)
