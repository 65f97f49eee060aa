/**
 * @park/reports — the reports' figures and layout, with no I/O: each builder takes what the API read (hourly means,
 * the energy summaries…) and returns the numbers, then a ReportDocument that the API's XLSX and PDF renderers draw.
 * docs/reports.md defines every figure and cites the standards.
 */
export * from './report-period';
export * from './report-document';
export * from './emission-report';
export * from './energy-report';
export * from './alarm-report';
export * from './park-report';
