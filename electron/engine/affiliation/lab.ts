/**
 * sRGB bytes → CIELAB (D65), the perceptual space the jersey signatures live in: distances in Lab
 * follow what an analyst sees as "the same colour" far better than RGB distances do, so two teams'
 * jerseys under the same arena light separate by a* / b* while shadows mostly move L*.
 * Formulas: the sRGB transfer curve (IEC 61966-2-1) and CIE 1976 L*a*b* with the D65 white point.
 */

/** sRGB byte → linear light, once for all 256 values (the per-pixel work is then three lookups). */
const LINEAR = new Float64Array(256);
for (let v = 0; v < 256; v++) {
  const c = v / 255;
  LINEAR[v] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

const WHITE_X = 0.95047;
const WHITE_Z = 1.08883;
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

function f(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

export interface Lab {
  L: number;
  a: number;
  b: number;
}

/** Writes L*, a*, b* of one sRGB pixel into out[0..2] (no allocation: called per torso pixel). */
export function rgbToLabInto(r: number, g: number, b: number, out: Float64Array): void {
  const rl = LINEAR[r]!;
  const gl = LINEAR[g]!;
  const bl = LINEAR[b]!;
  const x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / WHITE_X;
  const y = 0.2126729 * rl + 0.7151522 * gl + 0.072175 * bl;
  const z = (0.0193339 * rl + 0.119192 * gl + 0.9503041 * bl) / WHITE_Z;
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  out[0] = 116 * fy - 16;
  out[1] = 500 * (fx - fy);
  out[2] = 200 * (fy - fz);
}

export function rgbToLab(r: number, g: number, b: number): Lab {
  const out = new Float64Array(3);
  rgbToLabInto(r, g, b, out);
  return { L: out[0]!, a: out[1]!, b: out[2]! };
}

/** CIE76 ΔE: enough to tell jersey from ice; the finer ΔE2000 changes no decision here. */
export function deltaE(p: Lab, q: Lab): number {
  return Math.hypot(p.L - q.L, p.a - q.a, p.b - q.b);
}

/** Lab → sRGB hex, to show the analyst the measured jersey colour. */
export function labToHex(lab: Lab): string {
  const fy = (lab.L + 16) / 116;
  const fx = fy + lab.a / 500;
  const fz = fy - lab.b / 200;
  const inv = (t: number) => (t ** 3 > EPSILON ? t ** 3 : (116 * t - 16) / KAPPA);
  const x = inv(fx) * WHITE_X;
  const y = lab.L > KAPPA * EPSILON ? fy ** 3 : lab.L / KAPPA;
  const z = inv(fz) * WHITE_Z;
  const lin = [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ];
  return (
    '#' +
    lin
      .map((c) => {
        const v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.max(0, c) ** (1 / 2.4) - 0.055;
        return Math.round(Math.min(1, Math.max(0, v)) * 255)
          .toString(16)
          .padStart(2, '0');
      })
      .join('')
  );
}
