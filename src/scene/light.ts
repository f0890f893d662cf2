/** A light with DAZ's channel values (conversion to physical units is the writers' job). */
export interface Light {
  name: string;
  node: number;
  kind: 'distant' | 'spot' | 'point';
  /** The "Color" channel, 0..1 per component, as DAZ stores it. */
  color: [number, number, number];
  /** The "Intensity" channel (1 = 100 %). */
  intensity: number;
  /** Luminous flux, lm (photometric lights). */
  fluxLm: number;
  photometric: boolean;
  on: boolean;
  /** Spot: full cone angle, degrees. */
  spreadAngleDeg?: number;
  /** Colour temperature, K. */
  temperatureK?: number;
  /** 0 point, 1 rectangle, 2 disc, 3 sphere, 4 cylinder (area lights), with emitter size in cm. */
  geometry: number;
  widthCm: number;
  heightCm: number;
}
