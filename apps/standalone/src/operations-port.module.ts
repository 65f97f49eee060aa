import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HttpException,
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { IngestionOperations } from '@apps/ingestion';
import { Registry } from 'prom-client';

const OPERATIONS_ADDRESS = Symbol('OperationsAddress');

/** Where the operations endpoints listen: loopback by default (OPS_PORT). */
export interface OperationsAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * The operations endpoints (/health, /metrics) on their own port, as ingestion's microservice serves them
 * (IngestionOperations answers both). Not a route of the one Nest HTTP app: that app is the API's, whose global
 * guards would demand a login of Prometheus and the probes, and whose port is public while this one is the
 * operators'. So a plain Node server, two GET routes, no middleware.
 */
@Injectable()
export class OperationsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OperationsServer.name);
  private readonly server: Server;

  constructor(
    private readonly operations: IngestionOperations,
    @Inject(OPERATIONS_ADDRESS) private readonly address: OperationsAddress,
  ) {
    this.server = createServer((req, res) => {
      this.answer(req, res).catch((error: unknown) => {
        this.logger.warn(`${req.url ?? ''}: ${String(error)}`);
        if (!res.headersSent) send(res, 500, 'application/json', JSON.stringify({ statusCode: 500 }));
        else res.destroy();
      });
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.address.port, this.address.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** http://<host>:<port>, the port the server got (OPS_PORT=0: one the system chose). */
  url(): string {
    const { port } = this.server.address() as AddressInfo;
    const host = this.address.host.includes(':') ? `[${this.address.host}]` : this.address.host;
    return `http://${host}:${port}`;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // A scraper's keep-alive connection would hold close() open.
    this.server.closeAllConnections();
    await closed;
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://ops').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'application/json', JSON.stringify({ statusCode: 405 }));
    if (path === '/metrics')
      return send(res, 200, Registry.PROMETHEUS_CONTENT_TYPE, await this.operations.metricsText());
    if (path === '/health') {
      try {
        return send(res, 200, 'application/json', JSON.stringify(await this.operations.health()));
      } catch (error) {
        // Terminus answers a failed check with a 503 whose body lists every check, as the controller sends it.
        if (!(error instanceof HttpException)) throw error;
        return send(res, error.getStatus(), 'application/json', JSON.stringify(error.getResponse()));
      }
    }
    return send(
      res,
      404,
      'application/json',
      JSON.stringify({ statusCode: 404, message: `Cannot ${req.method} ${path}`, error: 'Not Found' }),
    );
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** The operations port of the standalone mode, over the very ingestion features the app runs. */
@Module({})
export class OperationsPortModule {
  /** `ingestion`: the very IngestionFeaturesModule the app imports (Nest tells dynamic modules apart by reference). */
  static register(address: OperationsAddress, ingestion: DynamicModule): DynamicModule {
    return {
      module: OperationsPortModule,
      imports: [ingestion],
      providers: [{ provide: OPERATIONS_ADDRESS, useValue: address }, OperationsServer],
      exports: [OperationsServer],
    };
  }
}
