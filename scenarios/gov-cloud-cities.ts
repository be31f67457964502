/**
 * gov-cloud-cities: when does each of Alibaba Cloud and Tencent Cloud first win a given number of
 * government-cloud tenders?
 *
 * The government-cloud competition of gov-cloud-replication (its header states the question, the data and
 * every assumption; scenarios/shared/govCloud.ts builds both), with each provider's series counting its
 * cumulative awards instead of revenue (`measure: "citiesWon"`): the "revenue" metric here is a number of
 * awards (unit: cities), and shares are shares of the two providers' awards. The tender draws are the same as
 * gov-cloud-replication's at the same seed (same streams), so the two scenarios describe the same paths.
 * Events: Tencent and Alibaba reaching 25 and 50 services awards (of the 500 city-brain cities) and 50 and 100
 * infrastructure awards (of the ~1000 third-tier cities) by 2025Q4, with the quarter each is first reached.
 *
 * As of another date: a factory of its as-of date, as gov-cloud-replication.
 *
 * Backtest: none scorable. No fixture counts tender awards after the as-of date; nothing calibrated.
 */
import { defineScenario } from "../src/index.ts";
import { buildGovCloud } from "./shared/govCloud.ts";

export default defineScenario((asOf, known) => buildGovCloud(asOf, known, "citiesWon"), { asOf: "2020-03-31" });
