import { defineModule } from '@core/module.js';
import { forecastHandlers } from './handlers.js';
import { startForecastSchedule } from './schedule.js';
import { stopCalibrationRefresh } from './catalogCalibration.js';

/** Demand forecasts, reorder advice and the background schedule that keeps them current. */
export const forecastModule = defineModule({
  name: 'forecast',
  handlers: forecastHandlers,
  start: ({ ctx }) => {
    const stopSchedule = startForecastSchedule(ctx);
    return () => {
      stopSchedule();
      // A lead-time calibration refresh left running after a run: its worker would outlive the core.
      stopCalibrationRefresh(ctx);
    };
  },
});

export { runForecast } from './job.js';
export { parseMetaCsv, parseSeriesCsv, parseDatesCsv, seriesStartDay, formatForecastCsv } from './seriesCsv.js';
export { roundToSupplierTerms } from './replenishment.js';
export { forecastReorderPoints } from './advice.js';
export { boothPaperForecast } from './boothPaper.js';
export { evaluateStockoutRisks } from './stockRisk.js';
