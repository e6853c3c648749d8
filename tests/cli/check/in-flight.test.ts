import { describe, expect, it } from 'vitest';
import { InFlight } from '../../../src/cli/check/in-flight.js';

describe('InFlight', () => {
  it('has room while both the chunks and the records of checked chunks are under their caps', () => {
    const inFlight = new InFlight(3, 100);
    inFlight.sent();
    inFlight.sent();
    expect(inFlight.room).toBe(true);
    inFlight.sent();
    expect(inFlight.room).toBe(false);
    inFlight.done(0);
    expect(inFlight.room).toBe(true);
    inFlight.checked(60);
    expect(inFlight.room).toBe(true);
    inFlight.checked(40);
    expect(inFlight.room).toBe(false);
    inFlight.done(40);
    expect(inFlight.room).toBe(true);
  });

  it('counts a chunk checked again by its last count', () => {
    const inFlight = new InFlight(3, 100);
    inFlight.sent();
    inFlight.checked(150);
    expect(inFlight.room).toBe(false);
    inFlight.checked(30, 150);
    expect(inFlight.room).toBe(true);
    inFlight.done(30);
    inFlight.sent();
    inFlight.checked(99);
    expect(inFlight.room).toBe(true);
  });
});
