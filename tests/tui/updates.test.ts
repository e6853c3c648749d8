import { describe, expect, it } from 'vitest';
import { throttleProgress, UpdateFeed, type Update } from '../../src/tui/updates.js';
import { settle, syntheticStore } from './helpers.js';

const store = syntheticStore(0);
const progress = (count: number, done = false): Update => ({ kind: 'progress', store, count, problemCount: 0, done });

describe('UpdateFeed', () => {
  it('tells a late listener the latest progress first, then what comes', () => {
    const feed = new UpdateFeed();
    feed.push(progress(1));
    feed.push(progress(2));
    const heard: Update[] = [];
    const stop = feed.subscribe((update) => heard.push(update));
    feed.push({ kind: 'reloadFailed', message: 'x' });
    stop();
    feed.push(progress(3));
    expect(heard).toEqual([progress(2), { kind: 'reloadFailed', message: 'x' }]);
  });
});

describe('throttleProgress', () => {
  it('passes the first progress at once, the latest at the end of the interval, done and other updates at once', async () => {
    const heard: Update[] = [];
    const throttled = throttleProgress((update) => heard.push(update), 80);
    throttled.push(progress(1));
    throttled.push(progress(2));
    throttled.push(progress(3));
    expect(heard).toEqual([progress(1)]);
    await settle(120);
    expect(heard).toEqual([progress(1), progress(3)]);
    throttled.push(progress(4));
    throttled.push({ kind: 'reloadFailed', message: 'x' });
    // Held-back progress goes first, so updates keep their order.
    expect(heard.slice(2)).toEqual([progress(4), { kind: 'reloadFailed', message: 'x' }]);
    throttled.push(progress(5));
    throttled.push(progress(6, true));
    expect(heard.slice(4)).toEqual([progress(6, true)]);
    throttled.push(progress(7));
    throttled.stop();
    await settle(120);
    expect(heard).toHaveLength(5);
  });
});
