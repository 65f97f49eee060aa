/** The 一企一档 / 一地一档 records: audited stores over enterprises, land, carriers, devices, users and the plan. */
export * from './records-errors';
export * from './paging';
export * from './audit-trail';
export * from './audited-store';
export * from './attached-documents';
export * from './enterprise-records';
export * from './land-records';
export * from './carrier-records';
export * from './plan-records';
export * from './device-admin';
export * from './user-admin';
export * from './qualification-records';
export * from './source-figures';
export * from './exchange-rows';
export * from './exchange-records';
