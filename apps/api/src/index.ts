/**
 * @apps/api — the API's public entry (REST, socket.io, the web app): what another app composes it from. Its own
 * main.ts starts it as a microservice.
 */
export { apiConfigSpec, type ApiConfig } from './api.config';
export { ApiFeaturesModule, ApiModule, apiBusSettings } from './api.module';
export { apiAppOptions, configureApiHttp, createApi, startApi, type ApiOptions } from './main';
