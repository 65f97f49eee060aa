// Integration suites start apps and talk to real services: give hooks and tests room.
jest.setTimeout(120_000);
