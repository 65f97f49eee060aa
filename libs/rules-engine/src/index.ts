/** @park/rules-engine — pure rule evaluation: no I/O, no clock of its own; the rules service feeds it. */
export * from './threshold';
export * from './evaluate';
export * from './default-rules';
