export const RECORDS = Symbol('RecordsDataSource');
