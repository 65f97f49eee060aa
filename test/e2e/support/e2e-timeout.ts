// End-to-end suites start three apps and a browser on the real services: give hooks and tests room.
jest.setTimeout(180_000);
