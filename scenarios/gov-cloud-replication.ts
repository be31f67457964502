/**
 * gov-cloud-replication: can Tencent Cloud overtake Alibaba Cloud in China's government cloud by replicating
 * benchmark projects city by city, and what is each step of its replication capability worth?
 *
 * Question. The seed article 决战政务云 (2020-03-19) asks whether Tencent, winning government cloud ("政务云")
 * city by city with copied benchmark projects (WeCity: Changsha's City Super Brain, Chengdu's Smart Greenway,
 * One Phone Tour Yunnan...), can pass Alibaba, whose City Brain runs in more than ten cities. Answers: P(Tencent's
 * government-cloud revenue passes Alibaba's in some quarter by 2022 / by 2025); the share points of the
 * government-cloud market per step of Tencent's replication capability (a sweep on common random numbers, with
 * paired differences):
 *   sharecast sweep scenarios/gov-cloud-replication.ts --vary providers.tencent.model.services.capability.start=1,1.5,2,2.5 \
 *     --output share:tencent:2022,share:tencent:2025,share:tencent:2025:services
 * and, in the companion scenario gov-cloud-cities (the same draws, counting awards), when each first wins a
 * given number of cities.
 *
 * Market definition. China's government cloud as e-gov.org.cn sizes it (RMB bn, hardware and services; source
 * and definition not named), in the article's two segments: infrastructure (cloud platforms, where the article
 * says Alibaba leads) and services and applications (city brains, e-government apps, where it says Tencent
 * leads). Shares are of that market; `others` is everyone else. Neither company reports government-cloud
 * revenue: both are estimates built from tender awards.
 *
 * Data (fixtures/, each through `known`; most published in the seed article of 2020-03-19, so the as-of date is
 * 2020-03-31, the end of that quarter):
 * - Market: 29.26 bn in 2017 and a 2021 forecast of 81.32 bn (e-gov.org.cn, 2019-05-28). CAICT (2018 white
 *   paper, quoted by the seed): China's whole cloud market 185.8 bn in 2021, government cloud 81.3 bn of it
 *   (43.8%): the same forecast as e-gov.org.cn's, not a second one; CAICT's 2018 whole-market size 96.28 bn.
 *   The "CAICT 2021" figures are this 2018 forecast for 2021; CAICT's own 2021 actuals were published
 *   long after the as-of date and are not in ../shared/data, so they are not used. iResearch's 2019 size (52.77
 *   bn) was published in June 2020, after the as-of date: not used.
 * - Bottom-up: a third-tier city's basic government cloud costs at least RMB 30-40 m a year, about 1000 such
 *   cities (30-40 bn a year, 37%-49% of the 2021 forecast); more than 500 cities plan a "city brain".
 * - Tencent: 2018 97 projects, RMB 0.797 bn of contracts, 28 provinces; 2019 151 projects, RMB 2.6 bn; awards of
 *   2019: Digital Guiyang 0.10, Chengdu Smart Greenway 0.87 (a consortium's total; 0.874 in 决战政务云), Changsha
 *   City Super Brain 0.52, One Phone Tour Yunnan 0.298, Guangdong provincial informatization 1.045 (RMB bn);
 *   government business up 25-fold in three years (a check, not an input: 25^(1/3) = 2.9x a year, against the
 *   3.3x of its signings from 2018 to 2019 and 1.56x of its project count).
 * - Alibaba: City Brain live in more than ten cities. Chongqing's e-government cloud tender (Oct 2019) had four
 *   winners. Zhejiang "run at most once" survey: 39.1% know the reform, 31.5% heard of it.
 * - The data name no other government-cloud bidder (Huawei, China Telecom... appear only in whole-market
 *   shares), so the other bidders are one outside weight, not named providers.
 *
 * Model (scenarios/shared/govCloud.ts builds it; kind `tenders`, docs/competition.md). Two competition groups,
 * one per segment, each a stochastic tender process shared by Alibaba and Tencent:
 * - City pools: services 500 (the city-brain cities), infrastructure 1000 (the third-tier cities). Each city
 *   ever tenders with probability uniform between 39.1% and 70.6% (those who know the reform / at least heard
 *   of it); its tender quarter follows Bass with p = 0.03, q = 0.38 a year (the mean coefficients of Sultan,
 *   Farley & Lehmann, J. Marketing Research 27(1), 1990; the sources give no adoption curve).
 * - Co-winners per tender: 1 to 4 equally likely (Chongqing's four the most observed; one tender cannot say more).
 * - Seats: weight capability x (1 + referenceWeight x references). The segment's leader by the article
 *   (Alibaba in infrastructure, Tencent in services) has capability uniform(1, 2), the other 1; no source
 *   quantifies the lead. References at the start: Tencent 5 in services (its five named awards), Alibaba 10
 *   in infrastructure (its live City Brains: a platform, where it leads); referenceWeight uniform(0, 0.1) a city
 *   (no source). The outside bidders' weight is calibrated: Tencent's expected signings in 2020 equal its 2019
 *   signings (RMB 2.6 bn), by the one-seat approximation (each of a tender's 2.5 expected seats goes to Tencent
 *   with probability w / (outside + weights)); it comes out at 10.6, so Tencent wins about one seat in
 *   seven in services.
 * - Award values, drawn per award: services lognormal fitted to Tencent's five awards (mean of logs drawn per
 *   path with its standard error sd / sqrt(5)); infrastructure lognormal with 90% interval RMB 30 m (one year
 *   at the low budget) to 200 m (five years at the high one). Revenue recognised evenly over the contract's
 *   life from the quarter after the award: services uniform 4 to 20 quarters (one budget year to one five-year
 *   plan; the sources give no term), infrastructure 12 (three years, the middle of one to five).
 * - Backlogs at the base quarter: Tencent's 2019 signings in services; Alibaba's ten City Brains at the mean
 *   services award (RMB 6.7 bn) in infrastructure, so Alibaba leads at the start, as the article has it.
 * - Market total: the 2019 size on e-gov.org.cn's path (48.8 bn), growing from 2019 at a rate uniform between
 *   CAICT's whole-market pace 2018-2021 (24.5% a year) and e-gov.org.cn's 2017-2021 pace (29.1%); split with
 *   infrastructure's part uniform between the bottom-up's 37% and 49% (rank correlations keep the segments
 *   summing to the total and growing together).
 *
 * As of another date: a factory of its as-of date, every figure through `known`; before 2020-03-19 (the seed
 * article) it refuses to be built.
 *
 * Backtest: none scorable. No fixture measures Tencent's or Alibaba's government-cloud revenue after the as-of
 * date; nothing calibrated (the outside bidders' weight is fitted to Tencent's 2019 signings, an input).
 */
import { defineScenario } from "../src/index.ts";
import { buildGovCloud } from "./shared/govCloud.ts";

export default defineScenario((asOf, known) => buildGovCloud(asOf, known, "revenue"), { asOf: "2020-03-31" });
