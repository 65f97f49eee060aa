import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { InvalidTokenError, type VerifiedToken } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import {
  SOCKET_EVENTS,
  type AlertEvent,
  type DeviceStatusEvent,
  type TelemetryUpdate,
} from '@park/contracts';
import type { Server, Socket } from 'socket.io';
import { AlertsService } from '../alerts/alerts.service';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { SessionRegistry, type SessionEnd } from '../auth/session-registry';
import { audienceOf, roomsFor } from './rooms';

interface SocketData {
  session: VerifiedToken;
}

/** setTimeout's longest delay; a socket whose token lives longer is ended by the periodic re-check instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const sessionOf = (socket: Socket): VerifiedToken | undefined => (socket.data as Partial<SocketData>).session;

/**
 * socket.io gateway. Access: every connection must present a valid token of a live session in the handshake
 * (`auth.token`), and keeps its events only while that holds: it is disconnected when its token expires (a timer
 * at `exp`), at once when its session is ended through this instance (logout, sign out everywhere, user disabled
 * or changed, display token revoked — SessionRegistry), and at the next re-check (every SESSION_RECHECK_MS) when
 * it was ended through another instance. The server only emits (libs/contracts realtime.ts) — `alert`,
 * `telemetry` and `device-status` — each to the park room (admin, officer, operator) and to the room of the
 * enterprise it concerns (that enterprise's energy managers); wall displays get `alert` and `device-status`. A
 * client may send `auth.lastSeq` to receive the alert events it missed.
 */
@WebSocketGateway() // Origin allow-list and CORS: OriginCheckingIoAdapter (http/socket-origins.ts)
export class AlertsGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(AlertsGateway.name);
  @WebSocketServer() server!: Server;
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  private recheckTimer: NodeJS.Timeout | null = null;
  private rechecking = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly sessions: SessionRegistry,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly alerts: AlertsService,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      if (typeof token !== 'string' || token.length === 0) {
        next(new Error('unauthorized: a token is required in the handshake'));
        return;
      }
      this.sessions.authenticate(token).then(
        (session) => {
          (socket.data as SocketData).session = session;
          next();
        },
        (error: unknown) => {
          if (error instanceof InvalidTokenError) next(new Error(`unauthorized: ${error.message}`));
          else {
            // The records could not be read: not the client's fault, so not "unauthorized" (it retries).
            this.logger.warn(`session check failed: ${String(error)}`);
            next(new Error('session check failed; try again'));
          }
        },
      );
    });
    this.unsubscribe = this.sessions.onEnd((end) => this.endSessions(end));
    this.recheckTimer = setInterval(() => void this.recheck(), this.config.SESSION_RECHECK_MS);
    this.recheckTimer.unref();
  }

  async handleConnection(socket: Socket): Promise<void> {
    const session = sessionOf(socket);
    if (!session) {
      socket.disconnect(true);
      return;
    }
    const left = session.expiresAt - this.clock.now();
    if (left <= 0) {
      this.end(socket, 'token expired');
      return;
    }
    if (left < MAX_TIMER_MS) {
      const timer = setTimeout(() => this.end(socket, 'token expired'), left);
      timer.unref();
      this.expiryTimers.set(socket.id, timer);
    }
    const { principal } = session;
    await socket.join(roomsFor(principal));
    const lastSeq: unknown = socket.handshake.auth?.lastSeq;
    if (typeof lastSeq === 'number' && Number.isInteger(lastSeq) && lastSeq >= 0) {
      try {
        const missed = await this.alerts.eventsAfter(principal, lastSeq, this.config.CATCH_UP_LIMIT);
        for (const event of missed) socket.emit(SOCKET_EVENTS.alert, event);
      } catch (error) {
        this.logger.warn(`catch-up for ${principal.username} failed: ${String(error)}`);
      }
    }
    socket.emit(SOCKET_EVENTS.ready, { rooms: roomsFor(principal) });
  }

  handleDisconnect(socket: Socket): void {
    const timer = this.expiryTimers.get(socket.id);
    if (timer) clearTimeout(timer);
    this.expiryTimers.delete(socket.id);
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
  }

  broadcastAlert(event: AlertEvent): void {
    this.server.to(audienceOf(event.alert.enterpriseId, { wall: true })).emit(SOCKET_EVENTS.alert, event);
  }

  broadcastTelemetry(update: TelemetryUpdate): void {
    this.server.to(audienceOf(update.enterpriseId)).emit(SOCKET_EVENTS.telemetry, update);
  }

  broadcastDeviceStatus(event: DeviceStatusEvent): void {
    this.server.to(audienceOf(event.enterpriseId, { wall: true })).emit(SOCKET_EVENTS.deviceStatus, event);
  }

  /** Disconnects the sockets of sessions just ended through this instance. */
  private endSessions(end: SessionEnd): void {
    for (const socket of this.connected()) {
      const session = sessionOf(socket);
      if (!session) continue;
      const hit =
        end.kind === 'session'
          ? session.sessionId === end.sessionId
          : session.principal.userId === end.userId;
      if (hit) this.end(socket, 'session ended');
    }
  }

  /** Every open socket's session read again from the records: ends those ended elsewhere or expired. */
  private async recheck(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      const now = this.clock.now();
      const open: { socket: Socket; session: VerifiedToken }[] = [];
      for (const socket of this.connected()) {
        const session = sessionOf(socket);
        if (!session) continue;
        if (session.expiresAt <= now) this.end(socket, 'token expired');
        else open.push({ socket, session });
      }
      if (open.length === 0) return;
      const live = await this.sessions.check(open.map((o) => o.session));
      for (const { socket, session } of open) {
        if (!live.has(session.sessionId)) this.end(socket, 'session ended');
      }
    } catch (error) {
      // The records could not be read: keep the sockets (a database blip must not drop every screen).
      this.logger.warn(`session re-check failed: ${String(error)}`);
    } finally {
      this.rechecking = false;
    }
  }

  private connected(): Socket[] {
    return this.server ? [...this.server.sockets.sockets.values()] : [];
  }

  private end(socket: Socket, reason: string): void {
    if (!socket.connected) return;
    const session = sessionOf(socket);
    this.logger.log(`closing socket of ${session?.principal.username ?? 'unknown'}: ${reason}`);
    socket.disconnect(true);
  }
}
