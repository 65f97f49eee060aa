import { Global, Module } from '@nestjs/common';
import { CLOCK, SystemClock } from './clock';

/** The system clock as CLOCK for every module of the app: imported once, by the module an app's main.ts starts. */
@Global()
@Module({ providers: [{ provide: CLOCK, useClass: SystemClock }], exports: [CLOCK] })
export class ClockModule {}
