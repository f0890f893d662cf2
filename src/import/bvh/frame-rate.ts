/**
 * The frame rate a BVH file means, from the `Frame Time:` it prints.
 *
 * Exporters print the frame time rounded: CMU writes `0.0083333` for 1/120 s, which is
 * 120.00048 fps if taken literally; that rate then lands in every output (USD time codes, glTF
 * key times, DAZ's time step) as an ugly, slowly drifting number. The rate the exporter meant is
 * evident: {@link snapFrameRate} returns it when `1 / frameTime` lies within
 * {@link FRAME_RATE_SNAP_TOLERANCE} of a whole number or of an NTSC rate, and the exact
 * reciprocal otherwise.
 */

/**
 * Largest relative distance between `1 / frameTime` and a nominal rate that still snaps.
 *
 * Why 1e-4: a frame time printed with d significant digits is off by at most half a unit in the
 * last digit, a relative error of at most 5·10^-d (mantissa 1.000…). Writers print 5 to 7
 * significant digits (`0.0083333`, `0.033333`, `0.0333333`, `0.041667`), so they are off by at
 * most 5e-5; 1e-4 leaves a factor 2. It also stays 5× below half the gap between two rates it
 * could confuse: 30 and 29.97 (24/23.976, 60/59.94) are 1e-3 apart, so a printed 29.97 fps never
 * snaps to 30. A frame time printed with only 3–4 significant digits (`0.0417`: 1/24 or 1001/24000
 * both print so) cannot tell the two apart, and stays as printed (23.98 fps).
 */
export const FRAME_RATE_SNAP_TOLERANCE = 1e-4;

/**
 * Above this, whole numbers are less than 2 × tolerance apart in relative terms, so any rate
 * would be "near" one; such rates are kept exact (no capture system runs that fast anyway).
 */
const MAX_WHOLE_RATE = 1 / (2 * FRAME_RATE_SNAP_TOLERANCE);

/** Video-derived rates: n × 1000/1001 for the usual whole rates (23.976, 29.97, 47.952, 59.94, …). */
const NTSC_RATES: readonly number[] = [24, 30, 48, 60, 120, 240].map((n) => (n * 1000) / 1001);

/**
 * Frames per second for a frame time in seconds: the nominal rate the file evidently means
 * (whole, or NTSC's n·1000/1001) when within {@link FRAME_RATE_SNAP_TOLERANCE}, else
 * `1 / frameTime` exactly; 0 for a frame time of 0 (rate unknown).
 *
 * ```ts
 * snapFrameRate(0.0083333); // 120
 * snapFrameRate(0.0333667); // 29.97002997… (30000/1001)
 * snapFrameRate(0.0123);    // 81.3008… (kept)
 * ```
 */
export function snapFrameRate(frameTime: number): number {
  if (!(frameTime > 0)) return 0;
  const exact = 1 / frameTime;
  const near = (nominal: number) => Math.abs(exact - nominal) <= nominal * FRAME_RATE_SNAP_TOLERANCE;
  const whole = Math.round(exact);
  if (whole >= 1 && whole <= MAX_WHOLE_RATE && near(whole)) return whole;
  for (const ntsc of NTSC_RATES) if (near(ntsc)) return ntsc;
  return exact;
}
