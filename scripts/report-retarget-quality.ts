/**
 * `npm run report:retarget [-- --real | --synthetic] [--json]`: how good a retarget is, in
 * degrees and centimetres, on the real captures in fixtures/bvh and on the synthetic captures
 * (every naming family × joint-frame style), onto Genesis 9 and Genesis 8 Female, retargeted with
 * the defaults. Measured by test/import/retarget/quality (the figure posed by its own gl-matrix
 * kinematics and skinned mannequin soles, the capture read by three.js), the numbers the README
 * quotes and the acceptance tests hold to issue 12's bars. Not a test: it prints and exits 0.
 *
 * Columns: limb / torso / pelvis direction errors (mean and p95, degrees); floor: the lowest foot
 * point's median minus the figure's standing foot height and the lowest over the clip (cm);
 * skating ratio of the figure and of the capture; p95 speed of the figure's feet where the
 * capture's are planted (m/s); the bars missed.
 */
import { ACCEPTANCE_BARS, missedBars } from '../test/import/retarget/quality/acceptance-bars.js';
import {
  measureRetarget,
  type QualityInput,
  type QualityReport,
} from '../test/import/retarget/quality/measure-retarget.js';
import { REAL_CAPTURES, readRealCapture } from '../test/import/retarget/quality/real-captures.js';
import { syntheticCapture, truthTrack } from '../test/import/retarget/quality/synthetic/synthetic-capture.js';
import { SYNTHETIC_CASES } from '../test/import/retarget/quality/synthetic/synthetic-cases.js';

const FIGURES = ['genesis9', 'genesis8female'] as const;
const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => !['--real', '--synthetic', '--json'].includes(a));
if (unknown.length) {
  process.stderr.write(`unknown option(s): ${unknown.join(' ')}; options: --real, --synthetic, --json\n`);
  process.exit(1);
}
const wantReal = args.has('--real') || !args.has('--synthetic');
const wantSynthetic = args.has('--synthetic') || !args.has('--real');

const inputs: QualityInput[] = [];
/** Synthetic captures written with bone-along-X joint frames carry no rest pose (acceptance-bars.ts). */
const withoutRest = new Set<string>();
if (wantReal)
  for (const c of REAL_CAPTURES) inputs.push({ name: c.file, bvhText: readRealCapture(c), labels: c.labels });
if (wantSynthetic)
  for (const c of SYNTHETIC_CASES) {
    const capture = syntheticCapture(c);
    if (c.style === 'bone-x') withoutRest.add(capture.name.replace(/-30fps$/, ''));
    inputs.push({
      name: capture.name.replace(/-30fps$/, ''),
      bvhText: capture.text,
      labels: capture.labels,
      truth: { track: (scale) => truthTrack(capture, scale), fileToDaz: capture.fileToDaz },
    });
  }

const rows: { report: QualityReport; missed: string[] }[] = [];
for (const input of inputs)
  for (const figure of FIGURES) {
    const report = measureRetarget(input, { figure, directionFrames: 240 });
    rows.push({ report, missed: missedBars(report, { restInFile: !withoutRest.has(input.name) }) });
  }

if (args.has('--json')) {
  const plain = rows.map(({ report, missed }) => ({
    clip: report.clip,
    figure: report.figure,
    frames: report.frames,
    directions: report.directions.groups,
    perDirection: report.directions.perDirection.map((d) => ({
      label: d.label,
      meanDeg: d.degrees.reduce((a, b) => a + b, 0) / Math.max(1, d.degrees.length),
      maxDeg: Math.max(...d.degrees),
    })),
    missingDirections: report.directions.missing,
    sourceFrameErrorDeg: report.sourceFrameErrorDeg,
    floor: report.floor,
    skating: report.skating,
    plantedSlide: report.plantedSlide,
    rootScale: report.rootScale,
    sizeScale: report.sizeScale,
    missed,
  }));
  process.stdout.write(`${JSON.stringify({ bars: ACCEPTANCE_BARS, results: plain }, null, 2)}\n`);
} else {
  const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const pair = (s: { mean: number; p95: number }) => `${f(s.mean)} / ${f(s.p95)}`;
  process.stdout.write(
    `| clip | figure | limbs ° mean / p95 | torso ° | pelvis ° | floor cm median / worst | skating figure / capture | planted slide p95 m/s | bars missed |\n|---|---|---|---|---|---|---|---|---|\n`,
  );
  for (const { report: r, missed } of rows) {
    const g = r.directions.groups;
    const floor = `${f(r.floor.median - r.floor.standing)} / ${f(r.floor.worst)}`;
    const skate = `${f(r.skating.figure.ratio, 3)} / ${f(r.skating.capture.ratio, 3)}`;
    process.stdout.write(
      `| ${r.clip} | ${r.figure} | ${pair(g.limbs)} | ${pair(g.torso)} | ${pair(g.pelvis)} | ${floor} | ${skate} | ${f(r.plantedSlide.p95)} | ${missed.length ? missed.join('; ') : '—'} |\n`,
    );
  }
  const failing = rows.filter((r) => r.missed.length).length;
  process.stdout.write(`\n${rows.length - failing} of ${rows.length} retargets meet every bar.\n`);
}
