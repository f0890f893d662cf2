/** How a motion is baked into keys, and the defaults (bake-motion.ts bakes; the CLI's help names them). */
export interface BakeOptions {
  /** Drop keys linear interpolation reproduces (default true). */
  reduce?: boolean;
  /** Rotation tolerance, degrees (default 0.05). */
  maxErrorDeg?: number;
  /** Translation tolerance, cm (default 0.01). */
  maxErrorCm?: number;
  /**
   * Key only the channels the motion drives (default false: every rotate and translate channel
   * of every bone of the rig is keyed, at rest when the motion does not drive it, so that loading
   * the result onto a posed figure gives the same pose as onto a figure at rest).
   */
  onlyDriven?: boolean;
}

export const BAKE_DEFAULTS: Required<BakeOptions> = {
  reduce: true,
  maxErrorDeg: 0.05,
  maxErrorCm: 0.01,
  onlyDriven: false,
};
