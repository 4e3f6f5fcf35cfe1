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
# Each fit runs under tryCatch with an elapsed-time limit, so one failure or hang loses one series, not the run.
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
    started <- proc.time()[["elapsed"]]
    err <- ""
    fc <- tryCatch({
      setTimeLimit(elapsed = timeout, transient = TRUE)
      suppressWarnings(fitters[[m]](y, h))
    }, error = function(e) {
      err <<- gsub("[\r\n,\"]", " ", conditionMessage(e))
      NULL
    })
    setTimeLimit(elapsed = Inf)
    ms <- (proc.time()[["elapsed"]] - started) * 1000
    ok <- !is.null(fc)
    if (ok) {
      p50 <- pmax(0, as.numeric(fc$mean))
      lo <- pmax(0, as.numeric(fc$lower[, 1]))
      hi <- pmax(0, as.numeric(fc$upper[, 1]))
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
