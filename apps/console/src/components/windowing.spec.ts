import { computeWindow, scrollTopFor } from './windowing';

describe('computeWindow', () => {
  const base = { count: 10_000, rowHeight: 32, viewportHeight: 320, overscan: 4 };

  it('renders only the visible rows and the overscan of a long list', () => {
    const sut = computeWindow({ ...base, scrollTop: 0 });
    expect(sut).toEqual({ start: 0, end: 11 + 4, offsetTop: 0, totalHeight: 320_000 });
  });

  it('moves the window with the scroll position and offsets it by whole rows', () => {
    const sut = computeWindow({ ...base, scrollTop: 32 * 5_000 + 10 });
    expect(sut.start).toBe(4_996);
    expect(sut.end).toBe(5_000 + 11 + 4);
    expect(sut.offsetTop).toBe(4_996 * 32);
    expect(sut.end - sut.start).toBeLessThan(30);
  });

  it('clamps a scroll position past the end to the last rows', () => {
    const sut = computeWindow({ ...base, scrollTop: 10_000_000 });
    expect(sut.end).toBe(10_000);
    expect(sut.start).toBe(10_000 - 10 - 4);
  });

  it('renders every row of a list shorter than the viewport', () => {
    expect(computeWindow({ ...base, count: 3, scrollTop: 0 })).toEqual({
      start: 0,
      end: 3,
      offsetTop: 0,
      totalHeight: 96,
    });
  });

  it('renders nothing for an empty list', () => {
    expect(computeWindow({ ...base, count: 0, scrollTop: 50 })).toEqual({
      start: 0,
      end: 0,
      offsetTop: 0,
      totalHeight: 0,
    });
  });
});

describe('scrollTopFor', () => {
  it('scrolls up to a row above the viewport, down to one below it, and not for a visible one', () => {
    expect(scrollTopFor(2, 32, 320, 320)).toBe(64);
    expect(scrollTopFor(20, 32, 0, 320)).toBe(21 * 32 - 320);
    expect(scrollTopFor(5, 32, 0, 320)).toBeNull();
  });
});
