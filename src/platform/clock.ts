import { Injectable } from '@nestjs/common';

/** The time for rules that depend on it (deadlines, open calls). Tests move it; production never does. */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Test support: make `now()` answer the given instant (time keeps running from there). */
  travelTo(instant: Date | string): void {
    this.offsetMs = new Date(instant).getTime() - Date.now();
  }
}
