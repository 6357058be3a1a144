// Integration and e2e tests wait for real servers: give each test a minute (e2e files raise it).
jest.setTimeout(60_000);
