import { DOMAIN_ERROR_STATUS } from '../domain-error-codes';
import { PdfUnavailableError, ReportPdfPrinter } from './report-pdf.printer';

describe(ReportPdfPrinter.name, () => {
  it('refuses with PDF_UNAVAILABLE (503) naming the missing Chromium, without starting anything', async () => {
    const sut = new ReportPdfPrinter('/nonexistent/hourglass-test/chromium');
    const error = await sut.print('<p>x</p>').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfUnavailableError);
    expect((error as PdfUnavailableError).message).toContain(
      '/nonexistent/hourglass-test/chromium',
    );
    expect(DOMAIN_ERROR_STATUS[(error as PdfUnavailableError).code]).toBe(503);
  });
});
