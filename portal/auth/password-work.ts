// Bounds the scrypt work (each hash is ~32 MiB of memory and ~0.1 s of a core) so a flood of
// sign-ups cannot starve log-on. Two lanes share `slots` hashes at a time:
// - `logOn` (log-on and password checks of people who have an account) is always served first and
//   may use every slot;
// - `signUp` (new accounts) starts only while, once started, a slot is still free (or, with one
//   slot, when nothing else runs), so an arriving log-on finds a slot at once even while others
//   run; sign-ups wait in a bounded queue: past it the caller is refused at once.
import { say } from '../../shared/messages/say.js';
import { PortalHttpError } from '../http/errors.js';

export type PasswordLane = 'logOn' | 'signUp';

export interface PasswordWorkOptions {
  /** Hashes run at once: about the number of cores. */
  slots: number;
  /** Sign-ups that may wait for a slot; more are refused (429). */
  signUpQueue: number;
}

interface Waiting {
  lane: PasswordLane;
  start: () => void;
}

export class PasswordWork {
  private running = { logOn: 0, signUp: 0 };
  private readonly waiting: Record<PasswordLane, Waiting[]> = { logOn: [], signUp: [] };

  constructor(private readonly o: PasswordWorkOptions) {}

  /**
   * Refuses a sign-up now (429) if `run` would: its queue is full. Checked before anything else
   * is done for it, so a flood of sign-ups costs the portal next to nothing past that point.
   */
  refuseIfFull(lane: PasswordLane): void {
    if (lane === 'signUp' && !this.canStart(lane) && this.waiting.signUp.length >= this.o.signUpQueue) {
      throw new PortalHttpError('rate_limited', say('portal.signUpBusy'), undefined, 5);
    }
  }

  /** Runs `work` in `lane` when a slot is free; refuses a sign-up when its queue is full. */
  async run<T>(lane: PasswordLane, work: () => Promise<T>): Promise<T> {
    if (!this.canStart(lane)) {
      this.refuseIfFull(lane);
      await new Promise<void>((start) => this.waiting[lane].push({ lane, start }));
    } else {
      this.running[lane]++;
    }
    try {
      return await work();
    } finally {
      this.running[lane]--;
      this.next();
    }
  }

  private canStart(lane: PasswordLane) {
    const busy = this.running.logOn + this.running.signUp;
    if (busy >= this.o.slots) return false;
    // A log-on never queues behind a sign-up that could have waited: one slot stays free for it.
    if (lane === 'signUp') return this.waiting.logOn.length === 0 && busy < Math.max(1, this.o.slots - 1);
    return true;
  }

  /** Hands a freed slot on: log-ons first. */
  private next() {
    for (const lane of ['logOn', 'signUp'] as const) {
      while (this.waiting[lane].length && this.canStart(lane)) {
        const waiter = this.waiting[lane].shift()!;
        this.running[lane]++;
        waiter.start();
      }
    }
  }
}
