// sharecast: seeded Monte Carlo projections of provider revenues and market shares.

// Scenarios
export { defineScenario, scenarioAt, scenarioDefinition, type ScenarioFactory, type FactoryOptions, type ScenarioActual, type ScenarioDefinition, type ScenarioTuning, type RebuildOptions } from "./scenario/defineScenario.ts";
export { knownAt, type Known, type KnownRead, type KnownOptions } from "./data/known.ts";
export { validateScenario, scenarioIssues } from "./scenario/validate.ts";
export { InputError, formatIssue, formatPath, type InputIssue } from "./core/issues.ts";
export { scenarioHash } from "./scenario/hash.ts";
export { DEFAULT_PATHS, DEFAULT_SEED, DEFAULT_QUANTILES } from "./scenario/defaults.ts";
export type {
  Scenario,
  ScenarioInput,
  Provider,
  Model,
  EventSpec,
  BenchmarkSpec,
  Metric,
} from "./scenario/schema.ts";

// Running
export { runScenario, runPrepared, chunkPlan, buildResult, type RunOptions, type RunHooks } from "./engine/run.ts";
export { prepare, PreparedRun, preparedIssues, type RunSettings } from "./engine/prepare.ts";
export { compileScenario, type CompiledScenario } from "./engine/compile.ts";
export { ChunkSimulator } from "./engine/kernel.ts";
export { CHUNK_SIZE, type ChunkValues, type MetricName } from "./samples/layout.ts";
export { SampleStore } from "./samples/store.ts";
export { reconcileShares } from "./engine/reconcile.ts";

// Results
export { Result, setResultDisplay, type ResultDisplay, type ResultDocument, type ResultMeta } from "./samples/result.ts";
export type { SummaryRow, EventResult, PassageTime, BenchmarkResult } from "./samples/summaries.ts";

// Records, charts, reports and notebook display
export { sampleRecords, recordsToCsv, recordsToJson, type SampleRecord, type SampleFilter } from "./samples/records.ts";
export { rowsToCsv } from "./report/csv.ts";
export { formatTable } from "./report/table.ts";
export { PROVIDER_PALETTE, OTHERS_COLOUR, providerColourScale, type ChartSpec, type ChartOptions, type ProviderNames } from "./report/charts/chartSpec.ts";
export { fanChartSpec, providerFanSpec, type FanChartOptions, type ProviderFanOptions, type HistoryPoint } from "./report/charts/fanChart.ts";
export { stackedSharesSpec, type StackedSharesOptions } from "./report/charts/stackedSharesChart.ts";
export { histogramSpec, type HistogramOptions } from "./report/charts/histogramChart.ts";
export { tornadoSpec, sobolSpec, type SensitivitySummary, type InputSensitivity, type SensitivityChartOptions } from "./report/charts/sensitivityCharts.ts";
export { backtestSpec, type BacktestSeries, type BacktestPoint, type BacktestChartOptions } from "./report/charts/backtestChart.ts";
export { scenarioHistory } from "./report/charts/scenarioHistory.ts";
export { chartFromSelector, CHART_SELECTORS } from "./report/charts/chartSelector.ts";
export { chartToSvg, chartToSvgSync, loadChartRenderer, type SvgOptions } from "./report/charts/chartToSvg.ts";
export { reportCharts, type ReportOptions, type ReportChart } from "./report/charts/chartRegistry.ts";
export { reportHtml } from "./report/html.ts";
export { resultMimeBundle, showChart, type DisplayableChart } from "./report/display.ts";
export { JUPYTER_DISPLAY, type MimeBundle } from "./samples/jupyter.ts";
// Notebook display of tables, charts and analyses (issue 16)
export { chartMimeBundle, VEGA_LITE_MIME } from "./report/display.ts";
export { showTable, recordsTables, type DisplayableTable, type TableDisplayOptions } from "./report/displayTable.ts";
export { showSweep, showComparison, showSensitivity, showBacktest, type DisplayableAnalysis } from "./report/displayAnalyses.ts";
export { sweepChartSpec, type SweepChartOptions } from "./report/charts/sweepChart.ts";
export { sweepChartData, type SweepChartData, type SweepLevelRow, type SweepStepRow } from "./report/charts/sweepChartData.ts";

