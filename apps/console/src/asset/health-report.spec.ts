import { healthReportPath, openHealthReport, type ReportTab } from './health-report';

/** A browser whose tab and blob URLs are recorded; `blocked` makes it refuse the tab. */
function fakeBrowser(blocked = false) {
  const events: string[] = [];
  const tab: ReportTab & { closed: boolean } = {
    location: { href: 'about:blank' },
    closed: false,
    close() {
      this.closed = true;
    },
  };
  return {
    events,
    tab,
    browser: {
      openTab: () => {
        events.push('open');
        return blocked ? null : tab;
      },
      createObjectURL: (blob: Blob) => {
        events.push(`url ${blob.type}`);
        return 'blob:console/1';
      },
    },
  };
}

describe('openHealthReport', () => {
  it('asks for the HTML by default and the PDF on request, the asset id encoded', () => {
    expect(healthReportPath('engine 1', 'html')).toBe('/api/assets/engine%201/health-report');
    expect(healthReportPath('e/2', 'pdf')).toBe('/api/assets/e%2F2/health-report?format=pdf');
  });

  it('opens the tab before fetching, then points it at the blob URL of the report', async () => {
    const { events, tab, browser } = fakeBrowser();
    const fetched: string[] = [];
    const opened = await openHealthReport(
      async (path) => {
        events.push('fetch');
        fetched.push(path);
        return new Blob(['%PDF'], { type: 'application/pdf' });
      },
      browser,
      'engine-1',
      'pdf',
    );
    expect(events).toEqual(['open', 'fetch', 'url application/pdf']);
    expect(fetched).toEqual(['/api/assets/engine-1/health-report?format=pdf']);
    expect(tab.location.href).toBe('blob:console/1');
    expect(opened).toEqual({ url: 'blob:console/1', inTab: true });
  });

  it('gives the URL to show as a link when the tab is blocked', async () => {
    const { browser } = fakeBrowser(true);
    const opened = await openHealthReport(
      async () => new Blob(['<html>'], { type: 'text/html' }),
      browser,
      'engine-1',
      'html',
    );
    expect(opened).toEqual({ url: 'blob:console/1', inTab: false });
  });

  it('closes the empty tab and passes the error on when the fetch fails', async () => {
    const { events, tab, browser } = fakeBrowser();
    await expect(
      openHealthReport(
        async () => {
          throw new Error('PDF_UNAVAILABLE');
        },
        browser,
        'engine-1',
        'pdf',
      ),
    ).rejects.toThrow('PDF_UNAVAILABLE');
    expect({ events, closed: tab.closed, href: tab.location.href }).toEqual({
      events: ['open'],
      closed: true,
      href: 'about:blank',
    });
  });
});
