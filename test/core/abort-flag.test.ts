import { describe, expect, it } from 'vitest';
import { AbortFlag } from '../../src/abort.js';
import { listenForAbort } from '../../src/abort-listener.js';

describe("the deadline's abort flag", () => {
  it('calls every listener once when it aborts, also when one removes itself as it is called (axios does)', () => {
    const flag = new AbortFlag();
    const called: string[] = [];
    const first = () => {
      called.push('first');
      flag.removeEventListener('abort', first);
    };
    flag.addEventListener('abort', first);
    flag.addEventListener('abort', () => called.push('second'));
    flag.abort();
    flag.abort();
    expect(called).toEqual(['first', 'second']);
  });

  it('calls no listener that was removed before it aborted', () => {
    const flag = new AbortFlag();
    const called: string[] = [];
    const stop = listenForAbort(flag, () => called.push('stopped'));
    listenForAbort(flag, () => called.push('kept'));
    stop();
    flag.abort();
    expect(called).toEqual(['kept']);
  });

  it("shares one listener on a caller's AbortSignal between the calls in flight, and removes it with the last", () => {
    const controller = new AbortController();
    const called: number[] = [];
    const stops = Array.from({ length: 20 }, (_, i) => listenForAbort(controller.signal, () => called.push(i)));
    for (const stop of stops.slice(0, 10)) stop();
    controller.abort();
    expect(called).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });
});
