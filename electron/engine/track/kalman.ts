/**
 * Constant-velocity Kalman filter on a box, state (cx, cy, w, h) and their velocities in px/s.
 *
 * With a diagonal measurement noise and a per-axis process noise the 8×8 filter splits exactly
 * into four independent 2-state filters (position, velocity), so no matrix library is needed.
 * Everything is in seconds: predict(dt) integrates real elapsed time, which keeps the behaviour the
 * same whether frames are strided or the video runs at 10, 30 or a variable frame rate.
 * Noise scales with the box height (as in ByteTrack) so near and far players behave alike.
 */

export interface KalmanParams {
  /** Std of the measured centre/size, as a fraction of box height (ByteTrack: 1/20). */
  measurementStd: number;
  /**
   * Std of the unmodelled acceleration of centre/size, in box heights per s². Low on purpose:
   * ByteTrack's per-frame velocity noise (h/160 at 30 fps) is ≈ 0.03 h/s² in these units. A high
   * value lets a track be dragged along by a merged box while two players overlap, and then the
   * wrong one wins the id when they separate (seen on the vtest.avi crossing fixture at 2 h/s²).
   */
  accelerationStd: number;
  /** Std of the initial velocity guess, in box heights per s (large: the first frame says nothing). */
  initialVelocityStd: number;
}

export const defaultKalmanParams: KalmanParams = {
  measurementStd: 1 / 20,
  accelerationStd: 0.5,
  initialVelocityStd: 2,
};

export interface BoxState {
  cx: number;
  cy: number;
  w: number;
  h: number;
}

/** One axis: position x, velocity v, covariance [[pxx, pxv], [pxv, pvv]]. */
interface Axis {
  x: number;
  v: number;
  pxx: number;
  pxv: number;
  pvv: number;
}

export interface KalmanBox {
  axes: [Axis, Axis, Axis, Axis];
}

function axis(x: number, posStd: number, velStd: number): Axis {
  return { x, v: 0, pxx: posStd * posStd, pxv: 0, pvv: velStd * velStd };
}

export function initiate(box: BoxState, params: KalmanParams = defaultKalmanParams): KalmanBox {
  const h = Math.max(box.h, 1);
  const pos = params.measurementStd * h * 2;
  const vel = params.initialVelocityStd * h;
  return {
    axes: [axis(box.cx, pos, vel), axis(box.cy, pos, vel), axis(box.w, pos, vel), axis(box.h, pos, vel)],
  };
}

/** Discrete white-noise-acceleration model: Q = σa² · G Gᵀ with G = [dt²/2, dt]. */
function predictAxis(a: Axis, dt: number, accStd: number): Axis {
  const q = accStd * accStd;
  const dt2 = dt * dt;
  const pxx = a.pxx + 2 * dt * a.pxv + dt2 * a.pvv + (q * dt2 * dt2) / 4;
  const pxv = a.pxv + dt * a.pvv + (q * dt2 * dt) / 2;
  const pvv = a.pvv + q * dt2;
  return { x: a.x + a.v * dt, v: a.v, pxx, pxv, pvv };
}

/** Returns a new filter advanced by dt seconds (dt ≤ 0 leaves the state unchanged). */
export function predict(k: KalmanBox, dt: number, params: KalmanParams = defaultKalmanParams): KalmanBox {
  if (!(dt > 0)) return k;
  const h = Math.max(k.axes[3].x, 1);
  const acc = params.accelerationStd * h;
  const [a0, a1, a2, a3] = k.axes;
  return {
    axes: [predictAxis(a0, dt, acc), predictAxis(a1, dt, acc), predictAxis(a2, dt, acc), predictAxis(a3, dt, acc)],
  };
}

function updateAxis(a: Axis, z: number, r: number): Axis {
  const s = a.pxx + r;
  const kx = a.pxx / s;
  const kv = a.pxv / s;
  const y = z - a.x;
  return {
    x: a.x + kx * y,
    v: a.v + kv * y,
    pxx: (1 - kx) * a.pxx,
    pxv: (1 - kx) * a.pxv,
    pvv: a.pvv - kv * a.pxv,
  };
}

/** Returns a new filter corrected by a measured box. */
export function update(k: KalmanBox, box: BoxState, params: KalmanParams = defaultKalmanParams): KalmanBox {
  const h = Math.max(k.axes[3].x, 1);
  const std = params.measurementStd * h;
  const r = std * std;
  const [a0, a1, a2, a3] = k.axes;
  return {
    axes: [updateAxis(a0, box.cx, r), updateAxis(a1, box.cy, r), updateAxis(a2, box.w, r), updateAxis(a3, box.h, r)],
  };
}

export function stateOf(k: KalmanBox): BoxState {
  const [a0, a1, a2, a3] = k.axes;
  return { cx: a0.x, cy: a1.x, w: Math.max(a2.x, 1e-3), h: Math.max(a3.x, 1e-3) };
}

export function velocityOf(k: KalmanBox): BoxState {
  const [a0, a1, a2, a3] = k.axes;
  return { cx: a0.v, cy: a1.v, w: a2.v, h: a3.v };
}

/** Stops size drift of a track that is not being observed (ByteTrack zeroes vh of lost tracks). */
export function freezeSize(k: KalmanBox): KalmanBox {
  const [a0, a1, a2, a3] = k.axes;
  return { axes: [a0, a1, { ...a2, v: 0 }, { ...a3, v: 0 }] };
}
