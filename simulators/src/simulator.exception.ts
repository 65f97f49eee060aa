/** Why the simulator refused something: a bad argument, manifest, scenario or broker. Codes are stable. */
export enum SimulatorErrorCode {
  BAD_ARGUMENT = 'BAD_ARGUMENT',
  BAD_MANIFEST = 'BAD_MANIFEST',
  UNKNOWN_DEVICE = 'UNKNOWN_DEVICE',
  UNKNOWN_SCENARIO = 'UNKNOWN_SCENARIO',
  SCENARIO_NOT_APPLICABLE = 'SCENARIO_NOT_APPLICABLE',
  BAD_SCENARIO_PARAM = 'BAD_SCENARIO_PARAM',
  NOT_LOOPBACK = 'NOT_LOOPBACK',
  CONNECT_FAILED = 'CONNECT_FAILED',
}

export class SimulatorException extends Error {
  constructor(
    readonly code: SimulatorErrorCode,
    message: string,
    /** Every problem found, when there were several (a manifest, a command line). */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
    this.name = 'SimulatorException';
  }
}
