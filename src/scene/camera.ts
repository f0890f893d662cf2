/** A perspective camera with DAZ's lens values. */
export interface Camera {
  name: string;
  node: number;
  focalLengthMm: number;
  /** Film width, mm (horizontal, per DAZ's API). */
  frameWidthMm: number;
  /** Width / height. */
  aspectRatio: number;
  nearCm: number;
  farCm: number;
  focalDistanceCm: number;
  fStop: number;
  depthOfField: boolean;
  /** Horizontal field of view as DAZ reports it, radians. */
  horizontalFovRad: number;
}
