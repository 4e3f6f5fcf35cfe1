-- Quantiles of the total demand over the first d days of a forecast (d = 1..horizon), computed by
-- the engine with the errors shared between days (a wrong level is wrong every day), so lead-time
-- demand is not the sum of daily bands. JSON {"p10":[…],"p50":[…],"p90":[…]}; NULL for forecasts
-- that carry none (calendar-driven products, rows written before this column).
ALTER TABLE forecasts ADD COLUMN totals TEXT CHECK (totals IS NULL OR (json_valid(totals) AND json_type(totals) = 'object'));
