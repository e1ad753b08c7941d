import type { ManualClock } from '../core/index.js';

/** Cancels a timer set by a Scheduler; calling it after the timer fired does nothing. */
export type CancelTimer = () => void;

/** Runs a callback after a delay: the port through which queues schedule delayed adds. */
export interface Scheduler {
  setTimer(ms: number, fn: () => void): CancelTimer;
}

/** The real scheduler, on Node's timers. */
export const systemScheduler: Scheduler = {
  setTimer(ms, fn) {
    const timer = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};

/** A scheduler whose timers fire only when `advance` moves its manual clock past them. */
export interface ManualScheduler extends Scheduler {
  /** Moves the clock forward by `ms`, firing due timers in deadline order with the clock at each deadline. */
  advance(ms: number): void;
  /** How many timers are set and not yet fired or cancelled. */
  pending(): number;
}

interface ManualTimer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Creates a manual scheduler driving `clock`, so delayed work and `clock.now()` move together. */
export function createManualScheduler(clock: ManualClock): ManualScheduler {
  const timers: ManualTimer[] = [];
  let seq = 0;
  const nextDue = (until: number): ManualTimer | undefined =>
    timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
  return {
    setTimer(ms, fn) {
      const timer = { at: clock.now() + Math.max(0, ms), seq: seq++, fn };
      timers.push(timer);
      return () => {
        const index = timers.indexOf(timer);
        if (index >= 0) timers.splice(index, 1);
      };
    },
    advance(ms) {
      const target = clock.now() + ms;
      for (let timer = nextDue(target); timer; timer = nextDue(target)) {
        timers.splice(timers.indexOf(timer), 1);
        if (timer.at > clock.now()) clock.advance(timer.at - clock.now());
        timer.fn();
      }
      if (target > clock.now()) clock.advance(target - clock.now());
    },
    pending: () => timers.length,
  };
}
