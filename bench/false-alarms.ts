// Decision 0003's peek-safety table, measured on the functions the judge decides with:
//   npm run bench:false-alarms [-- sequences]
// Null data (both arms equal), 288 looks (one every five minutes for a day), alpha 0.05.
import { gaussianFalseAlarms, rateFalseAlarms, type FalseAlarmRates } from '../test/support/peek-simulation.js';

const sequences = Number(process.argv[2] ?? 2000);
const opts = { sequences, looks: 288, alpha: 0.05 };
const percent = (x: number | undefined) => (x === undefined ? '–' : `${(100 * x).toFixed(1)} %`);
const claims = (r: { fail: number; pass: number; any: number } | undefined) => (r ? `${percent(r.fail)} / ${percent(r.pass)} / ${percent(r.any)}` : '–');
const row = (name: string, r: FalseAlarmRates) =>
  `| ${name} | ${claims({ fail: r.judgeFail, pass: r.judgePass, any: r.judgeAny })} | ${percent(r.repeatedZFail)} / ${percent(r.repeatedZAny)} | ${claims(r.wald)} | ${claims(r.halfShrunk)} |`;

console.log(`${sequences} null sequences of ${opts.looks} looks, alpha ${opts.alpha}: share of sequences with a false claim at some look`);
console.log('Rates: the judge tests Agresti–Caffo arms, (x + 1)/(n + 2) on n + 2 trials. Judge cells: false fail (shown worse) / false pass at margin 0 (shown no worse: the true effect is on the edge of the null) / either. Repeated z: one-sided / two-sided.');
console.log('| data | judge (confidence sequence) | repeated z-tests | judge on Wald rates | judge on x/n with (x + ½)/(n + 1) variance (before) |');
console.log('|---|---|---|---|---|');
console.log(row('Gaussian, 50 per arm per look', gaussianFalseAlarms({ ...opts, seed: 20240601 })));
console.log(row('1 % errors, 5/95 split, 1000 requests per look', rateFalseAlarms({ ...opts, seed: 7 })));
