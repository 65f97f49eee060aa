import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Hj212Framer, type Hj212Frame } from '@park/hj212';
import { HJ212_BRIDGE_CONFIG, type Hj212BridgeConfig } from './hj212-bridge.config';
import { Hj212BridgeService } from './hj212-bridge.service';
import { Hj212Metrics } from './hj212-metrics';

/** Frames waiting on one connection before it stops reading (TCP back-pressure on a logger that floods). */
const PAUSE_AT = 64;
const RESUME_AT = 8;

/**
 * Transport only: accepts data-logger connections, cuts each byte stream into frames, hands them one at a time to
 * Hj212BridgeService (so answers leave in the order the uploads came) and writes back what it returns. Nothing a
 * client sends closes the connection except silence longer than HJ212_IDLE_TIMEOUT_MS.
 */
@Injectable()
export class Hj212TcpServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Hj212TcpServer.name);
  private readonly server: Server;
  private readonly connections = new Set<Connection>();

  constructor(
    @Inject(HJ212_BRIDGE_CONFIG) private readonly config: Hj212BridgeConfig,
    private readonly bridge: Hj212BridgeService,
    private readonly metrics: Hj212Metrics,
  ) {
    this.server = createServer((socket) => this.accept(socket));
    this.server.maxConnections = config.HJ212_MAX_CONNECTIONS;
  }

  async onApplicationBootstrap(): Promise<void> {
    const wanted = this.config.HJ212_PORT;
    const attempts = wanted === 0 ? 1 : this.config.HJ212_PORT_ATTEMPTS;
    for (let i = 0; ; i++) {
      try {
        await this.listen(wanted === 0 ? 0 : wanted + i);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || i >= attempts - 1) throw error;
      }
    }
    this.server.on('error', (error) => this.logger.error(`TCP server: ${error.message}`));
    const { address, port } = this.address();
    // Loggers are configured with the bridge's port: one that moved is worth a warning.
    if (wanted !== 0 && port !== wanted) {
      this.logger.warn(`HJ 212 port ${wanted} is taken (another bridge?); listening on ${port}`);
    }
    this.logger.log(`HJ 212 data loggers: listening on ${address}:${port}`);
  }

  private listen(port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      this.server.once('error', fail);
      this.server.listen(port, this.config.HJ212_HOST, () => {
        this.server.off('error', fail);
        resolve();
      });
    });
  }

  /** Whether the data loggers' port is open. */
  get listening(): boolean {
    return this.server.listening;
  }

  address(): AddressInfo {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('HJ 212 server is not listening');
    return address;
  }

  async beforeApplicationShutdown(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Let frames already being handled finish (their answers may still go out), then hang up.
    await Promise.all([...this.connections].map((c) => c.finish()));
    await closed;
  }

  private accept(socket: Socket): void {
    const connection = new Connection(socket, this.bridge, this.metrics, this.config.HJ212_IDLE_TIMEOUT_MS);
    this.connections.add(connection);
    socket.once('close', () => this.connections.delete(connection));
  }
}

class Connection {
  private readonly logger = new Logger('Hj212Connection');
  private readonly framer = new Hj212Framer();
  private readonly peer: string;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private closing = false;

  constructor(
    private readonly socket: Socket,
    private readonly bridge: Hj212BridgeService,
    private readonly metrics: Hj212Metrics,
    idleTimeoutMs: number,
  ) {
    this.peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    metrics.connectionsOpened++;
    metrics.connectionsOpen++;
    this.logger.log(`${this.peer} connected`);
    socket.setNoDelay(true);
    socket.setTimeout(idleTimeoutMs);
    socket.on('timeout', () => {
      metrics.idleTimeouts++;
      this.logger.log(`${this.peer} idle for ${idleTimeoutMs} ms, closing`);
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.logger.warn(`${this.peer}: ${error.message}`));
    socket.once('close', () => {
      metrics.connectionsOpen--;
      this.logger.log(`${this.peer} disconnected`);
    });
  }

  /** Waits for the frames already received, then closes the connection. */
  async finish(): Promise<void> {
    this.closing = true;
    this.socket.pause();
    await this.queue;
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    for (const event of this.framer.push(chunk)) {
      switch (event.kind) {
        case 'frame':
          this.enqueue(event.frame);
          break;
        case 'skipped':
          this.metrics.bytesSkipped += event.bytes;
          break;
        case 'dropped':
          this.metrics.countDropped(event.reason);
          this.logger.warn(`${this.peer}: frame dropped (${event.reason}: ${event.detail})`);
          break;
      }
    }
  }

  private enqueue(frame: Hj212Frame): void {
    this.pending++;
    if (this.pending >= PAUSE_AT) this.socket.pause();
    this.queue = this.queue
      .then(() => this.bridge.handleFrame(frame, this.peer))
      .then(
        (reply) => {
          if (reply && !this.socket.destroyed) this.socket.write(reply);
        },
        (error: unknown) => this.logger.error(`${this.peer}: frame not handled: ${String(error)}`),
      )
      .finally(() => {
        this.pending--;
        if (this.pending <= RESUME_AT && !this.closing && this.socket.isPaused()) this.socket.resume();
      });
  }
}