// Exploring, uncertainty and benchmarking
export { sweep } from "./explore/sweep.ts";
export { solve } from "./explore/solve.ts";
export { compareScenarios } from "./explore/compare.ts";
export { sensitivity } from "./engine/sensitivity.ts";
export { attribute } from "./engine/attribution.ts";
export { runToTarget, withStandardErrors } from "./engine/convergence.ts";
export { runBacktest } from "./backtest/backtest.ts";
export { backtestChartData } from "./report/charts/backtestChartData.ts";
export { sensitivitySummary } from "./report/charts/sensitivitySummary.ts";
export { mape, smape, mase, naiveScale, pinballLoss, meanPinballLoss, crpsFromSamples, crpsNormal, coverage } from "./stats/scores.ts";

// Curves and fitting
export { curves } from "./curves/curves.ts";
export { fitCurve, type FitResult } from "./curves/fit.ts";

// Randomness and distributions
export { createStream, RNG_NAME, type RandomStream } from "./random/stream.ts";
export { makeDistribution } from "./random/distributions.ts";
export type { Distribution } from "./random/distribution.ts";
export type { DistributionSpec, Param } from "./random/spec.ts";

// Statistics
export { quantiles, quantilesSorted } from "./stats/quantile.ts";
export { quantileName } from "./samples/summaries.ts";

// Calendar
export { parseQuarter, formatQuarter } from "./calendar/quarter.ts";

// Calibrated uncertainty: pooling, observation, scenario backtests
export { pooledPrior, unassignedShareRange, type MeanSd, type PoolingWeight, type PooledPrior } from "./models/pooling.ts";
export { observeSamples, observedLogMoments, sigmaFromSourceGaps, checkObservation, type ObservationSpec, type ObservationInput, type SourcePair } from "./models/observation.ts";
export { ObservedStore, scenarioEvents, scenarioBenchmarks } from "./engine/observedStore.ts";

// Provenance and formulas: where every number comes from (docs/assumptions.md)
export { cited, provenanceOf, type CitedParam, type ScenarioProvenance } from "./scenario/provenance.ts";
export { assumptionsOf } from "./engine/assumptions.ts";
export { hasFormulas, resolveFormulas, type FormulaOptions } from "./scenario/formulas.ts";
export type { Assumption, Provenance } from "./samples/assumption.ts";

// Competition groups: providers simulated together (docs/competition.md)
export { competitionTable, type CompetitionKind } from "./models/competition/competitionTable.ts";
export type { MemberModel } from "./scenario/schema.ts";

export { VERSION } from "./core/version.ts";

// Fiscal calendars, currencies and conditioning on actuals
export { fiscalCalendar, fiscalToQuarter, quarterToFiscal, fiscalYearQuarters, alibabaFiscalCalendar, microsoftFiscalCalendar, type FiscalCalendar, type FiscalQuarter } from "./calendar/fiscal.ts";
export { calendarQuarterValue, fiscalYearOf } from "./scenario/fiscalFixtures.ts";
export type { ActualSpec, ConditionSpec, ConditionMethod } from "./scenario/conditionSchema.ts";
export type { OutputsSpec, ProviderFiscalYear } from "./scenario/outputsSchema.ts";
export type { ConditionMeta } from "./samples/result.ts";
export type { RowMetric } from "./samples/summaries.ts";
export { conditionSample, importanceWeights, systematicResample, type ConditionedSample } from "./engine/condition.ts";
export { weightedQuantiles, weightedSummary, effectiveSampleSize } from "./stats/weightedQuantile.ts";
